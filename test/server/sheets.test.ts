import ExcelJS from 'exceljs';
import { Assessment } from '../../server/src/modules/assessment/assessment.entity';
import { ScoreEntry } from '../../server/src/modules/assessment/score-entry.entity';
import { Framework } from '../../server/src/modules/framework/framework.entity';
import { Criterion } from '../../server/src/modules/framework/criterion.entity';
import { Period, Phase } from '../../server/src/modules/period/period.entity';
import { Result } from '../../server/src/modules/results/result.entity';
import { parseCsv } from '../../server/src/modules/sheets/csv';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, save, type World } from '../helpers/world';

/** A criteria set with every method and the awkward cases: a code "1.10", labels with ; and =, guidance over two lines. */
const richFramework = () => ({
  code: 'CCHC-2025',
  name: 'Chỉ số cải cách hành chính cấp huyện',
  year: 2025,
  unitKind: 'DISTRICT',
  notApplicable: 'FULL',
  bands: [
    { label: 'Tốt', minPercent: 90 },
    { label: 'Khá', minPercent: 80 },
    { label: 'Trung bình', minPercent: 65 },
    { label: 'Yếu', minPercent: 0 },
  ],
  criteria: [
    {
      code: '1', title: 'Công tác chỉ đạo, điều hành', maxScore: 12.5, guidance: 'Theo Quyết định 1149/QĐ-BNV', children: [
        { code: '1.1', title: 'Kế hoạch CCHC năm', maxScore: 2, method: 'BOOLEAN', evidenceRequired: true },
        { code: '1.2', title: 'Mức độ hoàn thành kế hoạch', maxScore: 3, method: 'TIERS', allowNotApplicable: true,
          tiers: [{ label: 'Đầy đủ', share: 1 }, { label: 'Một phần; chưa đủ', share: 0.5 }, { label: 'Không = 0', share: 0 }] },
        { code: '1.10', title: 'Tỷ lệ văn bản đúng hạn', maxScore: 4, method: 'RATIO', evidenceRequired: true, allowAboveFull: true,
          thresholds: [{ minPercent: 100, share: 1 }, { minPercent: 0, share: 'ratio' }] },
        { code: '1.3', title: 'Tự đánh giá', maxScore: 3.5, method: 'MANUAL', step: 0.25, guidance: 'Dòng 1\ndòng 2, có "ngoặc kép"' },
      ],
    },
    {
      code: '2', title: 'Dịch vụ công', maxScore: 7.5, children: [
        { code: '2.1', title: 'Hồ sơ trực tuyến', maxScore: 5, children: [
          { code: '2.1.1', title: 'Tỷ lệ hồ sơ trực tuyến toàn trình', maxScore: 5, method: 'RELATIVE' },
        ] },
        { code: '2.2', title: 'Thưởng sáng kiến', maxScore: 1, method: 'BONUS' },
        { code: '2.3', title: 'Vi phạm kỷ luật', maxScore: 2, method: 'DEDUCTION' },
        { code: '2.4', title: 'Theo ngưỡng', maxScore: 2.5, method: 'RATIO',
          thresholds: [{ minPercent: 90, share: 1 }, { minPercent: 70.5, share: 0.75 }, { minPercent: 0, share: 0 }] },
      ],
    },
  ],
});

const meta = (code: string) => ({
  code,
  name: 'Bộ tiêu chí nhập từ bảng tính',
  year: 2025,
  unitKind: 'DISTRICT',
  notApplicable: 'FULL',
  bands: [{ label: 'Tốt', minPercent: 90 }, { label: 'Khá', minPercent: 80 }, { label: 'Trung bình', minPercent: 65 }, { label: 'Yếu', minPercent: 0 }],
});

const IMPORT = `mutation($d:JSONObject!){importFramework(document:$d){id version}}`;
const IMPORT_SHEET = `mutation($i:ImportFrameworkSheetInput!){importFrameworkSheet(input:$i){id code version status maxScore}}`;
const TREE = `query($id:ID!){framework(id:$id){code version maxScore notApplicable capTotal bands{label minPercent}
  criteria{code title guidance maxScore method isLeaf depth evidenceRequired allowNotApplicable allowAboveFull step
    tierOptions{label share} thresholdOptions{minPercent share ratio} parent{code}}}}`;

/** A workbook's first sheet as rows of cell values (1-based like Excel, row 0 unused). */
async function sheetOf(body: Buffer, index = 0) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const ws = wb.worksheets[index];
  const rows: { values: any[]; numFmts: (string | undefined)[] }[] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values: any[] = [];
    const numFmts: (string | undefined)[] = [];
    for (let i = 1; i <= ws.columnCount; i++) {
      const cell = row.getCell(i);
      values.push(cell.value ?? null);
      numFmts.push(cell.numFmt);
    }
    rows[n - 1] = { values, numFmts };
  });
  return { name: ws.name, rows };
}

async function xlsxOf(rows: (string | number | boolean | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tiêu chí');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('spreadsheets in and out', () => {
  let t: TestApp;
  let w: World;
  let admin: string;

  const download = async (path: string, token?: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body, json: () => JSON.parse(body.toString('utf8')) };
  };
  const tree = async (id: string) => (await ok(t.url, TREE, { id }, admin)).framework;
  const frameworkCount = () => t.orm.em.fork().count(Framework, {});

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    admin = w.tokens.admin;
  });
  afterAll(() => t?.close());

  describe('framework export and the round trip', () => {
    let rich: { id: string };
    beforeAll(async () => {
      rich = (await ok(t.url, IMPORT, { d: richFramework() }, admin)).importFramework;
    });

    it('should export the framework as JSON in the interchange format, equal to the document imported', async () => {
      const r = await download(`/export/framework/${rich.id}.json`, admin);
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/^application\/json/);
      expect(r.disposition).toBe('attachment; filename="bo-tieu-chi-CCHC-2025-v1.json"');
      expect(r.json()).toEqual(richFramework());
    });

    it('should export the framework as XLSX with the columns of the format, codes as text and the options readable', async () => {
      const r = await download(`/export/framework/${rich.id}.xlsx`, admin);
      expect(r.status).toBe(200);
      expect(r.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(r.disposition).toBe('attachment; filename="bo-tieu-chi-CCHC-2025-v1.xlsx"');
      const { name, rows } = await sheetOf(r.body);
      expect(name).toBe('Tiêu chí');
      expect(rows[0].values).toEqual(['code', 'title', 'max_score', 'method', 'options', 'guidance', 'evidence_required']);
      expect(rows.slice(1).map((x) => x.values[0])).toEqual(['1', '1.1', '1.2', '1.10', '1.3', '2', '2.1', '2.1.1', '2.2', '2.3', '2.4']);
      const byCode = Object.fromEntries(rows.slice(1).map((x) => [x.values[0], x.values]));
      expect(byCode['1']).toEqual(['1', 'Công tác chỉ đạo, điều hành', 12.5, null, null, 'Theo Quyết định 1149/QĐ-BNV', null]);
      expect(byCode['1.1']).toEqual(['1.1', 'Kế hoạch CCHC năm', 2, 'BOOLEAN', null, null, 'có']);
      expect(byCode['1.2'][4]).toBe('Đầy đủ=1; "Một phần; chưa đủ"=0.5; "Không = 0"=0; na');
      expect(byCode['1.10'][4]).toBe('100=1; 0=ratio; above_full');
      expect(byCode['1.3'][4]).toBe('step=0.25');
      expect(byCode['2.4'][4]).toBe('90=1; 70.5=0.75; 0=0');
      expect(byCode['2.3'].slice(2, 7)).toEqual([2, 'DEDUCTION', null, null, 'không']);
    });

    it('should import the exported XLSX back as the next version with the same tree', async () => {
      const exported = await download(`/export/framework/${rich.id}.xlsx`, admin);
      const imported = (await ok(t.url, IMPORT_SHEET, { i: { ...meta('CCHC-2025'), fileBase64: exported.body.toString('base64'), format: 'XLSX' } }, admin)).importFrameworkSheet;
      expect(imported).toMatchObject({ code: 'CCHC-2025', version: 2, status: 'DRAFT', maxScore: 20 });
      const [before, after] = [await tree(rich.id), await tree(imported.id)];
      expect(after.criteria).toEqual(before.criteria);
      expect(after.criteria.find((c: any) => c.code === '1.10')).toMatchObject({ parent: { code: '1' }, method: 'RATIO', allowAboveFull: true, thresholdOptions: [{ minPercent: 100, share: 1, ratio: false }, { minPercent: 0, share: null, ratio: true }] });
      expect(after.criteria.find((c: any) => c.code === '1.2').tierOptions.map((x: any) => x.label)).toEqual(['Đầy đủ', 'Một phần; chưa đủ', 'Không = 0']);
      expect(after.criteria.find((c: any) => c.code === '1.3').guidance).toBe('Dòng 1\ndòng 2, có "ngoặc kép"');
    });

    it('should round-trip the world’s framework too (N/A, default and custom steps, plain ratio)', async () => {
      const exported = await download(`/export/framework/${w.frameworkId}.xlsx`, admin);
      const input = { ...meta('TEST-FW'), notApplicable: 'RESCALE', bands: [{ label: 'A', minPercent: 90 }, { label: 'B', minPercent: 80 }, { label: 'C', minPercent: 65 }, { label: 'D', minPercent: 0 }] };
      const imported = (await ok(t.url, IMPORT_SHEET, { i: { ...input, fileBase64: exported.body.toString('base64'), format: 'XLSX' } }, admin)).importFrameworkSheet;
      expect(imported.version).toBe(2);
      const [before, after] = [await tree(w.frameworkId), await tree(imported.id)];
      expect(after.criteria).toEqual(before.criteria);
      expect(after.bands).toEqual(before.bands);
      expect(after.notApplicable).toBe('RESCALE');
    });

    it('should carry capTotal from a sheet import to the framework and its JSON and XLSX exports', async () => {
      const exported = await download(`/export/framework/${w.frameworkId}.xlsx`, admin);
      const input = { ...meta('TEST-FW-CAPPED'), capTotal: true };
      const imported = (await ok(t.url, IMPORT_SHEET, { i: { ...input, fileBase64: exported.body.toString('base64'), format: 'XLSX' } }, admin)).importFrameworkSheet;
      expect((await tree(imported.id)).capTotal).toBe(true);
      expect((await tree(w.frameworkId)).capTotal).toBe(false);
      expect((await download(`/export/framework/${imported.id}.json`, admin)).json()).toMatchObject({ capTotal: true });
      expect((await download(`/export/framework/${w.frameworkId}.json`, admin)).json()).not.toHaveProperty('capTotal');
      const info = await sheetOf((await download(`/export/framework/${imported.id}.xlsx`, admin)).body, 1);
      expect(info.rows.find((r) => String(r?.values[0]).includes('(capTotal)'))?.values[1]).toBe(true);
    });

    it('should show drafts to ADMIN only and published frameworks to every signed-in user', async () => {
      expect((await download(`/export/framework/${rich.id}.xlsx`, w.tokens.staffA)).status).toBe(403);
      expect((await download(`/export/framework/${rich.id}.json`, w.tokens.viewer)).json().errors[0].extensions.code).toBe('FORBIDDEN');
      expect((await download(`/export/framework/${w.frameworkId}.json`, w.tokens.staffA)).status).toBe(200);
      expect((await download(`/export/framework/${w.frameworkId}.xlsx`)).status).toBe(401);
      expect((await download(`/export/framework/${w.frameworkId}.xlsx`, 'not-a-token')).status).toBe(401);
      expect((await download(`/export/framework/00000000-0000-4000-8000-000000000000.xlsx`, admin)).status).toBe(404);
      expect((await download(`/export/framework/${w.frameworkId}.pdf`, admin)).status).toBe(404);
    });
  });

  describe('a broken sheet', () => {
    it('should list every problem with its row and column, and write nothing', async () => {
      const before = await frameworkCount();
      const file = await xlsxOf([
        ['code', 'title', 'max_score', 'method', 'options', 'guidance', 'evidence_required'], // row 1
        ['1', 'Nhóm 1', 10, null, null, null, null], // row 2
        ['1.1', 'Điểm sai', 'abc', 'MANUAL', null, null, null], // row 3: bad max
        ['1.2', 'Phương pháp lạ', 2, 'GUESS', null, null, null], // row 4: unknown method
        ['7.1', 'Mồ côi', 1, 'BOOLEAN', null, null, null], // row 5: orphan
        ['1.3', 'Lần đầu', 1, 'BOOLEAN', null, null, null], // row 6
        ['1.3', 'Trùng mã', 1, 'BOOLEAN', null, null, null], // row 7: duplicate
        ['1.4', 'Mức sai', 2, 'TIERS', 'Đầy đủ=2; Một phần=0.5; Không', null, null], // row 8: a tier without share, a share over 1
        ['1.5', 'Ngưỡng sai', 2, 'RATIO', '90=1; abc=0.5', null, null], // row 9: bad threshold
        ['1.6', 'Bước sai', 1, 'MANUAL', 'step=1.5', null, 'có lẽ'], // row 10: step over max, bad flag
        ['1.7', '', -1, 'BOOLEAN', 'na', null, null], // row 11: no title, negative max
      ]);
      const r = await gql(t.url, IMPORT_SHEET, { i: { ...meta('BROKEN-SHEET'), fileBase64: file, format: 'XLSX' } }, admin);
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const problems = r.errors![0].extensions!.problems as { path: string; message: string }[];
      expect(problems.map((p) => p.path)).toEqual([
        'row 3, max_score',
        'row 4, method',
        'row 5, code',
        'row 7, code',
        'row 8, options',
        'row 8, options',
        'row 9, options',
        'row 10, evidence_required',
        'row 10, options',
        'row 11, title',
        'row 11, max_score',
      ]);
      const message = (i: number) => problems[i].message;
      expect(message(0)).toBe("must be a number (got 'abc')");
      expect(message(1)).toMatch(/^unknown method 'GUESS'/);
      expect(message(2)).toBe("its parent '7' is not in the sheet");
      expect(message(3)).toBe("duplicate code '1.3' (first at row 6)");
      expect(message(4)).toMatch(/^'Không' is not a tier/);
      expect(message(5)).toMatch(/^the share of tier 'Đầy đủ' must be a number from 0 to 1/);
      expect(message(6)).toMatch(/^'abc=0.5' is not a threshold/);
      expect(message(7)).toMatch(/^must be có or không/);
      expect(message(8)).toBe('step must not exceed max_score');
      expect(message(9)).toBe('title is required');
      expect(message(10)).toMatch(/^max_score must not be negative/);
      expect(r.errors![0].message).toContain('row 3, max_score: must be a number');
      // each with its code and place, for the client to word in Vietnamese (row and column)
      const coded = (r.errors![0].extensions!.problems as { code: string; params: Record<string, unknown> }[]).map((p) => [p.code, p.params.row, p.params.column]);
      expect(coded).toEqual([
        ['NOT_A_NUMBER', 3, 'max_score'],
        ['UNKNOWN_METHOD', 4, 'method'],
        ['PARENT_NOT_IN_SHEET', 5, 'code'],
        ['DUPLICATE', 7, 'code'],
        ['NOT_A_TIER', 8, 'options'],
        ['NOT_A_SHARE', 8, 'options'],
        ['NOT_A_THRESHOLD', 9, 'options'],
        ['NOT_BOOLEAN', 10, 'evidence_required'],
        ['STEP_ABOVE_MAX', 10, 'options'],
        ['REQUIRED', 11, 'title'],
        ['NEGATIVE', 11, 'max_score'],
      ]);
      expect(problems[3]).toMatchObject({ params: { sheet: 'framework', field: 'code', value: '1.3', first: 6 } });
      expect(await frameworkCount()).toBe(before);
    });

    it('should name missing and unknown columns in the header row', async () => {
      const file = await xlsxOf([['code', 'title', 'points', 'method'], ['1', 'A', 1, 'BOOLEAN']]);
      const r = await gql(t.url, IMPORT_SHEET, { i: { ...meta('NO-MAX'), fileBase64: file, format: 'XLSX' } }, admin);
      expect(r.errors![0].extensions!.problems).toMatchObject([
        { path: 'row 1', message: expect.stringMatching(/^unknown column 'points'/), code: 'UNKNOWN_COLUMN', params: { row: 1, column: 'points' } },
        { path: 'row 1', message: 'missing column max_score', code: 'MISSING_COLUMN', params: { row: 1, column: 'max_score' } },
      ]);
    });

    it('should refuse a file that is not a workbook, and report the framework fields by name', async () => {
      const r1 = await gql(t.url, IMPORT_SHEET, { i: { ...meta('JUNK'), fileBase64: Buffer.from('not a zip').toString('base64'), format: 'XLSX' } }, admin);
      expect(r1.errors![0].extensions!.problems).toMatchObject([{ path: 'fileBase64', message: 'not a readable XLSX file' }]);
      const csv = Buffer.from('code,title,max_score,method\n1,A,1,BOOLEAN\n').toString('base64');
      const r2 = await gql(t.url, IMPORT_SHEET, { i: { ...meta('BAD-META'), year: 1990, bands: [{ label: 'A', minPercent: 50 }], fileBase64: csv, format: 'CSV' } }, admin);
      expect((r2.errors![0].extensions!.problems as any[]).map((p) => p.path)).toEqual(['year', 'bands']);
    });

    it('should let only ADMIN import', async () => {
      const csv = Buffer.from('code,title,max_score,method\n1,A,1,BOOLEAN\n').toString('base64');
      for (const token of [w.tokens.leaderA, w.tokens.viewer, w.tokens.appraiser]) {
        const r = await gql(t.url, IMPORT_SHEET, { i: { ...meta('NOT-ADMIN'), fileBase64: csv, format: 'CSV' } }, token);
        expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('CSV import', () => {
    it('should import a UTF-8 CSV with a BOM, semicolons, decimal commas, quotes and Vietnamese headers', async () => {
      const text =
        '\uFEFFMã;Tiêu chí;Điểm tối đa;Phương pháp;Tùy chọn;Hướng dẫn;Yêu cầu kiểm chứng\r\n' +
        '1;Nhóm một;10;;;;\r\n' +
        '1.1;"Tiêu chí có dấu ; chấm phẩy";2,5;MANUAL;step=0,5;;có\r\n' +
        '1.2;Có/không;2;boolean;na;;không\r\n' +
        '\r\n' +
        '1.3;Mức độ;5,5;TIERS;"Đầy đủ=1; Một phần=0,5; Không=0";"Hướng dẫn ""đặc biệt""\r\nhai dòng";x\r\n';
      const r = (await ok(t.url, IMPORT_SHEET, { i: { ...meta('CSV-FW'), fileBase64: Buffer.from(text, 'utf8').toString('base64'), format: 'CSV' } }, admin)).importFrameworkSheet;
      expect(r).toMatchObject({ code: 'CSV-FW', version: 1, maxScore: 10 });
      const { criteria } = await tree(r.id);
      expect(criteria.map((c: any) => [c.code, c.title, c.maxScore, c.method, c.step, c.allowNotApplicable, c.evidenceRequired, c.parent?.code ?? null])).toEqual([
        ['1', 'Nhóm một', 10, null, null, false, false, null],
        ['1.1', 'Tiêu chí có dấu ; chấm phẩy', 2.5, 'MANUAL', 0.5, false, true, '1'],
        ['1.2', 'Có/không', 2, 'BOOLEAN', null, true, false, '1'],
        ['1.3', 'Mức độ', 5.5, 'TIERS', null, false, true, '1'],
      ]);
      expect(criteria[3].tierOptions).toEqual([{ label: 'Đầy đủ', share: 1 }, { label: 'Một phần', share: 0.5 }, { label: 'Không', share: 0 }]);
      expect(criteria[3].guidance).toBe('Hướng dẫn "đặc biệt"\r\nhai dòng');
    });

    it('should name the row of a CSV problem, counting records as a spreadsheet shows them', async () => {
      const text = 'code,title,max_score,method\n1,"Nhóm\ncó hai dòng",5,\n1.1,A,x,MANUAL\n';
      const r = await gql(t.url, IMPORT_SHEET, { i: { ...meta('CSV-BAD'), fileBase64: Buffer.from(text).toString('base64'), format: 'CSV' } }, admin);
      expect(r.errors![0].extensions!.problems).toMatchObject([{ path: 'row 3, max_score', message: "must be a number (got 'x')" }]);
      const broken = 'code,title,max_score,method\n1,"open quote,5,BOOLEAN\n';
      const r2 = await gql(t.url, IMPORT_SHEET, { i: { ...meta('CSV-QUOTE'), fileBase64: Buffer.from(broken).toString('base64'), format: 'CSV' } }, admin);
      expect(r2.errors![0].extensions!.problems).toMatchObject([{ path: 'row 2', message: 'a quoted field is not closed' }]);
    });
  });

  describe("an assessment's score sheet", () => {
    beforeAll(async () => {
      const s = (code: string, value: Record<string, unknown>, extra = {}) => save(t, w, w.tokens.staffA, code, value, extra).then((r) => expect(r.errors).toBeUndefined());
      await s('1.1', { points: 1.5 }, { comment: 'Đã có quyết định, số 12/QĐ' });
      await s('1.3', { tier: 'Partial' });
      await s('1.4', { numerator: 80, denominator: 100 });
      await s('1.5', { points: -0.5 });
      await s('2.1', { numerator: 1, denominator: 3 });
      await s('2.2.1', { notApplicable: true });
      await s('2.3', { points: 2 });
      // what appraisal and evidence leave on the entries (their own tests cover how)
      const em = t.orm.em.fork();
      const entries = await em.find(ScoreEntry, { assessment: w.assessmentA }, { populate: ['criterion'] });
      const at = (code: string) => entries.find((e) => e.criterion.code === code)!;
      Object.assign(at('1.1'), { round1ScoreH: 125, finalScoreH: 125, round1Comment: 'Chưa đủ hồ sơ', evidenceCount: 2 });
      Object.assign(at('1.3'), { round1ScoreH: 150, evidenceCount: 1 });
      Object.assign(at('1.4'), { round1ScoreH: 200 });
      await em.flush();
    });

    // code, title, max, self, round 1, round 2, final, comment, evidence (hand-computed; see below)
    // group 1: 1.5 + 1.5 + 2 = 5 ≤ 10, then the deduction −0.5 → 4.50; round 1: 1.25 + 1.5 + 2 = 4.75
    // 2.1: 0.5 × 1/3 = 0.1666… → 0.17; 2.2.1 N/A under RESCALE: 2.2's max 3, group 2's max 5.5
    // group 2: 0.17 + 0 + 2 = 2.17; total: 6.67 of 15.5 applicable, × 20 / 15.5 = 8.606… → 8.61
    const expected: [string, number, number | null, number | null, number | null, number | null, string | null, number][] = [
      ['1', 10, 4.5, 4.75, null, 1.25, null, 3],
      ['1.1', 2, 1.5, 1.25, null, 1.25, 'Đã có quyết định, số 12/QĐ', 2],
      ['1.2', 1, null, null, null, null, null, 0],
      ['1.3', 3, 1.5, 1.5, null, null, null, 1],
      ['1.4', 4, 2, 2, null, null, null, 0],
      ['1.5', 1, -0.5, null, null, null, null, 0],
      ['2', 5.5, 2.17, 0, null, 0, null, 0],
      ['2.1', 0.5, 0.17, null, null, null, null, 0],
      ['2.2', 3, 0, 0, null, 0, null, 0],
      ['2.2.1', 0, 0, null, null, null, null, 0],
      ['2.2.2', 3, null, null, null, null, null, 0],
      ['2.3', 2, 2, null, null, null, null, 0],
      ['2.4', 1, null, null, null, null, null, 0],
    ];
    const HEADERS = ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Tự chấm', 'Thẩm định vòng 1', 'Thẩm định vòng 2', 'Điểm cuối cùng', 'Ghi chú', 'Số tài liệu kiểm chứng'];

    it('should export every criterion with Vietnamese headers and two-decimal scores as XLSX', async () => {
      const r = await download(`/export/assessment/${w.assessmentA}.xlsx`, w.tokens.leaderA);
      expect(r.status).toBe(200);
      expect(r.disposition).toBe('attachment; filename="bang-diem-A-2025.xlsx"');
      const { name, rows } = await sheetOf(r.body);
      expect(name).toBe('Bảng điểm');
      expect(rows[0].values.slice(0, 9)).toEqual(HEADERS);
      expect(rows[0].values.slice(9)).toEqual(['Ý kiến thẩm định vòng 1', 'Giải trình', 'Ý kiến thẩm định vòng 2', 'Trạng thái', 'Nguồn số liệu']);
      const body = rows.slice(1, -1);
      expect(body.map((x) => [x.values[0], ...x.values.slice(2, 9)])).toEqual(expected.map(([code, ...rest]) => [code, ...rest]));
      expect(body[0].values[1]).toBe('Sẵn sàng');
      // every score column is formatted with two decimals
      for (const x of body) for (const i of [2, 3, 4, 5, 6]) expect(x.numFmts[i]).toBe('0.00');
      const byCode = Object.fromEntries(body.map((x) => [x.values[0], x.values]));
      expect(byCode['1.1'][9]).toBe('Chưa đủ hồ sơ');
      expect(byCode['2.2.1'][12]).toBe('Không áp dụng');
      expect(byCode['1.2'][12]).toBe('Chưa chấm');
      expect(byCode['1.1'][12]).toBe('Đã chấm');
      expect(byCode['1'][12]).toBe('4/5');
      // the totals: the reported self total (rescaled), round 1, final
      expect(rows[rows.length - 1].values.slice(0, 9)).toEqual([null, 'Tổng cộng', 20, 8.61, 4.75, null, 1.25, null, 3]);
    });

    it('should export the same sheet as CSV with a BOM, quoting, and scores written with two decimals', async () => {
      const r = await download(`/export/assessment/${w.assessmentA}.csv`, w.tokens.viewer);
      expect(r.status).toBe(200);
      expect(r.type).toBe('text/csv; charset=utf-8');
      expect(r.disposition).toBe('attachment; filename="bang-diem-A-2025.csv"');
      expect([...r.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = r.body.toString('utf8');
      expect(text).toContain('"Đã có quyết định, số 12/QĐ"');
      expect(text.endsWith('\r\n')).toBe(true);
      const rows = parseCsv(text);
      expect(rows[0].slice(0, 9)).toEqual(HEADERS);
      const two = (n: number | null) => (n === null ? '' : n.toFixed(2));
      expect(rows.slice(1, -1).map((x) => x.slice(0, 9))).toEqual(
        expected.map(([code, max, self, r1, r2, fin, comment, ev]) => [code, expect.any(String), two(max), two(self), two(r1), two(r2), two(fin), comment ?? '', String(ev)]),
      );
      expect(rows[rows.length - 1].slice(0, 9)).toEqual(['', 'Tổng cộng', '20.00', '8.61', '4.75', '', '1.25', '', '3']);
      expect(rows.find((x) => x[0] === '1.5')![3]).toBe('-0.50');
    });

    it('should be authorized like the assessment query', async () => {
      expect((await download(`/export/assessment/${w.assessmentA}.csv`, w.tokens.leaderB)).status).toBe(403);
      expect((await download(`/export/assessment/${w.assessmentA}.csv`, w.tokens.appraiser)).status).toBe(403); // not submitted
      expect((await download(`/export/assessment/${w.assessmentA}.xlsx`)).status).toBe(401);
      expect((await download(`/export/assessment/${w.assessmentA}.xlsx`, w.tokens.staffA)).status).toBe(200);
      expect((await download(`/export/assessment/${w.assessmentB}.xlsx`, admin)).status).toBe(200);
      expect((await download(`/export/assessment/not-an-id.xlsx`, admin)).status).toBe(404);
    });
  });

  describe("a period's ranking", () => {
    const path = (kind: string, ext: string) => `/export/ranking/${w.periodId}/${kind}.${ext}`;
    const HEADERS = ['Hạng', 'Mã đơn vị', 'Đơn vị', 'Tự chấm', 'Thẩm định vòng 1', 'Điểm cuối cùng', 'Điểm tối đa', 'Chỉ số', 'Xếp loại', 'Điểm kỳ trước', 'Hạng kỳ trước', '1. Sẵn sàng', '2. Kết quả'];

    it('should be the header alone before any results are computed', async () => {
      const r = await download(path('DISTRICT', 'csv'), admin);
      expect(r.status).toBe(200);
      expect(parseCsv(r.body.toString('utf8'))).toEqual([HEADERS]);
      const x = await sheetOf((await download(path('DISTRICT', 'xlsx'), w.tokens.appraiser)).body);
      expect(x.name).toBe('Xếp hạng');
      expect(x.rows.map((row) => row.values)).toEqual([HEADERS]);
    });

    it('should list the results by rank, visible to units only once the period is published', async () => {
      const em = t.orm.em.fork();
      const groups = await em.find(Criterion, { framework: w.frameworkId, depth: 1 }, { orderBy: { ordinal: 'asc' } });
      const result = (assessment: string, rank: number, selfTotalH: number, round1TotalH: number | null, finalTotalH: number | null, indexK: number, band: string, g: [number, number | null, number | null][]) =>
        em.create(Result, {
          period: w.periodId, assessment, rank, maxH: 2000, selfTotalH, round1TotalH, finalTotalH, indexK, band, previousTotalH: rank === 1 ? 1500 : null, previousRank: rank === 1 ? 2 : null,
          groups: groups.map((c, i) => ({ criterionId: c.id, code: c.code, title: c.title, maxH: c.maxH, selfH: g[i][0], round1H: g[i][1], finalH: g[i][2], rank })),
        } as never);
      result(w.assessmentB, 2, 1000, 950, 900.0, 450, 'D', [[500, 450, 400], [500, 500, 500]]);
      result(w.assessmentA, 1, 1861, 1805, 1799, 900, 'A', [[950, 905, 899], [911, 900, 900]]);
      await em.flush();

      const rows = parseCsv((await download(path('DISTRICT', 'csv'), w.tokens.viewer)).body.toString('utf8'));
      expect(rows).toEqual([
        HEADERS,
        ['1', 'A', 'Unit A', '18.61', '18.05', '17.99', '20.00', '0.900', 'A', '15.00', '2', '8.99', '9.00'],
        ['2', 'B', 'Unit B', '10.00', '9.50', '9.00', '20.00', '0.450', 'D', '', '', '4.00', '5.00'],
      ]);
      const x = await sheetOf((await download(path('DISTRICT', 'xlsx'), admin)).body);
      expect(x.rows[1].values.slice(0, 9)).toEqual([1, 'A', 'Unit A', 18.61, 18.05, 17.99, 20, 0.9, 'A']);
      expect(x.rows[1].numFmts[7]).toBe('0.000');
      expect(x.rows[1].numFmts[3]).toBe('0.00');
      // another kind: no rows
      expect(parseCsv((await download(path('COMMUNE', 'csv'), admin)).body.toString('utf8'))).toEqual([HEADERS]);

      for (const token of [w.tokens.leaderA, w.tokens.staffB]) {
        const r = await download(path('DISTRICT', 'csv'), token);
        expect(r.status).toBe(403);
        expect(r.json().errors[0].extensions.code).toBe('FORBIDDEN');
      }
      const period = await em.findOneOrFail(Period, { id: w.periodId });
      period.phase = Phase.PUBLISHED;
      await em.flush();
      const published = await download(path('DISTRICT', 'xlsx'), w.tokens.leaderB);
      expect(published.status).toBe(200);
      expect(published.disposition).toBe('attachment; filename="xep-hang-Ky-2025-DISTRICT.xlsx"');
      expect((await download(path('DISTRICT', 'csv'), w.tokens.staffA)).status).toBe(200);
      expect(await em.count(Assessment, { period: w.periodId })).toBe(2);
    });

    it('should refuse an unknown unit kind or period', async () => {
      expect((await download(path('CITY', 'csv'), admin)).status).toBe(400);
      expect((await download(`/export/ranking/00000000-0000-4000-8000-000000000000/DISTRICT.csv`, admin)).status).toBe(404);
    });
  });
});
