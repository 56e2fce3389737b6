/**
 * Spreadsheet files in and out: XLSX through exceljs (which writes a text cell as text, never as a formula), CSV through csv.ts. Rows are plain arrays
 * of cells; a column may carry a number format (scores: "0.00").
 */
import type * as ExcelJSModule from 'exceljs';
import { registerEnumType } from 'type-graphql';
import { formatHundredths } from '../../common/decimal';
import { InputProblems } from '../../common/errors';
import { CsvNumber, parseCsv, writeCsv, type CsvValue } from './csv';
import { readXlsxInWorker, type XlsxReadLimits } from './xlsx-reader';
import { checkZip, type ZipLimits } from './zip-check';
import type { Cell, SheetRow } from './framework-sheet';

// loaded on first use: exceljs is a third of a second of every start, and only spreadsheets need it
let excel: typeof ExcelJSModule | null = null;
const exceljs = (): typeof ExcelJSModule => (excel ??= require('exceljs') as typeof ExcelJSModule);

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

/** What an import may hold and how it is read (config.imports). */
export type ImportLimits = ZipLimits & XlsxReadLimits;

/**
 * The rows of the first worksheet (XLSX) or of the file (CSV), with their 1-based numbers. An
 * XLSX is checked as a zip first (checkZip: entries, unpacked bytes), then read in a worker
 * with a memory cap and a deadline (readXlsxInWorker); both refuse with InputProblems.
 */
export async function readRows(file: Buffer, format: SheetFormat, limits: ImportLimits): Promise<SheetRow[]> {
  if (format === SheetFormat.CSV) {
    const rows = parseCsv(file.toString('utf8')).map((cells, i) => ({ row: i + 1, cells }));
    if (rows.reduce((n, r) => n + r.cells.length, 0) > limits.maxCells) {
      throw new InputProblems([{ path: 'fileBase64', message: `the file has more than ${limits.maxCells.toLocaleString('en-US')} cells`, code: 'UNREADABLE_FILE' }]);
    }
    return rows;
  }
  await checkZip(file, limits);
  return readXlsxInWorker(file, limits);
}

/** A workbook with one worksheet per spec: a bold, frozen header row, then the rows. */
export async function writeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new (exceljs().Workbook)();
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
