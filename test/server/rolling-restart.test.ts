import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { freePort, startHaproxy, type LoadBalancer } from '../helpers/haproxy';
import { normalize, Replica, STATE } from '../helpers/replica';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { eventually } from '../helpers/socket';
import { buildWorld, SAVE, type World } from '../helpers/world';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const VERSIONS = `query($id:ID!){assessment(id:$id){entries{criterion{code} version selfScore}}}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Longer than the load balancer needs to take a process out (two checks 250 ms apart): it stops sending before the process stops accepting. */
const DRAIN_DELAY_MS = 1000;

/** Distinct consecutive values per leaf (1.1: MANUAL, 0.25 steps up to 2; 2.3: up to 2). */
const pointsFor = (code: string, k: number) => (code === '1.1' ? ((k % 8) + 1) * 0.25 : ((k % 200) + 1) / 100);

/**
 * A rolling restart (issue 19): two server processes behind Debian's HAProxy, saves and live
 * copies going through it; each process in turn is sent SIGTERM and started again. No save is
 * lost that its client did not retry successfully, no event is missed by the copies (they catch
 * up by seq after reconnecting), and every socket is back within 5 s.
 */
describe('a rolling restart of two processes behind a load balancer', () => {
  let t: TestApp;
  let w: World;
  let lb: LoadBalancer;
  const ports: number[] = [];
  const procs: ServerProcess[] = [];
  const replicas: Replica[] = [];

  const startProcess = (i: number) => startServerProcess(t, { PORT: String(ports[i]), REDIS_URL: REDIS, DRAIN_DELAY_MS: String(DRAIN_DELAY_MS) });

  beforeAll(async () => {
    t = await startTestApp({ redisUrl: REDIS, liveWindowMs: 20 });
    w = await buildWorld(t);
    ports.push(await freePort(), await freePort());
    procs.push(await startProcess(0), await startProcess(1));
    lb = await startHaproxy(ports);
  }, 300_000);
  afterAll(async () => {
    for (const r of replicas) await r.dispose();
    await lb?.close();
    for (const p of procs) await p.stop('SIGKILL');
    await t?.close();
  });

  it('should lose no acknowledged save and no event, and bring every socket back within 5 s', async () => {
    for (const token of [w.tokens.leaderA, w.tokens.viewer]) {
      const r = new Replica(async () => lb.url, token, w.assessmentA);
      replicas.push(r);
      r.start();
    }
    await eventually(() => replicas.every((r) => r.synced), 20_000, 'the live copies to sync');

    // the load: one writer per leaf, each save retried (as the web client does) until it is in
    let running = true;
    const stats = { saved: 0, retried: 0, givenUp: 0 };
    const writer = async (code: string) => {
      for (let k = 0; running; k++) {
        const points = pointsFor(code, k);
        let done = false;
        for (let attempt = 0; attempt < 50 && !done; attempt++) {
          if (attempt > 0) {
            stats.retried++;
            await sleep(100);
          }
          try {
            const read = await gql(lb.url, VERSIONS, { id: w.assessmentA }, w.tokens.staffA);
            if (read.errors) continue;
            const entry = read.data.assessment.entries.find((e: any) => e.criterion.code === code);
            // an earlier attempt whose answer was lost may have been saved: then it is in
            if (attempt > 0 && entry.selfScore === points) {
              done = true;
              break;
            }
            const r = await gql(lb.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value: { points }, expectedVersion: entry.version } }, w.tokens.staffA);
            done = !r.errors;
          } catch {
            // the connection was cut: try again, through whichever process answers
          }
        }
        if (done) stats.saved++;
        else stats.givenUp++;
      }
    };
    const load = Promise.all(['1.1', '2.3'].map(writer));

    await sleep(1500);
    const restarts: { exitCode: number | null; tookMs: number }[] = [];
    for (const i of [0, 1]) {
      const started = Date.now();
      const exitCode = await procs[i].stop('SIGTERM');
      restarts.push({ exitCode, tookMs: Date.now() - started });
      procs[i] = await startProcess(i);
      await eventually(async () => (await fetch(`${procs[i].url}/ready`).catch(() => null))?.status === 200, 20_000, 'the restarted process to be ready');
      await sleep(1500);
    }
    running = false;
    await load;

    // both processes stopped cleanly, after draining
    expect(restarts.map((r) => r.exitCode)).toEqual([0, 0]);
    expect(restarts.every((r) => r.tookMs >= DRAIN_DELAY_MS)).toBe(true);
    // every save got in, some after a retry
    expect(stats.givenUp).toBe(0);
    expect(stats.saved).toBeGreaterThan(10);

    // the copies agree with the database: nothing missed, whatever process they were on
    const truth = normalize((await ok(lb.url, STATE, { id: w.assessmentA }, w.tokens.leaderA)).assessment);
    await eventually(() => replicas.every((r) => r.synced && r.seq === truth.seq), 20_000, 'the live copies to catch up');
    for (const r of replicas) expect(r.snapshot()).toEqual(truth);
    // each restart closed the sockets on it with 1001 "going away", and each came back within 5 s
    const closes = replicas.flatMap((r) => r.closes.map((c) => ({ ...c, back: r.connectedAt.find((at) => at >= c.at) })));
    expect(closes.length).toBeGreaterThan(0);
    for (const c of closes) {
      expect(c.code).toBe(1001);
      expect(c.back).toBeDefined();
      expect(c.back! - c.at).toBeLessThanOrEqual(5000);
    }
    expect(replicas.flatMap((r) => r.errors)).toEqual([]);
  }, 180_000);
});
