import { raw } from '@mikro-orm/core';
import { assertUnitMember } from '../../common/access';
import type { Viewer } from '../../common/auth';
import { badInput, conflict, forbidden, InputProblems, notFound, phaseClosed, Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Criterion } from '../framework/criterion.entity';
import type { Framework } from '../framework/framework.entity';
import { Phase } from '../period/period.entity';
import { computeLeafScore } from '../scoring/leaf-score';
import type { ScoreInput } from '../scoring/scoring.types';
import { nodeKindOf } from '../scoring/scoring.types';
import { applyLeafChange } from '../scoring/tree';
import { Role, User } from '../user/user.entity';
import { Assessment, AssessmentStatus } from './assessment.entity';
import { entrySnapshot } from './entry.snapshot';
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

  async save(viewer: Viewer, input: SaveSelfScoreInput): Promise<SelfScorePayload & { assessment: Assessment }> {
    const assessmentId = assertId(input.assessmentId, 'Assessment');
    const criterionId = assertId(input.criterionId, 'Criterion');
    const problems: Problem[] = [];
    if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 0) problems.push({ path: 'expectedVersion', message: 'must be a whole number ≥ 0' });
    if (typeof input.comment === 'string' && input.comment.length > MAX_COMMENT) problems.push({ path: 'comment', message: `at most ${MAX_COMMENT} characters` });
    if (problems.length) throw badInput(problems);

    return this.em.transactional(async (em) => {
      // Taking the assessment's row first serializes the saves of one assessment (PostgreSQL row
      // lock, SQLite write lock): ancestors' rows are shared, and seq must increase by one.
      const bumped = await em.createQueryBuilder(Assessment).update({ seq: raw('seq + 1') } as never).where({ id: assessmentId }).execute('run');
      if (!(bumped as { affectedRows?: number }).affectedRows) throw notFound('Assessment', assessmentId);
      const assessment = await em.findOneOrFail(Assessment, { id: assessmentId }, { populate: ['period', 'period.framework'], refresh: true });
      assertUnitMember(viewer, assessment.unit.id);
      if (assessment.period.phase !== Phase.SELF_ASSESSMENT) {
        throw phaseClosed(`Self scores can be changed only in SELF_ASSESSMENT; the period is in ${assessment.period.phase}.`, { phase: assessment.period.phase });
      }
      if (!OPEN_STATUSES.includes(assessment.status)) {
        throw phaseClosed(`The assessment is ${assessment.status}; its self scores can no longer be changed.`, { status: assessment.status });
      }
      const entry = await em.findOne(ScoreEntry, { assessment: assessmentId, criterion: criterionId }, { populate: ['criterion', 'updatedBy', 'assignee'] });
      if (!entry) throw notFound('Leaf criterion', criterionId);
      if (viewer.role === Role.STAFF && entry.assignee?.id !== viewer.id) {
        throw forbidden(`Criterion ${entry.criterion.code} is not assigned to you; ask your leader to assign it.`);
      }
      if (entry.version !== input.expectedVersion) {
        throw conflict(`Someone saved this entry first (version ${entry.version}, you had ${input.expectedVersion}).`, { current: entrySnapshot(entry) });
      }
      const framework: Framework = assessment.period.framework;
      const before = entrySnapshot(entry);
      const old = { scoreH: entry.selfScoreH ?? null, notApplicable: entry.notApplicable, state: entry.state };

      // the new raw input and its score
      let value: ScoreInput | null = entry.input ?? null;
      if (input.value !== undefined) value = input.value === null ? null : cleanInput(input.value);
      let scoreH: number | null = null;
      let notApplicable = false;
      if (value) {
        try {
          ({ scoreH, notApplicable } = computeLeafScore(entry.criterion.rule(), value, framework.notApplicable));
        } catch (e) {
          if (e instanceof InputProblems) throw badInput(e.problems);
          throw e;
        }
      }
      const comment = input.comment === undefined ? entry.comment ?? null : input.comment?.trim() || null;
      const state = value ? (input.draft ? EntryState.DRAFT : EntryState.DONE) : comment ? EntryState.DRAFT : EntryState.TODO;

      entry.input = value;
      entry.selfScoreH = scoreH;
      entry.notApplicable = notApplicable;
      entry.comment = comment;
      entry.state = state;
      entry.version += 1;
      entry.updatedBy = em.getReference(User, viewer.id);
      if (input.value !== undefined) entry.source = null; // a value typed by a person is no system's figure
      entry.updatedAt = new Date();
      if (assessment.status === AssessmentStatus.NOT_STARTED) assessment.status = AssessmentStatus.IN_PROGRESS;

      const progress = await this.updateProgress(em, assessment, entry.criterion, framework, old, { scoreH, notApplicable, state });
      em.create(ScoreRevision, {
        entry,
        actor: em.getReference(User, viewer.id),
        round: RevisionRound.SELF,
        version: entry.version,
        old: pick(before),
        next: pick(entrySnapshot(entry)),
      } as never);
      await em.flush();
      return { entry, progress, seq: assessment.seq, assessment };
    });
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
