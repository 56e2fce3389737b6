import type { Viewer } from '../../common/auth';
import { clock } from '../../common/clock';
import { badInput, notFound } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { User } from '../user/user.entity';
import { hashSecret, newSecret, prefixOf } from './api-token.auth';
import { ApiToken, TokenScope } from './api-token.entity';

/** Issuing, listing and revoking integrators' API tokens (ADMIN). Only a secret's hash is kept. */
export class ApiTokenService {
  constructor(private readonly em: Em) {}

  async issue(viewer: Viewer, name: string, scope: TokenScope, expiresAt: Date | null = null): Promise<{ token: ApiToken; secret: string }> {
    const clean = typeof name === 'string' ? name.trim() : '';
    if (!clean || clean.length > 200) throw badInput([{ path: 'name', message: 'a name of 1 to 200 characters, e.g. the system it is for', ...(clean ? { code: 'TOO_LONG', params: { field: 'name', max: 200 } } : { code: 'REQUIRED', params: { field: 'name' } }) }]);
    if (expiresAt && expiresAt.getTime() <= clock.nowMs()) throw badInput([{ path: 'expiresAt', message: 'must be in the future', code: 'MUST_BE_FUTURE', params: { field: 'expiresAt' } }]);
    const secret = newSecret();
    const token = this.em.create(ApiToken, {
      name: clean,
      scope,
      secretHash: hashSecret(secret),
      prefix: prefixOf(secret),
      createdBy: viewer.integrator ? null : this.em.getReference(User, viewer.id),
      revokedAt: null,
      lastUsedAt: null,
      expiresAt,
    } as never);
    await this.em.flush();
    return { token, secret };
  }

  /** Stops a token at once; revoking a revoked token changes nothing. */
  async revoke(id: string): Promise<ApiToken> {
    const token = await this.em.findOne(ApiToken, { id: assertId(id, 'API token') });
    if (!token) throw notFound('API token', id);
    if (!token.revokedAt) {
      token.revokedAt = new Date();
      await this.em.flush();
    }
    return token;
  }

  list(): Promise<ApiToken[]> {
    return this.em.find(ApiToken, {}, { orderBy: { createdAt: 'desc', name: 'asc' } });
  }
}
