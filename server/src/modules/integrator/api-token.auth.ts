import { createHash, randomBytes } from 'node:crypto';
import type { Viewer } from '../../common/auth';
import { clock } from '../../common/clock';
import type { Em } from '../../orm';
import { Role } from '../user/user.entity';
import { ApiToken } from './api-token.entity';

/** Integrator tokens are `cdk_` + 40 base62 characters; sign-in tokens (JWTs) never start so. */
export const API_TOKEN_PREFIX = 'cdk_';
const SECRET_RE = /^cdk_[0-9A-Za-z]{40}$/;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** lastUsedAt is written at most this often per token */
const TOUCH_MS = 60_000;

export const isApiToken = (token: string): boolean => token.startsWith(API_TOKEN_PREFIX);
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');
/** What is kept to recognize a token in a list: `cdk_` and its first 8 characters. */
export const prefixOf = (secret: string): string => secret.slice(0, API_TOKEN_PREFIX.length + 8);

/** A new secret: 40 characters drawn uniformly from base62 (rejection sampling, no modulo bias). */
export function newSecret(): string {
  let out = API_TOKEN_PREFIX;
  while (out.length < API_TOKEN_PREFIX.length + 40) {
    for (const b of randomBytes(48)) {
      if (b < 248 && out.length < API_TOKEN_PREFIX.length + 40) out += BASE62[b % 62];
    }
  }
  return out;
}

/**
 * The viewer behind an integrator token, or null when it is malformed, unknown, revoked or expired.
 * Integrators read like a VIEWER; `integrator` marks them, so that mutations can be refused.
 */
export async function viewerOfApiToken(em: Em, secret: string): Promise<Viewer | null> {
  if (!SECRET_RE.test(secret)) return null;
  const token = await em.findOne(ApiToken, { secretHash: hashSecret(secret) }, { disableIdentityMap: true });
  if (!token || token.revokedAt) return null;
  if (token.expiresAt && token.expiresAt.getTime() <= clock.nowMs()) return null;
  const now = new Date();
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_MS) {
    // conditional, so that many requests (or processes) at once still write once a minute
    const cutoff = new Date(now.getTime() - TOUCH_MS);
    await em.nativeUpdate(ApiToken, { id: token.id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lte: cutoff } }] }, { lastUsedAt: now });
  }
  return {
    id: token.id,
    role: Role.VIEWER,
    unitId: null,
    name: token.name,
    integrator: { tokenId: token.id, scope: token.scope, name: token.name },
  };
}
