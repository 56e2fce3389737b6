import { assertUnitMember } from '../../common/access';
import type { Viewer } from '../../common/auth';
import { fromHundredths } from '../../common/decimal';
import { badInput, forbidden, InputProblems, phaseClosed, Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { prepareMentions } from '../notification/mentions';
import type { Notice } from '../notification/notify';
import { Phase } from '../period/period.entity';
import { computeLeafScore } from '../scoring/leaf-score';
import type { LeafRule, NotApplicableMode, ScoreInput } from '../scoring/scoring.types';
import { Role } from '../user/user.entity';
import { AssessmentStatus } from './assessment.entity';
import type { ChangeFacts } from './assessment.publisher';
import { entrySnapshot } from './entry.snapshot';
import { afterRelativeFigure } from '../results/relative.writeback';
import { entryEntity, factsOf, progressEntities, writeScore } from './score.writer';
import { EntryState } from './score-entry.entity';
import { RevisionRound } from './score-revision.entity';
import type * as store from './self-score.store';
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

  async save(viewer: Viewer, input: SaveSelfScoreInput): Promise<SelfScorePayload & { facts: ChangeFacts[]; notices: Notice[]; head: store.AssessmentHead }> {
    const assessmentId = assertId(input.assessmentId, 'Assessment');
    const criterionId = assertId(input.criterionId, 'Criterion');
    const problems: Problem[] = [];
    if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 0) problems.push({ path: 'expectedVersion', message: 'must be a whole number ≥ 0', code: 'NOT_WHOLE_NUMBER', params: { field: 'expectedVersion', min: 0 } });
    if (typeof input.comment === 'string' && input.comment.length > MAX_COMMENT) problems.push({ path: 'comment', message: `at most ${MAX_COMMENT} characters`, code: 'TOO_LONG', params: { field: 'comment', max: MAX_COMMENT } });
    if (problems.length) throw badInput(problems);
    // people @mentioned in the comment are told with the save (looked up only when it mentions anyone)
    const mentions = typeof input.comment === 'string' ? await prepareMentions(this.em, viewer, input.comment) : undefined;

    // plain SQL through the one write path of scores, in two round trips: a save is the hot
    // path, and hydrating and change-tracking entities cost more than the statements themselves
    const written = await writeScore(this.em, {
      assessmentId,
      criterionId,
      expectedVersion: input.expectedVersion,
      check: (head) => {
        assertUnitMember(viewer, head.unitId);
        if (head.phase !== Phase.SELF_ASSESSMENT) {
          throw phaseClosed(`Self scores can be changed only in SELF_ASSESSMENT; the period is in ${head.phase}.`, { phase: head.phase });
        }
        if (!OPEN_STATUSES.includes(head.status)) {
          throw phaseClosed(`The assessment is ${head.status}; its self scores can no longer be changed.`, { status: head.status });
        }
      },
      checkEntry: (_head, entry) => {
        if (viewer.role === Role.STAFF && entry.assigneeId !== viewer.id) {
          throw forbidden(`Criterion ${entry.code} is not assigned to you; ask your leader to assign it.`);
        }
      },
      current: snapshotOf,
      notices: mentions && ((head, entry) => mentions({ id: head.id, unitId: head.unitId, periodId: head.periodId, unitName: head.unitName, status: head.status }, entry.code, entry.comment)),
      plan: (head, entry) => {
        // the new raw input and its score
        let value: ScoreInput | null = entry.input;
        if (input.value !== undefined) value = input.value === null ? null : cleanInput(input.value);
        let scoreH: number | null = null;
        let notApplicable = false;
        if (value) ({ scoreH, notApplicable } = scoreOf(entry, value, head.notApplicable));
        const comment = input.comment === undefined ? entry.comment : input.comment?.trim() || null;
        const state = value ? (input.draft ? EntryState.DRAFT : EntryState.DONE) : comment ? EntryState.DRAFT : EntryState.TODO;
        const set: Record<string, unknown> = { input: value, self_score_h: scoreH, not_applicable: notApplicable, comment, state, updated_by_id: viewer.id };
        if (input.value !== undefined) set.source = null; // a value typed by a person is no system's figure
        const next = { value, selfScore: scoreH == null ? null : fromHundredths(scoreH), notApplicable, comment, state };
        return {
          set,
          revision: { actorId: viewer.id, round: RevisionRound.SELF, old: pick(snapshotOf(entry)), next },
          moves: [
            {
              track: 'SELF',
              before: { scoreH: entry.selfScoreH, notApplicable: entry.notApplicable, counted: entry.state === EntryState.DONE },
              after: { scoreH, notApplicable, counted: state === EntryState.DONE },
            },
          ],
          status: (h) => (h.status === AssessmentStatus.NOT_STARTED ? AssessmentStatus.IN_PROGRESS : h.status),
        };
      },
    });
    const facts = [factsOf(written, ['SCORE_SAVED'], viewer)];
    // a RELATIVE figure moves every unit's score of that leaf once the period's results exist
    if (written.after.method === 'RELATIVE') facts.push(...(await afterRelativeFigure(this.em, written.head.periodId, criterionId, viewer)));
    return { entry: entryEntity(this.em, written.after), progress: progressEntities(this.em, written.chain, written.after.updatedAt), seq: written.head.seq, facts, notices: written.notices, head: written.head };
  }
}

/** A leaf's score from a raw input, BAD_USER_INPUT listing every problem. */
export function scoreOf(entry: store.EntryRow, value: ScoreInput, naMode: NotApplicableMode): { scoreH: number | null; notApplicable: boolean } {
  const rule: LeafRule = { code: entry.code, method: entry.method, maxH: entry.maxH, stepH: entry.stepH, tiers: entry.tiers, thresholds: entry.thresholds, allowNotApplicable: entry.allowNotApplicable, allowAboveFull: entry.allowAboveFull };
  try {
    return computeLeafScore(rule, value, naMode);
  } catch (e) {
    if (e instanceof InputProblems) throw badInput(e.problems);
    throw e;
  }
}

/** The JSON-safe state of an entry row, as entrySnapshot gives it for an entity. */
function snapshotOf(e: store.EntryRow): ReturnType<typeof entrySnapshot> {
  // the facts named one by one: a spread of the row with a field after it gave every call a hidden class of its own (store.entryRowAfter)
  const { id, version, input, selfScoreH, notApplicable, comment, state, updatedAt } = e;
  return entrySnapshot({ id, version, input, selfScoreH, notApplicable, comment, state, updatedAt, updatedBy: e.updatedById ? { id: e.updatedById } : null });
}

/** Keeps only the given fields of a value, so that stored input is exactly what was meant. */
export function cleanInput(v: ScoreInput): ScoreInput {
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
