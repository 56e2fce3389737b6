import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { audited } from '../audit/audit.service';
import { AuthPayload } from './auth-payload';
import { PasswordService } from './password.service';
import { Role, User } from './user.entity';

@ObjectType({ description: 'A one-time code for setting a new password; shown once, to the ADMIN who asked for it.' })
export class PasswordResetPayload {
  @Field(() => String, { description: 'Give it to the person; they set a new password with completePasswordReset(code, newPassword). Usable once.' })
  code!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => User)
  user!: User;
}

@Resolver()
export class PasswordResolver {
  @Authorized()
  @Mutation(() => AuthPayload, {
    description:
      'Changes the caller’s password (the policy: ≥ 12 characters for an ADMIN, ≥ 10 otherwise, not a common password). Every other session and socket of theirs ends, the token used for this call included: use the token returned. BAD_USER_INPUT for a wrong current password or a new one the policy refuses.',
  })
  async changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    const viewer = requireViewer(ctx.viewer);
    // recorded without the token it returns
    const out = await audited(ctx, (em) => new PasswordService(em, ctx.config).change(viewer, currentPassword, newPassword), { action: 'user.changePassword', type: 'User', id: viewer.id, after: (r) => ({ sessionEpoch: r.user.sessionEpoch }) });
    ctx.log.info({ userId: viewer.id }, 'password changed');
    await ctx.live.access.sessionsEnded(viewer.id, out.user.sessionEpoch);
    return out;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => PasswordResetPayload, {
    description: 'ADMIN: a one-time code with which the person sets a new password (completePasswordReset); it expires (PASSWORD_RESET_TTL_SECONDS, 24 h by default), and codes issued before for the same person end.',
  })
  async resetPassword(@Arg('userId', () => ID) userId: string, @Ctx() ctx: Context): Promise<PasswordResetPayload> {
    const viewer = requireViewer(ctx.viewer);
    // recorded without the code: only whom it is for and until when
    const out = await audited(ctx, (em) => new PasswordService(em, ctx.config).reset(viewer, userId), { action: 'user.resetPassword', type: 'User', id: userId, after: (r) => ({ userId: r.user.id, expiresAt: r.expiresAt }) });
    ctx.log.info({ userId: out.user.id, by: viewer.id, expiresAt: out.expiresAt.toISOString() }, 'password reset code issued');
    return out;
  }

  @Mutation(() => Boolean, {
    description: 'Sets a new password with a code from resetPassword, once, before it expires; every session and socket of the person ends. BAD_USER_INPUT for an unknown, used or expired code, or a password the policy refuses (the code stays usable then).',
  })
  async completePasswordReset(@Arg('code', () => String) code: string, @Arg('newPassword', () => String) newPassword: string, @Ctx() ctx: Context): Promise<boolean> {
    const user = await new PasswordService(ctx.em, ctx.config).complete(code, newPassword);
    ctx.log.info({ userId: user.id }, 'password reset completed');
    await ctx.live.access.sessionsEnded(user.id, user.sessionEpoch);
    return true;
  }
}
