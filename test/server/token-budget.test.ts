import Redis from 'ioredis';
import { loadConfig } from '../../server/src/config';
import { TokenBudget } from '../../server/src/modules/integrator/token-budget';
import { PeriodService } from '../../server/src/modules/period/period.service';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, PASSWORD, type World } from '../helpers/world';

const defaults = loadConfig({ NODE_ENV: 'test' }, { tokenSecret: 'x'.repeat(40), dataDir: '/tmp' });
const ISSUE = `mutation($n:String!,$s:TokenScope!){issueApiToken(name:$n,scope:$s){secret token{id}}}`;

/** A whole period with every entry's history and evidence, fifteen times over (issue 18). */
const fanOut = `query($id:ID!){ ${Array.from({ length: 15 }, (_, i) => `p${i}: period(id:$id){ id assessments { id status
  entries { id version selfScore comment state evidence { id name size } history { version round actor { id name } } }
  progress { criterionId selfTotal maxScore leaves leavesScored } } }`).join('\n')} }`;

async function post(url: string, query: string, variables: Record<string, unknown>, token: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { data?: any; errors?: any[] } };
}

describe('per-token budgets', () => {
  let t: TestApp;
  let w: World;
  let periodReads: jest.SpyInstance;
  const REQUESTS = 4;
  beforeAll(async () => {
    t = await startTestApp({ tokenBudget: { requestsPerMinute: REQUESTS, costPerMinute: defaults.limits.maxCost } });
    w = await buildWorld(t);
    periodReads = jest.spyOn(PeriodService.prototype, 'get');
  });
  afterEach(() => periodReads.mockClear());
  afterAll(async () => {
    periodReads.mockRestore();
    await t?.close();
  });
  const issue = async (name: string) => (await ok(t.url, ISSUE, { n: name, s: 'READ' }, w.tokens.admin)).issueApiToken.secret as string;

  it('should refuse a READ token fifteen aliases of a whole period before it runs, saying the cost and the budget', async () => {
    const secret = await issue('Fan-out');
    const answers = await Promise.all([1, 2, 3].map(() => post(t.url, fanOut, { id: w.periodId }, secret)));
    for (const r of answers) {
      expect(r.status).toBe(400);
      const e = r.body.errors![0];
      expect(e.extensions.code).toBe('BAD_USER_INPUT');
      expect(e.extensions.cost).toBeGreaterThan(defaults.limits.maxCost);
      expect(e.message).toContain(Number(e.extensions.cost).toLocaleString('en-US'));
      expect(e.message).toContain(defaults.limits.maxCost.toLocaleString('en-US'));
    }
    expect(periodReads).not.toHaveBeenCalled();
  });

  it('should answer RATE_LIMITED with Retry-After once a token has spent its requests, while people and other tokens go on', async () => {
    const secret = await issue('Busy system');
    const other = await issue('Quiet system');
    for (let i = 0; i < REQUESTS; i++) expect((await post(t.url, `{periods{id}}`, {}, secret)).status).toBe(200);
    const refused = await post(t.url, `{periods{id}}`, {}, secret);
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0].extensions.code).toBe('RATE_LIMITED');
    expect(refused.body.errors![0].message).toContain(`${REQUESTS} requests per minute`);
    const seconds = Number(refused.retryAfter);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(refused.body.errors![0].extensions.retryAfterSeconds).toBe(seconds);
    // nothing was read for the refused request
    expect(periodReads).not.toHaveBeenCalled();
    // the web client's sessions and sign-ins keep working
    for (let i = 0; i < REQUESTS + 2; i++) expect((await gql(t.url, `{periods{id}}`, {}, w.tokens.viewer)).errors).toBeUndefined();
    const login = await ok(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e: 'viewer@test', p: PASSWORD });
    expect(login.login.token).toBeTruthy();
    // another token has its own budget
    expect((await post(t.url, `{periods{id}}`, {}, other)).status).toBe(200);
  });

  it('should count cost: operations that together cost more than the budget per minute are refused', async () => {
    const secret = await issue('Costly system');
    // a whole period read twice over is within the limit of one operation (about 200,000 of 500,000)
    const read = `period(id:$id){ id assessments { id entries { id selfScore evidence { id } history { version } } progress { criterionId selfTotal } } }`;
    const one = `query($id:ID!){ a: ${read} b: ${read} }`;
    let refusal: Awaited<ReturnType<typeof post>> | null = null;
    for (let i = 0; i < REQUESTS && !refusal; i++) {
      const r = await post(t.url, one, { id: w.periodId }, secret);
      if (r.status !== 200) refusal = r;
    }
    // three of them cost more than 500,000
    expect(refusal).not.toBeNull();
    expect(refusal!.status).toBe(429);
    expect(refusal!.body.errors![0].extensions.code).toBe('RATE_LIMITED');
    expect(refusal!.body.errors![0].message).toMatch(/a cost of 500,000 per minute \(this operation costs [\d,]+\)/);
  });
});

describe('a budget shared by server processes', () => {
  // a real Redis, as multi-process.test.ts uses (the suite's CI starts one), on every database
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  it('should be one budget for two processes on one Redis', async () => {
    const prefix = `chamdiem-test-budget-${process.pid}-${Math.random().toString(36).slice(2)}:`;
    const a = new Redis(url!);
    const b = new Redis(url!);
    try {
      // as in the server, which waits for Redis before it serves (a Redis not ready yet is counted in memory)
      await Promise.all([a, b].map((r) => (r.status === 'ready' ? undefined : new Promise((resolve) => r.once('ready', resolve)))));
      const one = new TokenBudget({ requestsPerMinute: 3, costPerMinute: 1000 }, { client: a, prefix });
      const two = new TokenBudget({ requestsPerMinute: 3, costPerMinute: 1000 }, { client: b, prefix });
      await one.take('token-1', 10);
      await two.take('token-1', 10);
      await one.take('token-1', 10);
      await expect(two.take('token-1', 10)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
      await expect(one.take('token-2', 10)).resolves.toBeUndefined();
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });
});
