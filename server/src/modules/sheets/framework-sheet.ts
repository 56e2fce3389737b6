/**
 * A framework as a spreadsheet (DESIGN.md "Framework interchange format"): one row per criterion
 * with the columns code, title, max_score, method, options, guidance, evidence_required; a
 * criterion's parent is its code's prefix ("2.3.1" sits under "2.3"). Pure: rows in, the nested
 * JSON document out (and back), every problem named by its row and column.
 *
 * The `options` column, items separated by ";":
 *   MANUAL    step=0.25
 *   TIERS     Đầy đủ=1; Một phần=0.5; Không=0          (label=share of max; quote a label holding ; or =)
 *   RATIO     90=1; 70=0.5; 0=0   or   100=1; 0=ratio   (min percent=share; empty: plain ratio)
 *   any leaf  na                                         (the criterion may be marked not applicable)
 */
import { InputProblems, type Problem, type ProblemCode, type ProblemParams } from '../../common/errors';
import { parseFrameworkDocument, type CriterionDocument, type FrameworkDocument } from '../framework/framework.document';
import { SCORING_METHODS, type ScoringMethod } from '../scoring/scoring.types';

export const FRAMEWORK_COLUMNS = ['code', 'title', 'max_score', 'method', 'options', 'guidance', 'evidence_required'] as const;
export type FrameworkColumn = (typeof FRAMEWORK_COLUMNS)[number];
const REQUIRED: FrameworkColumn[] = ['code', 'title', 'max_score', 'method'];

/** Header names accepted besides the column names themselves (Vietnamese first). */
const ALIASES: Record<string, FrameworkColumn> = {
  'mã': 'code',
  'mã tiêu chí': 'code',
  'tiêu chí': 'title',
  'tên tiêu chí': 'title',
  'nội dung': 'title',
  'điểm tối đa': 'max_score',
  'điểm': 'max_score',
  maxscore: 'max_score',
  'phương pháp': 'method',
  'phương pháp chấm': 'method',
  'tùy chọn': 'options',
  'tuỳ chọn': 'options',
  'hướng dẫn': 'guidance',
  'yêu cầu kiểm chứng': 'evidence_required',
  'cần tài liệu kiểm chứng': 'evidence_required',
  'tài liệu kiểm chứng': 'evidence_required',
  evidencerequired: 'evidence_required',
};

/** A cell as read from XLSX (typed) or CSV (text). */
export type Cell = string | number | boolean | null;
export interface SheetRow {
  /** 1-based, as the spreadsheet program shows it */
  row: number;
  cells: Cell[];
}

/** The framework-level fields, given beside the sheet. */
export interface SheetMeta {
  code: string;
  name: string;
  year: number;
  unitKind: string;
  notApplicable?: string | null;
  /** the total capped at the framework max; default false */
  capTotal?: boolean | null;
  bands: { label: string; minPercent: number }[];
}

const CODE_RE = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/;
const MAX_ROWS = 100_000;

const at = (row: number, column?: string) => (column ? `row ${row}, ${column}` : `row ${row}`);
const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));
const normalizeHeader = (h: string) => h.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');
const textOf = (c: Cell): string | null => (isBlank(c) ? null : typeof c === 'string' ? c.trim() : String(c));

/** "0.5", "0,5" (a decimal comma), " 2 " → a number; anything else → null. */
export function numberOf(c: Cell): number | null {
  if (typeof c === 'number') return Number.isFinite(c) ? c : null;
  if (typeof c !== 'string') return null;
  let s = c.trim();
  if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return Number(s);
}

const TRUE = new Set(['có', 'co', 'c', 'x', 'yes', 'y', 'true', '1']);
const FALSE = new Set(['không', 'khong', 'k', 'no', 'n', 'false', '0']);

function booleanOf(c: Cell): boolean | null | undefined {
  if (typeof c === 'boolean') return c;
  const s = textOf(c)?.toLowerCase().normalize('NFC');
  if (s === undefined || s === null) return undefined;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return null;
}

/** Splits "a; "b;c"=1; d" on semicolons outside double quotes. */
function splitOptions(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

/** `label=value` with an optionally quoted label ("" for a quote inside); null when no '='. */
function pairOf(item: string): { key: string; value: string } | null {
  if (item.startsWith('"')) {
    let key = '';
    let i = 1;
    for (; i < item.length; i++) {
      if (item[i] === '"') {
        if (item[i + 1] === '"') {
          key += '"';
          i++;
          continue;
        }
        break;
      }
      key += item[i];
    }
    const rest = item.slice(i + 1).trim();
    if (i >= item.length || !rest.startsWith('=')) return null;
    return { key, value: rest.slice(1).trim() };
  }
  const eq = item.lastIndexOf('=');
  if (eq < 0) return null;
  return { key: item.slice(0, eq).trim(), value: item.slice(eq + 1).trim() };
}

const NA_WORDS = new Set(['na', 'n/a', 'không áp dụng']);
/** RATIO: a rate above 100 % is accepted (allowAboveFull) */
const ABOVE_FULL_WORDS = new Set(['above_full', '>100%', 'trên 100%', 'vượt 100%']);

interface ParsedOptions {
  allowNotApplicable: boolean;
  allowAboveFull?: boolean;
  step?: number;
  tiers?: { label: string; share: number }[];
  thresholds?: { minPercent: number; share: number | 'ratio' }[];
}

/** The options cell of one row for its method; problems go to `fail`. */
function parseOptions(raw: string | null, method: string | null, fail: (message: string, code: ProblemCode, params: ProblemParams) => void): ParsedOptions {
  const out: ParsedOptions = { allowNotApplicable: false };
  if (method === 'TIERS') out.tiers = [];
  const items = raw ? splitOptions(raw) : [];
  for (const item of items) {
    if (NA_WORDS.has(item.toLowerCase().normalize('NFC'))) {
      out.allowNotApplicable = true;
      continue;
    }
    if (method === 'RATIO' && ABOVE_FULL_WORDS.has(item.toLowerCase().normalize('NFC').replace(/\s+/g, ' '))) {
      out.allowAboveFull = true;
      continue;
    }
    const pair = pairOf(item);
    switch (method) {
      case 'MANUAL': {
        const step = pair && pair.key.toLowerCase() === 'step' ? numberOf(pair.value) : null;
        if (step === null) fail(`${show(item)} is not an option of MANUAL (write step=0.25, or na)`, 'NOT_AN_OPTION', { value: item, method: 'MANUAL' });
        else if (out.step !== undefined) fail('step is given twice', 'LISTED_TWICE', { field: 'step' });
        else out.step = step;
        break;
      }
      case 'TIERS': {
        const share = pair ? numberOf(pair.value) : null;
        if (!pair || !pair.key || share === null) fail(`${show(item)} is not a tier (write label=share, e.g. Đầy đủ=1; Một phần=0.5; Không=0)`, 'NOT_A_TIER', { value: item });
        else out.tiers!.push({ label: pair.key, share });
        break;
      }
      case 'RATIO': {
        const min = pair ? numberOf(pair.key.replace(/%$/, '')) : null;
        const ratio = pair && /^(ratio|tỷ lệ|tỉ lệ)$/i.test(pair.value);
        const share = pair && !ratio ? numberOf(pair.value) : null;
        if (min === null || (!ratio && share === null)) fail(`${show(item)} is not a threshold (write percent=share, e.g. 90=1; 70=0.5; 0=0, or 0=ratio)`, 'NOT_A_THRESHOLD', { value: item });
        else (out.thresholds ??= []).push({ minPercent: min, share: ratio ? 'ratio' : share! });
        break;
      }
      default:
        if (method && !SCORING_METHODS.includes(method as ScoringMethod)) break; // the method itself is reported
        fail(`${show(item)} is not an option of ${method ? `a ${method} criterion` : 'a group'} (only na)`, 'NOT_AN_OPTION', { value: item, method: method ?? '' });
    }
  }
  return out;
}

function quoteLabel(label: string): string {
  return /[;="]|^\s|\s$/.test(label) || NA_WORDS.has(label.toLowerCase()) ? `"${label.replace(/"/g, '""')}"` : label;
}

/** The options cell of a criterion, in the syntax parseOptions reads. */
export function optionsOf(c: CriterionDocument): string {
  const items: string[] = [];
  if (c.method === 'MANUAL' && c.stepH !== null && c.stepH !== 1) items.push(`step=${c.stepH / 100}`);
  if (c.method === 'TIERS') for (const t of c.tiers ?? []) items.push(`${quoteLabel(t.label)}=${t.share}`);
  if (c.method === 'RATIO') for (const t of c.thresholds ?? []) items.push(`${t.minPercent}=${t.share}`);
  if (c.allowAboveFull) items.push('above_full');
  if (c.allowNotApplicable) items.push('na');
  return items.join('; ');
}

/** Rows (header first) of a framework, in the framework's order. */
export function frameworkRows(fw: FrameworkDocument): Cell[][] {
  const rows: Cell[][] = [[...FRAMEWORK_COLUMNS]];
  for (const c of fw.criteria) {
    rows.push([
      c.code,
      c.title,
      c.maxH / 100,
      c.method ?? null,
      optionsOf(c) || null,
      c.guidance ?? null,
      c.isLeaf ? (c.evidenceRequired ? 'có' : 'không') : null,
    ]);
  }
  return rows;
}

type Obj = Record<string, unknown> & { children?: Obj[] };

/** Which column a problem reported by parseFrameworkDocument for a criterion belongs to. */
const COLUMN_OF: [RegExp, FrameworkColumn][] = [
  [/unknown method|takes no method|needs a method|cannot be a top-level group/, 'method'],
  [/step|tier|threshold|not applicable|allowNotApplicable|allowAboveFull/i, 'options'],
  [/maxScore|maxima/, 'max_score'],
  [/^title/, 'title'],
  [/^guidance/, 'guidance'],
  [/evidenceRequired/, 'evidence_required'],
  [/code|levels deep/, 'code'],
];

/** The document's words in the sheet's words: maxScore → max_score, tiers[1].share → the share of tier 'Một phần'. */
function sheetWords(message: string, options: ParsedOptions | undefined): string {
  return message
    .replace(/tiers\[(\d+)\]\.share/g, (m, i) => (options?.tiers?.[+i] ? `the share of tier '${options.tiers[+i].label}'` : m))
    .replace(/tiers\[(\d+)\]\.label/g, (_m, i) => `the label of tier ${+i + 1}`)
    .replace(/thresholds\[(\d+)\]\.share/g, (m, i) => (options?.thresholds?.[+i] ? `the share at ${options.thresholds[+i].minPercent} %` : m))
    .replace(/thresholds\[(\d+)\]\.minPercent/g, (_m, i) => `the percent of threshold ${+i + 1}`)
    .replace(/\bmaxScore\b/g, 'max_score')
    .replace(/\bevidenceRequired\b/g, 'evidence_required');
}

/** A problem's parameters with where it is in the sheet (i18n/problems.ts words the place). */
const located = (row: number, column: FrameworkColumn | undefined, params: ProblemParams = {}): ProblemParams => ({ sheet: 'framework', row, ...(column ? { column } : {}), ...params });

/** The document's field names among a problem's parameters in the sheet's column names (maxScore → max_score). */
function sheetParams(params: ProblemParams): ProblemParams {
  const field = typeof params.field === 'string' ? params.field : null;
  const column: Record<string, string> = { maxScore: 'max_score', evidenceRequired: 'evidence_required', allowNotApplicable: 'options', allowAboveFull: 'options', step: 'options', tiers: 'options', thresholds: 'options' };
  return field && column[field] ? { ...params, field: column[field] } : params;
}

/** Problems the parser finds only because a cell already reported here was left out. */
const CONSEQUENCE = /is required|needs a list|must be a non-empty list/;

/**
 * Rows of a framework sheet (the header first; blank rows are skipped) and the framework-level
 * fields → the interchange document, validated by parseFrameworkDocument. Throws InputProblems
 * listing every problem with its path "row 7, max_score" (or a field of `meta`).
 */
export function documentFromRows(rows: SheetRow[], meta: SheetMeta): object {
  const problems: Problem[] = [];
  const reported = new Set<string>(); // "row|column" already reported here, not again by the parser
  const report = (row: number, column: FrameworkColumn | undefined, message: string, code: ProblemCode, params: ProblemParams = {}) => {
    reported.add(`${row}|${column ?? ''}`);
    problems.push({ path: at(row, column), message, code, params: located(row, column, params) });
  };

  const nonBlank = rows.filter((r) => r.cells.some((c) => !isBlank(c)));
  if (nonBlank.length === 0) throw new InputProblems([{ path: 'file', message: 'the sheet is empty (the first row names the columns: ' + FRAMEWORK_COLUMNS.join(', ') + ')', code: 'EMPTY_SHEET', params: {} }]);
  if (nonBlank.length > MAX_ROWS + 1) throw new InputProblems([{ path: 'file', message: `more than ${MAX_ROWS} rows`, code: 'TOO_MANY_ROWS', params: { max: MAX_ROWS } }]);

  // the header: which column is where
  const [header, ...data] = nonBlank;
  const index = new Map<FrameworkColumn, number>();
  header.cells.forEach((c, i) => {
    const name = textOf(c);
    if (name === null) return;
    const key = normalizeHeader(name);
    const column = (FRAMEWORK_COLUMNS as readonly string[]).includes(key.replace(/ /g, '_'))
      ? (key.replace(/ /g, '_') as FrameworkColumn)
      : ALIASES[key];
    if (!column) return report(header.row, undefined, `unknown column ${show(name)} (the columns are ${FRAMEWORK_COLUMNS.join(', ')})`, 'UNKNOWN_COLUMN', { column: name });
    if (index.has(column)) return report(header.row, undefined, `two columns are ${column}`, 'COLUMN_TWICE', { column });
    index.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  for (const c of missing) report(header.row, undefined, `missing column ${c}`, 'MISSING_COLUMN', { column: c });
  if (missing.length) throw new InputProblems(problems);
  if (data.length === 0) throw new InputProblems([...problems, { path: at(header.row + 1), message: 'the sheet has no criteria below its header', code: 'EMPTY_SHEET', params: located(header.row + 1, undefined) }]);

  const get = (r: SheetRow, c: FrameworkColumn): Cell => {
    const i = index.get(c);
    return i === undefined ? null : (r.cells[i] ?? null);
  };

  // each row on its own
  interface Parsed {
    row: number;
    code: string;
    node: Obj;
    options: ParsedOptions;
    flags: { na: boolean; evidence: boolean };
  }
  const parsed: Parsed[] = [];
  const rowOfCode = new Map<string, number>();
  for (const r of data) {
    const code = textOf(get(r, 'code'));
    let codeOk = false;
    if (code === null) report(r.row, 'code', 'code is required', 'REQUIRED', { field: 'code' });
    else if (code.length > 100 || !CODE_RE.test(code)) report(r.row, 'code', `code ${show(code)} is not valid (segments of letters and digits joined by dots, e.g. 2.3.1)`, 'INVALID_CRITERION_CODE', { value: code });
    else if (rowOfCode.has(code)) report(r.row, 'code', `duplicate code ${show(code)} (first at row ${rowOfCode.get(code)})`, 'DUPLICATE', { field: 'code', value: code, first: rowOfCode.get(code)! });
    else codeOk = true;

    const node: Obj = { code: code ?? '' };
    const title = get(r, 'title');
    if (!isBlank(title)) node.title = typeof title === 'string' ? title : String(title);

    const maxCell = get(r, 'max_score');
    if (!isBlank(maxCell)) {
      const max = numberOf(maxCell);
      if (max === null) report(r.row, 'max_score', `must be a number (got ${show(maxCell)})`, 'NOT_A_NUMBER', { field: 'max_score' });
      else node.maxScore = max;
    }

    const methodText = textOf(get(r, 'method'));
    const method = methodText === null ? null : methodText.toUpperCase();
    if (method !== null) node.method = method;

    const options = parseOptions(textOf(get(r, 'options')), method, (m, code, params) => report(r.row, 'options', m, code, params));
    if (options.step !== undefined) node.step = options.step;
    if (options.tiers) node.tiers = options.tiers;
    if (options.thresholds) node.thresholds = options.thresholds;
    if (options.allowAboveFull) node.allowAboveFull = true;

    const guidance = textOf(get(r, 'guidance'));
    if (guidance !== null) node.guidance = guidance;

    const evidence = booleanOf(get(r, 'evidence_required'));
    if (evidence === null) report(r.row, 'evidence_required', `must be có or không (got ${show(get(r, 'evidence_required'))})`, 'NOT_BOOLEAN', { field: 'evidence_required' });

    if (!codeOk) continue;
    rowOfCode.set(code!, r.row);
    parsed.push({ row: r.row, code: code!, node, options, flags: { na: options.allowNotApplicable, evidence: evidence === true } });
  }

  // the tree: a code's parent is its prefix; siblings keep the rows' order
  const byCode = new Map(parsed.map((p) => [p.code, p]));
  const roots: Obj[] = [];
  for (const p of parsed) {
    const dot = p.code.lastIndexOf('.');
    if (dot < 0) {
      roots.push(p.node);
      continue;
    }
    const parentCode = p.code.slice(0, dot);
    const parent = byCode.get(parentCode);
    if (!parent) report(p.row, 'code', `its parent ${show(parentCode)} is not in the sheet`, 'PARENT_NOT_IN_SHEET', { parent: parentCode });
    else (parent.node.children ??= []).push(p.node);
  }
  for (const p of parsed) {
    const inner = (p.node.children?.length ?? 0) > 0;
    if (inner && p.flags.na) report(p.row, 'options', 'na is for leaves only (a group sums its children)', 'LEAF_ONLY', { field: 'allowNotApplicable' });
    if (inner && p.flags.evidence) report(p.row, 'evidence_required', 'evidence is required of leaves only', 'LEAF_ONLY', { field: 'evidence_required' });
    if (!inner) {
      if (p.flags.na) p.node.allowNotApplicable = true;
      if (p.flags.evidence) p.node.evidenceRequired = true;
    }
  }

  const document: Record<string, unknown> = {
    code: meta.code,
    name: meta.name,
    year: meta.year,
    unitKind: meta.unitKind,
    bands: meta.bands.map((b) => ({ label: b.label, minPercent: b.minPercent })),
    criteria: roots,
  };
  if (meta.notApplicable) document.notApplicable = meta.notApplicable;
  if (meta.capTotal != null) document.capTotal = meta.capTotal;

  try {
    parseFrameworkDocument(document);
  } catch (e) {
    if (!(e instanceof InputProblems)) throw e;
    for (const p of e.problems) {
      const own = byCode.get(p.path);
      if (!own) {
        if (p.path === 'criteria' && roots.length === 0 && problems.length) continue; // every row already failed
        problems.push({ ...p, path: p.path === 'criteria' ? 'file' : p.path });
        continue;
      }
      const column = COLUMN_OF.find(([re]) => re.test(p.message))?.[1];
      if (reported.has(`${own.row}|${column ?? ''}`) && CONSEQUENCE.test(p.message)) continue;
      problems.push({ path: at(own.row, column), message: sheetWords(p.message, own.options), code: p.code, params: located(own.row, column, sheetParams(p.params ?? {})) });
    }
  }
  if (problems.length) {
    const rowNumber = (path: string) => Number(/^row (\d+)/.exec(path)?.[1] ?? 0);
    throw new InputProblems(problems.map((p, i) => ({ p, i })).sort((a, b) => rowNumber(a.p.path) - rowNumber(b.p.path) || a.i - b.i).map((x) => x.p));
  }
  return document;
}
