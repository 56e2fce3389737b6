/**
 * Faults, always on PostgreSQL + Redis (whatever database the rest of the suite runs on): real
 * server processes (`node server/dist/index.js`) reach both through TCP proxies on 127.0.0.1
 * (test/helpers/proxy.ts), which cut and restore their connections; the machine's own PostgreSQL
 * and Redis, shared with other tests, are never stopped.
 *
 * - A process killed with SIGKILL during sustained saves loses nothing it acknowledged, `seq`
 *   continues on the process that replaces it, and a live client resumes on the new process and
 *   ends equal to the database (docs/realtime.md, "Resuming").
 * - Redis dropped for a second: saves keep succeeding at once, and the live stream between two
 *   processes comes back by itself.
 * - The database unreachable for a few seconds: requests fail fast with UNAVAILABLE, /health is
 *   503, and the same process answers normally once it is back.
 *
 * FAULTS_DEBUG=1 prints the server processes' output after the run.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { startProxy, type TcpProxy } from '../helpers/proxy';
import { connect, eventually, type LiveClient, type Subscription } from '../helpers/socket';
import { buildWorld, SAVE, type World } from '../helpers/world';
import { normalize, Replica, STATE } from '../helpers/replica';
import { START_MS, startServerProcess } from '../helpers/server-process';

const PG_BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const UNAVAILABLE_MESSAGE = 'The database is unreachable; try again shortly.';

const HISTORY = `query($id:ID!){assessment(id:$id){seq entries{id criterion{code} version selfScore history{version new}}}}`;
const VERSIONS = `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `p`, or a clear failure after `ms` instead of a test that hangs. */
async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

interface Child {
  url: string;
  proc: ChildProcess;
  output(): string;
}

/** One acknowledged save: HTTP 200 without errors. */
interface Ack {
  assessmentId: string;
  code: string;
  version: number;
  selfScore: number;
}

/** Distinct, valid values per leaf: 1.1 is MANUAL on a 0.25 step up to 2; 2.3 up to 2; 2.2.1 up to 4.5. */
function pointsFor(code: string, k: number): number {
  if (code === '1.1') return ((k % 8) + 1) * 0.25;
  if (code === '2.2.1') return (((k * 7) % 450) + 1) / 100;
  return ((k % 200) + 1) / 100;
}

describe('faults on PostgreSQL + Redis', () => {
  let dbName: string;
  let dbUrl: string;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let t: TestApp;
  let w: World;
  const prefix = `chamdiem-faults-${process.pid}-${randomBytes(4).toString('hex')}:`;
  const children = new Set<ChildProcess>();
  const outputs: (() => string)[] = [];
  const sockets: LiveClient[] = [];
  const replicas: Replica[] = [];
  /** the process the later tests use (the one that replaced the killed one) */
  let current: Child | null = null;

  const killAll = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };

  async function startChild(): Promise<Child> {
    const p = await startServerProcess(t, { DATABASE_URL: pgProxy.via(dbUrl), REDIS_URL: redisProxy.via(REDIS), REDIS_PREFIX: prefix });
    children.add(p.child);
    outputs.push(p.output);
    return { url: p.url, proc: p.child, output: p.output };
  }

  const running = async (): Promise<Child> => {
    if (!current || current.proc.exitCode !== null || current.proc.signalCode !== null) current = await startChild();
    return current;
  };

  beforeAll(async () => {
    process.once('exit', killAll); // should the worker end without afterAll
    dbName = `chamdiem_faults_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new PgClient({ connectionString: PG_BASE });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(PG_BASE);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
    const pg = new URL(PG_BASE);
    const redis = new URL(REDIS);
    pgProxy = await startProxy({ host: pg.hostname, port: Number(pg.port || 5432) });
    redisProxy = await startProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    // in this process: the setup, and the second process of the Redis test; PostgreSQL directly
    t = await startTestApp({ databaseUrl: dbUrl, sqlitePath: '', redisUrl: redisProxy.via(REDIS), redisPrefix: prefix, liveWindowMs: 20 });
    w = await buildWorld(t);
  }, 40000);

  afterAll(async () => {
    // nothing below may wait on a proxy a failed test left cut
    pgProxy?.restore();
    redisProxy?.restore();
    const bounded = (p: Promise<unknown> | undefined, what: string) => within(Promise.resolve(p), 10000, what).catch((e) => process.stderr.write(`faults cleanup: ${e.message}\n`));
    await bounded(Promise.all([...replicas.map((r) => r.dispose()), ...sockets.map((s) => s.close())]), 'closing live clients');
    killAll();
    await bounded(Promise.all([...children].map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r))))), 'stopping server processes');
    await bounded(t?.close(), 'closing the test app');
    await bounded(Promise.all([pgProxy?.close(), redisProxy?.close()]), 'closing the proxies');
    if (dbName) {
      await bounded(
        (async () => {
          const admin = new PgClient({ connectionString: PG_BASE });
          await admin.connect();
          await admin.query(`drop database if exists ${dbName} with (force)`);
          await admin.end();
        })(),
        'dropping the database',
      );
    }
    process.removeListener('exit', killAll);
    if (process.env.FAULTS_DEBUG) for (const o of outputs) process.stderr.write(o() + '\n-----\n');
  }, 60000);

  /** Entries with their full history, by code. */
  async function history(url: string, assessmentId: string, token: string) {
    const a = (await ok(url, HISTORY, { id: assessmentId }, token)).assessment;
    const byCode = new Map<string, { version: number; history: { version: number; new: any }[] }>(a.entries.map((e: any) => [e.criterion.code, e]));
    const revisions = a.entries.reduce((n: number, e: any) => n + e.history.length, 0);
    return { seq: a.seq as number, byCode, revisions: revisions as number };
  }

  /**
   * A client that saves one value after another (never two at once) on its leaves, as a person
   * typing; a CONFLICT (someone saved the entry first) takes the current version and goes on.
   */
  function saver(o: { url: string; token: string; assessmentId: string; codes: string[]; offset: number; acks: Ack[]; until: () => boolean; crashed: () => boolean; inFlight: { n: number } }) {
    return (async () => {
      const versions = new Map<string, number>();
      const a = (await ok(o.url, VERSIONS, { id: o.assessmentId }, o.token)).assessment;
      for (const e of a.entries) versions.set(e.criterion.code, e.version);
      for (let k = o.offset; !o.until(); k++) {
        const code = o.codes[k % o.codes.length];
        const points = pointsFor(code, k);
        let r;
        o.inFlight.n++;
        try {
          r = await gql(o.url, SAVE, { i: { assessmentId: o.assessmentId, criterionId: w.criteria[code], value: { points }, expectedVersion: versions.get(code) } }, o.token);
        } catch (e) {
          if (o.crashed()) return; // the process died under this request: its outcome is unknown
          throw e;
        } finally {
          o.inFlight.n--;
        }
        if (r.status === 200 && !r.errors) {
          const entry = r.data.saveSelfScore.entry;
          versions.set(code, entry.version);
          expect(entry.selfScore).toBe(points);
          o.acks.push({ assessmentId: o.assessmentId, code, version: entry.version, selfScore: entry.selfScore });
        } else if (r.errors?.[0]?.extensions?.code === 'CONFLICT') {
          versions.set(code, r.errors[0].extensions.current.version);
        } else if (o.crashed()) {
          return;
        } else {
          throw new Error(`save failed: ${r.status} ${JSON.stringify(r.errors)}`);
        }
      }
    })();
  }

  it('should keep every acknowledged save, continue seq and let a live client converge after the server is killed with SIGKILL', async () => {
    const first = await startChild();
    current = first;
    let serverUrl = Promise.resolve(first.url);
    const before = { A: await history(first.url, w.assessmentA, w.tokens.leaderA), B: await history(first.url, w.assessmentB, w.tokens.leaderB) };

    // a leader watching A live on the first process
    const replica = new Replica(() => serverUrl, w.tokens.leaderA, w.assessmentA);
    replicas.push(replica);
    replica.start();
    await eventually(() => replica.synced, 10000, 'the live client to sync');

    // sustained saves: two people on the same entry, one on two others, one in another unit
    const acks: Ack[] = [];
    let killed = false;
    const inFlight = { n: 0 };
    const common = { url: first.url, acks, until: () => killed, crashed: () => killed, inFlight };
    const savers = [
      saver({ ...common, token: w.tokens.staffA, assessmentId: w.assessmentA, codes: ['1.1'], offset: 0 }),
      saver({ ...common, token: w.tokens.staffA, assessmentId: w.assessmentA, codes: ['1.1', '2.3'], offset: 3 }),
      saver({ ...common, token: w.tokens.leaderA, assessmentId: w.assessmentA, codes: ['2.2.1', '2.3'], offset: 5 }),
      saver({ ...common, token: w.tokens.staffB, assessmentId: w.assessmentB, codes: ['2.3'], offset: 7 }),
    ];
    const failed = Promise.all(savers).then(() => null, (e: Error) => e);
    await sleep(1200);
    await eventually(() => acks.length >= 8, 8000, 'acknowledged saves');
    await eventually(() => replica.seq > before.A.seq, 5000, 'the live client to see saves');
    // kill it with requests in flight
    await eventually(() => inFlight.n > 0, 2000, 'a save in flight');
    killed = true;
    let restarted!: (url: string) => void;
    serverUrl = new Promise((r) => (restarted = r));
    first.proc.kill('SIGKILL');
    const saverError = await failed;
    if (saverError) throw saverError;
    await eventually(() => first.proc.signalCode === 'SIGKILL', 5000, 'the process to die');

    // a new process on the same database
    const second = await startChild();
    current = second;
    const after = { A: await history(second.url, w.assessmentA, w.tokens.leaderA), B: await history(second.url, w.assessmentB, w.tokens.leaderB) };

    // every acknowledged save is there, with its history row
    expect(acks.length).toBeGreaterThanOrEqual(8);
    for (const ack of acks) {
      const e = (ack.assessmentId === w.assessmentA ? after.A : after.B).byCode.get(ack.code)!;
      expect(e.version).toBeGreaterThanOrEqual(ack.version);
      const row = e.history.find((h) => h.version === ack.version);
      expect({ ack, row: row ? { version: row.version, selfScore: row.new.selfScore } : null }).toEqual({ ack, row: { version: ack.version, selfScore: ack.selfScore } });
    }
    for (const key of ['A', 'B'] as const) {
      // one seq per change, one history row per change, one version per change: nothing lost, nothing doubled
      expect(after[key].seq - before[key].seq).toBe(after[key].revisions - before[key].revisions);
      for (const [code, e] of after[key].byCode) {
        const versions = e.history.map((h) => h.version);
        expect(new Set(versions).size).toBe(versions.length);
        expect(e.version - before[key].byCode.get(code)!.version).toBe(e.history.length - before[key].byCode.get(code)!.history.length);
      }
    }

    // seq continues from the database's
    const next = await gql(second.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.4'], value: { numerator: 95, denominator: 100 }, expectedVersion: after.A.byCode.get('1.4')!.version } }, w.tokens.staffA);
    expect(next.errors).toBeUndefined();
    expect(next.data.saveSelfScore.seq).toBe(after.A.seq + 1);
    expect(next.data.saveSelfScore.entry.selfScore).toBe(4); // 95 % ≥ 90 % → the full 4 points

    // more saves on the new process; the live client, which has been retrying since the kill,
    // finds the new process only now, and resumes while the saves go on
    const acks2: Ack[] = [];
    let stop = false;
    const common2 = { url: second.url, acks: acks2, until: () => stop, crashed: () => false, inFlight };
    const more = Promise.all([
      saver({ ...common2, token: w.tokens.staffA, assessmentId: w.assessmentA, codes: ['1.1', '2.3'], offset: 11 }),
      saver({ ...common2, token: w.tokens.leaderA, assessmentId: w.assessmentA, codes: ['2.2.1'], offset: 13 }),
    ]);
    await eventually(() => acks2.length > 0, 5000, 'saves on the new process');
    restarted(second.url);
    await eventually(() => replica.connections >= 2 && replica.synced, 15000, 'the live client to reconnect');
    const resumedAt = acks2.length;
    await eventually(() => acks2.length >= resumedAt + 2, 5000, 'saves after the live client resumed');
    stop = true;
    await more;
    expect(acks2.length).toBeGreaterThan(0);
    const truth = normalize((await ok(second.url, STATE, { id: w.assessmentA }, w.tokens.leaderA)).assessment);
    await eventually(() => replica.seq === truth.seq, 5000, `the live client to reach seq ${truth.seq}`).catch(() => undefined);
    expect(replica.errors).toEqual([]);
    expect(replica.snapshot()).toEqual(truth);
    expect(replica.refetches).toBeGreaterThanOrEqual(2); // the first sync and the one after the reconnect
  }, 2 * START_MS + 50000);

  it('should keep saving while Redis is cut, and bring the live stream between processes back by itself', async () => {
    const child = await running();
    const EV = `subscription($id:ID!){assessmentEvents(assessmentId:$id){fromSeq seq entry{code selfScore}}}`;
    const onChild = connect(child.url, w.tokens.leaderA);
    const onHere = connect(t.url, w.tokens.viewer);
    sockets.push(onChild, onHere);
    const subChild = onChild.subscribe<any>(EV, { id: w.assessmentA });
    const subHere = onHere.subscribe<any>(EV, { id: w.assessmentA });
    let k = 20;
    const saveOn = async (url: string, code: string) => {
      const points = pointsFor(code, k++);
      const version = (await ok(url, VERSIONS, { id: w.assessmentA }, w.tokens.staffA)).assessment.entries.find((e: any) => e.criterion.code === code).version;
      const started = Date.now();
      const r = await gql(url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value: { points }, expectedVersion: version } }, w.tokens.staffA);
      return { r, ms: Date.now() - started, points, seq: r.data?.saveSelfScore?.seq as number };
    };
    const sees = (sub: { events: any[] }, seq: number) => sub.events.some((e) => e.assessmentEvents.seq >= seq);
    /** saves on one process until a subscriber on the other receives the save (within `ms`) */
    const reaches = async (url: string, sub: Subscription<any>, code: string, ms: number) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const s = await saveOn(url, code);
        expect(s.r.errors).toBeUndefined();
        const received = await sub.until((ev) => ev.some((e) => e.assessmentEvents.seq >= s.seq), 400).then(() => true, () => false);
        if (received) return;
        if (Date.now() > deadline) throw new Error(`the save on ${url} did not reach the other process within ${ms} ms`);
      }
    };
    // both ways before the cut
    await reaches(t.url, subChild, '2.3', 10000);
    await reaches(child.url, subHere, '2.3', 5000);

    // Redis unreachable for about a second: saves still answer at once
    redisProxy.cut();
    const cutAt = Date.now();
    await sleep(150);
    const duringChild = await within(saveOn(child.url, '2.2.1'), 3000, 'a save on the child during the cut');
    const duringHere = await within(saveOn(t.url, '2.3'), 3000, 'a save on this process during the cut');
    for (const d of [duringChild, duringHere]) {
      expect(d.r.errors).toBeUndefined();
      expect(d.r.status).toBe(200);
      expect(d.ms).toBeLessThan(1500);
    }
    // each process's own subscribers still get its saves; the other process's are lost for now
    await eventually(() => sees(subChild, duringChild.seq) && sees(subHere, duringHere.seq), 3000, 'local delivery during the cut');
    await sleep(Math.max(0, 1000 - (Date.now() - cutAt)));
    redisProxy.restore();

    // the stream comes back both ways without anyone restarting anything
    await reaches(t.url, subChild, '1.1', 12000);
    await reaches(child.url, subHere, '1.1', 8000);
    // and the subscribers can tell what they missed: a fromSeq beyond their last seq + 1
    const gapIn = (events: any[]) => events.some((e, i) => i > 0 && e.assessmentEvents.fromSeq > events[i - 1].assessmentEvents.seq + 1);
    expect(gapIn(subChild.events)).toBe(true);
    expect(gapIn(subHere.events)).toBe(true);
    expect(subChild.errors).toEqual([]);
    expect(subHere.errors).toEqual([]);
  }, START_MS + 40000);

  it('should answer UNAVAILABLE fast while the database is unreachable and recover without a restart', async () => {
    const child = await running();
    const pid = child.proc.pid;
    const QUERY = `query($id:ID!){assessment(id:$id){seq}}`;
    const health = async () => {
      const started = Date.now();
      const res = await fetch(`${child.url}/health`);
      return { status: res.status, ms: Date.now() - started };
    };
    const before = (await ok(child.url, QUERY, { id: w.assessmentA }, w.tokens.leaderA)).assessment.seq;
    expect((await health()).status).toBe(200);

    // refused: every connection reset at once, as when PostgreSQL is down
    pgProxy.cut();
    const cutAt = Date.now();
    let rounds = 0;
    while (Date.now() - cutAt < 2000) {
      const started = Date.now();
      // a signed-in request fails as a whole (503): where the caller was kept by the process
      // (common/viewer-cache.ts), at the first field that reads the database, else at the lookup
      const query = await within(gql(child.url, QUERY, { id: w.assessmentA }, w.tokens.leaderA), 10000, 'a query');
      const save = await within(gql(child.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['2.3'], value: { points: 1 }, expectedVersion: 0 } }, w.tokens.staffA), 10000, 'a save');
      // an anonymous one (signing in): fails in its resolver
      const login = await within(gql(child.url, `mutation{login(email:"staff.a@test",password:"password-123"){token}}`), 10000, 'a login');
      const h = await within(health(), 10000, '/health');
      const ms = Date.now() - started;
      for (const r of [query, save]) {
        expect(r.status).toBe(503);
        expect(r.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([[UNAVAILABLE_MESSAGE, 'UNAVAILABLE']]);
        expect(Object.values(r.data ?? {}).filter((v) => v !== null)).toEqual([]); // nothing answered
      }
      expect(login.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([[UNAVAILABLE_MESSAGE, 'UNAVAILABLE']]);
      expect(h.status).toBe(503);
      expect(ms).toBeLessThan(5000); // four requests, none waiting for a timeout
      rounds++;
      await sleep(200);
    }
    expect(rounds).toBeGreaterThan(0);

    // silent: connections accepted and never answered, as when its host drops off the network;
    // without the connection and pool timeouts these would wait for a minute
    pgProxy.cut({ mode: 'blackhole' });
    const silentAt = Date.now();
    const [silentQuery, silentHealth] = await within(
      Promise.all([gql(child.url, QUERY, { id: w.assessmentA }, w.tokens.leaderA).then((r) => ({ r, ms: Date.now() - silentAt })), health()]),
      15000,
      'requests to a silent database',
    );
    expect(silentHealth.status).toBe(503);
    expect(silentHealth.ms).toBeLessThan(4500);
    expect(silentQuery.r.status).toBe(503);
    expect(silentQuery.r.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([[UNAVAILABLE_MESSAGE, 'UNAVAILABLE']]);
    expect(silentQuery.ms).toBeLessThan(8000);
    pgProxy.restore();

    // the same process answers again
    await eventually(async () => (await health()).status === 200, 10000, '/health to answer 200');
    expect((await ok(child.url, QUERY, { id: w.assessmentA }, w.tokens.leaderA)).assessment.seq).toBe(before);
    const version = (await ok(child.url, VERSIONS, { id: w.assessmentA }, w.tokens.staffA)).assessment.entries.find((e: any) => e.criterion.code === '2.3').version;
    const saved = await gql(child.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['2.3'], value: { points: 1.23 }, expectedVersion: version } }, w.tokens.staffA);
    expect(saved.errors).toBeUndefined();
    expect(saved.data.saveSelfScore.seq).toBe(before + 1);
    expect(saved.data.saveSelfScore.entry.selfScore).toBe(1.23);
    const login = await gql(child.url, `mutation{login(email:"staff.a@test",password:"password-123"){token}}`);
    expect(login.errors).toBeUndefined();
    expect(child.proc.pid).toBe(pid);
    expect(child.proc.exitCode).toBeNull();
  }, START_MS + 40000);
});
