import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { AuthChecker } from 'type-graphql';
import { isApiToken, viewerOfApiToken } from '../modules/integrator/api-token.auth';
import { TokenScope } from '../modules/integrator/api-token.entity';
import { Role } from '../modules/user/user.entity';
import type { Em } from '../orm';
import { forbidden, unauthenticated } from './errors';
import { isUuid } from './ids';
import { bool, rows } from './sql';
import type { KnownUser, ViewerCache } from './viewer-cache';

/**
 * Who is asking: read from the database, or kept from an earlier read that no change has touched
 * since (common/viewer-cache.ts), so a disabled user stops at once.
 */
export interface Viewer {
  id: string;
  role: Role;
  unitId: string | null;
  name: string;
  /** an APPRAISER's council seats and the periods that have councils (access.ts, "Councils") */
  council?: CouncilSeats;
  /** set for another system with an API token (role VIEWER for reading; see assertIntegratorMay) */
  integrator?: { tokenId: string; scope: TokenScope; name: string };
}

/** One appraiser's seat on one unit's council in one period. */
export interface CouncilSeat {
  chair: boolean;
  /** the codes of the top-level criteria groups the seat is limited to; null: the whole unit */
  groupCodes: string[] | null;
}

export interface CouncilSeats {
  /** every period that has a council for any unit (council-run) */
  periods: Set<string>;
  /** this appraiser's seats, by `${periodId}:${unitId}` */
  seats: Map<string, CouncilSeat>;
}

export interface TokenSettings {
  tokenSecret: string;
  tokenTtlSeconds: number;
}

/** A sign-in token for a user, in the user's current session epoch (`ep`; see User.sessionEpoch). */
export function signToken(settings: TokenSettings, userId: string, sessionEpoch = 0): { token: string; expiresAt: Date } {
  const token = jwt.sign({ ep: sessionEpoch }, settings.tokenSecret, {
    algorithm: 'HS256',
    subject: userId,
    expiresIn: settings.tokenTtlSeconds,
  });
  const { exp } = jwt.decode(token) as { exp: number };
  return { token, expiresAt: new Date(exp * 1000) };
}

// jsonwebtoken turns a string secret into a key on every call, first by trying it as a public
// key (about 1 ms of CPU per request): the key is made once per secret instead.
const keys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
}

/** What a valid sign-in token says: whose it is, when it expires (epoch seconds), its session epoch. */
export interface TokenClaims {
  userId: string;
  exp: number;
  epoch: number;
}

/**
 * Tokens whose signature was checked, by secret: a client sends the same token with every
 * request, and checking it again (decode, HMAC, claims) cost more than the rest of a small
 * request's sign-in. Only the signature's verdict is kept: expiry is compared on every use, and
 * the session epoch and the account are read from the database as before.
 */
const verified = new Map<string, Map<string, TokenClaims>>();
const VERIFIED_MAX = 20_000;

/** The claims of a valid token, or null (bad signature, expired, without `exp`, malformed). */
export function verifyTokenClaims(settings: TokenSettings, token: string): TokenClaims | null {
  let known = verified.get(settings.tokenSecret);
  if (!known) verified.set(settings.tokenSecret, (known = new Map()));
  const hit = known.get(token);
  if (hit) return Date.now() / 1000 < hit.exp ? hit : null;
  const claims = checkToken(settings, token);
  if (claims) {
    if (known.size >= VERIFIED_MAX) known.delete(known.keys().next().value!);
    known.set(token, claims);
  }
  return claims;
}

function checkToken(settings: TokenSettings, token: string): TokenClaims | null {
  try {
    const payload = jwt.verify(token, secretKey(settings.tokenSecret), { algorithms: ['HS256'] });
    if (typeof payload !== 'object' || typeof payload.sub !== 'string' || !isUuid(payload.sub)) return null;
    // a token that never expires is not one this server issues
    if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return null;
    return { userId: payload.sub, exp: payload.exp, epoch: Number.isInteger(payload.ep) ? (payload.ep as number) : 0 };
  } catch {
    return null;
  }
}


/** "Bearer xyz" → "xyz"; anything else → null. */
export function bearer(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? m[1] : null;
}

/**
 * The viewer behind an Authorization value. A missing header is anonymous (null); a header
 * with a bad, expired or revoked token is UNAUTHENTICATED, so a client knows to sign in again.
 * With `cache`, a person kept there is not read again (a re-check of an open socket passes none).
 */
export async function viewerFrom(settings: TokenSettings, em: Em, authorization: unknown, cache?: ViewerCache): Promise<Viewer | null> {
  if (authorization === undefined || authorization === null || authorization === '') return null;
  const token = bearer(authorization);
  if (token && isApiToken(token)) {
    const integrator = await viewerOfApiToken(em, token);
    if (!integrator) throw unauthenticated('The API token is invalid or has been revoked.', 401);
    return integrator;
  }
  const claims = token ? verifyTokenClaims(settings, token) : null;
  if (!claims) throw unauthenticated('The token is invalid or has expired; sign in again.', 401);
  const found = await knownUser(em, claims.userId, claims.epoch, cache);
  if (!found) throw unauthenticated('This account is disabled or no longer exists; sign in again.', 401);
  if (claims.epoch < found.sessionEpoch) throw unauthenticated('This session has ended (the password was changed or reset); sign in again.', 401);
  return found.viewer;
}

/** The viewer as the database has it now; null when the account is disabled or gone. */
export async function loadViewer(em: Em, userId: string): Promise<Viewer | null> {
  return (await loadUser(em, userId))?.viewer ?? null;
}

/** The person from the cache, or read and kept; a token newer than the kept session epoch reads again. */
async function knownUser(em: Em, userId: string, tokenEpoch: number, cache: ViewerCache | undefined): Promise<KnownUser | null> {
  if (!cache) return loadUser(em, userId);
  const kept = cache.get(userId);
  if (kept && tokenEpoch <= kept.sessionEpoch) return kept;
  const ticket = cache.begin();
  const found = await loadUser(em, userId);
  if (found) cache.keep(userId, found, ticket);
  return found;
}

async function loadUser(em: Em, userId: string): Promise<KnownUser | null> {
  // one plain read on every request and socket operation: no entity is hydrated, so nothing
  // partly loaded lands in the request's identity map either
  const [user] = await rows<{ id: string; role: Role; unit_id: string | null; name: string; active: unknown; session_epoch: number | string }>(
    em,
    'select "id", "role", "unit_id", "name", "active", "session_epoch" from "user" where "id" = ?',
    [userId],
  );
  if (!user || !bool(user.active)) return null;
  const viewer: Viewer = { id: user.id, role: user.role, unitId: user.unit_id ?? null, name: user.name };
  if (user.role === Role.APPRAISER) viewer.council = await councilSeatsOf(em, user.id);
  return { viewer, sessionEpoch: Number(user.session_epoch) };
}

/** An appraiser's council seats, read with the user on every request (two small statements). */
async function councilSeatsOf(em: Em, userId: string): Promise<CouncilSeats> {
  const [periods, seats] = await Promise.all([
    rows<{ period_id: string }>(em, 'select distinct "period_id" from "council_member"', []),
    rows<{ period_id: string; unit_id: string; chair: unknown; group_codes: unknown }>(
      em,
      'select "period_id", "unit_id", "chair", "group_codes" from "council_member" where "user_id" = ?',
      [userId],
    ),
  ]);
  const codes = (v: unknown): string[] | null => {
    const list = typeof v === 'string' ? JSON.parse(v) : v;
    return Array.isArray(list) && list.length ? list.map(String) : null;
  };
  return {
    periods: new Set(periods.map((p) => p.period_id)),
    seats: new Map(seats.map((s) => [`${s.period_id}:${s.unit_id}`, { chair: bool(s.chair), groupCodes: codes(s.group_codes) }])),
  };
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export function requireRole(viewer: Viewer | null, ...roles: Role[]): Viewer {
  const v = requireViewer(viewer);
  if (!roles.includes(v.role)) throw forbidden(`This needs one of the roles ${roles.join(', ')}.`);
  return v;
}

/**
 * An integrator may run queries; a mutation only where its scope allows (STATISTICS:
 * pushStatistic, pushStatistics). Checked for every @Authorized mutation field, on HTTP and on the socket.
 */
export function assertIntegratorMay(viewer: Viewer | null, operationType: string, fieldName: string): void {
  const integrator = viewer?.integrator;
  if (!integrator || operationType !== 'mutation') return;
  if (integrator.scope === TokenScope.STATISTICS && (fieldName === 'pushStatistic' || fieldName === 'pushStatistics')) return;
  throw forbidden(`An API token with the ${integrator.scope} scope may not run ${fieldName}${integrator.scope === TokenScope.READ ? ': it may only query' : ''}.`);
}

/** type-graphql's @Authorized(): no roles = any signed-in user. */
export const authChecker: AuthChecker<{ viewer: Viewer | null }, Role> = ({ context, info }, roles) => {
  if (info.parentType === info.schema.getMutationType()) assertIntegratorMay(context.viewer, 'mutation', info.fieldName);
  if (roles.length === 0) requireViewer(context.viewer);
  else requireRole(context.viewer, ...roles);
  return true;
};
