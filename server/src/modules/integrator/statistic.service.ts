import { raw } from '@mikro-orm/core';
import type { Viewer } from '../../common/auth';
import { badInput, forbidden, InputProblems, notFound, phaseClosed, type Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import { entrySnapshot } from '../assessment/entry.snapshot';
import { EntryState, ScoreEntry } from '../assessment/score-entry.entity';
import { RevisionRound, ScoreRevision } from '../assessment/score-revision.entity';
import { SelfScoreService } from '../assessment/self-score.service';
import { Criterion, ScoringMethod } from '../framework/criterion.entity';
import { Period, Phase } from '../period/period.entity';
import { computeLeafScore } from '../scoring/leaf-score';
import type { ScoreInput } from '../scoring/scoring.types';
import { Unit } from '../unit/unit.entity';
import { TokenScope } from './api-token.entity';
import type { PushStatisticInput, PushStatisticPayload } from './integrator.input';

const OPEN_STATUSES: readonly AssessmentStatus[] = [AssessmentStatus.NOT_STARTED, AssessmentStatus.IN_PROGRESS];
const PUSHABLE: readonly ScoringMethod[] = [ScoringMethod.RATIO, ScoringMethod.RELATIVE];

/**
 * A system's figure for a RATIO or RELATIVE indicator of one unit, written like a self save: one
 * transaction that takes the assessment's row first, checks the phase, writes the entry (source =
 * the token's name, version + 1), one revision, and the progress rows of the leaf's ancestors.
 */
export class StatisticService {
  constructor(private readonly em: Em) {}

  async push(viewer: Viewer, input: PushStatisticInput): Promise<PushStatisticPayload & { assessment: Assessment }> {
    const integrator = viewer.integrator;
    if (!integrator || integrator.scope !== TokenScope.STATISTICS) {
      throw forbidden('Only an API token with the STATISTICS scope may push statistics.');
    }
    const periodId = assertId(input.periodId, 'Period');
    const problems: Problem[] = [];
    const byId = input.unitId !== undefined && input.unitId !== null;
    const byCode = typeof input.unitCode === 'string' && input.unitCode.trim() !== '';
    if (byId === byCode) problems.push({ path: 'unitId', message: 'name the unit by unitId or by unitCode (one of them)' });
    const code = typeof input.criterionCode === 'string' ? input.criterionCode.trim() : '';
    if (!code) problems.push({ path: 'criterionCode', message: 'criterionCode is required' });
    if (problems.length) throw badInput(problems);
    const unitId = byId ? assertId(input.unitId, 'Unit') : null;

    return this.em.transactional(async (em) => {
      const unit = unitId ? await em.findOne(Unit, { id: unitId }) : await em.findOne(Unit, { code: input.unitCode!.trim() });
      if (!unit) throw notFound('Unit', unitId ?? input.unitCode);
      const period = await em.findOne(Period, { id: periodId });
      if (!period) throw notFound('Period', periodId);
      const ref = await em.findOne(Assessment, { period: periodId, unit: unit.id }, { fields: ['id'] as never });
      if (!ref) throw notFound(`Assessment of unit ${unit.code} in period`, periodId);

      // the assessment's row first: saves of one assessment are serialized, seq increases by one
      await em.createQueryBuilder(Assessment).update({ seq: raw('seq + 1') } as never).where({ id: ref.id }).execute('run');
      const assessment = await em.findOneOrFail(Assessment, { id: ref.id }, { populate: ['period', 'period.framework'], refresh: true });
      const framework = assessment.period.framework;
      if (assessment.period.phase !== Phase.SELF_ASSESSMENT) {
        throw phaseClosed(`Statistics can be pushed only in SELF_ASSESSMENT; the period is in ${assessment.period.phase}.`, { phase: assessment.period.phase });
      }
      if (!OPEN_STATUSES.includes(assessment.status)) {
        throw phaseClosed(`The assessment is ${assessment.status}; its self scores can no longer be changed.`, { status: assessment.status });
      }

      const criterion = await em.findOne(Criterion, { framework: framework.id, code });
      if (!criterion) throw notFound(`Criterion ${code} in the period's framework`);
      if (!criterion.isLeaf || !criterion.method || !PUSHABLE.includes(criterion.method)) {
        const what = criterion.isLeaf ? `a ${criterion.method} indicator` : 'a group';
        throw badInput([{ path: 'criterionCode', message: `${code} is ${what}; statistics are pushed to RATIO and RELATIVE indicators only` }]);
      }
      const value: ScoreInput = {};
      if (input.numerator != null) value.numerator = input.numerator;
      if (input.denominator != null) value.denominator = input.denominator;
      if (input.figure != null) value.figure = input.figure;
      let scoreH: number | null;
      try {
        ({ scoreH } = computeLeafScore(criterion.rule(), value, framework.notApplicable));
      } catch (e) {
        if (e instanceof InputProblems) throw badInput(e.problems);
        throw e;
      }

      const entry = await em.findOneOrFail(ScoreEntry, { assessment: assessment.id, criterion: criterion.id }, { populate: ['criterion', 'updatedBy', 'assignee'] });
      const before = entrySnapshot(entry);
      const beforeSource = entry.source ?? null;
      const old = { scoreH: entry.selfScoreH ?? null, notApplicable: entry.notApplicable, state: entry.state };
      entry.input = value;
      entry.selfScoreH = scoreH;
      entry.notApplicable = false;
      entry.state = EntryState.DONE;
      entry.version += 1;
      entry.updatedBy = null;
      entry.source = integrator.name;
      entry.updatedAt = new Date();
      if (assessment.status === AssessmentStatus.NOT_STARTED) assessment.status = AssessmentStatus.IN_PROGRESS;

      const progress = await new SelfScoreService(em).updateProgress(em, assessment, criterion, framework, old, {
        scoreH,
        notApplicable: false,
        state: EntryState.DONE,
      });
      em.create(ScoreRevision, {
        entry,
        actor: null,
        round: RevisionRound.SELF,
        version: entry.version,
        old: { ...pick(before), source: beforeSource },
        next: { ...pick(entrySnapshot(entry)), source: entry.source },
      } as never);
      await em.flush();
      return { entry, progress, seq: assessment.seq, assessment };
    });
  }
}

/** The fields of a snapshot that a revision records (as self saves record them). */
function pick(s: ReturnType<typeof entrySnapshot>) {
  return { value: s.value, selfScore: s.selfScore, notApplicable: s.notApplicable, comment: s.comment, state: s.state };
}
