import { randomUUID } from 'node:crypto';
import { bool, json, sqlTime, type Stmt, type Tx } from '../../common/sql';
import type { Em } from '../../orm';
import type { NotApplicableMode, ScoreInput, ScoringMethod, Threshold, Tier } from '../scoring/scoring.types';
import type { DeadlineFacts } from '../deadline/deadline.rule';
import type { AssessmentStatus } from './assessment.entity';
import { pendingLeafRow, pendingLeavesStmt, type PendingLeaf } from './pending';
import type { EntryState } from './score-entry.entity';
import type { RevisionRound } from './score-revision.entity';

/**
 * The SQL of a save (DESIGN.md "How live collaboration works", step 1) in two batches, each one
 * round trip on PostgreSQL: the reads (taking the assessment's row first), then the writes.
 * Plain rows in and out, no entity hydrated or change-tracked on the way. The rules live in
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
  capTotal: boolean;
  /** the deadline of the period's phase for this assessment (modules/deadline) */
  deadline: DeadlineFacts;
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
  allowAboveFull: boolean;
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
  appraisedRegularSumH: number;
  appraisedExtraSumH: number;
  appraisedCapH: number | null;
  /** the pending points below the node after the change (pending.ts); not stored */
  pendingH?: number;
  /** the columns as the driver gave them */
  raw: Record<string, unknown>;
}

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number)));

export interface SaveRead {
  /** null when there is no such assessment */
  head: AssessmentHead | null;
  /** null when the criterion is no leaf of the assessment */
  entry: EntryRow | null;
  /** the progress rows of the leaf, its ancestors and every top-level node */
  chain: ChainRow[];
  /** the assessment's RELATIVE leaves whose points are pending (pending.ts), before the change */
  pending: PendingLeaf[];
}

/**
 * Takes the assessment's row (seq + 1), then reads what a save needs. Taking the row first
 * serializes the saves of one assessment (PostgreSQL row lock, SQLite write lock): the
 * ancestors' rows are shared, and seq must grow by one.
 */
export async function readForSave(tx: Tx, assessmentId: string, criterionId: string): Promise<SaveRead> {
  const [bumped, head, entry, chain, pending] = await tx.run([
    { sql: 'update "assessment" set "seq" = "seq" + 1 where "id" = ? returning "seq"', params: [assessmentId] },
    {
      sql: `select a."status", a."unit_id", u."name" as "unit_name", a."period_id", p."phase", f."id" as "framework_id", f."max_h", f."not_applicable", f."cap_total",
                   case p."phase" when 'SELF_ASSESSMENT' then p."self_assessment_deadline" when 'APPRAISAL' then p."appraisal_deadline"
                     when 'EXPLANATION' then p."explanation_deadline" when 'FINAL_APPRAISAL' then p."final_appraisal_deadline" end as "deadline",
                   (select max(x."until") from "deadline_extension" x where x."assessment_id" = a."id" and x."phase" = p."phase") as "extended_until",
                   p."time_zone"
              from "assessment" a join "period" p on p."id" = a."period_id" join "framework" f on f."id" = p."framework_id" join "unit" u on u."id" = a."unit_id"
             where a."id" = ?`,
      params: [assessmentId],
    },
    {
      sql: `select e.*, c."code", c."method", c."max_h", c."step_h", c."tiers", c."thresholds", c."allow_not_applicable", c."allow_above_full"
              from "score_entry" e join "criterion" c on c."id" = e."criterion_id"
             where e."assessment_id" = ? and e."criterion_id" = ?`,
      params: [assessmentId, criterionId],
    },
    // the leaf and its ancestors up the parent links, and the top-level nodes (through the parent
    // index: a few dozen across every framework), then their rows through (assessment, criterion):
    // the cost does not grow with the tree
    {
      sql: `with recursive "chain" ("id", "parent_id") as (
              select "id", "parent_id" from "criterion" where "id" = ?
              union all select c."id", c."parent_id" from "criterion" c join "chain" on c."id" = "chain"."parent_id")
            select p.*, c."code", c."depth", c."max_h" from "criterion" c join "progress" p on p."criterion_id" = c."id" and p."assessment_id" = ?
             where c."id" in (select "id" from "chain" union select "id" from "criterion" where "parent_id" is null)`,
      params: [criterionId, assessmentId],
    },
    pendingLeavesStmt(assessmentId),
  ]);
  const h = head.rows[0];
  return {
    head:
      bumped.rows.length && h
        ? {
            id: assessmentId,
            seq: Number(bumped.rows[0].seq),
            status: h.status as AssessmentStatus,
            unitId: h.unit_id as string,
            unitName: h.unit_name as string,
            periodId: h.period_id as string,
            phase: h.phase as string,
            frameworkId: h.framework_id as string,
            frameworkMaxH: Number(h.max_h),
            notApplicable: h.not_applicable as NotApplicableMode,
            capTotal: bool(h.cap_total),
            deadline: {
              phase: h.phase as string,
              deadline: h.deadline == null ? null : toDate(h.deadline),
              extendedUntil: h.extended_until == null ? null : toDate(h.extended_until),
              timeZone: h.time_zone as string,
            },
          }
        : null,
    entry: entry.rows[0] ? entryRow(entry.rows[0]) : null,
    chain: chain.rows.map(chainRow),
    pending: pending.rows.map(pendingLeafRow),
  };
}

export function entryRow(r: Record<string, unknown>): EntryRow {
  const { code, method, max_h, step_h, tiers, thresholds, allow_not_applicable, allow_above_full, ...raw } = r;
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
    allowAboveFull: bool(allow_above_full),
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

function chainRow(r: Record<string, unknown>): ChainRow {
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
    appraisedRegularSumH: Number(r.appraised_regular_sum_h),
    appraisedExtraSumH: Number(r.appraised_extra_sum_h),
    appraisedCapH: r.appraised_cap_h == null ? null : Number(r.appraised_cap_h),
    raw,
  };
}

/** Which progress columns a change moves: the self ones or the appraised ones (latest round). */
export type Track = 'SELF' | 'APPRAISED';

/**
 * One write of an entry: its columns (snake_case, JSON values as objects), the new version
 * (only if it is still at `expectedVersion`), one history row, the changed progress rows of each
 * track in one statement, and the assessment's status when it changes.
 */
export interface EntryWrite {
  entryId: string;
  expectedVersion: number;
  version: number;
  updatedAt: Date;
  set: Record<string, unknown>;
  revision: { actorId: string | null; round: RevisionRound; old: unknown; next: unknown };
  chains: { track: Track; rows: ChainRow[] }[];
  status?: { assessmentId: string; from: AssessmentStatus; to: AssessmentStatus };
  /** more statements of the same change, in the same batch (the notifications it causes) */
  extra?: Stmt[];
}

const sqlValue = (v: unknown) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v);

/** The writes of one entry change in one batch; false when the entry had moved on (then the caller rolls back). */
export async function writeEntry(tx: Tx, em: Em, w: EntryWrite): Promise<boolean> {
  const at = sqlTime(em, w.updatedAt);
  const cols = Object.keys(w.set);
  const statements: Stmt[] = [
    {
      sql: `update "score_entry" set ${cols.map((c) => `"${c}" = ?`).join(', ')}, "version" = ?, "updated_at" = ? where "id" = ? and "version" = ?`,
      params: [...cols.map((c) => sqlValue(w.set[c])), w.version, at, w.entryId, w.expectedVersion],
    },
    {
      sql: 'insert into "score_revision" ("id", "created_at", "updated_at", "entry_id", "actor_id", "round", "version", "old", "new_value") values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      params: [randomUUID(), at, at, w.entryId, w.revision.actorId, w.revision.round, w.version, JSON.stringify(w.revision.old), JSON.stringify(w.revision.next)],
    },
  ];
  for (const c of w.chains) if (c.rows.length) statements.push(chainUpdate(c.track, c.rows, at));
  if (w.status && w.status.from !== w.status.to) {
    statements.push({ sql: 'update "assessment" set "status" = ?, "updated_at" = ? where "id" = ? and "status" = ?', params: [w.status.to, at, w.status.assessmentId, w.status.from] });
  }
  statements.push(...(w.extra ?? []));
  const [entry] = await tx.run(statements);
  return entry.changes === 1;
}

const TRACK_COLUMNS = {
  SELF: [
    ['score_h', (r: ChainRow) => r.scoreH],
    ['regular_sum_h', (r: ChainRow) => r.regularSumH],
    ['extra_sum_h', (r: ChainRow) => r.extraSumH],
    ['cap_h', (r: ChainRow) => r.capH],
    ['leaves_scored', (r: ChainRow) => r.leavesScored],
  ],
  APPRAISED: [
    ['appraised_score_h', (r: ChainRow) => r.appraisedScoreH],
    ['appraised_regular_sum_h', (r: ChainRow) => r.appraisedRegularSumH],
    ['appraised_extra_sum_h', (r: ChainRow) => r.appraisedExtraSumH],
    ['appraised_cap_h', (r: ChainRow) => r.appraisedCapH ?? r.maxH],
    ['leaves_appraised', (r: ChainRow) => r.leavesAppraised],
  ],
} as const;

/** The new columns of one track of the changed progress rows, in one statement. */
function chainUpdate(track: Track, rows: ChainRow[], at: Date | number): Stmt {
  const params: unknown[] = [];
  const sets = TRACK_COLUMNS[track].map(([col, get]) => {
    for (const r of rows) params.push(r.id, get(r));
    // (the cast types the values for PostgreSQL's prepared statement, where a CASE would take text)
    return `"${col}" = case "id" ${rows.map(() => 'when ? then cast(? as integer)').join(' ')} end`;
  });
  params.push(at, ...rows.map((r) => r.id));
  return { sql: `update "progress" set ${sets.join(', ')}, "updated_at" = ? where "id" in (${rows.map(() => '?').join(', ')})`, params };
}
