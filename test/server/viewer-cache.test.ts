import { Role } from '../../server/src/modules/user/user.entity';
import { ViewerCache, type KnownUser } from '../../server/src/common/viewer-cache';
import { loadConfig } from '../../server/src/config';
import { startTestApp, type TestApp } from '../helpers/app';
import { errorCode, gql, ok } from '../helpers/gql';
import { eventually } from '../helpers/socket';
import { buildWorld, entryVersion, save, SAVE, type World } from '../helpers/world';

const person = (id: string, role = Role.STAFF, epoch = 0): KnownUser => ({ viewer: { id, role, unitId: 'u1', name: id }, sessionEpoch: epoch });

describe('ViewerCache: what it keeps and what it refuses to keep', () => {
  let listening = true;
  const cache = (ttlMs = 60_000, max = 100) => new ViewerCache({ ttlMs, max, listening: () => listening });
  beforeEach(() => (listening = true));

  it('should keep a person read after the last change and serve it until forgotten', () => {
    const c = cache();
    c.keep('a', person('a'), c.begin());
    expect(c.get('a')?.viewer.id).toBe('a');
    c.forget('a');
    expect(c.get('a')).toBeUndefined();
  });

  it('should not keep a read begun before a change to anyone (it may have read the old row)', () => {
    const c = cache();
    const ticket = c.begin();
    c.forget('b');
    c.keep('a', person('a'), ticket);
    expect(c.get('a')).toBeUndefined();
    c.keep('a', person('a'), c.begin());
    c.clear();
    expect(c.get('a')).toBeUndefined();
  });

  it('should neither serve nor keep while the bus that carries changes is not listening', () => {
    const c = cache();
    c.keep('a', person('a'), c.begin());
    listening = false;
    expect(c.get('a')).toBeUndefined();
    expect(c.begin()).toBeNull();
    c.keep('b', person('b'), c.begin());
    listening = true;
    expect(c.get('b')).toBeUndefined();
  });

  it('should never keep an appraiser, whose council seats change with every council', () => {
    const c = cache();
    const appraiser = person('x', Role.APPRAISER);
    appraiser.viewer.council = { periods: new Set(), seats: new Map() };
    c.keep('x', appraiser, c.begin());
    expect(c.get('x')).toBeUndefined();
  });

  it('should let a kept person go after its time, hold at most max people, and keep nothing with a time of 0', async () => {
    const short = cache(30);
    short.keep('a', person('a'), short.begin());
    await new Promise((r) => setTimeout(r, 60));
    expect(short.get('a')).toBeUndefined();
    const small = cache(60_000, 2);
    for (const id of ['a', 'b', 'c']) small.keep(id, person(id), small.begin());
    expect(small.size).toBe(2);
    expect(small.get('a')).toBeUndefined();
    expect(small.get('c')).toBeDefined();
    const off = cache(0);
    off.keep('a', person('a'), off.begin());
    expect(off.get('a')).toBeUndefined();
  });

  it('should hand out a frozen person, so that no request can change what the next one sees', () => {
    const c = cache();
    c.keep('a', person('a'), c.begin());
    expect(() => {
      (c.get('a')!.viewer as { unitId: string | null }).unitId = 'u2';
    }).toThrow(TypeError);
  });

  it('should read VIEWER_CACHE_SECONDS, 60 s by default, 0 to read on every request', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).viewerCacheMs).toBe(60_000);
    expect(loadConfig({ NODE_ENV: 'test', VIEWER_CACHE_SECONDS: '0' }).viewerCacheMs).toBe(0);
    expect(() => loadConfig({ NODE_ENV: 'test', VIEWER_CACHE_SECONDS: '-1' })).toThrow(/VIEWER_CACHE_SECONDS/);
  });
});

describe('the person behind a request, kept by the server', () => {
  let t: TestApp;
  let w: World;
  const ME = `{me{id role}}`;

  beforeAll(async () => {
    t = await startTestApp({ viewerCacheMs: 3000 });
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it('should follow a change of role, unit or state made through the API at once', async () => {
    const B = `query($id:ID!){assessment(id:$id){id}}`;
    expect(await errorCode(t.url, B, { id: w.assessmentB }, w.tokens.staffA2)).toBe('FORBIDDEN');
    expect(t.app.live.access.viewers.get(w.userIds.staffA2)?.viewer.role).toBe('STAFF');
    // a VIEWER of the province reads every unit's assessment the moment the change is answered
    await ok(t.url, `mutation($id:ID!){updateUser(id:$id,input:{role:VIEWER,unitId:null}){id}}`, { id: w.userIds.staffA2 }, w.tokens.admin);
    expect((await ok(t.url, B, { id: w.assessmentB }, w.tokens.staffA2)).assessment.id).toBe(w.assessmentB);
    // staffA, moved to unit B, can no longer save in A's assessment
    expect((await save(t, w, w.tokens.staffA, '1.1', { points: 1 })).errors).toBeUndefined();
    await ok(t.url, `mutation($id:ID!,$u:ID!){updateUser(id:$id,input:{unitId:$u}){id}}`, { id: w.userIds.staffA, u: w.units.B }, w.tokens.admin);
    const version = await entryVersion(t, w, w.tokens.leaderA, '1.2');
    const refused = await gql(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.2'], value: { points: 1 }, expectedVersion: version } }, w.tokens.staffA);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // disabled: the next request is refused; enabled again: answered
    await ok(t.url, `mutation($id:ID!){setUserActive(id:$id,active:false){id}}`, { id: w.userIds.viewer }, w.tokens.admin);
    expect(await errorCode(t.url, ME, {}, w.tokens.viewer)).toBe('UNAUTHENTICATED');
    await ok(t.url, `mutation($id:ID!){setUserActive(id:$id,active:true){id}}`, { id: w.userIds.viewer }, w.tokens.admin);
    expect((await ok(t.url, ME, {}, w.tokens.viewer)).me.id).toBe(w.userIds.viewer);
  });

  it('should end the old sessions at once when a password changes, and take the new token', async () => {
    const login = await ok(t.url, `mutation{login(email:"leader.b@test",password:"password-123"){token}}`);
    const old = login.login.token;
    await ok(t.url, ME, {}, old);
    const changed = await ok(t.url, `mutation{changePassword(currentPassword:"password-123",newPassword:"a much longer passphrase 7"){token}}`, {}, old);
    expect(await errorCode(t.url, ME, {}, old)).toBe('UNAUTHENTICATED');
    expect((await ok(t.url, ME, {}, changed.changePassword.token)).me.role).toBe('LEADER');
  });

  it('should see a change made straight in the database within VIEWER_CACHE_SECONDS, and not before it was kept', async () => {
    const leaderA = w.userIds.leaderA;
    await ok(t.url, ME, {}, w.tokens.leaderA);
    await t.orm.em.getConnection().execute(`update "user" set "active" = ? where "id" = ?`, [false, leaderA]);
    // kept: answered from what was read before the change (the bound this setting sets)
    const kept = await gql(t.url, ME, {}, w.tokens.leaderA);
    expect(kept.data?.me?.id).toBe(leaderA);
    await eventually(async () => (await errorCode(t.url, ME, {}, w.tokens.leaderA)) === 'UNAUTHENTICATED', 10_000, 'the kept person to lapse');
    await t.orm.em.getConnection().execute(`update "user" set "active" = ? where "id" = ?`, [true, leaderA]);
    // a refusal is not kept: the next request reads again
    expect((await ok(t.url, ME, {}, w.tokens.leaderA)).me.id).toBe(leaderA);
  });
});

describe('VIEWER_CACHE_SECONDS=0', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp({ viewerCacheMs: 0 });
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it('should read the person on every request, so that a change straight in the database holds at once', async () => {
    await ok(t.url, `{me{id}}`, {}, w.tokens.staffB);
    expect(t.app.live.access.viewers.size).toBe(0);
    await t.orm.em.getConnection().execute(`update "user" set "active" = ? where "id" = ?`, [false, w.userIds.staffB]);
    expect(await errorCode(t.url, `{me{id}}`, {}, w.tokens.staffB)).toBe('UNAUTHENTICATED');
  });
});
