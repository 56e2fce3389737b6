import { randomUUID } from 'node:crypto';
import { bool, ChangesMismatch, json, sqlTime, type Stmt, type Tx } from '../../common/sql';
import type { Em } from '../../orm';
import type { NotApplicableMode, ScoreInput, ScoringMethod, Threshold, Tier } from '../scoring/scoring.types';
import type { DeadlineFacts } from '../deadline/deadline.rule';
import type { AssessmentStatus } from './assessment.entity';
import { pendingLeafRow, pendingLeavesStmt, type PendingLeaf } from './pending';
import type { EntryState } from './score-entry.entity';
import type { RevisionRound } from './score-revision.entity';

/**
 * The SQL of a save (DESIGN.md "How live collaboration works", step 1) in two batches, each one
 * round trip on PostgreSQL: the reads (taking the assessment's row first), then the writes. The
 * same two batches carry many saves at once, of several entries of several assessments (the
 * results' write-back of RELATIVE scores), in multi-row statements: their number follows the
 * rows written / PIECE, not the entries. Plain rows in and out, no entity hydrated or
 * change-tracked on the way. The rules live in SelfScoreService and score.writer.ts; this file
 * only reads and writes.
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

export interface SavesRead {
  /** the assessments that exist, by id */
  heads: Map<string, AssessmentHead>;
  /** the entries of the leaves asked for, by entryKey(assessment, criterion) (absent: no such leaf) */
  entries: Map<string, EntryRow>;
  /** by assessment: the progress rows of the leaves asked for, their ancestors and every top-level node */
  chains: Map<string, ChainRow[]>;
  /** by assessment: its RELATIVE leaves whose points are pending (pending.ts), before the change */
  pending: Map<string, PendingLeaf[]>;
}

export const entryKey = (assessmentId: string, criterionId: string): string => `${assessmentId} ${criterionId}`;

/**
 * `?` marks for an IN list and its values, padded with the last value to a power of two: the
 * statement texts stay few, and PostgreSQL prepares each once per connection (sql.ts).
 */
function inList(values: readonly string[]): { marks: string; params: string[] } {
  let size = 1;
  while (size < values.length) size *= 2;
  const params = [...values, ...Array<string>(size - values.length).fill(values[values.length - 1])];
  return { marks: params.map(() => '?').join(', '), params };
}

/**
 * Takes the assessments' rows (seq + 1 each), then reads what their saves need, in one batch:
 * the heads, the entries of the given leaves, their progress chains and the top-level rows, the
 * pending leaves. Taking the row first serializes the saves of one assessment (PostgreSQL row
 * lock, SQLite write lock): the ancestors' rows are shared, and seq must grow by one. Reads the
 * entries and chains of every given leaf in every given assessment (callers ask for the leaves
 * each assessment needs; the few extra rows of a mixed batch are simply not used).
 */
export async function readForSaves(tx: Tx, assessmentIds: readonly string[], criterionIds: readonly string[]): Promise<SavesRead> {
  const a = inList(assessmentIds);
  const c = inList(criterionIds);
  const [bumped, heads, entries, chains, pending] = await tx.run([
    { sql: `update "assessment" set "seq" = "seq" + 1 where "id" in (${a.marks}) returning "id", "seq"`, params: a.params },
    {
      sql: `select a."id", a."status", a."unit_id", u."name" as "unit_name", a."period_id", p."phase", f."id" as "framework_id", f."max_h", f."not_applicable", f."cap_total",
                   case p."phase" when 'SELF_ASSESSMENT' then p."self_assessment_deadline" when 'APPRAISAL' then p."appraisal_deadline"
                     when 'EXPLANATION' then p."explanation_deadline" when 'FINAL_APPRAISAL' then p."final_appraisal_deadline" end as "deadline",
                   (select max(x."until") from "deadline_extension" x where x."assessment_id" = a."id" and x."phase" = p."phase") as "extended_until",
                   p."time_zone"
              from "assessment" a join "period" p on p."id" = a."period_id" join "framework" f on f."id" = p."framework_id" join "unit" u on u."id" = a."unit_id"
             where a."id" in (${a.marks})`,
      params: a.params,
    },
    {
      sql: `select e.*, c."code", c."method", c."max_h", c."step_h", c."tiers", c."thresholds", c."allow_not_applicable", c."allow_above_full"
              from "score_entry" e join "criterion" c on c."id" = e."criterion_id"
             where e."assessment_id" in (${a.marks}) and e."criterion_id" in (${c.marks})`,
      params: [...a.params, ...c.params],
    },
    // the leaves and their ancestors up the parent links, and the top-level nodes (through the
    // parent index: a few dozen across every framework), then their rows through (assessment,
    // criterion): the cost follows the leaves written, not the size of the tree
    {
      sql: `with recursive "chain" ("id", "parent_id") as (
              select "id", "parent_id" from "criterion" where "id" in (${c.marks})
              union select c."id", c."parent_id" from "criterion" c join "chain" on c."id" = "chain"."parent_id")
            select p.*, c."code", c."depth", c."max_h" from "criterion" c join "progress" p on p."criterion_id" = c."id" and p."assessment_id" in (${a.marks})
             where c."id" in (select "id" from "chain" union select "id" from "criterion" where "parent_id" is null)`,
      params: [...c.params, ...a.params],
    },
    pendingLeavesStmt(a.params),
  ]);
  const seqs = new Map(bumped.rows.map((r) => [r.id as string, Number(r.seq)]));
  const out: SavesRead = { heads: new Map(), entries: new Map(), chains: new Map(), pending: new Map() };
  for (const h of heads.rows) {
    const id = h.id as string;
    if (!seqs.has(id)) continue;
    out.heads.set(id, {
      id,
      seq: seqs.get(id)!,
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
    });
  }
  for (const r of entries.rows) out.entries.set(entryKey(r.assessment_id as string, r.criterion_id as string), entryRow(r));
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  for (const r of chains.rows) push(out.chains, r.assessment_id as string, chainRow(r));
  for (const r of pending.rows) push(out.pending, r.assessment_id as string, pendingLeafRow(r));
  return out;
}

export function entryRow(r: Record<string, unknown>): EntryRow {
  const { code, method, max_h, step_h, tiers, thresholds, allow_not_applicable, allow_above_full, ...raw } = r;
  const criterion: CriterionFields = {
    code: code as string,
    method: method as ScoringMethod,
    maxH: Number(max_h),
    stepH: step_h == null ? null : Number(step_h),
    tiers: json<Tier[]>(tiers),
    thresholds: json<Threshold[]>(thresholds),
    allowNotApplicable: bool(allow_not_applicable),
    allowAboveFull: bool(allow_above_full),
  };
  return entryOf(criterion, raw);
}

/**
 * The entry as a change leaves it: its criterion's fields as they were, its columns with `set`
 * written over them, then its new version and time. The columns are copied and overwritten one
 * by one, not spread into one literal with the other fields after them: V8 gave every such
 * literal a hidden class of its own (made in the old generation), which was most of what a save
 * sent there (docs/benchmarks.md, PostgreSQL § 1).
 */
export function entryRowAfter(before: EntryRow, set: Record<string, unknown>, version: number, updatedAt: Date): EntryRow {
  const raw: Record<string, unknown> = { ...before.raw };
  for (const k of Object.keys(set)) raw[k] = set[k];
  raw.version = version;
  raw.updated_at = updatedAt;
  return entryOf(before, raw);
}

type CriterionFields = Pick<EntryRow, 'code' | 'method' | 'maxH' | 'stepH' | 'tiers' | 'thresholds' | 'allowNotApplicable' | 'allowAboveFull'>;

function entryOf(c: CriterionFields, raw: Record<string, unknown>): EntryRow {
  return {
    id: raw.id as string,
    criterionId: raw.criterion_id as string,
    code: c.code,
    method: c.method,
    maxH: c.maxH,
    stepH: c.stepH,
    tiers: c.tiers,
    thresholds: c.thresholds,
    allowNotApplicable: c.allowNotApplicable,
    allowAboveFull: c.allowAboveFull,
    input: json<ScoreInput>(raw.input),
    selfScoreH: raw.self_score_h == null ? null : Number(raw.self_score_h),
    notApplicable: bool(raw.not_applicable),
    comment: (raw.comment as string | null) ?? null,
    state: raw.state as EntryState,
    assigneeId: (raw.assignee_id as string | null) ?? null,
    updatedById: (raw.updated_by_id as string | null) ?? null,
    updatedAt: toDate(raw.updated_at),
    version: Number(raw.version),
    source: (raw.source as string | null) ?? null,
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

/** One entry's change: its columns (snake_case, JSON values as objects) and its history row. */
export interface EntryWrite {
  entryId: string;
  /** the version read: the entry is written (version + 1) only if it is still at it */
  expectedVersion: number;
  set: Record<string, unknown>;
  revision: { actorId: string | null; round: RevisionRound; old: unknown; next: unknown };
}

/** The writes of a batch of changes, of one or several assessments. */
export interface ScoreWrites {
  updatedAt: Date;
  entries: EntryWrite[];
  /** the changed progress rows of each track, each row once, as they are after every change */
  progress: { track: Track; rows: ChainRow[] }[];
  statuses: { assessmentId: string; from: AssessmentStatus; to: AssessmentStatus }[];
  /** more statements of the same changes, in the same batch (the notifications they cause) */
  extra?: Stmt[];
}

const sqlValue = (v: unknown) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v);

/** Rows per multi-row statement: well under either database's limit of bound parameters. */
const PIECE = 256;

/**
 * A list cut into statements of a few sizes only (PostgreSQL prepares each text once per
 * connection, sql.ts): whole pieces of PIECE rows, then powers of two down to 16, then the
 * rest (fewer than 16) at once.
 */
function pieces<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  let i = 0;
  while (list.length - i >= PIECE) out.push(list.slice(i, (i += PIECE)));
  for (let size = PIECE / 2; size >= 16; size /= 2) if (list.length - i >= size) out.push(list.slice(i, (i += size)));
  if (i < list.length) out.push(list.slice(i));
  return out;
}

/**
 * The writes of a batch in one tx.run (one round trip on PostgreSQL's own driver), in multi-row
 * statements: the entries with the same columns changed together (each only at the version
 * read), one history row per entry, each track's changed progress rows, the statuses that
 * change. False when an entry had moved on: the batch stopped there, and the caller rolls back.
 * `commit`: the batch ends the caller's transaction (Tx.run), once every entry was written.
 */
export async function writeScores(tx: Tx, em: Em, w: ScoreWrites, commit = false): Promise<boolean> {
  const at = sqlTime(em, w.updatedAt);
  const statements: Stmt[] = [];
  const byColumns = new Map<string, EntryWrite[]>();
  for (const e of w.entries) {
    const key = Object.keys(e.set).join(',');
    (byColumns.get(key) ?? byColumns.set(key, []).get(key)!).push(e);
  }
  for (const [key, group] of byColumns) {
    const cols = key ? key.split(',') : [];
    for (const list of pieces(group)) statements.push(entryUpdate(cols, list, at));
  }
  for (const list of pieces(w.entries)) {
    statements.push({
      sql: `insert into "score_revision" ("id", "created_at", "updated_at", "entry_id", "actor_id", "round", "version", "old", "new_value") values ${list.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      params: list.flatMap((e) => [randomUUID(), at, at, e.entryId, e.revision.actorId, e.revision.round, e.expectedVersion + 1, JSON.stringify(e.revision.old), JSON.stringify(e.revision.next)]),
    });
  }
  for (const p of w.progress) for (const list of pieces(p.rows)) statements.push(chainUpdate(p.track, list, at));
  for (const s of w.statuses) {
    if (s.from !== s.to) statements.push({ sql: 'update "assessment" set "status" = ?, "updated_at" = ? where "id" = ? and "status" = ?', params: [s.to, at, s.assessmentId, s.from] });
  }
  statements.push(...(w.extra ?? []));
  try {
    await tx.run(statements, { commit });
    return true;
  } catch (e) {
    if (e instanceof ChangesMismatch) return false;
    throw e;
  }
}

/**
 * The entries of one piece, the same columns changed in each: every column by a CASE on the id
 * (its ELSE, the column itself, gives PostgreSQL the values' type), the version raised by one
 * where it is still the one read.
 */
function entryUpdate(cols: string[], list: EntryWrite[], at: Date | number): Stmt {
  const params: unknown[] = [];
  const whens = () => list.map(() => 'when ? then ?').join(' ');
  const sets = cols.map((c) => {
    for (const e of list) params.push(e.entryId, sqlValue(e.set[c]));
    return `"${c}" = case "id" ${whens()} else "${c}" end`;
  });
  params.push(at, ...list.map((e) => e.entryId));
  for (const e of list) params.push(e.entryId, e.expectedVersion);
  return {
    sql: `update "score_entry" set ${[...sets, '"version" = "version" + 1', '"updated_at" = ?'].join(', ')}
           where "id" in (${list.map(() => '?').join(', ')}) and "version" = case "id" ${list.map(() => 'when ? then cast(? as integer)').join(' ')} end`,
    params,
    // every entry at its version read, or nothing is written
    expect: list.length,
  };
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
