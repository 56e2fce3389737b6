import { startTestApp, type TestApp } from '../helpers/app';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { errorCode, gql, ok } from '../helpers/gql';
import { startProxy, type TcpProxy } from '../helpers/proxy';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, SAVE, type World } from '../helpers/world';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const EVENTS = `subscription($id:ID!){assessmentEvents(assessmentId:$id){seq entry{code selfScore}}}`;

describe('two server processes sharing Redis', () => {
  let t: TestApp;
  let w: World;
  let second: ServerProcess;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ redisUrl: REDIS, liveWindowMs: 20 });
    w = await buildWorld(t);
    second = await startServerProcess(t, { REDIS_URL: REDIS });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await second?.stop();
    await t?.close();
  });

  const save = async (url: string, code: string, points: number) => {
    const a = await ok(url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: w.assessmentA }, w.tokens.staffA);
    const version = a.assessment.entries.find((e: any) => e.criterion.code === code).version;
    return gql(url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value: { points }, expectedVersion: version } }, w.tokens.staffA);
  };

  it('should deliver a save on one process to a subscriber on the other, both ways', async () => {
    const onSecond = connect(second.url, w.tokens.leaderA);
    const onFirst = connect(t.url, w.tokens.viewer);
    clients.push(onSecond, onFirst);
    const s2 = onSecond.subscribe<any>(EVENTS, { id: w.assessmentA });
    const s1 = onFirst.subscribe<any>(EVENTS, { id: w.assessmentA });
    await eventually(() => t.app.live.hub.liveSubscriptionCount === 1, 5000, 'the local subscription');
    // the remote subscription is in place once a probe save reaches it
    await eventually(async () => {
      expect((await save(t.url, '1.1', 0.25)).errors).toBeUndefined();
      await new Promise((r) => setTimeout(r, 150));
      return s2.events.length > 0;
    }, 10000, 'the second process to receive');

    expect((await save(t.url, '1.1', 1.5)).errors).toBeUndefined();
    await s2.until((ev) => ev.some((e) => e.assessmentEvents.entry?.selfScore === 1.5));
    expect((await save(second.url, '2.3', 1.75)).errors).toBeUndefined();
    await s1.until((ev) => ev.some((e) => e.assessmentEvents.entry?.code === '2.3' && e.assessmentEvents.entry.selfScore === 1.75));
    await s2.until((ev) => ev.some((e) => e.assessmentEvents.entry?.code === '2.3'));
    // both streams end in the same seq, the database's
    const seq = (await ok(t.url, `query($id:ID!){assessment(id:$id){seq}}`, { id: w.assessmentA }, w.tokens.leaderA)).assessment.seq;
    await s1.until((ev) => ev[ev.length - 1].assessmentEvents.seq === seq);
    await s2.until((ev) => ev[ev.length - 1].assessmentEvents.seq === seq);
  });

  it('should show presence from one process on the other', async () => {
    const watcher = connect(second.url, w.tokens.leaderA);
    clients.push(watcher);
    const sub = watcher.subscribe<any>(`subscription($id:ID!){presence(assessmentId:$id){members{userId criterionId}}}`, { id: w.assessmentA });
    await sub.until((ev) => ev.length > 0);
    await ok(t.url, `mutation($id:ID!,$s:String!,$c:ID){updatePresence(assessmentId:$id,sessionId:$s,criterionId:$c)}`, { id: w.assessmentA, s: 'multi-process-tab', c: w.criteria['1.4'] }, w.tokens.staffA);
    await sub.until((ev) => ev.some((e) => e.presence.members.some((m: any) => m.criterionId === w.criteria['1.4'])));
  });

  it('should follow a person changed through one process on the other at once, though the other keeps people it has read', async () => {
    const ME = `{me{id}}`;
    const A = `query($id:ID!){assessment(id:$id){id}}`;
    // what the person may read follows their unit as the process knows it
    expect(await errorCode(second.url, A, { id: w.assessmentA }, w.tokens.staffB)).toBe('FORBIDDEN');
    // moved to unit A through the first process: the second answers with the new unit
    await ok(t.url, `mutation($id:ID!,$u:ID!){updateUser(id:$id,input:{unitId:$u}){id}}`, { id: w.userIds.staffB, u: w.units.A }, w.tokens.admin);
    expect((await ok(second.url, A, { id: w.assessmentA }, w.tokens.staffB)).assessment.id).toBe(w.assessmentA);
    // disabled through the first: refused by the second
    await ok(t.url, `mutation($id:ID!){setUserActive(id:$id,active:false){id}}`, { id: w.userIds.staffB }, w.tokens.admin);
    expect(await errorCode(second.url, ME, {}, w.tokens.staffB)).toBe('UNAUTHENTICATED');
    // a password changed through the second ends the old token on the first
    const old = (await ok(t.url, `mutation{login(email:"staff2.a@test",password:"password-123"){token}}`)).login.token;
    await ok(t.url, ME, {}, old);
    await ok(second.url, `mutation{changePassword(currentPassword:"password-123",newPassword:"a much longer passphrase 7"){token}}`, {}, old);
    expect(await errorCode(t.url, ME, {}, old)).toBe('UNAUTHENTICATED');
  });

  it('should close a socket on the other process when its API token is revoked (4403)', async () => {
    const issued = (await ok(t.url, `mutation{issueApiToken(name:"multi-process",scope:READ){secret token{id}}}`, {}, w.tokens.admin)).issueApiToken;
    const c = connect(second.url, issued.secret);
    clients.push(c);
    const closes: { code: number; reason: string }[] = [];
    c.client.on('closed', (e: any) => closes.push({ code: e.code, reason: e.reason }));
    const sub = c.subscribe<any>(`subscription($p:ID!){periodProgress(periodId:$p){periodId}}`, { p: w.periodId });
    // the stream is live on the second process once a save on the first reaches it
    await eventually(async () => {
      expect((await save(t.url, '1.1', 0.5)).errors).toBeUndefined();
      await new Promise((r) => setTimeout(r, 150));
      return sub.events.length > 0;
    }, 10000, 'the second process to deliver');
    await ok(t.url, `mutation($id:ID!){revokeApiToken(id:$id){id}}`, { id: issued.token.id }, w.tokens.admin);
    await eventually(() => closes.length === 1, 5000, 'the socket on the second process to close');
    expect(closes[0]).toEqual({ code: 4403, reason: 'Forbidden: token revoked' });
  });
});

describe('access changes made while a process was cut off from Redis', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let w: World;
  let second: ServerProcess;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    const redis = new URL(REDIS);
    proxy = await startProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    // this process reaches Redis through the proxy; the second one directly
    t = await startTestApp({ redisUrl: proxy.via(REDIS), liveWindowMs: 20 });
    w = await buildWorld(t);
    second = await startServerProcess(t, { REDIS_URL: REDIS });
  });
  afterAll(async () => {
    proxy?.restore();
    await Promise.all(clients.map((c) => c.close()));
    await second?.stop();
    await t?.close();
    await proxy?.close();
  });

  it('should re-check open streams and sockets when Redis comes back, ending those that lost access', async () => {
    const issued = (await ok(t.url, `mutation{issueApiToken(name:"outage",scope:READ){secret token{id}}}`, {}, w.tokens.admin)).issueApiToken;
    const integrator = connect(t.url, issued.secret);
    const staff = connect(t.url, w.tokens.staffA);
    const keeper = connect(t.url, w.tokens.leaderA);
    clients.push(integrator, staff, keeper);
    const closes: number[] = [];
    integrator.client.on('closed', (e: any) => closes.push(e.code));
    integrator.subscribe<any>(`subscription($p:ID!){periodProgress(periodId:$p){periodId}}`, { p: w.periodId });
    const staffEvents = staff.subscribe<any>(EVENTS, { id: w.assessmentA });
    const leaderEvents = keeper.subscribe<any>(EVENTS, { id: w.assessmentA });
    await eventually(() => t.app.live.hub.liveSubscriptionCount === 3, 5000, 'three live subscriptions');

    proxy.cut();
    await eventually(() => proxy.open === 0, 5000, 'the process to lose Redis');
    // meanwhile, on the other process: the token is revoked and staffA moves to unit B
    await ok(second.url, `mutation($id:ID!){revokeApiToken(id:$id){id}}`, { id: issued.token.id }, w.tokens.admin);
    await ok(second.url, `mutation($id:ID!,$u:ID!){updateUser(id:$id,input:{unitId:$u}){id}}`, { id: w.userIds.staffA, u: w.units.B }, w.tokens.admin);
    expect(closes).toEqual([]); // nothing could tell this process yet
    // but a request of staffA's is answered as the database has them, not as this process last read them
    await eventually(() => !t.app.live.pubsub.listening(), 5000, 'the process to know it is cut off');
    expect(await errorCode(t.url, `query($id:ID!){assessment(id:$id){id}}`, { id: w.assessmentA }, w.tokens.staffA)).toBe('FORBIDDEN');

    proxy.restore();
    await eventually(() => closes.length === 1 && staffEvents.errors.length === 1, 15000, 'the re-check after Redis came back');
    expect(closes[0]).toBe(4403);
    expect(staffEvents.errors[0].extensions?.code).toBe('FORBIDDEN');
    // whoever kept access keeps the stream
    expect(leaderEvents.errors).toEqual([]);
    const a = await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: w.assessmentA }, w.tokens.leaderA);
    const v = a.assessment.entries.find((e: any) => e.criterion.code === '1.1').version;
    expect((await gql(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], value: { points: 1 }, expectedVersion: v } }, w.tokens.leaderA)).errors).toBeUndefined();
    await leaderEvents.until((ev) => ev.some((e) => e.assessmentEvents.entry?.selfScore === 1));
  });
});
