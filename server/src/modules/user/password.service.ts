import { raw } from '@mikro-orm/core';
import { createHash, randomBytes } from 'node:crypto';
import { signToken, type Viewer } from '../../common/auth';
import { badInput, forbidden, notFound, type Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Config } from '../../config';
import type { Em } from '../../orm';
import type { AuthPayload } from './auth-payload';
import { hashPassword, verifyPassword } from './password';
import { passwordProblems } from './password-policy';
import { PasswordReset } from './password-reset.entity';
import { User } from './user.entity';

const CODE_PREFIX = 'rst_';
const hashCode = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');
const BAD_CODE: Problem[] = [{ path: 'code', message: 'is unknown, used or expired; ask an administrator for a new one', code: 'RESET_CODE_INVALID' }];

/**
 * Changing a password, and an ADMIN's reset by one-time code. Setting a password raises the
 * person's session epoch: every sign-in token issued before stops working (User.sessionEpoch),
 * and the caller of the change gets a fresh one.
 */
export class PasswordService {
  constructor(
    private readonly em: Em,
    private readonly config: Config,
  ) {}

  /** The signed-in person changes their own password; every other session of theirs ends. */
  async change(viewer: Viewer, currentPassword: string, newPassword: string): Promise<AuthPayload> {
    if (viewer.integrator) throw forbidden('An API token has no password.');
    const user = await this.em.findOne(User, { id: viewer.id }, { populate: ['passwordHash'] });
    if (!user) throw notFound('User', viewer.id);
    const problems: Problem[] = [];
    if (currentPassword.length > 1000 || !(await verifyPassword(user.passwordHash, currentPassword))) {
      problems.push({ path: 'currentPassword', message: 'is not your current password', code: 'WRONG_PASSWORD' });
    }
    problems.push(...passwordProblems(newPassword, user.role, 'newPassword'));
    if (problems.length === 0 && newPassword === currentPassword) problems.push({ path: 'newPassword', message: 'is the current password', code: 'SAME_PASSWORD' });
    if (problems.length) throw badInput(problems);
    const epoch = await this.setPassword(this.em, user.id, newPassword);
    user.sessionEpoch = epoch;
    return { ...signToken(this.config, user.id, epoch), user };
  }

  /**
   * ADMIN: a one-time code with which the person sets a new password (completePasswordReset),
   * valid for PASSWORD_RESET_TTL_SECONDS; codes issued before for the same person end. Only
   * the code's hash is kept.
   */
  async reset(viewer: Viewer, userId: string): Promise<{ code: string; expiresAt: Date; user: User }> {
    const user = await this.em.findOne(User, { id: assertId(userId, 'User') });
    if (!user) throw notFound('User', userId);
    const now = new Date();
    const code = CODE_PREFIX + randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.passwordResetTtlSeconds * 1000);
    await this.em.transactional(async (em) => {
      await em.nativeUpdate(PasswordReset, { user: user.id, usedAt: null }, { usedAt: now });
      em.create(PasswordReset, { user, codeHash: hashCode(code), expiresAt, usedAt: null, createdBy: viewer.integrator ? null : em.getReference(User, viewer.id) } as never);
    });
    return { code, expiresAt, user };
  }

  /** Anyone holding a valid code sets the password once; every session of the person ends. */
  async complete(code: string, newPassword: string): Promise<User> {
    const reset = typeof code === 'string' && code.startsWith(CODE_PREFIX) && code.length < 100
      ? await this.em.findOne(PasswordReset, { codeHash: hashCode(code) }, { populate: ['user'] })
      : null;
    if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now() || !reset.user.active) throw badInput(BAD_CODE);
    const problems = passwordProblems(newPassword, reset.user.role, 'newPassword');
    if (problems.length) throw badInput(problems);
    await this.em.transactional(async (em) => {
      // used once: of two attempts at the same time, one takes it
      const taken = await em.nativeUpdate(PasswordReset, { id: reset.id, usedAt: null }, { usedAt: new Date() });
      if (taken !== 1) throw badInput(BAD_CODE);
      reset.user.sessionEpoch = await this.setPassword(em, reset.user.id, newPassword);
    });
    return reset.user;
  }

  /** Stores the new hash and raises the session epoch; returns the new epoch. */
  private async setPassword(em: Em, userId: string, password: string): Promise<number> {
    const passwordHash = await hashPassword(password, this.config.passwordHashMemoryKiB);
    await em.nativeUpdate(User, { id: userId }, { passwordHash, sessionEpoch: raw('session_epoch + 1') } as never);
    const [row] = await em.getConnection().execute<{ session_epoch: number | string }[]>('select "session_epoch" from "user" where "id" = ?', [userId], 'all', em.getTransactionContext());
    return Number(row.session_epoch);
  }
}
