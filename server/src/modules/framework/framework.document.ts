/**
 * The framework interchange format (DESIGN.md, "Framework interchange format"): validation of a
 * whole JSON document into a flat, pre-ordered list of criteria in integer hundredths, and back.
 * Nothing is written before the whole document is valid; every problem is reported at once.
 */
import { InputProblems, type Problem, type ProblemCode, type ProblemParams } from '../../common/errors';
import { ratFromNumber, toHundredths } from '../../common/decimal';
import { nodeKindOf, SCORING_METHODS, ScoringMethod, Threshold, Tier } from '../scoring/scoring.types';

export const UNIT_KINDS = ['DEPARTMENT', 'DISTRICT', 'COMMUNE', 'OTHER'] as const;
export type UnitKindName = (typeof UNIT_KINDS)[number];

export interface BandDocument {
  label: string;
  minPercent: number;
}

export interface FrameworkDocument {
  code: string;
  name: string;
  year: number;
  unitKind: UnitKindName;
  notApplicable: 'FULL' | 'RESCALE';
  /** the total capped at the framework max (DESIGN.md "Arithmetic"); false by default */
  capTotal: boolean;
  /** sorted by minPercent, descending */
  bands: BandDocument[];
  /** root max = sum of the top-level groups' maxima */
  maxH: number;
  /** pre-order: parents before children */
  criteria: CriterionDocument[];
}

export interface CriterionDocument {
  code: string;
  parentCode: string | null;
  /** 1 for top level */
  depth: number;
  /** index among siblings */
  position: number;
  title: string;
  guidance: string | null;
  maxH: number;
  /** null for inner nodes */
  method: ScoringMethod | null;
  /** MANUAL only (default 1 = 0.01) */
  stepH: number | null;
  /** TIERS only */
  tiers: Tier[] | null;
  /** RATIO only, sorted by minPercent descending; null for a plain ratio */
  thresholds: Threshold[] | null;
  evidenceRequired: boolean;
  allowNotApplicable: boolean;
  /** RATIO only: a numerator above its denominator is accepted (the score stays capped at max) */
  allowAboveFull: boolean;
  isLeaf: boolean;
}

export const MAX_CRITERIA = 100_000;
export const MAX_DEPTH = 8;
/** A guard far above real sets (1,000 points), keeping every sum a safe integer. */
const MAX_SCORE = 1_000_000;
const CODE_RE = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/;

const DOC_FIELDS = ['code', 'name', 'year', 'unitKind', 'notApplicable', 'capTotal', 'bands', 'criteria'];
const CRITERION_FIELDS = [
  'code', 'title', 'maxScore', 'method', 'guidance', 'evidenceRequired', 'allowNotApplicable',
  'allowAboveFull', 'step', 'tiers', 'thresholds', 'children',
];

type Obj = Record<string, unknown>;
/** Reports one problem: where, the English message, and the code and parameters a client words. */
type Report = (path: string, message: string, code: ProblemCode, params?: ProblemParams) => void;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const given = (v: unknown) => v !== undefined && v !== null;
const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v));

/** True when x is a finite number with at most `places` decimals, exactly. */
function hasDecimals(x: unknown, places: number): x is number {
  if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  return 10n ** BigInt(places) % ratFromNumber(x).den === 0n;
}

/** The keys of `o` that are not in `known` (typos like 'maxscore' are problems, not ignored). */
const unknownKeys = (o: Obj, known: string[]) => Object.keys(o).filter((k) => !known.includes(k));

/** A required (or optional) trimmed string; reports and returns null when unusable. */
function text(v: unknown, what: string, path: string, report: Report, max: number, required = true): string | null {
  if (!given(v)) {
    if (required) report(path, `${what} is required`, 'REQUIRED', { field: what });
    return null;
  }
  if (typeof v !== 'string') return report(path, `${what} must be a string`, 'NOT_TEXT', { field: what }), null;
  const s = v.trim();
  if (!s && required) return report(path, `${what} must not be empty`, 'REQUIRED', { field: what }), null;
  if (s.length > max) return report(path, `${what} is longer than ${max} characters`, 'TOO_LONG', { field: what, max }), null;
  return s || null;
}

function flag(v: unknown, what: string, path: string, report: Report): boolean {
  if (!given(v)) return false;
  if (typeof v !== 'boolean') return report(path, `${what} must be true or false`, 'NOT_BOOLEAN', { field: what }), false;
  return v;
}

/** A score-like number (maxScore, step) in hundredths, or null after reporting. */
function hundredths(v: unknown, what: string, path: string, report: Report): number | null {
  if (!given(v)) return report(path, `${what} is required`, 'REQUIRED', { field: what }), null;
  if (typeof v !== 'number' || !Number.isFinite(v)) return report(path, `${what} must be a number`, 'NOT_A_NUMBER', { field: what }), null;
  if (v < 0) return report(path, `${what} must not be negative (got ${v})`, 'NEGATIVE', { field: what }), null;
  if (v > MAX_SCORE) return report(path, `${what} must be at most ${MAX_SCORE}`, 'OUT_OF_RANGE', { field: what, min: 0, max: MAX_SCORE }), null;
  const h = toHundredths(v);
  if (h === null) return report(path, `${what} has more than 2 decimals (got ${v})`, 'TOO_MANY_DECIMALS', { field: what, places: 2 }), null;
  return h;
}

function percent(v: unknown, what: string, path: string, report: Report): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100 || !hasDecimals(v, 2)) {
    return report(path, `${what} must be a number from 0 to 100 with at most 2 decimals (got ${show(v)})`, 'NOT_A_PERCENT', { field: what }), null;
  }
  return v;
}

function share(v: unknown, what: string, path: string, report: Report, orRatio = false): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1 || !hasDecimals(v, 4)) {
    const expected = `${orRatio ? '"ratio" or ' : ''}a number from 0 to 1 with at most 4 decimals`;
    return report(path, `${what} must be ${expected} (got ${show(v)})`, 'NOT_A_SHARE', { field: what }), null;
  }
  return v;
}

function parseBands(v: unknown, report: Report): BandDocument[] {
  if (!Array.isArray(v) || v.length === 0) return report('bands', 'bands must be a non-empty list', 'EMPTY_LIST', { field: 'bands' }), [];
  const bands: BandDocument[] = [];
  const labels = new Set<string>();
  const mins = new Set<number>();
  v.forEach((b, i) => {
    const at = `bands[${i}]`;
    if (!isObject(b)) return report(at, 'a band must be an object { label, minPercent }', 'NOT_AN_OBJECT', { field: at });
    for (const k of unknownKeys(b, ['label', 'minPercent'])) report(`${at}.${k}`, `unknown field '${k}'`, 'UNKNOWN_FIELD', { field: k });
    const label = text(b.label, 'label', `${at}.label`, report, 100);
    if (label !== null) {
      if (labels.has(label)) report(`${at}.label`, `duplicate band label '${label}'`, 'LABEL_TWICE', { value: label });
      labels.add(label);
    }
    const min = percent(b.minPercent, 'minPercent', `${at}.minPercent`, report);
    if (min !== null) {
      if (mins.has(min)) report(`${at}.minPercent`, `two bands start at ${min} %`, 'SAME_START', { value: min });
      mins.add(min);
    }
    if (label !== null && min !== null) bands.push({ label, minPercent: min });
  });
  if (bands.length === v.length && !mins.has(0)) report('bands', 'one band must have minPercent 0 (the lowest class)', 'NO_LOWEST_BAND', {});
  return bands.sort((a, b) => b.minPercent - a.minPercent);
}

/** TIERS options; `report` is bound to the criterion's path. */
function parseTiers(v: unknown, report: Report): Tier[] | null {
  if (!Array.isArray(v) || v.length < 2) return report('', 'TIERS needs a list of at least 2 tiers', 'TOO_FEW', { field: 'tiers', min: 2 }), null;
  const tiers: Tier[] = [];
  const labels = new Set<string>();
  v.forEach((t, i) => {
    const at = `tiers[${i}]`;
    if (!isObject(t)) return report('', `${at} must be an object { label, share }`, 'NOT_AN_OBJECT', { field: at });
    for (const k of unknownKeys(t, ['label', 'share'])) report('', `unknown field '${k}' in ${at}`, 'UNKNOWN_FIELD', { field: `${at}.${k}` });
    const label = text(t.label, `${at}.label`, '', report, 200);
    if (label !== null) {
      if (labels.has(label)) report('', `duplicate tier label '${label}'`, 'LABEL_TWICE', { value: label });
      labels.add(label);
    }
    const s = share(t.share, `${at}.share`, '', report);
    if (label !== null && s !== null) tiers.push({ label, share: s });
  });
  return tiers;
}

/** RATIO thresholds, sorted by minPercent descending; `report` is bound to the criterion's path. */
function parseThresholds(v: unknown, report: Report): Threshold[] | null {
  if (!Array.isArray(v) || v.length === 0) {
    return report('', 'thresholds must be a non-empty list (omit it for a plain ratio)', 'EMPTY_LIST', { field: 'thresholds' }), null;
  }
  const out: Threshold[] = [];
  const mins = new Set<number>();
  v.forEach((t, i) => {
    const at = `thresholds[${i}]`;
    if (!isObject(t)) return report('', `${at} must be an object { minPercent, share }`, 'NOT_AN_OBJECT', { field: at });
    for (const k of unknownKeys(t, ['minPercent', 'share'])) report('', `unknown field '${k}' in ${at}`, 'UNKNOWN_FIELD', { field: `${at}.${k}` });
    const min = percent(t.minPercent, `${at}.minPercent`, '', report);
    if (min !== null) {
      if (mins.has(min)) report('', `two thresholds start at ${min} %`, 'SAME_START', { value: min });
      mins.add(min);
    }
    const s = t.share === 'ratio' ? 'ratio' : share(t.share, `${at}.share`, '', report, true);
    if (min !== null && s !== null) out.push({ minPercent: min, share: s });
  });
  return out.sort((a, b) => b.minPercent - a.minPercent);
}

/**
 * Validates a whole interchange document. Throws InputProblems listing every problem; a problem's
 * path is the criterion's code ("2.3.1"), its position when it has no usable code
 * ("criteria[2].children[0]"), or a top-level field ("bands[1].minPercent").
 */
export function parseFrameworkDocument(doc: unknown): FrameworkDocument {
  const problems: Problem[] = [];
  const report: Report = (path, message, code, params = {}) => problems.push({ path, message, code, params });
  if (!isObject(doc)) throw new InputProblems([{ path: '', message: 'the document must be a JSON object', code: 'NOT_AN_OBJECT', params: { field: 'document' } }]);

  for (const k of unknownKeys(doc, DOC_FIELDS)) report(k, `unknown field '${k}'`, 'UNKNOWN_FIELD', { field: k });
  const code = text(doc.code, 'code', 'code', report, 100);
  const name = text(doc.name, 'name', 'name', report, 500);
  if (!Number.isInteger(doc.year) || (doc.year as number) < 2000 || (doc.year as number) > 2100) {
    report('year', `year must be an integer from 2000 to 2100 (got ${show(doc.year)})`, 'OUT_OF_RANGE', { field: 'year', min: 2000, max: 2100 });
  }
  if (!UNIT_KINDS.includes(doc.unitKind as UnitKindName)) {
    report('unitKind', `unitKind must be one of ${UNIT_KINDS.join(', ')} (got ${show(doc.unitKind)})`, 'NOT_ONE_OF', { field: 'unitKind', value: String(doc.unitKind ?? ''), allowed: UNIT_KINDS.join(', ') });
  }
  const notApplicable = (doc.notApplicable ?? 'RESCALE') as FrameworkDocument['notApplicable'];
  if (notApplicable !== 'FULL' && notApplicable !== 'RESCALE') {
    report('notApplicable', `notApplicable must be FULL or RESCALE (got ${show(notApplicable)})`, 'NOT_ONE_OF', { field: 'notApplicable', value: String(notApplicable), allowed: 'FULL, RESCALE' });
  }
  const capTotal = flag(doc.capTotal, 'capTotal', 'capTotal', report);
  const bands = parseBands(doc.bands, report);

  const criteria: CriterionDocument[] = [];
  const seen = new Map<string, string>(); // code → where it was first seen
  let visited = 0;
  let tooMany = false;

  /** Walks one list of siblings; returns the nodes parsed at this level. */
  const walk = (list: unknown[], listPath: string, parent: CriterionDocument | null, parentOk: boolean) => {
    const depth = parent ? parent.depth + 1 : 1;
    const siblings: CriterionDocument[] = [];
    list.forEach((c, position) => {
      if (tooMany) return;
      if (++visited > MAX_CRITERIA) {
        tooMany = true;
        return report('criteria', `more than ${MAX_CRITERIA} criteria`, 'TOO_MANY', { field: 'criteria', max: MAX_CRITERIA });
      }
      const where = `${listPath}[${position}]`;
      if (!isObject(c)) return report(where, 'a criterion must be an object', 'NOT_AN_OBJECT', { field: 'criteria' });
      const codeOk = typeof c.code === 'string' && c.code.length <= 100 && CODE_RE.test(c.code);
      const path = codeOk ? (c.code as string) : where;
      const problem = (message: string, code: ProblemCode, params: ProblemParams = {}) => report(path, message, code, params);
      const bound: Report = (_p, message, code, params) => problem(message, code, params); // for the helpers below

      // code: valid, unique, and placed under its parent's code
      if (!given(c.code)) problem('code is required', 'REQUIRED', { field: 'code' });
      else if (!codeOk) problem(`code ${show(c.code)} is not valid (segments of letters and digits joined by dots)`, 'INVALID_CRITERION_CODE', { value: String(c.code) });
      else {
        const own = c.code as string;
        if (seen.has(own)) problem(`duplicate code (first at ${seen.get(own)})`, 'CODE_TWICE', { value: own });
        else seen.set(own, where);
        if (!parent && own.includes('.')) problem('a top-level code has no dot', 'TOP_CODE_WITH_DOT', { value: own });
        if (parent && parentOk) {
          const rest = own.startsWith(parent.code + '.') ? own.slice(parent.code.length + 1) : '';
          if (!rest || rest.includes('.')) problem(`code must be '${parent.code}.<n>' under '${parent.code}'`, 'CODE_NOT_UNDER_PARENT', { value: own, parent: parent.code });
        }
      }
      if (depth > MAX_DEPTH) return problem(`more than ${MAX_DEPTH} levels deep`, 'TOO_DEEP', { max: MAX_DEPTH });

      for (const k of unknownKeys(c, CRITERION_FIELDS)) problem(`unknown field '${k}'`, 'UNKNOWN_FIELD', { field: k });
      const title = text(c.title, 'title', path, report, 500);
      const guidance = text(c.guidance, 'guidance', path, report, 20_000, false);
      const maxH = hundredths(c.maxScore, 'maxScore', path, report);
      if (given(c.children) && !Array.isArray(c.children)) problem('children must be a list', 'NOT_A_LIST', { field: 'children' });
      const children = Array.isArray(c.children) ? c.children : [];
      const isLeaf = children.length === 0;

      // method and its options
      let method: ScoringMethod | null = null;
      if (given(c.method)) {
        if (SCORING_METHODS.includes(c.method as ScoringMethod)) method = c.method as ScoringMethod;
        else problem(`unknown method ${show(c.method)} (one of ${SCORING_METHODS.join(', ')})`, 'UNKNOWN_METHOD', { method: String(c.method) });
        if (!isLeaf) problem('a criterion with children takes no method (it sums its children)', 'GROUP_WITH_METHOD', {});
      } else if (isLeaf) problem('a leaf needs a method (or children)', 'LEAF_WITHOUT_METHOD', {});
      const kind = nodeKindOf(method);
      if (kind !== 'REGULAR' && !parent) problem(`${method} cannot be a top-level group`, 'NOT_AT_TOP', { method: String(method) });

      let stepH: number | null = null;
      if (method === 'MANUAL' && isLeaf) {
        stepH = given(c.step) ? hundredths(c.step, 'step', path, report) : 1;
        if (stepH === 0) problem('step must be greater than 0', 'MUST_BE_POSITIVE', { field: 'step' });
        if (given(c.step) && stepH !== null && maxH !== null && stepH > maxH) problem('step must not exceed maxScore', 'STEP_ABOVE_MAX', {});
      } else if (given(c.step)) problem('step is only for MANUAL leaves', 'ONLY_FOR_METHOD', { field: 'step', method: 'MANUAL' });
      let tiers: Tier[] | null = null;
      if (method === 'TIERS' && isLeaf) tiers = parseTiers(c.tiers, bound);
      else if (given(c.tiers)) problem('tiers are only for TIERS leaves', 'ONLY_FOR_METHOD', { field: 'tiers', method: 'TIERS' });
      let thresholds: Threshold[] | null = null;
      if (method === 'RATIO' && isLeaf && given(c.thresholds)) thresholds = parseThresholds(c.thresholds, bound);
      else if (given(c.thresholds) && method !== 'RATIO') problem('thresholds are only for RATIO leaves', 'ONLY_FOR_METHOD', { field: 'thresholds', method: 'RATIO' });

      const allowAboveFull = flag(c.allowAboveFull, 'allowAboveFull', path, report);
      if (allowAboveFull && method !== 'RATIO') problem('allowAboveFull is only for RATIO leaves', 'ONLY_FOR_METHOD', { field: 'allowAboveFull', method: 'RATIO' });

      const evidenceRequired = flag(c.evidenceRequired, 'evidenceRequired', path, report);
      const allowNotApplicable = flag(c.allowNotApplicable, 'allowNotApplicable', path, report);
      if (!isLeaf && (evidenceRequired || allowNotApplicable)) {
        problem('evidenceRequired and allowNotApplicable are for leaves only', 'LEAF_ONLY', { field: evidenceRequired ? 'evidenceRequired' : 'allowNotApplicable' });
      }

      const node: CriterionDocument = {
        code: typeof c.code === 'string' ? c.code : where,
        parentCode: parent?.code ?? null,
        depth,
        position,
        title: title ?? '',
        guidance,
        maxH: maxH ?? 0,
        method: isLeaf ? method : null,
        stepH,
        tiers,
        thresholds,
        evidenceRequired,
        allowNotApplicable,
        allowAboveFull: allowAboveFull && method === 'RATIO' && isLeaf,
        isLeaf,
      };
      criteria.push(node);
      siblings.push(node);

      if (!isLeaf) {
        const kids = walk(children, `${where}.children`, node, codeOk);
        // regular children must fit in the parent's max; bonus and deduction come on top
        const regular = kids.filter((k) => nodeKindOf(k.method) === 'REGULAR').reduce((s, k) => s + k.maxH, 0);
        if (maxH !== null && regular > maxH) {
          problem(`its regular children's maxima add up to ${regular / 100}, more than its maxScore ${maxH / 100}`, 'CHILDREN_ABOVE_MAX', { sum: regular / 100, max: maxH / 100 });
        }
      }
    });
    return siblings;
  };

  let top: CriterionDocument[] = [];
  if (!Array.isArray(doc.criteria) || doc.criteria.length === 0) {
    report('criteria', 'criteria must be a non-empty list', 'EMPTY_LIST', { field: 'criteria' });
  } else top = walk(doc.criteria, 'criteria', null, true);

  if (problems.length) throw new InputProblems(problems);
  return {
    code: code!,
    name: name!,
    year: doc.year as number,
    unitKind: doc.unitKind as UnitKindName,
    notApplicable,
    capTotal,
    bands,
    maxH: top.reduce((s, n) => s + n.maxH, 0),
    criteria,
  };
}

/** The interchange JSON of a framework (nested children, scores as numbers); parse(toDocument(x)) equals x. */
export function frameworkToDocument(fw: FrameworkDocument): object {
  const nodes = new Map<string, Obj & { children?: Obj[] }>();
  const roots: Obj[] = [];
  for (const c of fw.criteria) {
    const o: Obj & { children?: Obj[] } = { code: c.code, title: c.title, maxScore: c.maxH / 100 };
    if (c.method) o.method = c.method;
    if (c.method === 'MANUAL' && c.stepH !== null && c.stepH !== 1) o.step = c.stepH / 100;
    if (c.tiers) o.tiers = c.tiers.map((t) => ({ label: t.label, share: t.share }));
    if (c.thresholds) o.thresholds = c.thresholds.map((t) => ({ minPercent: t.minPercent, share: t.share }));
    if (c.guidance !== null) o.guidance = c.guidance;
    if (c.evidenceRequired) o.evidenceRequired = true;
    if (c.allowNotApplicable) o.allowNotApplicable = true;
    if (c.allowAboveFull) o.allowAboveFull = true;
    nodes.set(c.code, o);
    const parent = c.parentCode === null ? undefined : nodes.get(c.parentCode);
    if (parent) (parent.children ??= []).push(o);
    else roots.push(o);
  }
  return {
    code: fw.code,
    name: fw.name,
    year: fw.year,
    unitKind: fw.unitKind,
    notApplicable: fw.notApplicable,
    ...(fw.capTotal ? { capTotal: true } : {}),
    bands: fw.bands.map((b) => ({ label: b.label, minPercent: b.minPercent })),
    criteria: roots,
  };
}
