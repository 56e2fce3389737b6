import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { Assessment } from '../assessment/assessment.entity';
import { publish } from '../assessment/assessment.publisher';
import { audited, current } from '../audit/audit.service';
import { Role, User } from '../user/user.entity';
import { FinalizationSignature } from './finalization-signature.entity';
import { SignatureService } from './signature.service';

@Resolver(() => FinalizationSignature)
export class SignatureResolver {
  @Authorized(Role.APPRAISER)
  @Mutation(() => Assessment, {
    description:
      'The chair of the unit’s council signs the finalization: every final score is fixed (as finalizeAssessment does) and the signature records who, when and the SHA-256 of the final figures. FORBIDDEN for anyone but the chair; BAD_USER_INPUT lists leaves not appraised; PHASE_CLOSED as finalizeAssessment.',
  })
  async signFinalization(@Arg('assessmentId', () => ID) assessmentId: string, @Ctx() ctx: Context): Promise<Assessment> {
    const viewer = requireViewer(ctx.viewer);
    const r = await audited(ctx, (em) => new SignatureService(em).sign(viewer, assessmentId), {
      action: 'assessment.signFinalization',
      type: 'Assessment',
      id: assessmentId,
      before: current(Assessment, assessmentId),
      after: (x) => ({ status: x.assessment.status, signedAt: x.signature.signedAt, figuresHash: x.signature.figuresHash }),
    });
    await publish(ctx, { assessment: r.assessment, kinds: ['FINALIZED', 'SIGNED', 'STATUS_CHANGED'], actor: viewer, entries: r.entries, progress: [] });
    return r.assessment;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Assessment, {
    description:
      'ADMIN: reopens a FINAL assessment (status APPRAISED, final scores cleared) so that its council can change figures again; voids the chair’s signature. The reason is required and kept with the signature and in the audit log. PHASE_CLOSED unless FINAL and the period is in APPRAISAL, EXPLANATION or FINAL_APPRAISAL.',
  })
  async reopenAssessment(@Arg('assessmentId', () => ID) assessmentId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context): Promise<Assessment> {
    const viewer = requireViewer(ctx.viewer);
    const r = await audited(ctx, (em) => new SignatureService(em).reopen(viewer, assessmentId, reason), {
      action: 'assessment.reopen',
      type: 'Assessment',
      id: assessmentId,
      before: current(Assessment, assessmentId),
      after: (x) => ({ status: x.assessment.status, reason: reason.trim(), voidedSignature: x.voided ? { id: x.voided.id, figuresHash: x.voided.figuresHash } : null }),
    });
    await publish(ctx, { assessment: r.assessment, kinds: ['REOPENED', 'STATUS_CHANGED'], actor: viewer, entries: [], progress: [] });
    return r.assessment;
  }

  @FieldResolver(() => User)
  async signedBy(@Root() s: FinalizationSignature): Promise<User> {
    return (await load(s.signedBy))!;
  }

  @FieldResolver(() => User, { nullable: true })
  async voidedBy(@Root() s: FinalizationSignature): Promise<User | null> {
    return s.voidedBy ? ((await load(s.voidedBy)) ?? null) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Not voided, and the assessment’s final figures still hash to figuresHash.' })
  valid(@Root() s: FinalizationSignature, @Ctx() ctx: Context): Promise<boolean> {
    return new SignatureService(ctx.em).holds(s);
  }
}

@Resolver(() => Assessment)
export class AssessmentSignatureResolver {
  @FieldResolver(() => FinalizationSignature, { nullable: true, description: 'The chair’s signature in force; null when unsigned or reopened.' })
  signature(@Root() a: Assessment, @Ctx() ctx: Context): Promise<FinalizationSignature | null> {
    return new SignatureService(ctx.em).current(a.id);
  }

  @FieldResolver(() => [FinalizationSignature], { description: 'Every signature, voided ones too, oldest first.' })
  signatures(@Root() a: Assessment, @Ctx() ctx: Context): Promise<FinalizationSignature[]> {
    return new SignatureService(ctx.em).history(a.id);
  }
}
