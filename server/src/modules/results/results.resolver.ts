import { announce } from '../notification/notify';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { Assessment } from '../assessment/assessment.entity';
import { publish } from '../assessment/assessment.publisher';
import { Period } from '../period/period.entity';
import { UnitKind } from '../unit/unit.entity';
import { Role } from '../user/user.entity';
import { ResultsService } from './results.service';
import { ImprovementItem, RankingRow } from './results.types';
import { unitHistory } from './history.service';
import { UnitHistoryPoint } from './history.types';
import { audited, current } from '../audit/audit.service';

@Resolver(() => Assessment)
export class ResultsResolver {
  @Authorized()
  @Query(() => [RankingRow], {
    description:
      'The results of one unit kind in a period, by rank. Everyone signed in once the period is PUBLISHED; ADMIN, VIEWER and APPRAISER always; before publishing a unit’s LEADER and STAFF see their own row only. Empty until results are computed.',
  })
  ranking(@Arg('periodId', () => ID) periodId: string, @Arg('unitKind', () => UnitKind) unitKind: UnitKind, @Ctx() ctx: Context): Promise<RankingRow[]> {
    return new ResultsService(ctx.em).ranking(requireViewer(ctx.viewer), periodId, unitKind);
  }

  @Authorized()
  @Query(() => [UnitHistoryPoint], {
    description:
      'A unit’s results in every PUBLISHED period it took part in, oldest first: its row of each period’s ranking (total, index, rank, band, group subtotals) beside the averages of the units of its kind. Published results are everyone’s.',
  })
  unitHistory(@Arg('unitId', () => ID) unitId: string, @Ctx() ctx: Context): Promise<UnitHistoryPoint[]> {
    requireViewer(ctx.viewer);
    return unitHistory(ctx.em, unitId);
  }

  @Authorized()
  @Query(() => [ImprovementItem], {
    description: 'The leaves of an assessment that did not reach their maximum, most points lost first (final score, else appraised, else self).',
  })
  improvementList(@Arg('assessmentId', () => ID) assessmentId: string, @Ctx() ctx: Context): Promise<ImprovementItem[]> {
    return new ResultsService(ctx.em).improvementList(requireViewer(ctx.viewer), assessmentId);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => [RankingRow], { description: 'Computes and stores the period’s results (replacing earlier ones); every unit kind, by rank.' })
  async computeResults(@Arg('periodId', () => ID) periodId: string, @Ctx() ctx: Context): Promise<RankingRow[]> {
    const viewer = requireViewer(ctx.viewer);
    const r = await audited(ctx, (em) => new ResultsService(em).computeResults(viewer, periodId), { action: 'results.compute', type: 'Period', id: periodId, after: (r) => ({ results: r.rows.length }) });
    await publish(ctx, r.facts);
    return r.rows;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Period, {
    description:
      'A FINALIZED period: computes its results and makes them public (PUBLISHED). CONFLICT (extensions.incomplete) when units never submitted or were not finalized, unless acknowledgeIncomplete is true.',
  })
  async publishResults(
    @Arg('periodId', () => ID) periodId: string,
    @Arg('acknowledgeIncomplete', () => Boolean, { nullable: true, defaultValue: false }) acknowledgeIncomplete: boolean,
    @Ctx() ctx: Context,
  ): Promise<Period> {
    const viewer = requireViewer(ctx.viewer);
    const r = await audited(ctx, (em) => new ResultsService(em).publishResults(viewer, periodId, acknowledgeIncomplete), { action: 'results.publish', type: 'Period', id: periodId, before: current(Period, periodId), after: (r) => r.period });
    await publish(ctx, r.facts);
    await announce(ctx.live, r.notices, ctx.log);
    return r.period;
  }

  @FieldResolver(() => RankingRow, { nullable: true, description: 'The computed result of this assessment; null until results are computed.' })
  result(@Root() a: Assessment, @Ctx() ctx: Context): Promise<RankingRow | null> {
    return new ResultsService(ctx.em).resultOf(a);
  }
}
