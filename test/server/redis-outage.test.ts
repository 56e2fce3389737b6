/**
 * Redis going away (issue 12, point 7): the server runs against a private `redis-server` on a
 * free port of 127.0.0.1 that this test kills and restarts (the machine's shared Redis is never
 * touched). While it is down, sign-in still answers (throttled in memory), presence answers and
 * says it is degraded, and the log says so once per outage, not once per call; once Redis is
 * back, presence is shared again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, PASSWORD, type World } from '../helpers/world';

const LOGIN = `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`;
const UPDATE = `mutation($a:ID!,$s:String!,$c:ID){updatePresence(assessmentId:$a,sessionId:$s,criterionId:$c)}`;
const PRESENCE = `subscription($id:ID!){presence(assessmentId:$id){degraded members{userId criterionId}}}`;

/** An answer within `ms`, or a failure saying what hung (this checks for a hang, it does not time anything). */
async function answers<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** A private redis-server without persistence; resolves once it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
  return proc;
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}

describe('while Redis is down', () => {
  let port: number;
  let redis: ChildProcess;
  let t: TestApp;
  let w: World;
  const lines: { level: number; msg: string; dependency?: string }[] = [];
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const log = pino({ level: 'info', base: undefined }, sink);
    t = await startTestApp({ redisUrl: `redis://127.0.0.1:${port}`, redisCommandTimeoutMs: 500 }, { log });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
    if (redis) await stop(redis);
  });

  it('should sign in, keep presence answering (marked degraded) and log the outage once, then share presence again when Redis is back', async () => {
    const watcher = connect(t.url, w.tokens.leaderA, { lazy: false });
    clients.push(watcher);
    const sub = watcher.subscribe<any>(PRESENCE, { id: w.assessmentA });
    await sub.until((ev) => ev.length > 0);
    expect(sub.events[0].presence.degraded).toBe(false);
    await gql(t.url, UPDATE, { a: w.assessmentA, s: 'tab-before-outage', c: null }, w.tokens.staffA);
    await sub.until((ev) => ev.some((e: any) => e.presence.members.some((m: any) => m.userId === w.userIds.staffA)));

    await stop(redis);

    // sign-in answers (throttling counts in memory meanwhile), again and again
    for (let i = 0; i < 3; i++) {
      const r = await answers(gql(t.url, LOGIN, { e: 'staff2.a@test', p: PASSWORD }), 5000, 'sign-in');
      expect(r.errors).toBeUndefined();
      expect(r.data.login.token).toEqual(expect.any(String));
    }
    // and still throttles, counting in this process: the allowance (5), then refused
    for (let i = 0; i < 5; i++) {
      const wrong = await answers(gql(t.url, LOGIN, { e: 'viewer@test', p: `wrong-${i}` }), 5000, 'a wrong sign-in');
      expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const throttled = await answers(gql(t.url, LOGIN, { e: 'viewer@test', p: PASSWORD }), 5000, 'a throttled sign-in');
    expect(throttled.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

    // presence answers and says it is degraded; this process's own sessions are still shown
    for (let i = 0; i < 3; i++) {
      const r = await answers(gql(t.url, UPDATE, { a: w.assessmentA, s: 'tab-during-outage', c: w.criteria['1.1'] }, w.tokens.staffA2), 5000, 'updatePresence');
      expect(r.errors).toBeUndefined();
      expect(r.data.updatePresence).toBe(true);
    }
    await sub.until((ev) => {
      const last = ev[ev.length - 1].presence;
      return last.degraded && last.members.some((m: any) => m.userId === w.userIds.staffA2 && m.criterionId === w.criteria['1.1']);
    });
    // a new presence subscription starts and gets its snapshot
    const late = connect(t.url, w.tokens.viewer, { lazy: false });
    clients.push(late);
    const lateSub = late.subscribe<any>(PRESENCE, { id: w.assessmentA });
    await answers(lateSub.until((ev) => ev.length > 0), 5000, 'a presence subscription');
    expect(lateSub.events[0].presence.degraded).toBe(true);

    // the log says so once per outage: one warning per connection and one for presence, however
    // many calls failed and however often the connections retried meanwhile
    const warned = (what: string) => lines.some((l) => l.level === 40 && l.dependency === what);
    await eventually(() => ['redis commands', 'redis subscribe', 'presence store'].every(warned), 10000, 'the outage warnings');
    for (let i = 0; i < 3; i++) await gql(t.url, UPDATE, { a: w.assessmentA, s: 'tab-during-outage', c: null }, w.tokens.staffA2);
    await new Promise((r) => setTimeout(r, 1000)); // several reconnect attempts fail meanwhile
    const warnings = lines.filter((l) => l.level === 40 && / unavailable$/.test(l.msg));
    const byWhat = new Map<string, number>();
    for (const l of warnings) byWhat.set(l.dependency!, (byWhat.get(l.dependency!) ?? 0) + 1);
    expect(byWhat.get('presence store')).toBe(1);
    expect(byWhat.get('redis commands')).toBe(1);
    for (const n of byWhat.values()) expect(n).toBe(1);

    // back: presence is shared again, and the log says that too
    redis = await startRedis(port);
    await answers(
      (async () => {
        for (;;) {
          await gql(t.url, UPDATE, { a: w.assessmentA, s: 'tab-after-outage', c: null }, w.tokens.staffA);
          if (sub.events[sub.events.length - 1].presence.degraded === false) return;
          await new Promise((r) => setTimeout(r, 200));
        }
      })(),
      15000,
      'presence back on Redis',
    );
    expect(lines.some((l) => l.dependency === 'presence store' && l.msg === 'presence store back')).toBe(true);
  });
});
