import type { Viewer } from '../../common/auth';
import { detached } from '../../common/detached';
import { conflict, notFound } from '../../common/errors';
import { transaction, type Stmt, type Tx } from '../../common/sql';
import type { Em } from '../../orm';
import { assertWithinDeadline } from '../deadline/deadline.rule';
import { noticeStatements, type Notice, type NoticeDraft } from '../notification/notify';
import { nodeKindOf } from '../scoring/scoring.types';
import { applyLeafChange } from '../scoring/tree';
import type { AssessmentStatus } from './assessment.entity';
import type { ChangeFacts } from './assessment.publisher';
import type { EntryFacts, ProgressFacts } from './assessment.events';
import { isPending, pendingOf } from './pending';
import { Progress } from './progress.entity';
import { ancestorCodes } from './progress.rows';
import { ScoreEntry } from './score-entry.entity';
import type { RevisionRound } from './score-revision.entity';
import * as store from './self-score.store';

/**
 * The one write path of a score (DESIGN.md "How live collaboration works", step 1): a self save,
 * an appraisal, an explanation, a pushed statistic and the results' write-back of RELATIVE
 * scores all go through writeScoresIn (writeScore and writeScoreIn: a batch of one). One
 * transaction takes the assessment's row (seq + 1), reads the entry and its progress chain as
 * plain rows, lets the caller check and plan the change, compares versions, writes the entry,
 * one history row, the changed progress rows of the leaf's ancestors only (O(depth)) and the
 * status; the caller publishes the facts after commit. A batch does the same for many entries
 * of many assessments in the same two round trips.
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

/** What a batch of writes did to one assessment. */
export interface ScoresWritten {
  head: store.AssessmentHead;
  /** each entry written, in the order of the specs */
  entries: { before: store.EntryRow; after: store.EntryRow }[];
  /** the changed progress rows, each once, as they are after every change: each leaf first, then its ancestors */
  chain: store.ChainRow[];
  /** every top-level row after the changes */
  top: store.ChainRow[];
  statusChanged: boolean;
  /** the assessment's pending points after the changes (pending.ts), in hundredths */
  pendingH: number;
  /** the notifications written with the changes, to announce after commit */
  notices: Notice[];
}

/** What one write did: its assessment's batch of one entry. */
export interface ScoreWritten extends ScoresWritten {
  before: store.EntryRow;
  after: store.EntryRow;
}

/** One score write in its own transaction, committed with its writes (two round trips in all on PostgreSQL). */
export function writeScore(em: Em, spec: ScoreWriteSpec): Promise<ScoreWritten> {
  return transaction(em, (tx) => writeScoreIn(tx, em, spec, { commit: true }));
}

/** One score write inside a transaction the caller holds: the batch of one. */
export async function writeScoreIn(tx: Tx, em: Em, spec: ScoreWriteSpec, opts: WriteOptions = {}): Promise<ScoreWritten> {
  const [w] = await writeScoresIn(tx, em, [spec], opts);
  const { before, after } = w.entries[0];
  return { head: w.head, entries: w.entries, chain: w.chain, top: w.top, statusChanged: w.statusChanged, pendingH: w.pendingH, notices: w.notices, before, after };
}

export interface WriteOptions {
  /** the writes end the caller's transaction (Tx.run's commit): nothing of it may follow them */
  commit?: boolean;
}

/** One assessment's part of a batch, while it is planned. */
interface Batch {
  head: store.AssessmentHead;
  statusBefore: AssessmentStatus;
  /** its progress rows read: the chains of its leaves and the top-level rows, changed in place */
  rows: store.ChainRow[];
  byCode: Map<string, store.ChainRow>;
  top: store.ChainRow[];
  entries: { before: store.EntryRow; after: store.EntryRow }[];
  /** the changed rows, and those changed on each track, by id */
  changed: Map<string, store.ChainRow>;
  tracks: Record<store.Track, Map<string, store.ChainRow>>;
  drafts: NoticeDraft[];
  notices: Notice[];
}

/**
 * Score writes inside a transaction the caller holds, for any number of entries of any number of
 * assessments (each entry once), in two batches of statements whatever their number (each one
 * round trip on PostgreSQL's own driver): one read of every head, entry, progress chain and
 * pending leaf concerned (taking each assessment's row, seq + 1 once per assessment), then every
 * spec checked and planned in order, its track moves applied to the rows in memory (so that
 * ancestors shared by several leaves add up every change), then the multi-row writes
 * (self-score.store.ts writeScores). Any refusal (a check, a deadline, CONFLICT) throws and the
 * caller's transaction writes nothing. One result per assessment, in the order the specs first
 * name them.
 */
export async function writeScoresIn(tx: Tx, em: Em, specs: ScoreWriteSpec[], opts: WriteOptions = {}): Promise<ScoresWritten[]> {
  if (!specs.length) return [];
  const unique = (xs: string[]) => [...new Set(xs)];
  const read = await store.readForSaves(tx, unique(specs.map((s) => s.assessmentId)), unique(specs.map((s) => s.criterionId)));
  const updatedAt = new Date();
  const batches = new Map<string, Batch>();
  const writes: store.EntryWrite[] = [];
  let first: { spec: ScoreWriteSpec; entry: store.EntryRow } | null = null;
  for (const spec of specs) {
    const head = read.heads.get(spec.assessmentId);
    if (!head) throw notFound('Assessment', spec.assessmentId);
    let b = batches.get(head.id);
    if (!b) {
      const rows = read.chains.get(head.id) ?? [];
      b = {
        head,
        statusBefore: head.status,
        rows,
        byCode: new Map(rows.map((r) => [r.code, r])),
        top: rows.filter((r) => r.depth === 1),
        entries: [],
        changed: new Map(),
        tracks: { SELF: new Map(), APPRAISED: new Map() },
        drafts: [],
        notices: [],
      };
      batches.set(head.id, b);
    }
    spec.check(head);
    // the deadline of the phase, after the phase rules (which name a wrong phase more plainly)
    if (!spec.outsidePhase) assertWithinDeadline(head.deadline);
    const entry = read.entries.get(store.entryKey(spec.assessmentId, spec.criterionId));
    if (!entry) throw notFound('Leaf criterion', spec.criterionId);
    if (b.entries.some((e) => e.before.id === entry.id)) throw new Error(`Entry ${entry.code} of assessment ${head.id} is written twice in one batch.`);
    spec.checkEntry?.(head, entry);
    if (spec.expectedVersion !== undefined && entry.version !== spec.expectedVersion) {
      throw conflict(`Someone saved this entry first (version ${entry.version}, you had ${spec.expectedVersion}).`, { current: spec.current(entry) });
    }
    first ??= { spec, entry };
    const plan = spec.plan(head, entry);
    const after = store.entryRowAfter(entry, plan.set, entry.version + 1, updatedAt);
    for (const m of plan.moves) {
      for (const r of applyMove(b.byCode, entry, m, head.notApplicable)) {
        b.changed.set(r.id, r);
        b.tracks[m.track].set(r.id, r);
      }
    }
    const status = plan.status ? plan.status(head, b.top) : head.status;
    b.drafts.push(...(spec.notices?.(head, entry) ?? []));
    head.status = status;
    b.entries.push({ before: entry, after });
    writes.push({ entryId: entry.id, expectedVersion: entry.version, set: plan.set, revision: plan.revision });
  }

  const extra: Stmt[] = [];
  for (const b of batches.values()) {
    if (!b.drafts.length) continue;
    const { statements, notices } = noticeStatements(em, b.drafts);
    extra.push(...statements);
    b.notices = notices;
  }
  const all = [...batches.values()];
  const written = await store.writeScores(tx, em, {
    updatedAt,
    entries: writes,
    progress: (['SELF', 'APPRAISED'] as const).map((track) => ({ track, rows: all.flatMap((b) => [...b.tracks[track].values()]) })),
    statuses: all.map((b) => ({ assessmentId: b.head.id, from: b.statusBefore, to: b.head.status })),
    extra,
  }, opts.commit);
  // every writer of an entry takes the assessment's row first, so this cannot happen; if it
  // did, nothing is written (the batch stops before its commit, the transaction rolls back)
  if (!written) throw conflict('Someone saved this entry first.', { current: first!.spec.current(first!.entry) });

  return all.map((b) => {
    // the pending points after the changes: the ones read before, the leaves written as they are now
    const writtenCodes = new Set(b.entries.map((e) => e.after.code));
    const stillPending = (read.pending.get(b.head.id) ?? []).filter((l) => !writtenCodes.has(l.code));
    for (const { after } of b.entries) if (isPending(after)) stillPending.push({ code: after.code, maxH: after.maxH });
    const figures = pendingOf(stillPending);
    for (const r of b.rows) r.pendingH = figures.byCode.get(r.code) ?? 0;
    return {
      head: b.head,
      entries: b.entries,
      chain: [...b.changed.values()],
      top: b.top,
      statusChanged: b.head.status !== b.statusBefore,
      pendingH: figures.totalH,
      notices: b.notices,
    };
  });
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

function progressFact(r: store.ChainRow): ProgressFacts {
  return {
    scoreH: r.scoreH,
    capH: r.capH,
    leaves: r.leaves,
    leavesScored: r.leavesScored,
    leavesWithEvidence: r.leavesWithEvidence,
    leavesAppraised: r.leavesAppraised,
    appraisedScoreH: r.appraisedScoreH,
    pendingH: r.pendingH ?? 0,
    criterion: { id: r.criterionId, code: r.code },
  };
}

/** The facts of an assessment's written changes (one entry or several), for the live events after commit. */
export function factsOf(w: ScoresWritten, kinds: string[], actor: Viewer): ChangeFacts {
  const h = w.head;
  return {
    assessment: h,
    framework: { maxH: h.frameworkMaxH, notApplicable: h.notApplicable, capTotal: h.capTotal },
    top: w.top,
    pendingH: w.pendingH,
    kinds,
    actor,
    entries: w.entries.map((e) => entryFacts(e.after)),
    progress: w.chain.map(progressFact),
  };
}

/**
 * The answer's entry, made from the row just written: detached (common/detached.ts), not
 * managed: the ORM's hydration of an entry and its chain was about 0.5 ms of every save.
 * Resolvers load its relations and revisions as usual (score-entry.resolver.ts).
 */
export function entryEntity(em: Em, e: store.EntryRow): ScoreEntry {
  const entity = detached(em, ScoreEntry, e.raw);
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
  (entity as { updatedBy: unknown }).updatedBy = e.updatedById;
  return entity;
}

/** The answer's progress rows, made (detached) from the rows just written at `updatedAt`. */
export function progressEntities(em: Em, rows: store.ChainRow[], updatedAt: Date): Progress[] {
  return rows.map((r) =>
    Object.assign(detached(em, Progress, r.raw), {
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
