import { raw } from '@mikro-orm/core';
import { assertUnitMember } from '../../common/access';
import type { Viewer } from '../../common/auth';
import { badInput, conflict, forbidden, InputProblems, notFound, phaseClosed, Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import { Progress } from '../assessment/progress.entity';
import { ancestorCodes } from '../assessment/progress.rows';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { RevisionRound, ScoreRevision } from '../assessment/score-revision.entity';
import type { Criterion } from '../framework/criterion.entity';
import type { Framework } from '../framework/framework.entity';
import { Phase } from '../period/period.entity';
import { computeLeafScore } from '../scoring/leaf-score';
import type { ScoreInput } from '../scoring/scoring.types';
import { nodeKindOf } from '../scoring/scoring.types';
import { applyLeafChange } from '../scoring/tree';
import { Role, User } from '../user/user.entity';
import { Appraised, appraisedCapOf, appraisedOf, appraisalSnapshot, roundSnapshot } from './appraised';
import { AppraisalRound, type SaveAppraisalInput, type SaveExplanationInput } from './appraisal.input';

const MAX_TEXT = 5000;

/** Which statuses each round may change (docs/api.md "Appraisal"). */
const ROUND_STATUSES: Record<1 | 2, readonly AssessmentStatus[]> = {
  1: [AssessmentStatus.SUBMITTED, AssessmentStatus.APPRAISED],
  2: [AssessmentStatus.SUBMITTED, AssessmentStatus.RETURNED, AssessmentStatus.APPRAISED],
};
/** Phases in which an assessment may be returned for explanation, and finalized. */
const RETURN_PHASES: readonly Phase[] = [Phase.APPRAISAL, Phase.EXPLANATION];
const FINALIZE_PHASES: readonly Phase[] = [Phase.APPRAISAL, Phase.EXPLANATION, Phase.FINAL_APPRAISAL];
const IN_APPRAISAL: readonly AssessmentStatus[] = [AssessmentStatus.SUBMITTED, AssessmentStatus.RETURNED, AssessmentStatus.APPRAISED];

export interface AppraisalResult {
  assessment: Assessment;
  round: AppraisalRound;
  entry: ScoreEntry;
  progress: Progress[];
  seq: number;
  statusChanged: boolean;
}

export interface StatusResult {
  assessment: Assessment;
  entries: ScoreEntry[];
}

/**
 * The appraisal council's side of an assessment: the two rounds of appraised scores, the return
 * for explanation, the unit's explanations, finalization. Every write is one transaction that
 * takes the assessment's row first (seq + 1), like the self save.
 */
export class AppraisalService {
  constructor(private readonly em: Em) {}

  async save(viewer: Viewer, input: SaveAppraisalInput): Promise<AppraisalResult> {
    const assessmentId = assertId(input.assessmentId, 'Assessment');
    const criterionId = assertId(input.criterionId, 'Criterion');
    checkVersionAndText(input.expectedVersion, 'comment', input.comment);

    return this.em.transactional(async (em) => {
      const assessment = await lockAssessment(em, assessmentId);
      if (viewer.role !== Role.APPRAISER) throw forbidden('Only appraisers record appraised scores; a unit answers with saveExplanation.');
      const round = roundOf(assessment.period.phase);
      assertNotFinal(assessment);
      if (!ROUND_STATUSES[round].includes(assessment.status)) {
        throw phaseClosed(
          assessment.status === AssessmentStatus.RETURNED
            ? 'The assessment was returned for explanation; it is appraised again in FINAL_APPRAISAL.'
            : `The assessment is ${assessment.status}; only a submitted assessment is appraised.`,
          { status: assessment.status },
        );
      }
      const entry = await findEntry(em, assessmentId, criterionId);
      if (entry.version !== input.expectedVersion) {
        throw conflict(`Someone saved this entry first (version ${entry.version}, you had ${input.expectedVersion}).`, { current: appraisalSnapshot(entry) });
      }
      const framework: Framework = assessment.period.framework;
      const before = roundSnapshot(entry, round);
      const oldAppraised = appraisedOf(entry);

      const r = round === 1 ? roundFields1 : roundFields2;
      let value: ScoreInput | null = (entry[r.input] as ScoreInput | null | undefined) ?? null;
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
      Object.assign(entry, {
        [r.input]: value,
        [r.score]: scoreH,
        [r.na]: notApplicable,
        [r.comment]: input.comment === undefined ? entry[r.comment] ?? null : input.comment?.trim() || null,
      });
      entry.version += 1;
      entry.updatedBy = em.getReference(User, viewer.id);
      entry.updatedAt = new Date();

      const { changed, top } = await updateAppraisedProgress(em, assessment, entry.criterion, framework, oldAppraised, appraisedOf(entry));
      const complete = top.reduce((s, p) => s + p.leavesAppraised, 0) === top.reduce((s, p) => s + p.leaves, 0);
      const status = assessment.status;
      if (complete) assessment.status = AssessmentStatus.APPRAISED;
      else if (status === AssessmentStatus.APPRAISED) assessment.status = AssessmentStatus.SUBMITTED;

      em.create(ScoreRevision, {
        entry,
        actor: em.getReference(User, viewer.id),
        round: round === 1 ? RevisionRound.APPRAISAL_1 : RevisionRound.APPRAISAL_2,
        version: entry.version,
        old: before,
        next: roundSnapshot(entry, round),
      } as never);
      await em.flush();
      return {
        assessment,
        round: round === 1 ? AppraisalRound.ROUND_1 : AppraisalRound.ROUND_2,
        entry,
        progress: changed,
        seq: assessment.seq,
        statusChanged: status !== assessment.status,
      };
    });
  }

  /** SUBMITTED / APPRAISED → RETURNED, in APPRAISAL or EXPLANATION. */
  async returnForExplanation(viewer: Viewer, id: string): Promise<StatusResult> {
    const assessmentId = assertId(id, 'Assessment');
    return this.em.transactional(async (em) => {
      const a = await lockAssessment(em, assessmentId);
      if (viewer.role !== Role.APPRAISER) throw forbidden('Only appraisers return an assessment for explanation.');
      assertNotFinal(a);
      if (!RETURN_PHASES.includes(a.period.phase)) {
        throw phaseClosed(`An assessment is returned for explanation in APPRAISAL or EXPLANATION; the period is in ${a.period.phase}.`, { phase: a.period.phase });
      }
      if (a.status !== AssessmentStatus.SUBMITTED && a.status !== AssessmentStatus.APPRAISED) {
        throw phaseClosed(`The assessment is ${a.status}; only a submitted or appraised assessment is returned.`, { status: a.status });
      }
      a.status = AssessmentStatus.RETURNED;
      await em.flush();
      return { assessment: a, entries: [] };
    });
  }

  /** The unit answers the appraisal of one entry; its self score never changes here. */
  async saveExplanation(viewer: Viewer, input: SaveExplanationInput): Promise<{ assessment: Assessment; entry: ScoreEntry; seq: number }> {
    const assessmentId = assertId(input.assessmentId, 'Assessment');
    const criterionId = assertId(input.criterionId, 'Criterion');
    checkVersionAndText(input.expectedVersion, 'explanation', input.explanation);

    return this.em.transactional(async (em) => {
      const a = await lockAssessment(em, assessmentId);
      assertUnitMember(viewer, a.unit.id);
      assertNotFinal(a);
      if (a.period.phase !== Phase.EXPLANATION) {
        throw phaseClosed(`Explanations are given in the EXPLANATION phase; the period is in ${a.period.phase}.`, { phase: a.period.phase });
      }
      if (a.status !== AssessmentStatus.RETURNED) {
        throw phaseClosed(`The assessment is ${a.status}; explanations are given only when the council returns it.`, { status: a.status });
      }
      const entry = await findEntry(em, assessmentId, criterionId);
      if (viewer.role === Role.STAFF && entry.assignee?.id !== viewer.id) {
        throw forbidden(`Criterion ${entry.criterion.code} is not assigned to you; ask your leader to assign it.`);
      }
      if (entry.version !== input.expectedVersion) {
        throw conflict(`Someone saved this entry first (version ${entry.version}, you had ${input.expectedVersion}).`, { current: appraisalSnapshot(entry) });
      }
      const old = entry.explanation ?? null;
      entry.explanation = input.explanation?.trim() || null;
      entry.version += 1;
      entry.updatedBy = em.getReference(User, viewer.id);
      entry.updatedAt = new Date();
      em.create(ScoreRevision, {
        entry,
        actor: em.getReference(User, viewer.id),
        round: RevisionRound.EXPLANATION,
        version: entry.version,
        old: { explanation: old },
        next: { explanation: entry.explanation },
      } as never);
      await em.flush();
      return { assessment: a, entry, seq: a.seq };
    });
  }

  /**
   * Fixes every entry's final score (round 2 where held, else round 1) and makes the assessment
   * FINAL: read-only for everyone from then on. BAD_USER_INPUT lists every leaf not appraised.
   */
  async finalize(viewer: Viewer, id: string): Promise<StatusResult> {
    const assessmentId = assertId(id, 'Assessment');
    return this.em.transactional(async (em) => {
      const a = await lockAssessment(em, assessmentId);
      if (viewer.role !== Role.APPRAISER && viewer.role !== Role.ADMIN) throw forbidden('Only appraisers and administrators finalize an assessment.');
      assertNotFinal(a);
      if (!FINALIZE_PHASES.includes(a.period.phase)) {
        throw phaseClosed(`An assessment is finalized in APPRAISAL, EXPLANATION or FINAL_APPRAISAL; the period is in ${a.period.phase}.`, { phase: a.period.phase });
      }
      if (!IN_APPRAISAL.includes(a.status)) throw phaseClosed(`The assessment is ${a.status}; it has not been submitted.`, { status: a.status });
      const entries = await em.find(ScoreEntry, { assessment: a.id }, { populate: ['criterion'], orderBy: { criterion: { ordinal: 'asc' } } });
      const open = entries.filter((e) => !appraisedOf(e).held);
      if (open.length) {
        throw badInput(
          open.map((e) => ({ path: e.criterion.code, message: 'not appraised' })),
          { blocking: open.map((e) => e.criterion.code) },
        );
      }
      for (const e of entries) e.finalScoreH = appraisedOf(e).scoreH;
      a.status = AssessmentStatus.FINAL;
      await em.flush();
      return { assessment: a, entries };
    });
  }
}

/**
 * Takes the assessment's row first (seq + 1): this serializes the writes of one assessment
 * (PostgreSQL row lock, SQLite write lock); a refused write rolls the bump back.
 */
async function lockAssessment(em: Em, id: string): Promise<Assessment> {
  const bumped = await em.createQueryBuilder(Assessment).update({ seq: raw('seq + 1') } as never).where({ id }).execute('run');
  if (!(bumped as { affectedRows?: number }).affectedRows) throw notFound('Assessment', id);
  return em.findOneOrFail(Assessment, { id }, { populate: ['period', 'period.framework'], refresh: true });
}

function assertNotFinal(a: Assessment): void {
  if (a.status === AssessmentStatus.FINAL) throw phaseClosed('The assessment is finalized; nothing of it can change.', { status: a.status });
}

function roundOf(phase: Phase): 1 | 2 {
  if (phase === Phase.APPRAISAL) return 1;
  if (phase === Phase.FINAL_APPRAISAL) return 2;
  throw phaseClosed(`Appraised scores are recorded in APPRAISAL (round 1) and FINAL_APPRAISAL (round 2); the period is in ${phase}.`, { phase });
}

async function findEntry(em: Em, assessmentId: string, criterionId: string): Promise<ScoreEntry> {
  const entry = await em.findOne(ScoreEntry, { assessment: assessmentId, criterion: criterionId }, { populate: ['criterion', 'updatedBy', 'assignee'] });
  if (!entry) throw notFound('Leaf criterion', criterionId);
  return entry;
}

function checkVersionAndText(expectedVersion: number, field: string, text: string | null | undefined): void {
  const problems: Problem[] = [];
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) problems.push({ path: 'expectedVersion', message: 'must be a whole number ≥ 0' });
  if (typeof text === 'string' && text.length > MAX_TEXT) problems.push({ path: field, message: `at most ${MAX_TEXT} characters` });
  if (problems.length) throw badInput(problems);
}

const roundFields1 = { input: 'round1Input', score: 'round1ScoreH', na: 'round1NotApplicable', comment: 'round1Comment' } as const;
const roundFields2 = { input: 'round2Input', score: 'round2ScoreH', na: 'round2NotApplicable', comment: 'round2Comment' } as const;

/**
 * The appraised columns of the leaf's row and its ancestors' rows, O(depth), with the same
 * arithmetic as the self columns (applyLeafChange); also returns the top-level rows, for the
 * assessment's completeness.
 */
async function updateAppraisedProgress(
  em: Em,
  assessment: Assessment,
  leaf: Criterion,
  framework: Framework,
  old: Appraised,
  next: Appraised,
): Promise<{ changed: Progress[]; top: Progress[] }> {
  const codes = [leaf.code, ...ancestorCodes(leaf.code)];
  const rows = await em.find(
    Progress,
    { assessment: assessment.id, criterion: { framework: framework.id, $or: [{ code: { $in: codes } }, { depth: 1 }] } },
    { populate: ['criterion'] },
  );
  const byCode = new Map(rows.map((r) => [r.criterion.code, r]));
  const leafRow = byCode.get(leaf.code)!;
  const chain = ancestorCodes(leaf.code).map((c) => byCode.get(c)!);
  const kind = nodeKindOf(leaf.method);
  const rescale = framework.notApplicable === 'RESCALE';
  const countDelta = (next.held ? 1 : 0) - (old.held ? 1 : 0);

  leafRow.appraisedScoreH = next.scoreH ?? 0;
  leafRow.appraisedCapH = rescale && kind === 'REGULAR' && next.notApplicable ? 0 : leaf.maxH;
  leafRow.leavesAppraised += countDelta;
  const updated = applyLeafChange(
    chain.map((r) => ({
      id: r.id,
      maxH: r.criterion.maxH,
      capH: appraisedCapOf(r),
      regularSumH: r.appraisedRegularSumH,
      extraSumH: r.appraisedExtraSumH,
      scoreH: r.appraisedScoreH,
    })),
    kind,
    { scoreH: old.scoreH, notApplicable: old.notApplicable, leafMaxH: leaf.maxH },
    { scoreH: next.scoreH, notApplicable: next.notApplicable },
    framework.notApplicable,
  );
  chain.forEach((row, i) => {
    row.appraisedCapH = updated[i].capH;
    row.appraisedRegularSumH = updated[i].regularSumH;
    row.appraisedExtraSumH = updated[i].extraSumH;
    row.appraisedScoreH = updated[i].scoreH;
    row.leavesAppraised += countDelta;
  });
  return { changed: [leafRow, ...chain], top: rows.filter((r) => r.criterion.depth === 1) };
}

/** Keeps only the given fields of a value, so that stored input is exactly what was meant. */
function cleanInput(v: ScoreInput): ScoreInput {
  const out: ScoreInput = {};
  for (const k of ['points', 'met', 'tier', 'numerator', 'denominator', 'figure', 'notApplicable'] as const) {
    if (v[k] !== undefined && v[k] !== null) (out as Record<string, unknown>)[k] = v[k];
  }
  return out;
}
