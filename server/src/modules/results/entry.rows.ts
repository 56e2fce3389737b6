/**
 * A period's score entries as the results need them: plain rows read with one SQL statement
 * (plus one for the figures of RELATIVE leaves), never hydrated as entities. A period of
 * 200 units × 500 leaves is 100,000 entries; loading them as ScoreEntry entities cost seconds.
 */
import type { Em } from '../../orm';
import type { ScoreEntry } from '../assessment/score-entry.entity';
import { ScoringMethod } from '../framework/criterion.entity';
import { rows } from '../../common/sql';

/** What the results read of one entry: each level's score, N/A and (RELATIVE only) figure. */
export interface EntryRow {
  assessmentId: string;
  criterionId: string;
  selfScoreH: number | null;
  notApplicable: boolean;
  /** the figure of the raw input; read for RELATIVE leaves only (null for the others) */
  figure: number | null;
  /** round 1 has an input (the leaf was appraised in round 1) */
  round1Held: boolean;
  round1ScoreH: number | null;
  round1NotApplicable: boolean;
  round1Figure: number | null;
  round2Held: boolean;
  round2ScoreH: number | null;
  round2NotApplicable: boolean;
  round2Figure: number | null;
}

const figureOf = (input: { figure?: unknown } | null | undefined): number | null =>
  typeof input?.figure === 'number' && Number.isFinite(input.figure) ? input.figure : null;

/** The same row of an entity already loaded (a single assessment's improvement list). */
export function entryRowOf(e: ScoreEntry): EntryRow {
  return {
    assessmentId: e.assessment.id,
    criterionId: e.criterion.id,
    selfScoreH: e.selfScoreH ?? null,
    notApplicable: e.notApplicable,
    figure: figureOf(e.input),
    round1Held: e.round1Input != null,
    round1ScoreH: e.round1ScoreH ?? null,
    round1NotApplicable: e.round1NotApplicable,
    round1Figure: figureOf(e.round1Input),
    round2Held: e.round2Input != null,
    round2ScoreH: e.round2ScoreH ?? null,
    round2NotApplicable: e.round2NotApplicable,
    round2Figure: figureOf(e.round2Input),
  };
}

/** A boolean column as either driver gives it (SQLite: 0/1, PostgreSQL: true/false). */
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';
/** An integer column; PostgreSQL's int is a number already, SQLite may give a bigint. */
const int = (v: unknown): number | null => (v == null ? null : Number(v));
/** A JSON column as either driver gives it (PostgreSQL parses it, SQLite gives the text). */
const json = (v: unknown): { figure?: unknown } | null => (v == null ? null : typeof v === 'string' ? JSON.parse(v) : (v as { figure?: unknown }));

/** A JSON input counts as given unless it is NULL (or the JSON literal null), as `!= null` on the entity. */
const held = (col: string) => `case when e.${col} is null or cast(e.${col} as text) = 'null' then 0 else 1 end`;

const ENTRIES = `select e.assessment_id, e.criterion_id, e.self_score_h, e.not_applicable,
  ${held('round1input')} as r1, e.round1score_h, e.round1not_applicable,
  ${held('round2input')} as r2, e.round2score_h, e.round2not_applicable
from score_entry e join assessment a on a.id = e.assessment_id
where a.period_id = ?`;

const FIGURES = `select e.assessment_id, e.criterion_id, e.input, e.round1input, e.round2input
from score_entry e join assessment a on a.id = e.assessment_id join criterion c on c.id = e.criterion_id
where a.period_id = ? and c.method = ?`;

/** Which of a period's entries to read: some assessments only, and/or the RELATIVE leaves only. */
export interface EntryFilter {
  assessmentIds?: readonly string[];
  relativeOnly?: boolean;
}

/** The statement's tail and parameters for a filter (`?` placeholders, after the period's). */
function filtered(filter: EntryFilter): { sql: string; params: unknown[] } {
  const ids = filter.assessmentIds;
  let sql = '';
  const params: unknown[] = [];
  if (ids) {
    sql += ` and e.assessment_id in (${ids.length ? ids.map(() => '?').join(', ') : 'null'})`;
    params.push(...ids);
  }
  if (filter.relativeOnly) {
    sql += ' and e.criterion_id in (select c.id from criterion c where c.method = ?)';
    params.push(ScoringMethod.RELATIVE);
  }
  return { sql, params };
}

interface EntrySql {
  assessment_id: string;
  criterion_id: string;
  self_score_h: unknown;
  not_applicable: unknown;
  r1: unknown;
  round1score_h: unknown;
  round1not_applicable: unknown;
  r2: unknown;
  round2score_h: unknown;
  round2not_applicable: unknown;
}

interface FigureSql {
  assessment_id: string;
  criterion_id: string;
  input: unknown;
  round1input: unknown;
  round2input: unknown;
}


/**
 * Every entry of the period's assessments (or those `filter` keeps), in the entity manager's
 * transaction. A whole period is units × leaves of them: the results read it a slice of
 * assessments at a time (results.service.ts), so that the rows never all live at once.
 */
export async function loadEntryRows(em: Em, periodId: string, hasRelative: boolean, filter: EntryFilter = {}): Promise<EntryRow[]> {
  const f = filtered(filter);
  const raw = await rows<EntrySql>(em, ENTRIES + f.sql, [periodId, ...f.params]);
  const out: EntryRow[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    out[i] = {
      assessmentId: r.assessment_id,
      criterionId: r.criterion_id,
      selfScoreH: int(r.self_score_h),
      notApplicable: bool(r.not_applicable),
      figure: null,
      round1Held: bool(r.r1),
      round1ScoreH: int(r.round1score_h),
      round1NotApplicable: bool(r.round1not_applicable),
      round1Figure: null,
      round2Held: bool(r.r2),
      round2ScoreH: int(r.round2score_h),
      round2NotApplicable: bool(r.round2not_applicable),
      round2Figure: null,
    };
  }
  if (!hasRelative) return out;
  const figures = new Map<string, FigureSql>();
  const ff = filtered({ assessmentIds: filter.assessmentIds });
  for (const fr of await rows<FigureSql>(em, FIGURES + ff.sql, [periodId, ScoringMethod.RELATIVE, ...ff.params])) figures.set(`${fr.assessment_id} ${fr.criterion_id}`, fr);
  if (!figures.size) return out;
  for (const r of out) {
    const fr = figures.get(`${r.assessmentId} ${r.criterionId}`);
    if (!fr) continue;
    r.figure = figureOf(json(fr.input));
    r.round1Figure = figureOf(json(fr.round1input));
    r.round2Figure = figureOf(json(fr.round2input));
  }
  return out;
}
