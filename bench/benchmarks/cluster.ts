/**
 * 9. Several processes (issue 19): two server processes on one PostgreSQL + Redis behind Debian's
 * HAProxy (bench/lib/haproxy.ts, configured as docs/deploy.md says). Saves at saturation through
 * the load balancer against one process alone, in the same run; K subscribers of one assessment
 * split across the two processes (the load balancer spreads the sockets) against K on one process.
 */
import { settle, type CpuShare, type Ctx, type Figure, type Section } from '../lib/context';
import { generateFramework } from '../lib/framework';
import { GqlClient } from '../lib/gql';
import { startHaproxy, type LoadBalancer } from '../lib/haproxy';
import { limitText } from '../lib/limits';
import { startPeer, startServer, type Proc } from '../lib/server';
import { median, round } from '../lib/stats';
import { buildWorld } from '../lib/world';

interface Step {
  offered: number;
  throughput: number;
  p99: number;
  ok: number;
  sent: number;
  errors: Record<string, number>;
  cpu: CpuShare;
}

interface FanPoint {
  where: 'one process' | 'two processes';
  k: number;
  p50: number;
  p99: number;
  delivered: number;
  socketsFailed: number;
  cpu: CpuShare;
}

const portOf = (url: string) => Number(new URL(url).port);
const SATURATED = (s: Step) => s.throughput < 0.9 * s.offered || s.p99 > 1000 || s.ok < 0.99 * s.sent;

export async function clusterBenchmark(ctx: Ctx): Promise<Section> {
  const { quick, runs } = ctx.opts;
  // several processes share PostgreSQL and Redis whatever --db says: SQLite is one machine's
  const first = await startServer('postgres', { EVIDENCE_STORE: 'database' });
  let second: Proc | null = null;
  let lb: LoadBalancer | null = null;
  const gql = new GqlClient(first.url);
  try {
    second = await startPeer(first, { EVIDENCE_STORE: 'database' });
    const k = quick ? 200 : 10_000;
    lb = await startHaproxy([portOf(first.url), portOf(second.url)]);
    ctx.log(`9. cluster: ${first.url} (pid ${first.pid}) and ${second.url} (pid ${second.pid}) behind HAProxy ${lb.url} (pid ${lb.pid}), PostgreSQL + Redis`);
    const both = { pid: first.pid, backendPids: first.backendPids, redisPid: first.redisPid, postmasterPid: first.postmasterPid, peerPids: [second.pid, lb.pid] };
    const fw = generateFramework({ code: 'BENCH-CLUSTER', criteria: 150, maxDepth: 3, groups: 5 });
    const units = quick ? 5 : 20;
    const world = await buildWorld(gql, { name: 'cluster', units, framework: fw, staff: true, viewer: true });
    const leaves = world.leaves.map((l) => ({ id: l.id, method: l.method, max: l.max }));
    const writers = world.assessments.map((a) => ({ token: a.staffToken, assessmentId: a.id, leaves }));

    // saves at saturation: one process alone, then both through the load balancer, in turn per run
    const stepMs = quick ? 1000 : 3000;
    const drainMs = quick ? 2000 : 5000;
    const rates = quick ? [100, 300] : [200, 400, 600, 800, 1000, 1300, 1600, 2000];
    const ladder = async (url: string, server: typeof both | typeof first): Promise<Step[]> => {
      await ctx.gen.call('initSaves', { url, writers });
      await ctx.gen.call('openLoop', { url, op: 'save', rate: quick ? 20 : 100, durationMs: quick ? 300 : 2000, drainMs, connections: 100 });
      const steps: Step[] = [];
      for (const rate of rates) {
        await settle(first.pid);
        await ctx.gen.call('resyncSaves', { url });
        const { result: r, cpu } = await ctx.measure<any>(server, 'openLoop', { url, op: 'save', rate, durationMs: stepMs, drainMs, connections: 200 });
        const step: Step = { offered: rate, throughput: r.throughput, p99: r.latency.p99, ok: r.ok, sent: r.sent, errors: r.errors, cpu };
        steps.push(step);
        ctx.log(`   ${url === lb!.url ? 'two processes' : 'one process'} ${rate}/s: ${round(step.throughput)}/s ok, p99 ${round(step.p99)} ms, errors ${JSON.stringify(r.errors)}; servers ${Math.round(cpu.server * 100)} %, PostgreSQL ${Math.round(cpu.db * 100)} %, generator ${Math.round(cpu.generator * 100)} %, machine ${Math.round(cpu.machine * 100)} %`);
        if (SATURATED(step)) break;
      }
      return steps;
    };
    const capacity = (steps: Step[]) => Math.max(...steps.map((s) => s.throughput));
    const peak = (steps: Step[]) => steps.reduce((a, b) => (b.throughput > a.throughput ? b : a));
    const single: Step[][] = [];
    const cluster: Step[][] = [];
    for (let run = 1; run <= runs; run++) {
      ctx.log(`   run ${run}/${runs}`);
      single.push(await ladder(first.url, first));
      cluster.push(await ladder(lb.url, both));
    }
    const singleCap = single.map(capacity);
    const clusterCap = cluster.map(capacity);
    const ratios = clusterCap.map((c, i) => c / singleCap[i]);

    // fan-out: K subscribers of one assessment, split by the load balancer, then K on one process
    const writer = (url: string) => ({ kind: 'chamdiem', url, writers: writers.slice(0, 1).map((w) => ({ ...w, token: world.assessments[0].leaderToken })) });
    /** `count` subscribers, spread evenly over `urls`; the writer saves through `url` */
    const fan = async (where: FanPoint['where'], url: string, urls: string[], count: number, server: typeof both | typeof first): Promise<FanPoint> => {
      await ctx.gen.call('closeSockets');
      await settle(first.pid);
      let sub = { sockets: 0, failed: 0, firstErrors: [] as string[] };
      for (const [i, to] of urls.entries()) {
        const share = Math.floor(count / urls.length) + (i < count % urls.length ? 1 : 0);
        const r = await ctx.gen.call<{ sockets: number; failed: number; firstErrors: string[] }>('subscribe', { url: to, token: world.viewerToken, topics: [world.assessments[0].id], count: share, concurrency: 64 });
        sub = { sockets: r.sockets, failed: sub.failed + r.failed, firstErrors: [...sub.firstErrors, ...r.firstErrors] };
      }
      if (sub.failed) ctx.log(`   ${sub.failed} sockets failed to open: ${sub.firstErrors.join(' | ')}`);
      const pr = await ctx.gen.call<{ expected: number; reached: number }>('probe', { writer: writer(url), timeoutMs: 60_000 });
      if (pr.reached < pr.expected) ctx.log(`   probe: only ${pr.reached}/${pr.expected} subscribers live`);
      await settle(first.pid);
      const windows: { w: any; cpu: CpuShare }[] = [];
      for (let r = 0; r < runs; r++) {
        const { result: w, cpu } = await ctx.measure<any>(server, 'fanoutWindow', { writer: writer(url), rate: 10, durationMs: quick ? 1000 : 2000, graceMs: 5000 });
        windows.push({ w, cpu });
      }
      const m = (f: (x: { w: any; cpu: CpuShare }) => number) => median(windows.map(f));
      const point: FanPoint = {
        where,
        k: sub.sockets,
        p50: m((x) => x.w.latency.p50),
        p99: m((x) => x.w.latency.p99),
        delivered: m((x) => x.w.covered / Math.max(1, x.w.expected)),
        socketsFailed: sub.failed,
        cpu: windows[windows.length >> 1].cpu,
      };
      ctx.log(`   fan-out ${where} K=${point.k}: p50 ${round(point.p50)} ms, p99 ${round(point.p99)} ms, delivered ${round(point.delivered * 100, 2)} %, servers ${Math.round(point.cpu.server * 100)} %`);
      return point;
    };
    // the sockets go straight to each process, half each, as the load balancer's round robin would
    // spread them: through it, 10,000 sockets need 20,000 descriptors, the limit on this machine
    const split = await fan('two processes', lb.url, [first.url, second.url], k, both);
    const oneK = quick ? 200 : 5000;
    const alone = await fan('one process', first.url, [first.url], oneK, first);
    await ctx.gen.call('closeSockets');

    const holds = (p: FanPoint) => p.p99 <= 100 && p.delivered >= 1 && p.socketsFailed === 0;
    const figures: Figure[] = [
      {
        bench: 9,
        name: `Cluster: saves at saturation, two processes behind HAProxy ÷ one process (${round(median(clusterCap))} vs ${round(median(singleCap))} /s)`,
        target: '≥ 1.3×',
        value: median(ratios),
        unit: '×',
        runs: ratios,
        met: median(ratios) >= 1.3,
        limit: limitText(peak(cluster[cluster.length >> 1]).cpu, 'postgres', [
          'two cores for two server processes, PostgreSQL, Redis, HAProxy and the generator: the machine, not a process, is the limit once both are busy',
        ]),
      },
      {
        bench: 9,
        name: `Cluster: p99 commit → subscriber, ${split.k.toLocaleString('en-US')} subscribers of one assessment split across two processes (p50 ${round(split.p50)} ms, ${round(split.delivered * 100, 2)} % delivered)`,
        target: '≤ 100 ms, every message delivered',
        value: split.p99,
        unit: 'ms',
        runs: [],
        met: holds(split),
        limit: limitText(split.cpu, 'postgres', ['each process serializes an event once and writes it to its half of the sockets; Redis carries it from the writer’s process to the other']),
      },
      {
        bench: 9,
        name: `Fan-out on one process: p99 with ${alone.k.toLocaleString('en-US')} subscribers of one assessment (p50 ${round(alone.p50)} ms, ${round(alone.delivered * 100, 2)} % delivered)`,
        target: '≤ 100 ms at 5,000',
        value: alone.p99,
        unit: 'ms',
        runs: [],
        met: holds(alone) && alone.k >= 5000,
        limit: limitText(alone.cpu, 'postgres', ['one JavaScript thread writes every socket in turn']),
      },
    ];
    const detail = [
      `Two server processes (\`node server/dist/index.js\`, each its own data folder, \`EVIDENCE_STORE=database\`) on one PostgreSQL database and one Redis, behind HAProxy ${'(round robin, `/ready` checked every 250 ms, WebSocket tunnels)'}; ${units} units, a ${fw.criteria}-criterion framework, every leaf assigned to each unit's STAFF, all set up through the API. **Saves**: open-loop arrivals for ${stepMs / 1000} s per step, stepped up until saturation (throughput < 90 % of offered, p99 > 1 s or > 1 % errors), against the first process alone and then through the load balancer, in turn in each of ${runs} runs. **Fan-out**: one VIEWER socket per subscriber, half opened on each process (straight, not through HAProxy: 10,000 sockets through it would need 20,000 file descriptors, this machine's limit) or all on the first, a LEADER saving 10/s through the load balancer or to the first process; latency = reading the message − the event's \`at\`.`,
      '',
      '| run | one process /s | two processes /s | ratio |',
      '| ---: | ---: | ---: | ---: |',
      ...ratios.map((r, i) => `| ${i + 1} | ${round(singleCap[i])} | ${round(clusterCap[i])} | ${round(r, 2)} |`),
      '',
      '| subscribers | where | p50 ms | p99 ms | delivered | sockets failed |',
      '| ---: | --- | ---: | ---: | ---: | ---: |',
      ...[split, alone].map((p) => `| ${p.k.toLocaleString('en-US')} | ${p.where} | ${round(p.p50)} | ${round(p.p99)} | ${round(p.delivered * 100, 2)} % | ${p.socketsFailed} |`),
      '',
    ];
    return { bench: 9, title: 'Several processes', figures, detail, raw: { single, cluster, split, alone } };
  } finally {
    await ctx.gen.call('closeSockets').catch(() => undefined);
    await gql.close();
    await lb?.close();
    await second?.stop();
    await first.stop();
  }
}
