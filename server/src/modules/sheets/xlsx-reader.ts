import { Worker } from 'node:worker_threads';
import { InputProblems } from '../../common/errors';
import type { SheetRow } from './framework-sheet';

/** How an XLSX file is read: in a worker thread with its own heap and a deadline. */
export interface XlsxReadLimits {
  maxCells: number;
  heapMb: number;
  timeoutMs: number;
}

/**
 * The worker's code, plain CommonJS given as text (so that it runs the same from the compiled
 * server and from the TypeScript sources in tests): exceljs loads the workbook, and the first
 * worksheet's rows come back as plain cells (rich text joined, formulas as their cached result,
 * dates as YYYY-MM-DD, errors empty). More than maxCells non-empty cells stop it.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljs);
function plain(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if (Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return plain(v.result);
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return String(v);
}
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(workerData.bytes);
  const ws = wb.worksheets[0];
  const rows = [];
  let cells = 0;
  if (ws) {
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (cells > workerData.maxCells) return;
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      cells += values.length;
      rows.push({ row: rowNumber, cells: values.map(plain) });
    });
  }
  parentPort.postMessage(cells > workerData.maxCells ? { tooManyCells: true } : { rows });
})().catch((e) => parentPort.postMessage({ unreadable: String((e && e.message) || e) }));
`;

const refuse = (message: string) => new InputProblems([{ path: 'fileBase64', message, code: 'UNREADABLE_FILE' }]);

/**
 * The first worksheet's rows, read in a worker thread whose heap is capped at heapMb and that is
 * stopped after timeoutMs: a workbook that needs more (a zip bomb that got past checkZip, a sheet
 * of millions of styled cells) ends the worker with a refusal, never the server, whose event loop
 * keeps answering meanwhile.
 */
export function readXlsxInWorker(bytes: Buffer, limits: XlsxReadLimits): Promise<SheetRow[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { bytes, exceljs: require.resolve('exceljs'), maxCells: limits.maxCells },
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, limits.heapMb / 8)) },
    });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(refuse(`the file took longer than ${Math.round(limits.timeoutMs / 1000)} s to read`))), limits.timeoutMs);
    worker.once('message', (m: { rows?: SheetRow[]; tooManyCells?: true; unreadable?: string }) =>
      settle(() => {
        if (m.rows) resolve(m.rows);
        else if (m.tooManyCells) reject(refuse(`the first worksheet has more than ${limits.maxCells.toLocaleString('en-US')} cells`));
        else reject(refuse('not a readable XLSX file'));
      }),
    );
    worker.once('error', (e: Error & { code?: string }) =>
      settle(() => reject(refuse(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the file needs more than ${limits.heapMb} MB of memory to read` : 'not a readable XLSX file'))),
    );
    worker.once('exit', () => settle(() => reject(refuse('not a readable XLSX file'))));
  });
}
