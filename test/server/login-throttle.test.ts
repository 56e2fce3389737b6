/**
 * Sign-in throttling under pressure (issue 12, point 3), in memory and on Redis: parallel guesses
 * are counted before their passwords are checked, so no more than the allowance is ever tried;
 * the key is an account and an address together, so an attack from one address does not lock the
 * ADMIN out of another.
 */
import { Agent } from 'undici';
import { Role } from '../../server/src/modules/user/user.entity';
import { UserService } from '../../server/src/modules/user/user.service';
import { startTestApp, type TestApp } from '../helpers/app';
import { eventually } from '../helpers/socket';
import { PASSWORD } from '../helpers/world';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOGIN = `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`;
const ALLOWANCE = 5;

/** A sign-in sent from a given loopback address (127.0.0.0/8 all reach the server on 127.0.0.1). */
function signInFrom(t: TestApp, from: string) {
  const dispatcher = new Agent({ localAddress: from });
  const send = async (email: string, password: string) => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { e: email, p: password } }),
      dispatcher,
    } as RequestInit);
    const body = (await res.json()) as { data?: { login: { token: string } }; errors?: { extensions: { code: string; retryAfterSeconds?: number } }[] };
    return { token: body.data?.login?.token, code: body.errors?.[0]?.extensions.code, retryAfter: body.errors?.[0]?.extensions.retryAfterSeconds };
  };
  return Object.assign(send, { close: () => dispatcher.close() });
}

describe.each([
  ['in memory', null],
  ['on Redis', REDIS],
])('sign-in throttling %s', (_where, redisUrl) => {
  let t: TestApp;
  let attacker: ReturnType<typeof signInFrom>;
  let office: ReturnType<typeof signInFrom>;

  beforeAll(async () => {
    t = await startTestApp({ redisUrl, login: { maxFailures: ALLOWANCE, windowSeconds: 600, blockSeconds: 600, addressMaxFailures: 200 } });
    const users = new UserService(t.orm.em.fork() as never, t.config);
    for (const email of ['admin@test', 'admin2@test', 'staff@test']) {
      await users.insert({ email, name: email, role: Role.ADMIN, unit: null, password: PASSWORD });
    }
    attacker = signInFrom(t, '127.0.0.2');
    office = signInFrom(t, '127.0.0.3');
  });
  afterAll(async () => {
    await attacker?.close();
    await office?.close();
    await t?.close();
  });

  it('should try no more than the allowance of 40 parallel wrong guesses, and refuse the right password afterwards', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => attacker('admin@test', `wrong-${i}`)));
    const codes = answers.map((a) => a.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(ALLOWANCE);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(40 - ALLOWANCE);
    const right = await attacker('admin@test', PASSWORD);
    expect(right.token).toBeUndefined();
    expect(right.code).toBe('RATE_LIMITED');
    expect(right.retryAfter).toBeGreaterThan(0);
  });

  it('should let the ADMIN sign in from another address meanwhile', async () => {
    const r = await office('admin@test', PASSWORD);
    expect(r.code).toBeUndefined();
    expect(r.token).toEqual(expect.any(String));
  });

  it('should check at most the allowance of wrong passwords when the right one is among 40 parallel guesses', async () => {
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 29 ? PASSWORD : `wrong-${i}`));
    const answers = await Promise.all(guesses.map((p) => attacker('admin2@test', p)));
    const wrongTried = answers.filter((a) => a.code === 'UNAUTHENTICATED').length;
    expect(wrongTried).toBeLessThanOrEqual(ALLOWANCE);
    expect(wrongTried).toBeGreaterThanOrEqual(ALLOWANCE - 1);
    // every other answer is a refusal, except the right password if it came within the allowance
    const signedIn = answers.filter((a) => a.token).length;
    expect(signedIn).toBeLessThanOrEqual(1);
    expect(answers.filter((a) => a.code === 'RATE_LIMITED')).toHaveLength(40 - wrongTried - signedIn);
    if (!signedIn) expect(answers[29].code).toBe('RATE_LIMITED');
  });

  it('should give a right password its try back, so that signing in often is never throttled', async () => {
    for (let i = 0; i < ALLOWANCE * 3; i++) expect((await office('staff@test', PASSWORD)).token).toEqual(expect.any(String));
  });
});

describe.each([
  ['in memory', null],
  ['on Redis', REDIS],
])('sign-in blocks %s', (_where, redisUrl) => {
  let t: TestApp;
  const from: ReturnType<typeof signInFrom>[] = [];

  beforeAll(async () => {
    t = await startTestApp({ redisUrl, login: { maxFailures: 2, windowSeconds: 600, blockSeconds: 1, addressMaxFailures: 6 } });
    const users = new UserService(t.orm.em.fork() as never, t.config);
    for (const email of ['p@test', 'a1@test', 'a2@test', 'a3@test', 'a4@test']) {
      await users.insert({ email, name: email, role: Role.ADMIN, unit: null, password: PASSWORD });
    }
  });
  afterAll(async () => {
    for (const f of from) await f.close();
    await t?.close();
  });
  const at = (address: string) => {
    const f = signInFrom(t, address);
    from.push(f);
    return f;
  };

  it('should block an account and address for longer each time the allowance is used up', async () => {
    const guesser = at('127.0.0.4');
    const blocks: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) expect((await guesser('p@test', `wrong-${round}-${i}`)).code).toBe('UNAUTHENTICATED');
      const refused = await guesser('p@test', PASSWORD);
      expect(refused.code).toBe('RATE_LIMITED');
      blocks.push(refused.retryAfter!);
      // the block ends by itself: the right password signs in again (which gives its try back)
      await eventually(async () => !!(await guesser('p@test', PASSWORD)).token, 10_000, 'the block to end');
    }
    expect(blocks).toEqual([1, 2]);
  });

  it('should refuse an address that guesses across many accounts, but not the same accounts from elsewhere', async () => {
    const sprayer = at('127.0.0.5');
    for (const email of ['a1@test', 'a2@test', 'a3@test']) for (let i = 0; i < 2; i++) expect((await sprayer(email, `wrong-${i}`)).code).toBe('UNAUTHENTICATED');
    expect((await sprayer('a4@test', 'wrong')).code).toBe('RATE_LIMITED');
    expect((await sprayer('a4@test', PASSWORD)).code).toBe('RATE_LIMITED');
    expect((await at('127.0.0.6')('a4@test', PASSWORD)).token).toEqual(expect.any(String));
  });
});
