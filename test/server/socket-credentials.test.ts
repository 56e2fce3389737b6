import jwt from 'jsonwebtoken';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, save, type World } from '../helpers/world';

/**
 * A socket lives as long as the token it signed in with: revoking an API token closes its open
 * sockets at once (4403 "Forbidden: token revoked"), and a sign-in token's expiry closes the
 * socket at that moment (4401 "Unauthorized: token expired"); other sockets go on.
 */
const PROGRESS = `subscription($p:ID!){periodProgress(periodId:$p){periodId units{assessmentId leavesDone}}}`;
const EVENTS = `subscription($id:ID!){assessmentEvents(assessmentId:$id){seq}}`;

/** A client that records how its socket was closed. */
function watched(url: string, token: string) {
  const c = connect(url, token);
  const closes: { code: number; reason: string }[] = [];
  c.client.on('closed', (e: any) => closes.push({ code: e.code, reason: e.reason }));
  return { c, closes };
}

describe('sockets end with their credentials', () => {
  let t: TestApp;
  let w: World;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ liveWindowMs: 10 });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  const issue = async (name: string) => (await ok(t.url, `mutation($n:String!){issueApiToken(name:$n,scope:READ){secret token{id}}}`, { n: name }, w.tokens.admin)).issueApiToken;

  it('should close every open socket of a revoked API token with 4403, and leave other tokens’ sockets open', async () => {
    const revoked = await issue('to be revoked');
    const kept = await issue('kept');
    const a = watched(t.url, revoked.secret);
    const a2 = watched(t.url, revoked.secret);
    const b = watched(t.url, kept.secret);
    clients.push(a.c, a2.c, b.c);
    const subs = [a, a2, b].map((x) => x.c.subscribe(PROGRESS, { p: w.periodId }));
    await eventually(() => t.app.live.hub.liveSubscriptionCount === 3, 5000, 'three live subscriptions');
    // each stream is live: a save reaches all three
    expect((await save(t, w, w.tokens.staffA, '1.1', { points: 1 })).errors).toBeUndefined();
    await Promise.all(subs.map((s) => s.until((e) => e.length >= 1)));

    await ok(t.url, `mutation($id:ID!){revokeApiToken(id:$id){revokedAt}}`, { id: revoked.token.id }, w.tokens.admin);
    await eventually(() => a.closes.length === 1 && a2.closes.length === 1, 5000, 'the revoked token’s sockets to close');
    expect(a.closes[0]).toEqual({ code: 4403, reason: 'Forbidden: token revoked' });
    expect(a2.closes[0]).toEqual({ code: 4403, reason: 'Forbidden: token revoked' });

    // the other token's stream goes on
    expect((await save(t, w, w.tokens.staffA, '1.1', { points: 1.25 })).errors).toBeUndefined();
    await subs[2].until((e) => e.length >= 2);
    expect(b.closes).toEqual([]);
    // and the revoked token cannot open a new socket
    const again = watched(t.url, revoked.secret);
    clients.push(again.c);
    again.c.subscribe(PROGRESS, { p: w.periodId });
    await eventually(() => again.closes.length === 1, 5000, 'the refused socket to close');
    expect(again.closes[0].code).toBe(4403);
  });

  it('should close a socket when its sign-in token expires, with 4401, while a longer token’s socket stays open', async () => {
    const staffA = (await ok(t.url, `{ me { id } }`, {}, w.tokens.staffA)).me.id;
    // a token like the ones login issues, valid for 15 more seconds: long enough for the subscriptions
    // and a save to go through first on a busy machine (5 s was not, on PostgreSQL under load)
    const short = jwt.sign({}, t.config.tokenSecret, { algorithm: 'HS256', subject: staffA, expiresIn: 15 });
    const base = t.app.live.hub.liveSubscriptionCount; // the other test's kept stream may still be open
    const s = watched(t.url, short);
    const long = watched(t.url, w.tokens.staffA);
    clients.push(s.c, long.c);
    const sub = s.c.subscribe(EVENTS, { id: w.assessmentA });
    const longSub = long.c.subscribe(EVENTS, { id: w.assessmentA });
    await eventually(() => t.app.live.hub.liveSubscriptionCount === base + 2 || sub.errors.length > 0, 5000, 'two live subscriptions');
    expect([sub.errors, s.closes]).toEqual([[], []]);
    expect((await save(t, w, w.tokens.staffA, '1.2', { met: true })).errors).toBeUndefined();
    await sub.until((e) => e.length >= 1);
    await longSub.until((e) => e.length >= 1);

    await eventually(() => s.closes.length === 1, 30_000, 'the socket of the expired token to close');
    expect(s.closes[0]).toEqual({ code: 4401, reason: 'Unauthorized: token expired' });
    expect(long.closes).toEqual([]);
    expect((await gql(t.url, `{ me { id } }`, {}, short)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
