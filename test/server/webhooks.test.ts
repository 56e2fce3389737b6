import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clock, DAY_MS } from '../../server/src/common/clock';
import { claim } from '../../server/src/modules/outbox/outbox.store';
import type { Em } from '../../server/src/orm';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, save, type World } from '../helpers/world';

/**
 * Webhooks end to end: an ADMIN registers an endpoint, a change in the app puts one delivery per
 * subscribed webhook in the outbox in its own transaction, and the outbox's sender posts it,
 * signed, to a receiving HTTP server this test runs on 127.0.0.1. The test drives the sender
 * (workers off, `runOnce`) and moves the clock instead of waiting for retries.
 */

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An endpoint on 127.0.0.1 that records what it is sent and answers each request with the next planned answer (200 when none is planned). */
async function startReceiver() {
  const received: Received[] = [];
  const plan: { status: number; location?: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const next = plan.shift() ?? { status: 200 };
      res.writeHead(next.status, next.location ? { location: next.location } : {});
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/chamdiem`,
    received,
    plan,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const SECRET = 'a-long-enough-shared-secret-0123';
const CREATE = `mutation($u:String!,$e:[WebhookEvent!]!,$s:String!){createWebhook(url:$u,events:$e,secret:$s){id url events active secretHint}}`;
const HOOKS = `{ webhooks { id url events secretHint deliveries(first: 50) { id event status attempts lastAttemptAt lastStatusCode lastError nextAttemptAt deliveredAt createdAt } } }`;
const PUSH = `mutation($i:PushStatisticsInput!){pushStatistics(input:$i){selfScores sourceFigures}}`;

/** What a receiver does: the signature over "timestamp.body" with the shared secret, compared in constant time. */
function verify(r: Received, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${r.headers['x-chamdiem-timestamp']}.${r.body}`).digest('hex')}`);
  const given = Buffer.from(String(r.headers['x-chamdiem-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhooks', () => {
  let t: TestApp;
  let w: World;
  let rx: Receiver;
  let other: Receiver;
  let statsToken: string;
  let pushes = 0;

  const hooks = async () => (await ok(t.url, HOOKS, {}, w.tokens.admin)).webhooks as any[];
  const deliveriesOf = async (id: string) => (await hooks()).find((h) => h.id === id).deliveries as any[];
  const send = () => t.app.workers.outbox.runOnce();
  const create = async (url: string, events: string[], secret = SECRET) => (await ok(t.url, CREATE, { u: url, e: events, s: secret }, w.tokens.admin)).createWebhook;
  const remove = (id: string) => ok(t.url, `mutation($id:ID!){deleteWebhook(id:$id)}`, { id }, w.tokens.admin);
  /** B's statistic (self-assessment still open for B): one STATISTIC_RECORDED event */
  const pushStatistic = () =>
    ok(t.url, PUSH, { i: { periodId: w.periodId, idempotencyKey: `push-${++pushes}`, figures: [{ unitCode: 'B', criterionCode: '1.4', numerator: 90 + (pushes % 10), denominator: 100 }] } }, statsToken);

  beforeAll(async () => {
    rx = await startReceiver();
    other = await startReceiver();
    // this process writes deliveries; the test sends them (runOnce), with the clock it moves
    t = await startTestApp({ workers: false });
    w = await buildWorld(t);
    statsToken = (await ok(t.url, `mutation{issueApiToken(name:"Hệ thống một cửa",scope:STATISTICS){secret}}`, {}, w.tokens.admin)).issueApiToken.secret;
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await t?.close();
    await rx?.close();
    await other?.close();
  });

  it('should let only an ADMIN register, list or remove webhooks', async () => {
    for (const token of [w.tokens.leaderA, w.tokens.staffA, w.tokens.appraiser, w.tokens.viewer, statsToken]) {
      expect((await gql(t.url, CREATE, { u: rx.url, e: ['ASSESSMENT_SUBMITTED'], s: SECRET }, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await gql(t.url, HOOKS, {}, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await gql(t.url, CREATE, { u: rx.url, e: ['ASSESSMENT_SUBMITTED'], s: SECRET })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await hooks()).toEqual([]);
  });

  it('should refuse an address that is not http(s), has credentials or does not parse, a short secret and no events, with codes, storing nothing', async () => {
    const problem = async (u: string, e: string[], s = SECRET) => {
      const r = await gql(t.url, CREATE, { u, e, s }, w.tokens.admin);
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      return (r.errors![0].extensions!.problems as any[]).map((p) => `${p.path}:${p.code}`);
    };
    expect(await problem('ftp://127.0.0.1/hooks', ['ASSESSMENT_SUBMITTED'])).toEqual(['url:INVALID_URL']);
    expect(await problem('file:///etc/passwd', ['ASSESSMENT_SUBMITTED'])).toEqual(['url:INVALID_URL']);
    expect(await problem('javascript:alert(1)', ['ASSESSMENT_SUBMITTED'])).toEqual(['url:INVALID_URL']);
    expect(await problem('not an address', ['ASSESSMENT_SUBMITTED'])).toEqual(['url:INVALID_URL']);
    expect(await problem('http://user:pass@127.0.0.1/hooks', ['ASSESSMENT_SUBMITTED'])).toEqual(['url:URL_CREDENTIALS']);
    expect(await problem(rx.url, [])).toEqual(['events:REQUIRED']);
    expect(await problem(rx.url, ['ASSESSMENT_SUBMITTED'], 'short')).toEqual(['secret:SECRET_TOO_SHORT']);
    // every problem at once
    expect(await problem('ftp://x', [], 'short')).toEqual(['url:INVALID_URL', 'events:REQUIRED', 'secret:SECRET_TOO_SHORT']);
    // an unknown event is refused by the schema itself
    expect((await gql(t.url, CREATE, { u: rx.url, e: ['SOMETHING'], s: SECRET }, w.tokens.admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await hooks()).toEqual([]);
    const rows = await t.orm.em.fork().getConnection().execute('select count(*) as n from "webhook"');
    expect(Number(rows[0].n)).toBe(0);
  });

  it('should post one signed delivery per event to each subscribed webhook, and none to the others', async () => {
    const hook = await create(rx.url, ['ASSESSMENT_SUBMITTED', 'STATISTIC_RECORDED']);
    expect(hook).toMatchObject({ url: rx.url, active: true, secretHint: 'a-lo…' });
    expect(JSON.stringify(hook)).not.toContain(SECRET);
    const unrelated = await create(other.url, ['RESULTS_PUBLISHED']);

    // A fills in every leaf and submits: one ASSESSMENT_SUBMITTED
    const values: Record<string, Record<string, unknown>> = {
      '1.1': { points: 1 }, '1.2': { met: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 1, denominator: 1 }, '1.5': { points: 0 },
      '2.1': { numerator: 1, denominator: 1 }, '2.2.1': { points: 1 }, '2.2.2': { figure: 3 }, '2.3': { points: 1 }, '2.4': { points: 0 },
    };
    for (const [code, value] of Object.entries(values)) expect((await save(t, w, w.tokens.staffA, code, value)).errors).toBeUndefined();
    await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.leaderA);
    expect(await send()).toBe(1);

    expect(rx.received).toHaveLength(1);
    expect(other.received).toHaveLength(0);
    const [r] = rx.received;
    expect(verify(r, SECRET)).toBe(true);
    expect(verify(r, 'another-secret-of-some-length')).toBe(false);
    expect(verify({ ...r, body: r.body.replace('SUBMITTED', 'RETURNED') }, SECRET)).toBe(false);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-chamdiem-event']).toBe('ASSESSMENT_SUBMITTED');
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ id: r.headers['x-chamdiem-delivery'], event: 'ASSESSMENT_SUBMITTED', data: { assessmentId: w.assessmentA, periodId: w.periodId, unitId: w.units.A, status: 'SUBMITTED' } });
    expect(Math.abs(Number(r.headers['x-chamdiem-timestamp']) * 1000 - Date.now())).toBeLessThan(60_000);

    const [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ id: body.id, event: 'ASSESSMENT_SUBMITTED', status: 'DELIVERED', attempts: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(d.deliveredAt).not.toBeNull();
    expect(await deliveriesOf(unrelated.id)).toEqual([]);

    // the saves sent nothing, and nothing is sent twice
    expect(await send()).toBe(0);
    await remove(unrelated.id);
  });

  it('should retry after a 500 with backoff, then deliver the same delivery', async () => {
    const [hook] = await hooks();
    rx.received.length = 0;
    rx.plan.push({ status: 500 });
    await pushStatistic();
    expect(await send()).toBe(0);
    let [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ event: 'STATISTIC_RECORDED', status: 'PENDING', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });
    const wait = new Date(d.nextAttemptAt).getTime() - new Date(d.lastAttemptAt).getTime();
    expect(wait).toBeGreaterThanOrEqual(29_000);
    expect(wait).toBeLessThanOrEqual(31_000);

    // not before it is due
    expect(await send()).toBe(0);
    expect(rx.received).toHaveLength(1);
    clock.advance(31_000);
    expect(await send()).toBe(1);
    [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ status: 'DELIVERED', attempts: 2, lastStatusCode: 200, lastError: null });
    // the same delivery, body and id on both attempts (a receiver de-duplicates by it); each signed
    expect(rx.received).toHaveLength(2);
    expect(rx.received[1].headers['x-chamdiem-delivery']).toBe(rx.received[0].headers['x-chamdiem-delivery']);
    expect(rx.received[1].body).toBe(rx.received[0].body);
    expect(rx.received.every((r) => verify(r, SECRET))).toBe(true);
    expect(JSON.parse(rx.received[0].body).data).toMatchObject({ periodId: w.periodId, source: 'Hệ thống một cửa', figures: [{ unitId: w.units.B, criterionCode: '1.4', keptAs: 'SELF_SCORE' }] });
  });

  it('should never follow a redirect, to another host or at all', async () => {
    const [hook] = await hooks();
    rx.received.length = 0;
    rx.plan.push({ status: 302, location: other.url });
    await pushStatistic();
    expect(await send()).toBe(0);
    expect(rx.received).toHaveLength(1);
    expect(other.received).toHaveLength(0);
    const [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: 302 });
    expect(d.lastError).toContain('redirect');
    // the next attempt goes to the registered address again
    clock.advance(31_000);
    expect(await send()).toBe(1);
    expect(rx.received).toHaveLength(2);
    expect(other.received).toHaveLength(0);
  });

  it('should give a delivery up a day after its event, and send it no more', async () => {
    const [hook] = await hooks();
    rx.received.length = 0;
    await pushStatistic();
    rx.plan.push(...Array.from({ length: 60 }, () => ({ status: 503 })));
    const started = clock.nowMs();
    for (let i = 0; i < 60 && (await deliveriesOf(hook.id))[0].status === 'PENDING'; i++) {
      await send();
      clock.advance(60 * 60_000);
    }
    const [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ status: 'FAILED', lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: null });
    // 30 s, 2 min, 10 min, then hourly: about a day's worth of attempts, the last within the day
    expect(d.attempts).toBeGreaterThanOrEqual(20);
    expect(d.attempts).toBeLessThanOrEqual(26);
    expect(new Date(d.lastAttemptAt).getTime() - new Date(d.createdAt).getTime()).toBeLessThanOrEqual(DAY_MS);
    expect(clock.nowMs() - started).toBeGreaterThan(DAY_MS - 2 * 3600_000);
    const sent = rx.received.length;
    clock.advance(DAY_MS);
    expect(await send()).toBe(0);
    expect(rx.received).toHaveLength(sent);
    rx.plan.length = 0;

    // sent again on request, as a new delivery
    const again = (await ok(t.url, `mutation($id:ID!){redeliverWebhook(deliveryId:$id){id status event}}`, { id: d.id }, w.tokens.admin)).redeliverWebhook;
    expect(again).toMatchObject({ status: 'PENDING', event: 'STATISTIC_RECORDED' });
    expect(again.id).not.toBe(d.id);
    expect(await send()).toBe(1);
    expect(JSON.parse(rx.received[rx.received.length - 1].body)).toMatchObject({ id: again.id, event: 'STATISTIC_RECORDED' });
  });

  it('should deliver what was queued when the server stopped, after a restart on the same database', async () => {
    const [hook] = await hooks();
    rx.received.length = 0;
    // a second server on the same database takes two events, starts sending one of them
    // (claims it) and stops without having sent it
    const before = await startTestApp({ workers: false }, { db: t.db });
    await ok(before.url, PUSH, { i: { periodId: w.periodId, idempotencyKey: 'restart-1', figures: [{ unitCode: 'B', criterionCode: '2.1', numerator: 1, denominator: 2 }] } }, statsToken);
    await ok(before.url, PUSH, { i: { periodId: w.periodId, idempotencyKey: 'restart-2', figures: [{ unitCode: 'B', criterionCode: '2.1', numerator: 2, denominator: 3 }] } }, statsToken);
    const now = clock.now();
    const taken = await claim(before.orm.em.fork() as Em, 'a-sender-that-died', now, new Date(now.getTime() + before.config.outbox.leaseMs), 1);
    expect(taken).toHaveLength(1);
    await before.close();
    expect(rx.received).toHaveLength(0);

    // a new server on the same database sends the unclaimed one at once, the claimed one once its claim lapsed
    const after = await startTestApp({ workers: false }, { db: t.db });
    try {
      expect(await after.app.workers.outbox.runOnce()).toBe(1);
      clock.advance(after.config.outbox.leaseMs + 1000);
      expect(await after.app.workers.outbox.runOnce()).toBe(1);
    } finally {
      await after.close();
    }
    expect(rx.received).toHaveLength(2);
    expect(rx.received.map((r) => r.headers['x-chamdiem-delivery'])).toContain(taken[0].id);
    expect(rx.received.every((r) => verify(r, SECRET))).toBe(true);
    const delivered = (await deliveriesOf(hook.id)).filter((d) => d.status === 'DELIVERED');
    expect(delivered.map((d) => d.id)).toContain(taken[0].id);
  });

  it('should send nothing for a removed webhook, nor for one that was never told of the event', async () => {
    const [hook] = await hooks();
    rx.received.length = 0;
    await pushStatistic();
    await remove(hook.id);
    expect(await send()).toBe(0);
    expect(rx.received).toHaveLength(0);
    expect(await hooks()).toEqual([]);
    // registered and removed in the audit log, the secret never in it
    const log = (await ok(t.url, `{ auditLog(first: 100) { edges { node { action before after } } } }`, {}, w.tokens.admin)).auditLog.edges.map((e: any) => e.node);
    expect(log.filter((r: any) => r.action.startsWith('webhook.')).map((r: any) => r.action)).toEqual(expect.arrayContaining(['webhook.create', 'webhook.delete']));
    expect(log.filter((r: any) => r.action === 'webhook.create').map((r: any) => r.after)).toContainEqual(expect.objectContaining({ url: rx.url, events: ['ASSESSMENT_SUBMITTED', 'STATISTIC_RECORDED'] }));
    expect(JSON.stringify(log)).not.toContain(SECRET);
    const outbox = await t.orm.em.fork().getConnection().execute(`select count(*) as n from "outbox" where "topic" = 'webhook' and "sent_at" is null and "failed_at" is null`);
    expect(Number(outbox[0].n)).toBe(0);
  });
  it('should tell of the council returning and finalizing an assessment and of published results, once each', async () => {
    const hook = await create(rx.url, ['ASSESSMENT_RETURNED', 'ASSESSMENT_FINALIZED', 'RESULTS_PUBLISHED']);
    rx.received.length = 0;
    const phase = (p: string) => ok(t.url, `mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:true){phase}}`, { id: w.periodId, p }, w.tokens.admin);
    await phase('APPRAISAL');
    // A (submitted above) appraised leaf by leaf with its own figures, returned, finalized
    const values: Record<string, Record<string, unknown>> = {
      '1.1': { points: 1 }, '1.2': { met: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 1, denominator: 1 }, '1.5': { points: 0 },
      '2.1': { numerator: 1, denominator: 1 }, '2.2.1': { points: 1 }, '2.2.2': { figure: 3 }, '2.3': { points: 1 }, '2.4': { points: 0 },
    };
    const entries = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: w.assessmentA }, w.tokens.admin)).assessment.entries as any[];
    for (const [code, value] of Object.entries(values)) {
      const expectedVersion = entries.find((e) => e.criterion.code === code).version;
      await ok(t.url, `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){round}}`, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], expectedVersion, value } }, w.tokens.appraiser);
    }
    await ok(t.url, `mutation($id:ID!){returnForExplanation(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.appraiser);
    await ok(t.url, `mutation($id:ID!){finalizeAssessment(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.appraiser);
    for (const p of ['EXPLANATION', 'FINAL_APPRAISAL', 'FINALIZED']) await phase(p);
    await ok(t.url, `mutation($id:ID!){publishResults(periodId:$id,acknowledgeIncomplete:true){phase}}`, { id: w.periodId }, w.tokens.admin);

    expect(await send()).toBe(3);
    const bodies = rx.received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.event).sort()).toEqual(['ASSESSMENT_FINALIZED', 'ASSESSMENT_RETURNED', 'RESULTS_PUBLISHED']);
    expect(rx.received.every((r) => verify(r, SECRET) && JSON.parse(r.body).event === r.headers['x-chamdiem-event'])).toBe(true);
    const byEvent = Object.fromEntries(bodies.map((b) => [b.event, b.data]));
    expect(byEvent.ASSESSMENT_RETURNED).toMatchObject({ assessmentId: w.assessmentA, unitId: w.units.A, status: 'RETURNED' });
    expect(byEvent.ASSESSMENT_FINALIZED).toMatchObject({ assessmentId: w.assessmentA, unitId: w.units.A, status: 'FINAL' });
    expect(byEvent.RESULTS_PUBLISHED).toMatchObject({ periodId: w.periodId, year: 2025 });
    expect((await deliveriesOf(hook.id)).map((d) => d.status)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED']);
  });
});
