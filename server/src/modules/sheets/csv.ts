/**
 * CSV out through csv-stringify (RFC 4180: fields quoted when they hold a comma, a semicolon, a
 * quote, a line break or edge spaces; quotes doubled; CRLF between records; UTF-8 with a
 * byte-order mark so that Excel shows Vietnamese right), every text cell neutralized against
 * formula injection; CSV in by hand (parseCsv, below).
 */
import { stringify } from 'csv-stringify/sync';

export const BOM = '\uFEFF';

/** A number already written with its decimals ("-1.50"): a number cell, never neutralized. */
export class CsvNumber {
  constructor(readonly text: string) {}
}

export type CsvValue = string | number | boolean | CsvNumber | null | undefined;

/** What a spreadsheet reads as the start of a formula (OWASP's CSV-injection rule). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as it is safe to write: one that a spreadsheet would take for a formula gets a
 * leading apostrophe ("=1+2" → "'=1+2"). Numbers are never text here: a negative score is a
 * number cell and stays "-1.50".
 */
export const neutralize = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** The whole file: BOM, then one CRLF-terminated record per row; text cells neutralized. */
export function writeCsv(rows: CsvValue[][]): Buffer {
  const text = stringify(rows, {
    bom: true,
    record_delimiter: '\r\n',
    quoted_match: /[;\r\n]|^\s|\s$/,
    cast: {
      string: (v) => neutralize(v),
      number: (v) => String(v),
      boolean: (v) => String(v),
      object: (v) => (v instanceof CsvNumber ? v.text : neutralize(JSON.stringify(v))),
    },
  });
  return Buffer.from(text, 'utf8');
}

export class CsvError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Records of a CSV text (a leading BOM is dropped). Accepts CRLF, LF or CR line ends and a comma
 * or a semicolon as the separator (Excel writes ';' where the decimal mark is a comma): the
 * separator is the one of the two that appears first outside quotes on the first line.
 * Throws CsvError (with the 1-based record number) on an unterminated quote or text after one.
 */
export function parseCsv(text: string): string[][] {
  if (text.startsWith(BOM)) text = text.slice(1);
  const sep = separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false; // the current cell was quoted (so an empty row is still a row)
  const n = text.length;
  const endCell = () => {
    row.push(cell);
    cell = '';
    quoted = false;
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && cell === '' && !quoted) {
      // a quoted field: up to the closing quote, "" standing for one quote
      const start = rows.length + 1;
      i++;
      for (;;) {
        if (i >= n) throw new CsvError(start, 'a quoted field is not closed');
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += c;
        i++;
      }
      quoted = true;
      const next = text[i];
      if (i < n && next !== sep && next !== '\r' && next !== '\n') {
        throw new CsvError(start, 'text after a closing quote (a quote inside a field must be doubled: "")');
      }
      continue;
    }
    if (ch === sep) {
      endCell();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || quoted || row.length) endRow();
  return rows;
}

function separatorOf(text: string): ',' | ';' {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (c === ',') return ',';
      if (c === ';') return ';';
      if (c === '\n' || c === '\r') break;
    }
  }
  return ',';
}
