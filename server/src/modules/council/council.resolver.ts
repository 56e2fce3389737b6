import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { isUuid } from '../../common/ids';
import { load } from '../../common/load';
import { Assessment } from '../assessment/assessment.entity';
import { audited } from '../audit/audit.service';
import { Criterion } from '../framework/criterion.entity';
import { Period } from '../period/period.entity';
import { Unit } from '../unit/unit.entity';
import { Role, User } from '../user/user.entity';
import { CouncilMember } from './council-member.entity';
import { AssignAppraisersInput, CouncilUnit } from './council.input';
import { CouncilService } from './council.service';

const seatSummary = (m: CouncilMember) => ({ unitId: m.unit.id, userId: m.user.id, chair: m.chair, groups: m.groupCodes ?? null });

@Resolver(() => CouncilMember)
export class CouncilResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => [CouncilMember], {
    description:
      'ADMIN: gives each named unit of the period the council `members` (replacing its council; empty removes it), one chair per unit, members optionally limited to top-level criteria groups. From the first council on, the period is council-run: only a unit’s council appraises it. BAD_USER_INPUT lists every problem; PHASE_CLOSED once the period is FINALIZED.',
  })
  async assignAppraisers(@Arg('input', () => AssignAppraisersInput) input: AssignAppraisersInput, @Ctx() ctx: Context): Promise<CouncilMember[]> {
    const viewer = requireViewer(ctx.viewer);
    const unitIds = input.unitIds.map((u) => u.toLowerCase());
    const r = await audited(ctx, (em) => new CouncilService(em).assign(input), {
      action: 'council.assign',
      type: 'Period',
      id: input.periodId,
      before: async (em) =>
        isUuid(input.periodId) ? (await new CouncilService(em).ofPeriod(viewer, input.periodId.toLowerCase())).filter((m) => unitIds.includes(m.unit.id)).map(seatSummary) : null,
      after: (x) => ({ unitIds, members: x.members.map(seatSummary) }),
    });
    // every affected appraiser's open streams re-check their access (a removed member loses them)
    for (const userId of r.affectedUserIds) await ctx.live.access.changed(userId);
    return r.members;
  }

  @Authorized(Role.APPRAISER)
  @Query(() => [CouncilUnit], { description: 'APPRAISER: the units whose council I sit on (in one period, or all), with their appraisal progress.' })
  myCouncilUnits(@Arg('periodId', () => ID, { nullable: true }) periodId: string | null, @Ctx() ctx: Context): Promise<CouncilUnit[]> {
    return new CouncilService(ctx.em).myUnits(requireViewer(ctx.viewer), periodId);
  }

  @FieldResolver(() => User)
  async user(@Root() m: CouncilMember): Promise<User> {
    return (await load(m.user))!;
  }

  @FieldResolver(() => Unit)
  async unit(@Root() m: CouncilMember): Promise<Unit> {
    return (await load(m.unit))!;
  }

  @FieldResolver(() => [Criterion], { description: 'The top-level groups this member appraises; empty: the whole unit.' })
  async groups(@Root() m: CouncilMember, @Ctx() ctx: Context): Promise<Criterion[]> {
    if (!m.groupIds?.length) return [];
    return ctx.em.find(Criterion, { id: { $in: m.groupIds } }, { orderBy: { ordinal: 'asc' } });
  }
}

@Resolver(() => Period)
export class PeriodCouncilResolver {
  @FieldResolver(() => [CouncilMember], {
    description: 'The period’s councils: every unit’s for ADMIN and VIEWER, the units an appraiser sits for, a unit’s own for its people. Empty: no council, any appraiser appraises.',
  })
  council(@Root() p: Period, @Ctx() ctx: Context): Promise<CouncilMember[]> {
    return new CouncilService(ctx.em).ofPeriod(requireViewer(ctx.viewer), p.id);
  }
}

@Resolver(() => Assessment)
export class AssessmentCouncilResolver {
  @FieldResolver(() => [CouncilMember], { description: 'The unit’s appraisal council in this period, the chair first (empty when none).' })
  council(@Root() a: Assessment, @Ctx() ctx: Context): Promise<CouncilMember[]> {
    return new CouncilService(ctx.em).ofUnit(a.period.id, a.unit.id);
  }

  @FieldResolver(() => [User], { description: 'The unit’s active leaders and staff: whom its discussions can @mention and its inspections name as present.' })
  unitPeople(@Root() a: Assessment, @Ctx() ctx: Context): Promise<User[]> {
    return ctx.em.find(User, { unit: a.unit.id, active: true, role: { $in: [Role.LEADER, Role.STAFF] } }, { orderBy: { name: 'asc' } });
  }
}
