import { randomUUID } from 'node:crypto';
import { bool, json, sqlRows, sqlRun, sqlTime } from '../../common/sql';
import type { Em } from '../../orm';
import type { NotApplicableMode, ScoreInput, ScoringMethod, Threshold, Tier } from '../scoring/scoring.types';
import type { AssessmentStatus } from './assessment.entity';
import type { EntryState } from './score-entry.entity';
import type { RevisionRound } from './score-revision.entity';

/**
 * The SQL of a save, statement by statement (DESIGN.md "How live collaboration works", step 1):
 * plain rows in and out, no entity hydrated or change-tracked on the way. The rules live in
 * SelfScoreService; this file only reads and writes.
 */

/** What a save needs to know about the assessment, its period, framework and unit. */
export interface AssessmentHead {
  id: string;
  seq: number;
  status: AssessmentStatus;
  unitId: string;
  unitName: string;
  periodId: string;
  phase: string;
  frameworkId: string;
  frameworkMaxH: number;
  notApplicable: NotApplicableMode;
}

/** A score entry with its criterion's rule, as stored. */
export interface EntryRow {
  id: string;
  criterionId: string;
  code: string;
  method: ScoringMethod;
  maxH: number;
  stepH: number | null;
  tiers: Tier[] | null;
  thresholds: Threshold[] | null;
  allowNotApplicable: boolean;
  input: ScoreInput | null;
  selfScoreH: number | null;
  notApplicable: boolean;
  comment: string | null;
  state: EntryState;
  assigneeId: string | null;
  updatedById: string | null;
  updatedAt: Date;
  version: number;
  source: string | null;
  /** every other column, as the driver gave it, for mapping the entry back to an entity */
  raw: Record<string, unknown>;
}

/** A stored progress row with its node's code, max and depth. */
export interface ChainRow {
  id: string;
  criterionId: string;
  code: string;
  depth: number;
  maxH: number;
  scoreH: number;
  regularSumH: number;
  extraSumH: number;
  capH: number;
  leaves: number;
  leavesScored: number;
  leavesWithEvidence: number;
  leavesAppraised: number;
  appraisedScoreH: number;
  appraisedCapH: number | null;
  /** the columns as the driver gave them */
  raw: Record<string, unknown>;
}

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number)));

/**
 * Takes the assessment's row (seq + 1) and returns what a save needs, or null when there is no
 * such assessment. Taking the row first serializes the saves of one assessment (PostgreSQL row
 * lock, SQLite write lock): the ancestors' rows are shared, and seq must grow by one.
 */
export async function lockAssessment(em: Em, assessmentId: string): Promise<AssessmentHead | null> {
  const bumped = await sqlRows<{ seq: number }>(em, 'update "assessment" set "seq" = "seq" + 1 where "id" = ? returning "seq"', [assessmentId]);
  if (!bumped.length) return null;
  const [r] = await sqlRows<Record<string, unknown>>(
    em,
    `select a."status", a."unit_id", u."name" as "unit_name", a."period_id", p."phase", f."id" as "framework_id", f."max_h", f."not_applicable"
       from "assessment" a join "period" p on p."id" = a."period_id" join "framework" f on f."id" = p."framework_id" join "unit" u on u."id" = a."unit_id"
      where a."id" = ?`,
    [assessmentId],
  );
  return {
    id: assessmentId,
    seq: Number(bumped[0].seq),
    status: r.status as AssessmentStatus,
    unitId: r.unit_id as string,
    unitName: r.unit_name as string,
    periodId: r.period_id as string,
    phase: r.phase as string,
    frameworkId: r.framework_id as string,
    frameworkMaxH: Number(r.max_h),
    notApplicable: r.not_applicable as NotApplicableMode,
  };
}

/** The entry of one leaf in one assessment, with the leaf's rule; null when there is none. */
export async function readEntry(em: Em, assessmentId: string, criterionId: string): Promise<EntryRow | null> {
  const [r] = await sqlRows<Record<string, unknown>>(
    em,
    `select e.*, c."code", c."method", c."max_h", c."step_h", c."tiers", c."thresholds", c."allow_not_applicable"
       from "score_entry" e join "criterion" c on c."id" = e."criterion_id"
      where e."assessment_id" = ? and e."criterion_id" = ?`,
    [assessmentId, criterionId],
  );
  if (!r) return null;
  const { code, method, max_h, step_h, tiers, thresholds, allow_not_applicable, ...raw } = r;
  return {
    id: r.id as string,
    criterionId: r.criterion_id as string,
    code: code as string,
    method: method as ScoringMethod,
    maxH: Number(max_h),
    stepH: step_h == null ? null : Number(step_h),
    tiers: json<Tier[]>(tiers),
    thresholds: json<Threshold[]>(thresholds),
    allowNotApplicable: bool(allow_not_applicable),
    input: json<ScoreInput>(r.input),
    selfScoreH: r.self_score_h == null ? null : Number(r.self_score_h),
    notApplicable: bool(r.not_applicable),
    comment: (r.comment as string | null) ?? null,
    state: r.state as EntryState,
    assigneeId: (r.assignee_id as string | null) ?? null,
    updatedById: (r.updated_by_id as string | null) ?? null,
    updatedAt: toDate(r.updated_at),
    version: Number(r.version),
    source: (r.source as string | null) ?? null,
    raw,
  };
}

/**
 * The progress rows of the given nodes (by code) and of every top-level node (for the totals
 * the live event carries): O(depth + groups) rows through the (assessment, criterion) index.
 */
export async function readChain(em: Em, assessmentId: string, frameworkId: string, codes: string[]): Promise<ChainRow[]> {
  // both halves go through an index (framework + code; parent: the top-level nodes of every
  // framework, a few dozen), then (assessment, criterion): the cost does not grow with the tree
  const rows = await sqlRows<Record<string, unknown>>(
    em,
    `select p.*, c."code", c."depth", c."max_h" from "criterion" c join "progress" p on p."criterion_id" = c."id" and p."assessment_id" = ?
      where c."id" in (select "id" from "criterion" where "framework_id" = ? and "code" in (${codes.map(() => '?').join(', ')})
                       union select "id" from "criterion" where "parent_id" is null)`,
    [assessmentId, frameworkId, ...codes],
  );
  return rows.map((r) => {
    const { code, depth, max_h, ...raw } = r;
    return {
      id: r.id as string,
      criterionId: r.criterion_id as string,
      code: code as string,
      depth: Number(depth),
      maxH: Number(max_h),
      scoreH: Number(r.score_h),
      regularSumH: Number(r.regular_sum_h),
      extraSumH: Number(r.extra_sum_h),
      capH: Number(r.cap_h),
      leaves: Number(r.leaves),
      leavesScored: Number(r.leaves_scored),
      leavesWithEvidence: Number(r.leaves_with_evidence),
      leavesAppraised: Number(r.leaves_appraised),
      appraisedScoreH: Number(r.appraised_score_h),
      appraisedCapH: r.appraised_cap_h == null ? null : Number(r.appraised_cap_h),
      raw,
    };
  });
}

export interface EntryChange {
  input: ScoreInput | null;
  selfScoreH: number | null;
  notApplicable: boolean;
  comment: string | null;
  state: EntryState;
  version: number;
  updatedById: string;
  updatedAt: Date;
  /** undefined: keep */
  source?: null;
}

/** Writes the entry if it is still at `expectedVersion`; false when someone got there first. */
export async function writeEntry(em: Em, entryId: string, expectedVersion: number, c: EntryChange): Promise<boolean> {
  const sets = ['"input" = ?', '"self_score_h" = ?', '"not_applicable" = ?', '"comment" = ?', '"state" = ?', '"version" = ?', '"updated_by_id" = ?', '"updated_at" = ?'];
  const params: unknown[] = [c.input == null ? null : JSON.stringify(c.input), c.selfScoreH, c.notApplicable, c.comment, c.state, c.version, c.updatedById, sqlTime(em, c.updatedAt)];
  if (c.source === null) sets.push('"source" = null');
  const changed = await sqlRun(em, `update "score_entry" set ${sets.join(', ')} where "id" = ? and "version" = ?`, [...params, entryId, expectedVersion]);
  return changed === 1;
}

/** One history row. */
export async function insertRevision(
  em: Em,
  r: { entryId: string; actorId: string; round: RevisionRound; version: number; old: unknown; next: unknown; at: Date },
): Promise<void> {
  const at = sqlTime(em, r.at);
  await sqlRun(
    em,
    'insert into "score_revision" ("id", "created_at", "updated_at", "entry_id", "actor_id", "round", "version", "old", "new_value") values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [randomUUID(), at, at, r.entryId, r.actorId, r.round, r.version, JSON.stringify(r.old), JSON.stringify(r.next)],
  );
}

/** The new self columns of the changed progress rows, in one statement. */
export async function writeChain(em: Em, rows: ChainRow[], at: Date): Promise<void> {
  if (!rows.length) return;
  const cols = [
    ['score_h', (r: ChainRow) => r.scoreH],
    ['regular_sum_h', (r: ChainRow) => r.regularSumH],
    ['extra_sum_h', (r: ChainRow) => r.extraSumH],
    ['cap_h', (r: ChainRow) => r.capH],
    ['leaves_scored', (r: ChainRow) => r.leavesScored],
  ] as const;
  const params: unknown[] = [];
  const sets = cols.map(([col, get]) => {
    for (const r of rows) params.push(r.id, get(r));
    return `"${col}" = case "id" ${rows.map(() => 'when ? then ?').join(' ')} end`;
  });
  params.push(sqlTime(em, at), ...rows.map((r) => r.id));
  await sqlRun(em, `update "progress" set ${sets.join(', ')}, "updated_at" = ? where "id" in (${rows.map(() => '?').join(', ')})`, params);
}

/** NOT_STARTED → IN_PROGRESS on the first save. */
export async function markInProgress(em: Em, assessmentId: string, at: Date): Promise<void> {
  await sqlRun(em, `update "assessment" set "status" = 'IN_PROGRESS', "updated_at" = ? where "id" = ? and "status" = 'NOT_STARTED'`, [sqlTime(em, at), assessmentId]);
}
