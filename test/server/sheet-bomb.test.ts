import ExcelJS from 'exceljs';
import { loadConfig } from '../../server/src/config';
import { Framework } from '../../server/src/modules/framework/framework.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, type World } from '../helpers/world';
import { buildZip, type ZipPart } from '../helpers/zip';

const IMPORT_SHEET = `mutation($i:ImportFrameworkSheetInput!){importFrameworkSheet(input:$i){id}}`;
const meta = { code: 'BOMB', name: 'Bomb', year: 2025, unitKind: 'DISTRICT', notApplicable: 'FULL', bands: [{ label: 'A', minPercent: 0 }] };
const defaults = loadConfig({ NODE_ENV: 'test' }, { tokenSecret: 'x'.repeat(40), dataDir: '/tmp' });
const MB = 1 << 20;

/** The parts of a minimal workbook around a first worksheet of `rows` copies of one row. */
function workbook(row: string, rows: number, declaredSize?: number): ZipPart[] {
  const xml = (s: string) => Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + s);
  return [
    { name: '[Content_Types].xml', data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>') },
    { name: '_rels/.rels', data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    { name: 'xl/workbook.xml', data: xml('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>') },
    { name: 'xl/_rels/workbook.xml.rels', data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: xml('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'),
      repeat: { chunk: Buffer.from(row.repeat(1000)), times: Math.ceil(rows / 1000) },
      tail: Buffer.from('</sheetData></worksheet>'),
      declaredSize,
    },
  ];
}
const ROW = '<row><c t="inlineStr"><is><t>1</t></is></c><c t="inlineStr"><is><t>Tiêu chí</t></is></c><c><v>1</v></c></row>';

describe('spreadsheet bombs sent to importFrameworkSheet', () => {
  let t: TestApp;
  let w: World;
  const send = (file: Buffer) => gql(t.url, IMPORT_SHEET, { i: { ...meta, fileBase64: file.toString('base64'), format: 'XLSX' } }, w.tokens.admin);
  const frameworks = () => t.orm.em.fork().count(Framework, {});
  const alive = async () => expect((await ok(t.url, `{ me { id } }`, {}, w.tokens.admin)).me.id).toBeTruthy();
  const refusal = (r: Awaited<ReturnType<typeof send>>) => {
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.problems?.[0]?.path).toBe('fileBase64');
    return String(r.errors![0].extensions!.problems[0].message);
  };
  let before: number;

  beforeAll(async () => {
    t = await startTestApp({
      limits: { ...defaults.limits, maxPayloadBytes: 4 * MB },
      imports: { ...defaults.imports, maxCells: 10_000, heapMb: 64 },
    });
    w = await buildWorld(t);
    before = await frameworks();
  });
  afterEach(async () => {
    await alive();
    expect(await frameworks()).toBe(before);
  });
  afterAll(() => t?.close());

  it('should refuse a spreadsheet of under 1 MB that unpacks to 220 MB (the probe’s bomb) from the zip directory, before reading it', async () => {
    const bomb = await buildZip(workbook(ROW, (220 * MB) / ROW.length));
    expect(bomb.length).toBeLessThan(1 * MB);
    expect(refusal(await send(bomb))).toMatch(/unpacks to more than 100 MB/);
  });

  it('should refuse a bomb whose directory lies about its size, without unpacking more than it declared', async () => {
    const liar = await buildZip(workbook(ROW, (300 * MB) / ROW.length, 4096));
    expect(refusal(await send(liar))).toMatch(/a part unpacks to more than it declares/);
  });

  it('should refuse a zip of more parts than a spreadsheet has', async () => {
    const parts = Array.from({ length: defaults.imports.maxEntries + 1 }, (_, i) => ({ name: `p${i}.xml`, data: Buffer.from('<x/>') }));
    expect(refusal(await send(await buildZip(parts)))).toMatch(/more than 1000 parts/);
  });

  it('should refuse a sheet of more cells than allowed', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['code', 'title', 'max_score']);
    for (let i = 1; i <= 4_000; i++) ws.addRow([String(i), 'Tiêu chí', 1]);
    expect(refusal(await send(Buffer.from(await wb.xlsx.writeBuffer())))).toMatch(/more than 10,000 cells/);
  });

  it('should read a sheet that needs more memory than allowed in a worker that gives up, the server answering meanwhile', async () => {
    // 60 MB of sheet: under the unpacked limit, far over the reader's 64 MB heap
    const heavy = await buildZip(workbook(ROW, (60 * MB) / ROW.length));
    // the server answers others while it reads; the refusal names the reader's own heap limit,
    // which only a worker with resource limits has (the server's heap is not capped)
    const [result] = await Promise.all([send(heavy), alive(), alive(), alive()]);
    expect(refusal(result)).toMatch(/needs more than 64 MB of memory/);
  });
});
