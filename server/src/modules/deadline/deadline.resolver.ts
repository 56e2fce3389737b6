import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { Assessment } from '../assessment/assessment.entity';
import { audited, current } from '../audit/audit.service';
import { announce } from '../notification/notify';
import { Period, Phase } from '../period/period.entity';
import { Role, User } from '../user/user.entity';
import { DeadlineExtension } from './deadline-extension.entity';
import { DeadlineService } from './deadline.service';
import { AssessmentDeadline, PeriodDeadlinesInput } from './deadline.types';

@Resolver(() => DeadlineExtension)
export class DeadlineResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => DeadlineExtension, {
    description:
      'Extends one unit’s deadline for a phase until `until`, with the reason (ADMIN). Recorded with who and when, in the audit log too; the unit’s people are notified. BAD_USER_INPUT for a reason missing, an `until` not after the deadline or in the past, a phase without a deadline.',
  })
  async grantExtension(
    @Arg('assessmentId', () => ID) assessmentId: string,
    @Arg('phase', () => Phase) phase: Phase,
    @Arg('until', () => Date) until: Date,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<DeadlineExtension> {
    const viewer = requireViewer(ctx.viewer);
    const { extension, notices } = await audited(ctx, (em) => new DeadlineService(em).grant(viewer, assessmentId, phase, until, reason), {
      action: 'deadline.extend',
      type: 'Assessment',
      id: assessmentId,
      after: (r) => ({ extensionId: r.extension.id, phase, until: until.toISOString(), reason: r.extension.reason }),
    });
    await announce(ctx.live, notices, ctx.log);
    return extension;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Period, { description: 'Changes a period’s deadlines, time zone and automatic phase moves (ADMIN).' })
  setPeriodDeadlines(@Arg('id', () => ID) id: string, @Arg('input', () => PeriodDeadlinesInput) input: PeriodDeadlinesInput, @Ctx() ctx: Context): Promise<Period> {
    return audited(ctx, (em) => new DeadlineService(em).setDeadlines(id, input), { action: 'period.setDeadlines', type: 'Period', id, before: current(Period, id) });
  }

  @FieldResolver(() => User, { nullable: true, description: 'The ADMIN who granted it.' })
  async grantedBy(@Root() x: DeadlineExtension): Promise<User | null> {
    return x.grantedBy ? ((await load(x.grantedBy)) ?? null) : null;
  }

  @FieldResolver(() => Date, { description: 'When it was granted.' })
  grantedAt(@Root() x: DeadlineExtension): Date {
    return x.createdAt;
  }
}

@Resolver(() => Assessment)
export class AssessmentDeadlineResolver {
  @FieldResolver(() => AssessmentDeadline, { description: 'The deadline of the phase the period is in, for this unit (with its extension), in the period’s time zone.' })
  async deadline(@Root() a: Assessment, @Ctx() ctx: Context): Promise<AssessmentDeadline> {
    const period = (await load(a.period))!;
    return new DeadlineService(ctx.em).standing(a.id, period);
  }

  @FieldResolver(() => [DeadlineExtension], { description: 'Every extension granted to this unit, newest first: phase, until when, why, by whom, when.' })
  extensions(@Root() a: Assessment, @Ctx() ctx: Context): Promise<DeadlineExtension[]> {
    return ctx.em.find(DeadlineExtension, { assessment: a.id }, { orderBy: { createdAt: 'desc' } });
  }
}
