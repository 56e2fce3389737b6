import { loadConfig } from '../../server/src/config';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, PASSWORD, type World } from '../helpers/world';

const limits = { ...loadConfig({ NODE_ENV: 'test' }, { tokenSecret: 'x'.repeat(40), dataDir: '/tmp' }).limits, maxDepth: 6, maxAliases: 3, maxTokens: 400, maxSubscriptionsPerSocket: 2, maxPayloadBytes: 20_000 };
const deep = `{ periods { framework { criteria { parent { parent { parent { parent { code } } } } } } } }`;
const aliases = `{ a: me { id } b: me { id } c: me { id } d: me { id } }`;
const manyTokens = `{ ${Array.from({ length: 500 }, () => '__typename').join(' ')} }`;

describe('operation limits', () => {
  let t: TestApp;
  let w: World;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    t = await startTestApp({ limits, login: { maxFailures: 3, windowSeconds: 60, blockSeconds: 60, addressMaxFailures: 100 } });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  describe('over HTTP', () => {
    it.each([
      ['depth', deep, 'GRAPHQL_VALIDATION_FAILED'],
      ['aliases', aliases, 'GRAPHQL_VALIDATION_FAILED'],
      ['tokens', manyTokens, 'GRAPHQL_PARSE_FAILED'],
    ])('should refuse an operation over the %s limit with a code and no data', async (_what, query, code) => {
      const r = await gql(t.url, query, {}, w.tokens.admin);
      expect(r.errors?.[0]?.extensions?.code).toBe(code);
      expect(r.data).toBeUndefined();
    });

    it('should refuse batched operations', async () => {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${w.tokens.admin}` },
        body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
      });
      expect(res.status).toBe(400);
    });

    it('should refuse a body over the payload limit', async () => {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${w.tokens.admin}` },
        body: JSON.stringify({ query: '{ me { id } }', variables: { junk: 'x'.repeat(30_000) } }),
      });
      expect(res.status).toBe(413);
    });

    it('should refuse a cross-site simple request (CSRF prevention)', async () => {
      const res = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`, { method: 'GET' });
      expect(res.status).toBe(400);
    });
  });

  describe('over the socket', () => {
    it('should apply the same depth and alias limits', async () => {
      const c = connect(t.url, w.tokens.admin);
      clients.push(c);
      for (const query of [deep, aliases]) {
        const sub = c.subscribe(query);
        await eventually(() => sub.errors.length > 0, 5000, 'the refusal');
        expect(sub.errors.flat()[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      }
    });

    it('should refuse more subscriptions on one socket than allowed', async () => {
      const c = connect(t.url, w.tokens.leaderA);
      clients.push(c);
      const q = `subscription($id:ID!){assessmentEvents(assessmentId:$id){seq}}`;
      const subs = [c.subscribe(q, { id: w.assessmentA }), c.subscribe(q, { id: w.assessmentA })];
      await eventually(() => t.app.live.hub.liveSubscriptionCount >= 2, 5000, 'two subscriptions');
      const third = c.subscribe(q, { id: w.assessmentA });
      await eventually(() => third.errors.length > 0, 5000, 'the third to be refused');
      expect(third.errors.flat()[0].extensions?.code).toBe('BAD_REQUEST');
      subs.forEach((s) => s.unsubscribe());
    });
  });

  describe('sign-in protection', () => {
    const login = (email: string, password: string) => gql(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e: email, p: password });

    it('should refuse an account for a while after repeated failures, even with the right password', async () => {
      for (let i = 0; i < 3; i++) expect((await login('viewer@test', 'wrong-password')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const locked = await login('viewer@test', PASSWORD);
      expect(locked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      // another account from the same address still signs in
      expect((await login('appraiser@test', PASSWORD)).errors).toBeUndefined();
    });
  });

  describe('a disabled account', () => {
    it('should be refused at once on an open socket', async () => {
      const c = connect(t.url, w.tokens.staffB, { lazy: false }); // the socket stays open between operations
      clients.push(c);
      const first = c.subscribe(`{ me { id } }`);
      await first.until((ev) => ev.length === 1);
      await ok(t.url, `mutation($id:ID!){setUserActive(id:$id,active:false){id}}`, { id: w.userIds.staffB }, w.tokens.admin);
      const second = c.subscribe(`{ me { id } }`);
      await eventually(() => second.errors.length > 0, 5000, 'the refusal');
      expect(second.errors.flat()[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});

describe('production mode', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp({ env: 'production' });
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it('should refuse introspection to anonymous callers and hide field suggestions', async () => {
    const intro = await gql(t.url, `{ __schema { types { name } } }`);
    expect(intro.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(intro.data ?? null).toBeNull();
    const hidden = await gql(t.url, `query { ...F } fragment F on Query { __type(name: "Period") { name } }`);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const typo = await gql(t.url, `{ perods { id } }`);
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('should describe the schema, with its descriptions, to signed-in people and API tokens (the explorer’s docs pane)', async () => {
    const secret = (await ok(t.url, `mutation{issueApiToken(name:"Báo cáo",scope:READ){secret}}`, {}, w.tokens.admin)).issueApiToken.secret;
    for (const token of [w.tokens.staffA, secret]) {
      const d = await ok(t.url, `{ __schema { queryType { fields { name description } } } }`, {}, token);
      const period = d.__schema.queryType.fields.find((f: any) => f.name === 'assessment');
      expect(period.description).toMatch(/FORBIDDEN/);
    }
  });
});
