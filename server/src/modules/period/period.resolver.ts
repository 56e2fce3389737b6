import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { Assessment } from '../assessment/assessment.entity';
import { Framework } from '../framework/framework.entity';
import { Role } from '../user/user.entity';
import { Period, Phase } from './period.entity';
import { CreatePeriodInput, UpdatePeriodInput } from './period.input';
import { PeriodService } from './period.service';
import { audited, current, snapshot } from '../audit/audit.service';
import { settleAfterBulkWrite } from '../../common/sql';
import { IncompleteUnit, incompleteUnits } from './incomplete';
import { publish } from '../assessment/assessment.publisher';

@Resolver(() => Period)
export class PeriodResolver {
  @Authorized()
  @Query(() => [Period])
  periods(@Ctx() ctx: Context): Promise<Period[]> {
    return new PeriodService(ctx.em).list();
  }

  @Authorized()
  @Query(() => Period)
  period(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Period> {
    return new PeriodService(ctx.em).get(id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Period, { description: 'Creates a DRAFT period and one assessment per unit.' })
  async createPeriod(@Arg('input', () => CreatePeriodInput) input: CreatePeriodInput, @Ctx() ctx: Context): Promise<Period> {
    const period = await audited(ctx, (em) => new PeriodService(em).create(input), { action: 'period.create', type: 'Period', after: (p) => ({ ...(snapshot(p) as object), unitIds: input.unitIds }) });
    await settleAfterBulkWrite(ctx.em, ['criterion', 'score_entry', 'progress']); // once committed (common/sql.ts)
    return period;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Period, {
    description:
      'Changes a period’s name and deadlines; while it is DRAFT also the units taking part (added units get an assessment, units left out lose theirs). BAD_USER_INPUT with PERIOD_ALREADY_OPEN for units once it has opened.',
  })
  async updatePeriod(@Arg('id', () => ID) id: string, @Arg('input', () => UpdatePeriodInput) input: UpdatePeriodInput, @Ctx() ctx: Context): Promise<Period> {
    const period = await audited(ctx, (em) => new PeriodService(em).update(id, input), {
      action: 'period.update',
      type: 'Period',
      id,
      before: current(Period, id),
      after: (p) => ({ ...(snapshot(p) as object), ...(input.unitIds ? { unitIds: input.unitIds } : {}) }),
    });
    if (input.unitIds) await settleAfterBulkWrite(ctx.em, ['score_entry', 'progress']);
    return period;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Period, {
    description:
      'Moves a period to its next phase; PHASE_CLOSED for any other move. CONFLICT (extensions.incomplete) when units are behind what the phase expects, unless acknowledgeIncomplete is true.',
  })
  async setPeriodPhase(
    @Arg('id', () => ID) id: string,
    @Arg('phase', () => Phase) phase: Phase,
    @Arg('acknowledgeIncomplete', () => Boolean, { nullable: true, defaultValue: false, description: 'Go ahead although units are incomplete (see Period.incompleteUnits).' })
    acknowledgeIncomplete: boolean,
    @Ctx() ctx: Context,
  ): Promise<Period> {
    const viewer = requireViewer(ctx.viewer);
    const moved = await audited(ctx, (em) => new PeriodService(em).setPhase(id, phase, acknowledgeIncomplete, viewer), {
      action: 'period.setPhase',
      type: 'Period',
      id,
      before: current(Period, id),
      after: (r) => r.period,
    });
    // every open page of the period hears of it (PHASE_CHANGED): its controls lock or unlock at once
    await publish(ctx, moved.facts);
    return moved.period;
  }

  @Authorized(Role.ADMIN, Role.VIEWER)
  @FieldResolver(() => [IncompleteUnit], {
    description: 'The units that are behind what `phase` expects (not submitted, not appraised, not finalized), by name: what moving there would leave behind.',
  })
  incompleteUnits(@Root() period: Period, @Arg('phase', () => Phase) phase: Phase, @Ctx() ctx: Context): Promise<IncompleteUnit[]> {
    return incompleteUnits(ctx.em, period.id, phase);
  }

  @FieldResolver(() => Framework)
  async framework(@Root() period: Period): Promise<Framework> {
    return (await load(period.framework))!;
  }

  @FieldResolver(() => [Assessment], { description: 'The assessments the viewer may see: a unit’s people see their own.' })
  assessments(@Root() period: Period, @Ctx() ctx: Context): Promise<Assessment[]> {
    return new PeriodService(ctx.em).assessments(period, requireViewer(ctx.viewer));
  }
}
