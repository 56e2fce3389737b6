import { knownAssessment } from '../../common/unit-data';
import { announce } from '../notification/notify';
import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { fromHundredths } from '../../common/decimal';
import { load } from '../../common/load';
import { Assessment } from '../assessment/assessment.entity';
import { publish } from '../assessment/assessment.publisher';
import { Progress } from '../assessment/progress.entity';
import { reportedFromTop } from '../scoring/tree';
import { Role } from '../user/user.entity';
import { AppraisalPayload, ExplanationPayload, SaveAppraisalInput, SaveExplanationInput } from './appraisal.input';
import { AppraisalService } from './appraisal.service';
import { appraisedCapOf } from './appraised';
import { audited, current } from '../audit/audit.service';

@Resolver(() => Assessment)
export class AppraisalResolver {
  @Authorized(Role.APPRAISER)
  @Mutation(() => AppraisalPayload, {
    description:
      'An appraiser records the appraised score of one leaf: round 1 in APPRAISAL (assessment SUBMITTED or APPRAISED), round 2 in FINAL_APPRAISAL (SUBMITTED, RETURNED or APPRAISED). Same value rules as the self score; CONFLICT on a stale expectedVersion; PHASE_CLOSED otherwise.',
  })
  async saveAppraisal(@Arg('input', () => SaveAppraisalInput) input: SaveAppraisalInput, @Ctx() ctx: Context): Promise<AppraisalPayload> {
    const viewer = requireViewer(ctx.viewer);
    const r = await new AppraisalService(ctx.em).save(viewer, input);
    knownAssessment(ctx, r.head);
    await publish(ctx, r.facts);
    await announce(ctx.live, r.notices, ctx.log);
    return r;
  }

  @Authorized(Role.APPRAISER)
  @Mutation(() => Assessment, { description: 'Sends a SUBMITTED or APPRAISED assessment back to its unit for explanation (APPRAISAL or EXPLANATION phase): status RETURNED.' })
  async returnForExplanation(@Arg('assessmentId', () => ID) assessmentId: string, @Ctx() ctx: Context): Promise<Assessment> {
    const viewer = requireViewer(ctx.viewer);
    const r = await audited(ctx, (em) => new AppraisalService(em).returnForExplanation(viewer, assessmentId), { action: 'assessment.returnForExplanation', type: 'Assessment', id: assessmentId, before: current(Assessment, assessmentId), after: (x) => x.assessment });
    await publish(ctx, { assessment: r.assessment, kinds: ['STATUS_CHANGED'], actor: viewer, entries: [], progress: [] });
    await announce(ctx.live, r.notices ?? [], ctx.log);
    return r.assessment;
  }

  @Authorized(Role.LEADER, Role.STAFF)
  @Mutation(() => ExplanationPayload, {
    description: 'The unit (leader, or staff on their assigned entries) answers the appraisal of one leaf in the EXPLANATION phase on a RETURNED assessment. The self score does not change.',
  })
  async saveExplanation(@Arg('input', () => SaveExplanationInput) input: SaveExplanationInput, @Ctx() ctx: Context): Promise<ExplanationPayload> {
    const viewer = requireViewer(ctx.viewer);
    const r = await new AppraisalService(ctx.em).saveExplanation(viewer, input);
    await publish(ctx, r.facts);
    await announce(ctx.live, r.notices, ctx.log);
    return r;
  }

  @Authorized(Role.APPRAISER, Role.ADMIN)
  @Mutation(() => Assessment, {
    description:
      'Fixes every final score (round 2 where held, else round 1) and makes the assessment FINAL, read-only for everyone. In APPRAISAL, EXPLANATION or FINAL_APPRAISAL; BAD_USER_INPUT lists every leaf not yet appraised.',
  })
  async finalizeAssessment(@Arg('assessmentId', () => ID) assessmentId: string, @Ctx() ctx: Context): Promise<Assessment> {
    const viewer = requireViewer(ctx.viewer);
    const r = await audited(ctx, (em) => new AppraisalService(em).finalize(viewer, assessmentId), { action: 'assessment.finalize', type: 'Assessment', id: assessmentId, before: current(Assessment, assessmentId), after: (x) => x.assessment });
    await publish(ctx, { assessment: r.assessment, kinds: ['FINALIZED', 'STATUS_CHANGED'], actor: viewer, entries: r.entries, progress: [] });
    return r.assessment;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'The reported appraised total (round 2 where held, else round 1; N/A as the framework says); null before any appraisal.',
  })
  async appraisedTotal(@Root() a: Assessment, @Ctx() ctx: Context): Promise<number | null> {
    await ctx.em.populate(a, ['period.framework']);
    const top = await ctx.em.find(Progress, { assessment: a.id, criterion: { depth: 1 } }, { populate: ['criterion'] });
    if (!top.some((r) => r.leavesAppraised > 0)) return null;
    return fromHundredths(reportedFromTop(top.map((r) => ({ scoreH: r.appraisedScoreH, capH: appraisedCapOf(r) })), a.period.framework));
  }
}

@Resolver(() => Progress)
export class ProgressAppraisalResolver {
  @FieldResolver(() => Float, { description: 'The appraised maximum of this node (N/A leaves of the latest appraisal taken out under RESCALE).' })
  async appraisedMaxScore(@Root() p: Progress): Promise<number> {
    if (p.appraisedCapH != null) return fromHundredths(p.appraisedCapH);
    return fromHundredths((await load(p.criterion))!.maxH);
  }
}
