import { knownAssessment } from '../../common/unit-data';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { refOf, assertCanReadAssessment } from '../../common/access';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { fromHundredths } from '../../common/decimal';
import { load } from '../../common/load';
import { selects } from '../../common/selection';
import { Period } from '../period/period.entity';
import { Unit } from '../unit/unit.entity';
import { Role } from '../user/user.entity';
import { Assessment } from './assessment.entity';
import { announce } from '../notification/notify';
import { publish } from './assessment.publisher';
import { AssessmentService } from './assessment.service';
import { Progress } from './progress.entity';
import type { ProgressRow } from './progress.query';
import { ScoreEntry } from './score-entry.entity';
import { SaveSelfScoreInput, SelfScorePayload } from './self-score.input';
import { Blocker, blockersOf } from './blockers';
import { ExplanationItem, explanationItemsOf } from './explanation-items';
import { SelfScoreService } from './self-score.service';

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Authorized()
  @Query(() => Assessment, { description: 'FORBIDDEN for another unit’s people.' })
  assessment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Assessment> {
    return new AssessmentService(ctx.em).get(requireViewer(ctx.viewer), id);
  }

  @Authorized(Role.LEADER, Role.STAFF)
  @Mutation(() => SelfScorePayload, {
    description: 'Saves a self score. CONFLICT (with extensions.current) on a stale expectedVersion; PHASE_CLOSED outside SELF_ASSESSMENT or once submitted; BAD_USER_INPUT when the value does not fit the method.',
  })
  async saveSelfScore(@Arg('input', () => SaveSelfScoreInput) input: SaveSelfScoreInput, @Ctx() ctx: Context): Promise<SelfScorePayload> {
    const viewer = requireViewer(ctx.viewer);
    const result = await new SelfScoreService(ctx.em).save(viewer, input);
    knownAssessment(ctx, result.head);
    await publish(ctx, result.facts);
    await announce(ctx.live, result.notices, ctx.log);
    return result;
  }

  @Authorized(Role.LEADER)
  @Mutation(() => Assessment, { description: 'The unit’s leader submits; BAD_USER_INPUT lists every leaf that blocks it.' })
  async submitAssessment(@Arg('assessmentId', () => ID) assessmentId: string, @Ctx() ctx: Context): Promise<Assessment> {
    const viewer = requireViewer(ctx.viewer);
    const a = await new AssessmentService(ctx.em).submit(viewer, assessmentId);
    await publish(ctx, { assessment: a, kinds: ['STATUS_CHANGED'], actor: viewer, entries: [], progress: [] });
    return a;
  }

  @FieldResolver(() => Unit)
  async unit(@Root() a: Assessment): Promise<Unit> {
    return (await load(a.unit))!;
  }

  @FieldResolver(() => Period)
  async period(@Root() a: Assessment): Promise<Period> {
    return (await load(a.period))!;
  }

  @FieldResolver(() => [ScoreEntry], { description: 'One entry per leaf criterion, in the framework’s order.' })
  entries(@Root() a: Assessment, @Ctx() ctx: Context): Promise<ScoreEntry[]> {
    return new AssessmentService(ctx.em).entries(a);
  }

  @FieldResolver(() => [Progress], { description: 'The progress tree, flat: one row per node of the framework.' })
  progress(@Root() a: Assessment, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ProgressRow[]> {
    // the two times cost a fifth of the statement on PostgreSQL and are seldom asked for
    return new AssessmentService(ctx.em).progress(a, { times: selects(info, ['createdAt', 'updatedAt']) });
  }

  @FieldResolver(() => Float, {
    description:
      'Points of RELATIVE leaves (scored against the best unit of the period) that wait for the period’s results: not in selfTotal yet, and not lost. Show them as "selfTotal / max (+ up to pendingMaxScore pending)". 0 once results are computed.',
  })
  async pendingMaxScore(@Root() a: Assessment, @Ctx() ctx: Context): Promise<number> {
    return fromHundredths(await new AssessmentService(ctx.em).pendingMaxH(a));
  }

  @FieldResolver(() => Float, { description: 'The reported self total (N/A rescaled as the framework says).' })
  async selfTotal(@Root() a: Assessment, @Ctx() ctx: Context): Promise<number> {
    return fromHundredths((await new AssessmentService(ctx.em).selfTotalH(a)).totalH);
  }

  @FieldResolver(() => [Blocker], {
    description:
      'Every reason the assessment cannot be submitted, per criterion, in the framework’s order (empty once nothing blocks). submitAssessment refuses with exactly this list.',
  })
  blockers(@Root() a: Assessment, @Ctx() ctx: Context): Promise<Blocker[]> {
    assertCanReadAssessment(requireViewer(ctx.viewer), refOf(a));
    return blockersOf(ctx.em, a);
  }

  @FieldResolver(() => [ExplanationItem], {
    description: 'The criteria the council commented on or scored below the self score in round 1, with the points at stake and the unit’s answer.',
  })
  explanationItems(@Root() a: Assessment, @Ctx() ctx: Context): Promise<ExplanationItem[]> {
    assertCanReadAssessment(requireViewer(ctx.viewer), refOf(a));
    return explanationItemsOf(ctx.em, a.id);
  }
}
