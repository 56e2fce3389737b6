/**
 * Spreadsheet files in and out: XLSX through exceljs (which writes a text cell as text, never as a formula), CSV through csv.ts. Rows are plain arrays
 * of cells; a column may carry a number format (scores: "0.00").
 */
import ExcelJS from 'exceljs';
import { registerEnumType } from 'type-graphql';
import { formatHundredths } from '../../common/decimal';
import { CsvNumber, parseCsv, writeCsv, type CsvValue } from './csv';
import type { Cell, SheetRow } from './framework-sheet';

export enum SheetFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}
registerEnumType(SheetFormat, { name: 'SheetFormat', description: 'XLSX (Excel) or CSV (UTF-8, comma or semicolon separated).' });

export const CONTENT_TYPES: Record<'xlsx' | 'csv' | 'json', string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export interface SheetColumn {
  header: string;
  width?: number;
  /** an Excel number format for the column's numbers, e.g. "0.00" */
  numFmt?: string;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  /** data rows, below the header */
  rows: Cell[][];
}

/** exceljs' many cell shapes (rich text, formulas, links, dates) → a plain cell. */
function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return null;
  }
  return String(v);
}

/** The rows of the first worksheet (XLSX) or of the file (CSV), with their 1-based numbers. */
export async function readRows(file: Buffer, format: SheetFormat): Promise<SheetRow[]> {
  if (format === SheetFormat.CSV) {
    return parseCsv(file.toString('utf8')).map((cells, i) => ({ row: i + 1, cells }));
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as never);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    const cells: Cell[] = [];
    for (let i = 0; i < values.length; i++) cells.push(plain(values[i] as ExcelJS.CellValue));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** A workbook with one worksheet per spec: a bold, frozen header row, then the rows. */
export async function writeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Chamdiem';
  wb.created = new Date();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c, i) => ({ key: String(i), width: c.width ?? 14, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.numFmt = '@';
    });
    for (const r of spec.rows) {
      const row = ws.addRow(r.map((c) => (c === null ? null : c)));
      // codes and other text stay text: "1.10" must not become the number 1.1
      r.forEach((c, i) => {
        if (typeof c === 'string') row.getCell(i + 1).numFmt = '@';
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A number as a CSV cell: with its column's decimals ("0.00" → "-1.50"), else as it is. */
function csvNumber(n: number, numFmt: string | undefined): string {
  const decimals = /^0\.(0+)$/.exec(numFmt ?? '')?.[1].length;
  if (decimals === undefined) return String(n);
  return decimals === 2 ? formatHundredths(Math.round(n * 100)) : n.toFixed(decimals);
}

/**
 * A CSV file of one sheet: the header, then the rows, numbers written with their column's
 * decimals (a score -0.5 as "-0.50", still a number cell), text neutralized (csv.ts).
 */
export function writeCsvSheet(spec: { columns: SheetColumn[]; rows: Cell[][] }): Buffer {
  const body = spec.rows.map((r) => r.map((c, i): CsvValue => (typeof c === 'number' ? new CsvNumber(csvNumber(c, spec.columns[i]?.numFmt)) : c)));
  return writeCsv([spec.columns.map((c) => c.header), ...body]);
}
