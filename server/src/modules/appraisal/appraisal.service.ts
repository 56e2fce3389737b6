import type { AssessmentHead } from '../assessment/self-score.store';
import { emitWebhookIn } from '../webhook/webhook.emit';
import { WebhookEvent } from '../webhook/webhook.entity';
import { raw } from '@mikro-orm/core';
import { assertMayAppraise, assertUnitMember } from '../../common/access';
import { councilRuns } from '../council/council.runs';
import { ancestorCodes } from '../assessment/progress.rows';
import type { Viewer } from '../../common/auth';
import { badInput, forbidden, notFound, phaseClosed, Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import type { ChangeFacts } from '../assessment/assessment.publisher';
import { entryEntity, factsOf, progressEntities, writeScore } from '../assessment/score.writer';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { RevisionRound } from '../assessment/score-revision.entity';
import { cleanInput, scoreOf } from '../assessment/self-score.service';
import { Phase } from '../period/period.entity';
import { assertDeadlineOpen } from '../deadline/deadline.facts';
import type { ScoreInput } from '../scoring/scoring.types';
import { afterRelativeFigure } from '../results/relative.writeback';
import { Role, User } from '../user/user.entity';
import { Unit } from '../unit/unit.entity';
import * as texts from '../notification/notification.texts';
import { notifyIn, type Notice } from '../notification/notify';
import { prepareMentions } from '../notification/mentions';
import { appraisedOf, appraisalSnapshot, roundSnapshot } from './appraised';
import { AppraisalRound, type AppraisalPayload, type ExplanationPayload, type SaveAppraisalInput, type SaveExplanationInput } from './appraisal.input';

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

export interface AppraisalResult extends AppraisalPayload {
  facts: ChangeFacts[];
  notices: Notice[];
  /** the assessment as the write read it (for checking the answer's objects) */
  head: AssessmentHead;
}

/** Records the chair's signature inside the finalization's transaction (council/signature.service.ts). */
export type FinalizationSigner = (em: Em, a: Assessment, entries: ScoreEntry[]) => Promise<void>;

export interface StatusResult {
  assessment: Assessment;
  entries: ScoreEntry[];
  /** the notifications written with the change, to announce after commit */
  notices?: Notice[];
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
    // people @mentioned in the comment are told with the save
    const mentions = typeof input.comment === 'string' ? await prepareMentions(this.em, viewer, input.comment) : undefined;

    let round: 1 | 2 = 1;
    const written = await writeScore(this.em, {
      assessmentId,
      criterionId,
      expectedVersion: input.expectedVersion,
      notices: mentions && ((head, entry) => mentions({ id: head.id, unitId: head.unitId, periodId: head.periodId, unitName: head.unitName, status: head.status }, entry.code, (entry.raw[round === 1 ? 'round1comment' : 'round2comment'] as string | null) ?? null)),
      check: (head) => {
        if (viewer.role !== Role.APPRAISER) throw forbidden('Only appraisers record appraised scores; a unit answers with saveExplanation.');
        assertMayAppraise(viewer, head);
        round = roundOf(head.phase as Phase);
        assertNotFinal(head.status);
        if (!ROUND_STATUSES[round].includes(head.status)) {
          throw phaseClosed(
            head.status === AssessmentStatus.RETURNED
              ? 'The assessment was returned for explanation; it is appraised again in FINAL_APPRAISAL.'
              : `The assessment is ${head.status}; only a submitted assessment is appraised.`,
            { status: head.status },
          );
        }
      },
      checkEntry: (head, entry) => assertMayAppraise(viewer, head, topGroupCode(entry.code)),
      current: (entry) => appraisalSnapshot(entryEntity(this.em, entry)),
      plan: (head, row) => {
        const entry = entryEntity(this.em, row);
        const r = round === 1 ? roundFields1 : roundFields2;
        let value: ScoreInput | null = (entry[r.input] as ScoreInput | null | undefined) ?? null;
        if (input.value !== undefined) value = input.value === null ? null : cleanInput(input.value);
        let scoreH: number | null = null;
        let notApplicable = false;
        if (value) ({ scoreH, notApplicable } = scoreOf(row, value, head.notApplicable));
        const comment = input.comment === undefined ? (entry[r.comment] ?? null) : input.comment?.trim() || null;
        const next = { ...entry, [r.input]: value, [r.score]: scoreH, [r.na]: notApplicable, [r.comment]: comment } as ScoreEntry;
        const before = appraisedOf(entry);
        const after = appraisedOf(next);
        return {
          set: { [r.column]: value, [`${r.column.replace('input', '')}score_h`]: scoreH, [`${r.column.replace('input', '')}not_applicable`]: notApplicable, [`${r.column.replace('input', '')}comment`]: comment, updated_by_id: viewer.id },
          revision: { actorId: viewer.id, round: round === 1 ? RevisionRound.APPRAISAL_1 : RevisionRound.APPRAISAL_2, old: roundSnapshot(entry, round), next: roundSnapshot(next, round) },
          moves: [
            {
              track: 'APPRAISED',
              before: { scoreH: before.scoreH, notApplicable: before.notApplicable, counted: before.held },
              after: { scoreH: after.scoreH, notApplicable: after.notApplicable, counted: after.held },
            },
          ],
          status: (h, top) => {
            const complete = top.reduce((x, p) => x + p.leavesAppraised, 0) === top.reduce((x, p) => x + p.leaves, 0);
            if (complete) return AssessmentStatus.APPRAISED;
            return h.status === AssessmentStatus.APPRAISED ? AssessmentStatus.SUBMITTED : h.status;
          },
        };
      },
    });
    const kinds = written.statusChanged ? ['APPRAISED', 'STATUS_CHANGED'] : ['APPRAISED'];
    const facts = [factsOf(written, kinds, viewer)];
    // a RELATIVE figure moves every unit's score of that leaf once the period's results exist
    if (written.after.method === 'RELATIVE') facts.push(...(await afterRelativeFigure(this.em, written.head.periodId, criterionId, viewer)));
    return {
      round: round === 1 ? AppraisalRound.ROUND_1 : AppraisalRound.ROUND_2,
      entry: entryEntity(this.em, written.after),
      progress: progressEntities(this.em, written.chain, written.after.updatedAt),
      seq: written.head.seq,
      facts,
      notices: written.notices,
      head: written.head,
    };
  }

  /** SUBMITTED / APPRAISED → RETURNED, in APPRAISAL or EXPLANATION. */
  async returnForExplanation(viewer: Viewer, id: string): Promise<StatusResult> {
    const assessmentId = assertId(id, 'Assessment');
    return this.em.transactional(async (em) => {
      const a = await lockAssessment(em, assessmentId);
      if (viewer.role !== Role.APPRAISER) throw forbidden('Only appraisers return an assessment for explanation.');
      assertMayAppraise(viewer, { periodId: a.period.id, unitId: a.unit.id });
      assertNotFinal(a.status);
      if (!RETURN_PHASES.includes(a.period.phase)) {
        throw phaseClosed(`An assessment is returned for explanation in APPRAISAL or EXPLANATION; the period is in ${a.period.phase}.`, { phase: a.period.phase });
      }
      if (a.status !== AssessmentStatus.SUBMITTED && a.status !== AssessmentStatus.APPRAISED) {
        throw phaseClosed(`The assessment is ${a.status}; only a submitted or appraised assessment is returned.`, { status: a.status });
      }
      await assertDeadlineOpen(em, a);
      a.status = AssessmentStatus.RETURNED;
      await em.flush();
      // the unit's leaders are told in the same transaction
      const leaders = await em.find(User, { unit: a.unit.id, role: Role.LEADER, active: true });
      const unit = await em.findOneOrFail(Unit, { id: a.unit.id });
      const ref = { assessmentId: a.id, unitName: unit.name, periodName: a.period.name };
      const notices = await notifyIn(em, leaders.map((u) => texts.returned(u.id, ref, viewer.name)));
      await emitWebhookIn(em, WebhookEvent.ASSESSMENT_RETURNED, { assessmentId: a.id, periodId: a.period.id, unitId: a.unit.id, status: a.status });
      return { assessment: a, entries: [], notices };
    });
  }

  /** The unit answers the appraisal of one entry; its self score never changes here. */
  async saveExplanation(viewer: Viewer, input: SaveExplanationInput): Promise<ExplanationPayload & { facts: ChangeFacts; notices: Notice[] }> {
    const assessmentId = assertId(input.assessmentId, 'Assessment');
    const criterionId = assertId(input.criterionId, 'Criterion');
    checkVersionAndText(input.expectedVersion, 'explanation', input.explanation);
    const mentions = typeof input.explanation === 'string' ? await prepareMentions(this.em, viewer, input.explanation) : undefined;

    const written = await writeScore(this.em, {
      assessmentId,
      criterionId,
      expectedVersion: input.expectedVersion,
      notices: mentions && ((head, entry) => mentions({ id: head.id, unitId: head.unitId, periodId: head.periodId, unitName: head.unitName, status: head.status }, entry.code, (entry.raw.explanation as string | null) ?? null)),
      check: (head) => {
        assertUnitMember(viewer, head.unitId);
        assertNotFinal(head.status);
        if (head.phase !== Phase.EXPLANATION) {
          throw phaseClosed(`Explanations are given in the EXPLANATION phase; the period is in ${head.phase}.`, { phase: head.phase });
        }
        if (head.status !== AssessmentStatus.RETURNED) {
          throw phaseClosed(`The assessment is ${head.status}; explanations are given only when the council returns it.`, { status: head.status });
        }
      },
      checkEntry: (_head, entry) => {
        if (viewer.role === Role.STAFF && entry.assigneeId !== viewer.id) {
          throw forbidden(`Criterion ${entry.code} is not assigned to you; ask your leader to assign it.`);
        }
      },
      current: (entry) => appraisalSnapshot(entryEntity(this.em, entry)),
      plan: (_head, entry) => {
        const old = (entry.raw.explanation as string | null) ?? null;
        const explanation = input.explanation?.trim() || null;
        return {
          set: { explanation, updated_by_id: viewer.id },
          revision: { actorId: viewer.id, round: RevisionRound.EXPLANATION, old: { explanation: old }, next: { explanation } },
          moves: [],
        };
      },
    });
    return { entry: entryEntity(this.em, written.after), seq: written.head.seq, facts: factsOf(written, ['EXPLAINED'], viewer), notices: written.notices };
  }

  /**
   * Fixes every entry's final score (round 2 where held, else round 1) and makes the assessment
   * FINAL: read-only for everyone from then on. BAD_USER_INPUT lists every leaf not appraised.
   */
  async finalize(viewer: Viewer, id: string, sign?: FinalizationSigner): Promise<StatusResult> {
    const assessmentId = assertId(id, 'Assessment');
    return this.em.transactional(async (em) => {
      const a = await lockAssessment(em, assessmentId);
      if (viewer.role !== Role.APPRAISER && viewer.role !== Role.ADMIN) throw forbidden('Only appraisers and administrators finalize an assessment.');
      if (!sign && (await councilRuns(em, a.period.id))) {
        throw forbidden('This period has appraisal councils: a unit is finalized when its council chair signs (signFinalization).');
      }
      assertNotFinal(a.status);
      if (!FINALIZE_PHASES.includes(a.period.phase)) {
        throw phaseClosed(`An assessment is finalized in APPRAISAL, EXPLANATION or FINAL_APPRAISAL; the period is in ${a.period.phase}.`, { phase: a.period.phase });
      }
      if (!IN_APPRAISAL.includes(a.status)) throw phaseClosed(`The assessment is ${a.status}; it has not been submitted.`, { status: a.status });
      const entries = await em.find(ScoreEntry, { assessment: a.id }, { populate: ['criterion'], orderBy: { criterion: { ordinal: 'asc' } } });
      const open = entries.filter((e) => !appraisedOf(e).held);
      if (open.length) {
        throw badInput(
          open.map((e) => ({ path: e.criterion.code, message: 'not appraised', code: 'NOT_APPRAISED' as const, params: { criterion: e.criterion.code } })),
          { blocking: open.map((e) => e.criterion.code) },
        );
      }
      for (const e of entries) e.finalScoreH = appraisedOf(e).scoreH;
      a.status = AssessmentStatus.FINAL;
      if (sign) await sign(em, a, entries);
      await em.flush();
      await emitWebhookIn(em, WebhookEvent.ASSESSMENT_FINALIZED, { assessmentId: a.id, periodId: a.period.id, unitId: a.unit.id, status: a.status });
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

/** The code of the top-level group a criterion code belongs to ("2.3.1" → "2"). */
const topGroupCode = (code: string): string => ancestorCodes(code).pop() ?? code;

function assertNotFinal(status: AssessmentStatus): void {
  if (status === AssessmentStatus.FINAL) throw phaseClosed('The assessment is finalized; nothing of it can change.', { status });
}

function roundOf(phase: Phase): 1 | 2 {
  if (phase === Phase.APPRAISAL) return 1;
  if (phase === Phase.FINAL_APPRAISAL) return 2;
  throw phaseClosed(`Appraised scores are recorded in APPRAISAL (round 1) and FINAL_APPRAISAL (round 2); the period is in ${phase}.`, { phase });
}


function checkVersionAndText(expectedVersion: number, field: string, text: string | null | undefined): void {
  const problems: Problem[] = [];
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) problems.push({ path: 'expectedVersion', message: 'must be a whole number ≥ 0', code: 'NOT_WHOLE_NUMBER', params: { field: 'expectedVersion', min: 0 } });
  if (typeof text === 'string' && text.length > MAX_TEXT) problems.push({ path: field, message: `at most ${MAX_TEXT} characters`, code: 'TOO_LONG', params: { field, max: MAX_TEXT } });
  if (problems.length) throw badInput(problems);
}

const roundFields1 = { input: 'round1Input', score: 'round1ScoreH', na: 'round1NotApplicable', comment: 'round1Comment', column: 'round1input' } as const;
const roundFields2 = { input: 'round2Input', score: 'round2ScoreH', na: 'round2NotApplicable', comment: 'round2Comment', column: 'round2input' } as const;
