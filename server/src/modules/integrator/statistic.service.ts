import type { Viewer } from '../../common/auth';
import { fromHundredths } from '../../common/decimal';
import { badInput, forbidden, notFound, phaseClosed, type Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import type { ChangeFacts } from '../assessment/assessment.publisher';
import { entryEntity, factsOf, progressEntities, writeScoreIn, type ScorePlan } from '../assessment/score.writer';
import type { AssessmentHead, EntryRow } from '../assessment/self-score.store';
import { EntryState } from '../assessment/score-entry.entity';
import { RevisionRound } from '../assessment/score-revision.entity';
import { scoreOf } from '../assessment/self-score.service';
import { Criterion, ScoringMethod } from '../framework/criterion.entity';
import { Period, Phase } from '../period/period.entity';
import type { ScoreInput } from '../scoring/scoring.types';
import { afterRelativeFigure } from '../results/relative.writeback';
import { Unit } from '../unit/unit.entity';
import { transaction } from '../../common/sql';
import { emitWebhook } from '../webhook/webhook.emit';
import { WebhookEvent } from '../webhook/webhook.entity';
import { FigureKept } from './statistics.input';
import { TokenScope } from './api-token.entity';
import type { PushStatisticInput, PushStatisticPayload } from './integrator.input';

export const OPEN_STATUSES: readonly AssessmentStatus[] = [AssessmentStatus.NOT_STARTED, AssessmentStatus.IN_PROGRESS];
export const PUSHABLE: readonly ScoringMethod[] = [ScoringMethod.RATIO, ScoringMethod.RELATIVE];

/**
 * A system's figure for a RATIO or RELATIVE indicator of one unit, written through the same path
 * as a self save (score.writer.ts): one transaction that takes the assessment's row first, checks
 * the phase, writes the entry (source = the token's name, version + 1), one revision, and the
 * progress rows of the leaf's ancestors.
 */
export class StatisticService {
  constructor(private readonly em: Em) {}

  async push(viewer: Viewer, input: PushStatisticInput): Promise<PushStatisticPayload & { facts: ChangeFacts[] }> {
    const integrator = viewer.integrator;
    if (!integrator || integrator.scope !== TokenScope.STATISTICS) {
      throw forbidden('Only an API token with the STATISTICS scope may push statistics.');
    }
    const periodId = assertId(input.periodId, 'Period');
    const problems: Problem[] = [];
    const byId = input.unitId !== undefined && input.unitId !== null;
    const byCode = typeof input.unitCode === 'string' && input.unitCode.trim() !== '';
    if (byId === byCode) problems.push({ path: 'unitId', message: 'name the unit by unitId or by unitCode (one of them)', code: 'UNIT_ID_OR_CODE', params: {} });
    const code = typeof input.criterionCode === 'string' ? input.criterionCode.trim() : '';
    if (!code) problems.push({ path: 'criterionCode', message: 'criterionCode is required', code: 'REQUIRED', params: { field: 'criterionCode' } });
    if (problems.length) throw badInput(problems);
    const unitId = byId ? assertId(input.unitId, 'Unit') : null;

    // the lookups by code, then the write through the one write path of scores, which takes the
    // assessment's row first and checks its phase and status there
    const em = this.em;
    const unit = unitId ? await em.findOne(Unit, { id: unitId }) : await em.findOne(Unit, { code: input.unitCode!.trim() });
    if (!unit) throw notFound('Unit', unitId ?? input.unitCode);
    const period = await em.findOne(Period, { id: periodId });
    if (!period) throw notFound('Period', periodId);
    const ref = await em.findOne(Assessment, { period: periodId, unit: unit.id }, { fields: ['id'] as never });
    if (!ref) throw notFound(`Assessment of unit ${unit.code} in period`, periodId);
    const criterion = await em.findOne(Criterion, { framework: period.framework.id, code });
    if (!criterion) throw notFound(`Criterion ${code} in the period's framework`);
    if (!criterion.isLeaf || !criterion.method || !PUSHABLE.includes(criterion.method)) {
      const what = criterion.isLeaf ? `a ${criterion.method} indicator` : 'a group';
      throw badInput([{ path: 'criterionCode', message: `${code} is ${what}; statistics are pushed to RATIO and RELATIVE indicators only`, code: 'NOT_A_STATISTIC', params: { criterion: code } }]);
    }
    const value: ScoreInput = {};
    if (input.numerator != null) value.numerator = input.numerator;
    if (input.denominator != null) value.denominator = input.denominator;
    if (input.figure != null) value.figure = input.figure;

    // the write and its webhook deliveries in one transaction
    const written = await transaction(em, async (tx) => {
      const w = await writeScoreIn(tx, em, {
        assessmentId: ref.id,
        criterionId: criterion.id,
        check: (head) => {
          if (head.phase !== Phase.SELF_ASSESSMENT) {
            throw phaseClosed(`Statistics can be pushed only in SELF_ASSESSMENT; the period is in ${head.phase}.`, { phase: head.phase });
          }
          if (!OPEN_STATUSES.includes(head.status)) {
            throw phaseClosed(`The assessment is ${head.status}; its self scores can no longer be changed.`, { status: head.status });
          }
        },
        current: (entry) => entry,
        plan: (head, entry) => statisticPlan(head, entry, value, integrator.name),
      });
      const score = w.after.selfScoreH == null ? null : fromHundredths(w.after.selfScoreH);
      await emitWebhook(tx, em, WebhookEvent.STATISTIC_RECORDED, { periodId, source: integrator.name, figures: [{ unitId: unit.id, criterionCode: criterion.code, entryId: w.after.id, keptAs: FigureKept.SELF_SCORE, score }] });
      return w;
    });
    const facts = [factsOf(written, ['SCORE_SAVED'], viewer)];
    // a RELATIVE figure moves every unit's score of that leaf once the period's results exist
    if (written.after.method === 'RELATIVE') facts.push(...(await afterRelativeFigure(em, written.head.periodId, criterion.id, viewer)));
    return { entry: entryEntity(em, written.after), progress: progressEntities(em, written.chain, written.after.updatedAt), seq: written.head.seq, facts };
  }
}

/**
 * A pushed figure written as the unit's self score (source = the token's name), one revision,
 * the SELF track moved; shared by pushStatistic and pushStatistics.
 */
export function statisticPlan(head: AssessmentHead, entry: EntryRow, value: ScoreInput, source: string, sourceRef: string | null = null): ScorePlan {
  const { scoreH } = scoreOf(entry, value, head.notApplicable);
  const before = { value: entry.input, selfScore: h(entry.selfScoreH), notApplicable: entry.notApplicable, comment: entry.comment, state: entry.state, source: entry.source };
  return {
    set: { input: value, self_score_h: scoreH, not_applicable: false, state: EntryState.DONE, updated_by_id: null, source },
    revision: {
      actorId: null,
      round: RevisionRound.SELF,
      old: before,
      next: { value, selfScore: h(scoreH), notApplicable: false, comment: entry.comment, state: EntryState.DONE, source, ...(sourceRef ? { sourceRef } : {}) },
    },
    moves: [
      {
        track: 'SELF',
        before: { scoreH: entry.selfScoreH, notApplicable: entry.notApplicable, counted: entry.state === EntryState.DONE },
        after: { scoreH, notApplicable: false, counted: true },
      },
    ],
    status: (a) => (a.status === AssessmentStatus.NOT_STARTED ? AssessmentStatus.IN_PROGRESS : a.status),
  };
}

const h = (x: number | null) => (x == null ? null : fromHundredths(x));
