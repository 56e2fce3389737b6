import type { Viewer } from '../../common/auth';
import { conflict, notFound } from '../../common/errors';
import { transaction, type Tx } from '../../common/sql';
import type { Em } from '../../orm';
import { assertWithinDeadline } from '../deadline/deadline.rule';
import { noticeStatements, type Notice, type NoticeDraft } from '../notification/notify';
import { nodeKindOf } from '../scoring/scoring.types';
import { applyLeafChange } from '../scoring/tree';
import { User } from '../user/user.entity';
import type { AssessmentStatus } from './assessment.entity';
import type { ChangeFacts } from './assessment.publisher';
import type { EntryFacts } from './assessment.events';
import { isPending, pendingOf } from './pending';
import { Progress } from './progress.entity';
import { ancestorCodes } from './progress.rows';
import { ScoreEntry } from './score-entry.entity';
import type { RevisionRound } from './score-revision.entity';
import * as store from './self-score.store';

/**
 * The one write path of a score (DESIGN.md "How live collaboration works", step 1): a self save,
 * an appraisal, an explanation, a pushed statistic and the results' write-back of RELATIVE
 * scores all go through writeScore. One transaction takes the assessment's row (seq + 1), reads
 * the entry and its progress chain as plain rows, lets the caller check and plan the change,
 * compares versions, writes the entry, one history row, the changed progress rows of the leaf's
 * ancestors only (O(depth)) and the status; the caller publishes the facts after commit.
 */

/** A leaf's state on one track: its score, N/A, and whether it counts (DONE / appraised). */
export interface TrackLeaf {
  scoreH: number | null;
  notApplicable: boolean;
  counted: boolean;
}

export interface TrackMove {
  track: store.Track;
  before: TrackLeaf;
  after: TrackLeaf;
}

export interface ScorePlan {
  /** the entry's columns to set (snake_case), besides version and updated_at */
  set: Record<string, unknown>;
  revision: { actorId: string | null; round: RevisionRound; old: unknown; next: unknown };
  moves: TrackMove[];
  /** the assessment's status after the change, from its top-level rows after it */
  status?: (head: store.AssessmentHead, top: store.ChainRow[]) => AssessmentStatus;
}

export interface ScoreWriteSpec {
  assessmentId: string;
  criterionId: string;
  /** a person's version of the entry: CONFLICT when stale; a system writes at the version it read */
  expectedVersion?: number;
  /** the caller's rights and the phase rules of the assessment; throws to refuse (nothing is written) */
  check(head: store.AssessmentHead): void;
  /**
   * A system's write that belongs to no phase (the results' write-back of RELATIVE scores): not
   * bound by the phase's deadline. Every write of a person or an integrator is.
   */
  outsidePhase?: boolean;
  /** the rules of this entry (a staff member's assignment); throws to refuse */
  checkEntry?(head: store.AssessmentHead, entry: store.EntryRow): void;
  /** the notifications the change causes (mentions), written in its batch */
  notices?(head: store.AssessmentHead, entry: store.EntryRow): NoticeDraft[];
  /** what CONFLICT carries as `current` */
  current(entry: store.EntryRow): unknown;
  plan(head: store.AssessmentHead, entry: store.EntryRow): ScorePlan;
}

export interface ScoreWritten {
  head: store.AssessmentHead;
  before: store.EntryRow;
  after: store.EntryRow;
  /** the changed progress rows, the leaf first, then its ancestors */
  chain: store.ChainRow[];
  /** every top-level row after the change */
  top: store.ChainRow[];
  statusChanged: boolean;
  /** the assessment's pending points after the change (pending.ts), in hundredths */
  pendingH: number;
  /** the notifications written with the change, to announce after commit */
  notices: Notice[];
}

/** One score write in its own transaction. */
export function writeScore(em: Em, spec: ScoreWriteSpec): Promise<ScoreWritten> {
  return transaction(em, (tx) => writeScoreIn(tx, em, spec));
}

/** One score write inside a transaction the caller holds (the results' write-back). */
export async function writeScoreIn(tx: Tx, em: Em, spec: ScoreWriteSpec): Promise<ScoreWritten> {
  const { head, entry, chain: rows, pending } = await store.readForSave(tx, spec.assessmentId, spec.criterionId);
  if (!head) throw notFound('Assessment', spec.assessmentId);
  spec.check(head);
  // the deadline of the phase, after the phase rules (which name a wrong phase more plainly)
  if (!spec.outsidePhase) assertWithinDeadline(head.deadline);
  if (!entry) throw notFound('Leaf criterion', spec.criterionId);
  spec.checkEntry?.(head, entry);
  if (spec.expectedVersion !== undefined && entry.version !== spec.expectedVersion) {
    throw conflict(`Someone saved this entry first (version ${entry.version}, you had ${spec.expectedVersion}).`, { current: spec.current(entry) });
  }
  const plan = spec.plan(head, entry);
  const version = entry.version + 1;
  const updatedAt = new Date();
  const after = store.entryRow({
    ...entry.raw,
    ...plan.set,
    version,
    updated_at: updatedAt,
    code: entry.code,
    method: entry.method,
    max_h: entry.maxH,
    step_h: entry.stepH,
    tiers: entry.tiers,
    thresholds: entry.thresholds,
    allow_not_applicable: entry.allowNotApplicable,
    allow_above_full: entry.allowAboveFull,
  });

  const byCode = new Map(rows.map((r) => [r.code, r]));
  const changed = new Map<string, store.ChainRow>();
  const chains = plan.moves.map((m) => {
    const moved = applyMove(byCode, entry, m, head.notApplicable);
    for (const r of moved) changed.set(r.id, r);
    return { track: m.track, rows: moved };
  });
  const top = rows.filter((r) => r.depth === 1);
  const status = plan.status ? plan.status(head, top) : head.status;
  const drafts = spec.notices?.(head, entry) ?? [];
  const { statements: extra, notices } = drafts.length ? noticeStatements(em, drafts) : { statements: [], notices: [] };
  const written = await store.writeEntry(tx, em, {
    entryId: entry.id,
    expectedVersion: entry.version,
    version,
    updatedAt,
    set: plan.set,
    revision: plan.revision,
    chains,
    status: status !== head.status ? { assessmentId: head.id, from: head.status, to: status } : undefined,
    extra,
  });
  // every writer of an entry takes the assessment's row first, so this cannot happen; if it
  // did, nothing is written (the transaction rolls back)
  if (!written) throw conflict('Someone saved this entry first.', { current: spec.current(entry) });
  const statusChanged = status !== head.status;
  head.status = status;
  // the pending points after the change: the ones read before, this leaf as it is now
  const stillPending = pending.filter((l) => l.code !== entry.code);
  if (isPending(after)) stillPending.push({ code: after.code, maxH: after.maxH });
  const figures = pendingOf(stillPending);
  for (const r of rows) r.pendingH = figures.byCode.get(r.code) ?? 0;
  return { head, before: entry, after, chain: [...changed.values()], top, statusChanged, pendingH: figures.totalH, notices };
}

/**
 * One track's change on the leaf's row and its ancestors' rows, O(depth), changed in place (so
 * that the top-level rows read with them are current too); the leaf first, then parent to top.
 */
function applyMove(byCode: Map<string, store.ChainRow>, entry: store.EntryRow, m: TrackMove, naMode: 'FULL' | 'RESCALE'): store.ChainRow[] {
  const leafRow = byCode.get(entry.code)!;
  const ancestors = ancestorCodes(entry.code).map((c) => byCode.get(c)!);
  const kind = nodeKindOf(entry.method);
  const countDelta = (m.after.counted ? 1 : 0) - (m.before.counted ? 1 : 0);
  const leafCapH = naMode === 'RESCALE' && kind === 'REGULAR' && m.after.notApplicable ? 0 : entry.maxH;
  const self = m.track === 'SELF';
  const view = (r: store.ChainRow) =>
    self
      ? { id: r.id, maxH: r.maxH, capH: r.capH, regularSumH: r.regularSumH, extraSumH: r.extraSumH, scoreH: r.scoreH }
      : { id: r.id, maxH: r.maxH, capH: r.appraisedCapH ?? r.maxH, regularSumH: r.appraisedRegularSumH, extraSumH: r.appraisedExtraSumH, scoreH: r.appraisedScoreH };
  const updated = applyLeafChange(
    ancestors.map(view),
    kind,
    { scoreH: m.before.scoreH, notApplicable: m.before.notApplicable, leafMaxH: entry.maxH },
    { scoreH: m.after.scoreH, notApplicable: m.after.notApplicable },
    naMode,
  );
  if (self) {
    Object.assign(leafRow, { scoreH: m.after.scoreH ?? 0, capH: leafCapH, leavesScored: leafRow.leavesScored + countDelta });
    ancestors.forEach((row, i) => Object.assign(row, { capH: updated[i].capH, regularSumH: updated[i].regularSumH, extraSumH: updated[i].extraSumH, scoreH: updated[i].scoreH, leavesScored: row.leavesScored + countDelta }));
  } else {
    Object.assign(leafRow, { appraisedScoreH: m.after.scoreH ?? 0, appraisedCapH: leafCapH, leavesAppraised: leafRow.leavesAppraised + countDelta });
    ancestors.forEach((row, i) =>
      Object.assign(row, {
        appraisedCapH: updated[i].capH,
        appraisedRegularSumH: updated[i].regularSumH,
        appraisedExtraSumH: updated[i].extraSumH,
        appraisedScoreH: updated[i].scoreH,
        leavesAppraised: row.leavesAppraised + countDelta,
      }),
    );
  }
  return [leafRow, ...ancestors];
}

/** An entry row as a live event carries it. */
export function entryFacts(e: store.EntryRow): EntryFacts {
  const h = (k: string) => (e.raw[k] == null ? null : Number(e.raw[k]));
  const t = (k: string) => (e.raw[k] as string | null) ?? null;
  return {
    id: e.id,
    version: e.version,
    input: e.input,
    selfScoreH: e.selfScoreH,
    notApplicable: e.notApplicable,
    comment: e.comment,
    state: e.state,
    updatedAt: e.updatedAt,
    round1ScoreH: h('round1score_h'),
    round1Comment: t('round1comment'),
    round2ScoreH: h('round2score_h'),
    round2Comment: t('round2comment'),
    explanation: t('explanation'),
    finalScoreH: h('final_score_h'),
    criterion: { id: e.criterionId, code: e.code },
    assignee: e.assigneeId ? { id: e.assigneeId } : null,
    updatedBy: e.updatedById ? { id: e.updatedById } : null,
  };
}

/** The facts of a written change, for the live events after commit. */
export function factsOf(w: ScoreWritten, kinds: string[], actor: Viewer): ChangeFacts {
  const h = w.head;
  return {
    assessment: h,
    framework: { maxH: h.frameworkMaxH, notApplicable: h.notApplicable, capTotal: h.capTotal },
    top: w.top,
    pendingH: w.pendingH,
    kinds,
    actor,
    entries: [entryFacts(w.after)],
    progress: w.chain.map((r) => ({ ...r, criterion: { id: r.criterionId, code: r.code } })),
  };
}

/** The answer's entry entity, made from the row just written (resolvers load its relations as usual). */
export function entryEntity(em: Em, e: store.EntryRow): ScoreEntry {
  const entity = em.map(ScoreEntry, e.raw);
  const n = (k: string) => (e.raw[k] == null ? null : Number(e.raw[k]));
  const t = (k: string) => (e.raw[k] as string | null) ?? null;
  const j = (k: string) => (e.raw[k] == null ? null : typeof e.raw[k] === 'string' ? JSON.parse(e.raw[k] as string) : e.raw[k]);
  const b = (k: string) => e.raw[k] === true || e.raw[k] === 1 || e.raw[k] === '1' || e.raw[k] === 't';
  Object.assign(entity, {
    input: e.input,
    selfScoreH: e.selfScoreH,
    notApplicable: e.notApplicable,
    comment: e.comment,
    state: e.state,
    version: e.version,
    updatedAt: e.updatedAt,
    source: e.source,
    round1Input: j('round1input'),
    round1ScoreH: n('round1score_h'),
    round1NotApplicable: b('round1not_applicable'),
    round1Comment: t('round1comment'),
    round2Input: j('round2input'),
    round2ScoreH: n('round2score_h'),
    round2NotApplicable: b('round2not_applicable'),
    round2Comment: t('round2comment'),
    explanation: t('explanation'),
    finalScoreH: n('final_score_h'),
  });
  entity.updatedBy = e.updatedById ? em.getReference(User, e.updatedById) : null;
  return entity;
}

/** The answer's progress entities, made from the rows just written at `updatedAt`. */
export function progressEntities(em: Em, rows: store.ChainRow[], updatedAt: Date): Progress[] {
  return rows.map((r) =>
    Object.assign(em.map(Progress, r.raw), {
      scoreH: r.scoreH,
      regularSumH: r.regularSumH,
      extraSumH: r.extraSumH,
      capH: r.capH,
      leavesScored: r.leavesScored,
      appraisedScoreH: r.appraisedScoreH,
      appraisedRegularSumH: r.appraisedRegularSumH,
      appraisedExtraSumH: r.appraisedExtraSumH,
      appraisedCapH: r.appraisedCapH,
      leavesAppraised: r.leavesAppraised,
      pendingH: r.pendingH ?? 0,
      updatedAt,
    }),
  );
}
