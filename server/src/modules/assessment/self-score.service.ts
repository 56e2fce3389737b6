import { assertUnitMember } from '../../common/access';
import type { Viewer } from '../../common/auth';
import { badInput, conflict, forbidden, InputProblems, notFound, phaseClosed, Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Criterion } from '../framework/criterion.entity';
import type { Framework } from '../framework/framework.entity';
import { Phase } from '../period/period.entity';
import { computeLeafScore } from '../scoring/leaf-score';
import type { LeafRule, NotApplicableMode, ScoreInput } from '../scoring/scoring.types';
import { nodeKindOf } from '../scoring/scoring.types';
import { applyLeafChange } from '../scoring/tree';
import { Role, User } from '../user/user.entity';
import { Assessment, AssessmentStatus } from './assessment.entity';
import type { ChangeFacts } from './assessment.publisher';
import type { EntryFacts } from './assessment.events';
import { entrySnapshot } from './entry.snapshot';
import * as store from './self-score.store';
import { transaction } from '../../common/sql';
import { Progress } from './progress.entity';
import { ancestorCodes } from './progress.rows';
import { EntryState, ScoreEntry } from './score-entry.entity';
import { RevisionRound, ScoreRevision } from './score-revision.entity';
import type { SaveSelfScoreInput, SelfScorePayload } from './self-score.input';

const OPEN_STATUSES: readonly AssessmentStatus[] = [AssessmentStatus.NOT_STARTED, AssessmentStatus.IN_PROGRESS];
const MAX_COMMENT = 5000;

/**
 * Saving a self score: one transaction that checks the phase and the caller's right, compares
 * the expected version, writes the entry and one revision, and updates the progress rows of the
 * leaf and its ancestors only (DESIGN.md "How live collaboration works", step 1).
 */
export class SelfScoreService {
  constructor(private readonly em: Em) {}

  async save(viewer: Viewer, input: SaveSelfScoreInput): Promise<SelfScorePayload & { facts: ChangeFacts }> {
    const assessmentId = assertId(input.assessmentId, 'Assessment');
    const criterionId = assertId(input.criterionId, 'Criterion');
    const problems: Problem[] = [];
    if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 0) problems.push({ path: 'expectedVersion', message: 'must be a whole number ≥ 0' });
    if (typeof input.comment === 'string' && input.comment.length > MAX_COMMENT) problems.push({ path: 'comment', message: `at most ${MAX_COMMENT} characters` });
    if (problems.length) throw badInput(problems);

    // plain SQL through the store, in two round trips: a save is the hot path, and hydrating
    // and change-tracking entities cost more than the statements themselves
    const em = this.em;
    const saved = await transaction(em, async (tx) => {
      const { head, entry, chain: rows } = await store.readForSave(tx, assessmentId, criterionId);
      if (!head) throw notFound('Assessment', assessmentId);
      assertUnitMember(viewer, head.unitId);
      if (head.phase !== Phase.SELF_ASSESSMENT) {
        throw phaseClosed(`Self scores can be changed only in SELF_ASSESSMENT; the period is in ${head.phase}.`, { phase: head.phase });
      }
      if (!OPEN_STATUSES.includes(head.status)) {
        throw phaseClosed(`The assessment is ${head.status}; its self scores can no longer be changed.`, { status: head.status });
      }
      if (!entry) throw notFound('Leaf criterion', criterionId);
      if (viewer.role === Role.STAFF && entry.assigneeId !== viewer.id) {
        throw forbidden(`Criterion ${entry.code} is not assigned to you; ask your leader to assign it.`);
      }
      const before = snapshotOf(entry);
      if (entry.version !== input.expectedVersion) {
        throw conflict(`Someone saved this entry first (version ${entry.version}, you had ${input.expectedVersion}).`, { current: before });
      }

      // the new raw input and its score
      let value: ScoreInput | null = entry.input;
      if (input.value !== undefined) value = input.value === null ? null : cleanInput(input.value);
      let scoreH: number | null = null;
      let notApplicable = false;
      if (value) {
        const rule: LeafRule = { code: entry.code, method: entry.method, maxH: entry.maxH, stepH: entry.stepH, tiers: entry.tiers, thresholds: entry.thresholds, allowNotApplicable: entry.allowNotApplicable };
        try {
          ({ scoreH, notApplicable } = computeLeafScore(rule, value, head.notApplicable));
        } catch (e) {
          if (e instanceof InputProblems) throw badInput(e.problems);
          throw e;
        }
      }
      const comment = input.comment === undefined ? entry.comment : input.comment?.trim() || null;
      const state = value ? (input.draft ? EntryState.DRAFT : EntryState.DONE) : comment ? EntryState.DRAFT : EntryState.TODO;
      const at = new Date();
      const change: store.EntryChange = { input: value, selfScoreH: scoreH, notApplicable, comment, state, version: entry.version + 1, updatedById: viewer.id, updatedAt: at };
      if (input.value !== undefined) change.source = null; // a value typed by a person is no system's figure
      const after: store.EntryRow = { ...entry, ...change, source: change.source === null ? null : entry.source };

      const chain = applyChain(rows, entry, after, head.notApplicable);
      const starts = head.status === AssessmentStatus.NOT_STARTED;
      const written = await store.writeSave(tx, em, {
        entryId: entry.id,
        expectedVersion: entry.version,
        change,
        revision: { actorId: viewer.id, round: RevisionRound.SELF, old: pick(before), next: pick(snapshotOf(after)) },
        chain,
        startAssessmentId: starts ? assessmentId : undefined,
      });
      // every writer of an entry takes the assessment's row first, so this cannot happen; if it
      // did, nothing is written (the transaction rolls back)
      if (!written) throw conflict('Someone saved this entry first.', { current: before });
      if (starts) head.status = AssessmentStatus.IN_PROGRESS;
      return { head, entry, after, chain, top: rows.filter((r) => r.depth === 1) };
    });

    const { head, entry, after, chain, top } = saved;
    const facts: ChangeFacts = {
      assessment: head,
      framework: { maxH: head.frameworkMaxH, notApplicable: head.notApplicable, capTotal: head.capTotal },
      top,
      kinds: ['SCORE_SAVED'],
      actor: viewer,
      entries: [entryFacts(after)],
      progress: chain.map((r) => ({ ...r, criterion: { id: r.criterionId, code: r.code } })),
    };
    // the answer's entities, made from the rows just written (the request's resolvers load
    // their relations as usual)
    const entity = this.em.map(ScoreEntry, entry.raw);
    Object.assign(entity, { input: after.input, selfScoreH: after.selfScoreH, notApplicable: after.notApplicable, comment: after.comment, state: after.state, version: after.version, updatedAt: after.updatedAt, source: after.source });
    entity.updatedBy = this.em.getReference(User, viewer.id);
    const progress = chain.map((r) => Object.assign(this.em.map(Progress, r.raw), { scoreH: r.scoreH, regularSumH: r.regularSumH, extraSumH: r.extraSumH, capH: r.capH, leavesScored: r.leavesScored, updatedAt: after.updatedAt }));
    return { entry: entity, progress, seq: head.seq, facts };
  }

  /** The leaf's row and its ancestors' rows, O(depth): one read, one batched write (integrators' pushes too). */
  async updateProgress(
    em: Em,
    assessment: Assessment,
    leaf: Criterion,
    framework: Framework,
    old: { scoreH: number | null; notApplicable: boolean; state: EntryState },
    next: { scoreH: number | null; notApplicable: boolean; state: EntryState },
  ): Promise<Progress[]> {
    const codes = [leaf.code, ...ancestorCodes(leaf.code)];
    const rows = await em.find(Progress, { assessment: assessment.id, criterion: { framework: framework.id, code: { $in: codes } } }, { populate: ['criterion'] });
    const byCode = new Map(rows.map((r) => [r.criterion.code, r]));
    const leafRow = byCode.get(leaf.code)!;
    const chain = ancestorCodes(leaf.code).map((c) => byCode.get(c)!);
    const kind = nodeKindOf(leaf.method);
    const rescale = framework.notApplicable === 'RESCALE';
    const doneDelta = (next.state === EntryState.DONE ? 1 : 0) - (old.state === EntryState.DONE ? 1 : 0);

    leafRow.scoreH = next.scoreH ?? 0;
    leafRow.capH = rescale && kind === 'REGULAR' && next.notApplicable ? 0 : leaf.maxH;
    leafRow.leavesScored += doneDelta;
    const updated = applyLeafChange(
      chain.map((r) => ({ id: r.id, maxH: r.criterion.maxH, capH: r.capH, regularSumH: r.regularSumH, extraSumH: r.extraSumH, scoreH: r.scoreH })),
      kind,
      { scoreH: old.scoreH, notApplicable: old.notApplicable, leafMaxH: leaf.maxH },
      { scoreH: next.scoreH, notApplicable: next.notApplicable },
      framework.notApplicable,
    );
    chain.forEach((row, i) => {
      Object.assign(row, { capH: updated[i].capH, regularSumH: updated[i].regularSumH, extraSumH: updated[i].extraSumH, scoreH: updated[i].scoreH });
      row.leavesScored += doneDelta;
    });
    return [leafRow, ...chain];
  }
}

/**
 * The leaf's row and its ancestors' rows after the change, leaf first, then parent to top
 * (the rows of the leaf's code and its prefixes, as read; other top-level rows are left out).
 */
function applyChain(rows: store.ChainRow[], before: store.EntryRow, after: store.EntryRow, naMode: NotApplicableMode): store.ChainRow[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const leafRow = byCode.get(before.code)!;
  const ancestors = ancestorCodes(before.code).map((c) => byCode.get(c)!);
  const kind = nodeKindOf(before.method);
  const doneDelta = (after.state === EntryState.DONE ? 1 : 0) - (before.state === EntryState.DONE ? 1 : 0);
  leafRow.scoreH = after.selfScoreH ?? 0;
  leafRow.capH = naMode === 'RESCALE' && kind === 'REGULAR' && after.notApplicable ? 0 : before.maxH;
  leafRow.leavesScored += doneDelta;
  const updated = applyLeafChange(
    ancestors,
    kind,
    { scoreH: before.selfScoreH, notApplicable: before.notApplicable, leafMaxH: before.maxH },
    { scoreH: after.selfScoreH, notApplicable: after.notApplicable },
    naMode,
  );
  // the same objects, changed in place, so that the top-level rows read with them are current too
  ancestors.forEach((row, i) => Object.assign(row, { capH: updated[i].capH, regularSumH: updated[i].regularSumH, extraSumH: updated[i].extraSumH, scoreH: updated[i].scoreH, leavesScored: row.leavesScored + doneDelta }));
  return [leafRow, ...ancestors];
}

/** The JSON-safe state of an entry row, as entrySnapshot gives it for an entity. */
function snapshotOf(e: store.EntryRow): ReturnType<typeof entrySnapshot> {
  return entrySnapshot({ ...e, updatedBy: e.updatedById ? { id: e.updatedById } : null });
}

/** An entry row as a live event carries it. */
function entryFacts(e: store.EntryRow): EntryFacts {
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
    round1ScoreH: h('round1_score_h'),
    round1Comment: t('round1_comment'),
    round2ScoreH: h('round2_score_h'),
    round2Comment: t('round2_comment'),
    explanation: t('explanation'),
    finalScoreH: h('final_score_h'),
    criterion: { id: e.criterionId, code: e.code },
    assignee: e.assigneeId ? { id: e.assigneeId } : null,
    updatedBy: e.updatedById ? { id: e.updatedById } : null,
  };
}

/** Keeps only the given fields of a value, so that stored input is exactly what was meant. */
function cleanInput(v: ScoreInput): ScoreInput {
  const out: ScoreInput = {};
  for (const k of ['points', 'met', 'tier', 'numerator', 'denominator', 'figure', 'notApplicable'] as const) {
    if (v[k] !== undefined && v[k] !== null) (out as Record<string, unknown>)[k] = v[k];
  }
  return out;
}

/** The fields of a snapshot that a revision records. */
function pick(s: ReturnType<typeof entrySnapshot>) {
  return { value: s.value, selfScore: s.selfScore, notApplicable: s.notApplicable, comment: s.comment, state: s.state };
}
