/**
 * 10. A national round on one machine (issue 19): one server process on PostgreSQL + Redis with a
 * period of 11,000 units × 120 leaves (1.32 M entries) and 22,000 people, under a mixed load for
 * 10 minutes: saves by staff across many units, leaders' and viewers' live subscriptions (some on
 * hot assessments), progress trees, myAssignments, presence refreshes and sign-ins; then the
 * period's results. Units and people are written straight into the database (through the API
 * they would take hours); the framework, the period and everything measured go through the API.
 *
 * Every ratio is taken against figures of the same run: the save p99 against benchmark 1's world
 * (20 units) at the same rate on a fresh server; opening the period and computing its results
 * against a 200 × 500 period (benchmark 5's size) on the same server.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { settle, type CpuShare, type Ctx, type Figure, type Section } from '../lib/context';
import { generateFramework, type GeneratedFramework } from '../lib/framework';
import { GqlClient } from '../lib/gql';
import { freePort } from '../lib/haproxy';
import { Inspector, type HeapUsage } from '../lib/inspector';
import { limitText } from '../lib/limits';
import { COMPUTE_RESULTS } from '../lib/ops';
import { processMemory } from '../lib/proc';
import { startServer, type ServerHandle } from '../lib/server';
import { median, round } from '../lib/stats';
import { adminToken, buildWorld, importFramework, login, mapLimit, PASSWORD } from '../lib/world';
import { fillScores } from './results';

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SATURATED = (s: { offered: number; throughput: number; p99: number; ok: number; sent: number }) =>
  s.throughput < 0.9 * s.offered || s.p99 > 1000 || s.ok < 0.99 * s.sent;

interface Sizes {
  units: number;
  /** STAFF who save (one per unit, the first units) */
  writers: number;
  /** LEADERs with a socket on their own assessment (the first units) */
  leaders: number;
  /** VIEWER sockets spread over the hot assessments */
  viewers: number;
  hot: number;
  durationMs: number;
  sampleMs: number;
  /** presence sessions (each refreshes every 5 s, as the web client does) */
  presenceSessions: number;
  progressRate: number;
  assignmentsRate: number;
  loginRate: number;
  refWindowMs: number;
  /** saves a second during the load; unset: half the saturation of benchmark 1's world measured first */
  saveRate?: number;
  smallUnits: number;
  smallShape: number[];
}

const FULL: Sizes = {
  units: 11_000,
  writers: 1000,
  leaders: 2500,
  viewers: 500,
  hot: 10,
  durationMs: 600_000,
  sampleMs: 30_000,
  presenceSessions: 500,
  progressRate: 10,
  assignmentsRate: 10,
  loginRate: 2,
  refWindowMs: 30_000,
  smallUnits: 200,
  smallShape: [10, 5, 10],
};
const QUICK: Sizes = {
  units: 300,
  writers: 50,
  leaders: 100,
  viewers: 50,
  hot: 5,
  durationMs: 60_000,
  sampleMs: 10_000,
  presenceSessions: 50,
  progressRate: 5,
  assignmentsRate: 5,
  loginRate: 1,
  refWindowMs: 5000,
  smallUnits: 20,
  smallShape: [5, 5, 4],
};

/** Units (and with `people`, a LEADER and a STAFF each) written straight into the database. */
async function insertUnits(pg: Client, tag: string, kind: string, count: number, passwordHash: string | null): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (let i = 0; i < count; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    await pg.query(
      `insert into unit (id, created_at, updated_at, code, name, kind)
       select id, now(), now(), $2 || '-' || (n + $3), 'Đơn vị ' || $2 || ' ' || (n + $3), $4 from unnest($1::uuid[]) with ordinality as t(id, n)`,
      [chunk, tag, i, kind],
    );
    if (passwordHash) {
      const lower = tag.toLowerCase();
      await pg.query(
        `insert into "user" (id, created_at, updated_at, email, name, role, unit_id, password_hash, active, session_epoch)
         select gen_random_uuid(), now(), now(), p.prefix || '.' || $2 || (n + $3) || '@bench.local', p.title || ' ' || (n + $3), p.role, t.id, $4, true, 0
         from unnest($1::uuid[]) with ordinality as t(id, n)
         cross join (values ('lanhdao', 'Lãnh đạo', 'LEADER'), ('canbo', 'Cán bộ', 'STAFF')) as p(prefix, title, role)`,
        [chunk, lower, i, passwordHash],
      );
    }
  }
  return ids;
}

const accountOf = (tag: string, role: 'lanhdao' | 'canbo', i: number) => `${role}.${tag.toLowerCase()}${i + 1}@bench.local`;

/** createPeriod + setPeriodPhase(SELF_ASSESSMENT), timed from the first request to the second answer. */
async function openPeriod(gql: GqlClient, admin: string, name: string, frameworkId: string, unitIds: string[]): Promise<{ id: string; createS: number; openS: number }> {
  const t0 = performance.now();
  const p = await gql.ok(`mutation($i:CreatePeriodInput!){createPeriod(input:$i){id}}`, { i: { name, frameworkId, year: 2026, unitIds } }, admin);
  const t1 = performance.now();
  await gql.ok(`mutation($id:ID!){setPeriodPhase(id:$id,phase:SELF_ASSESSMENT){id}}`, { id: p.createPeriod.id }, admin);
  const t2 = performance.now();
  return { id: p.createPeriod.id, createS: (t1 - t0) / 1000, openS: (t2 - t0) / 1000 };
}

interface MemorySample {
  atS: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** after a full collection (taken at the start, the middle and the end of the load) */
  collected: HeapUsage | null;
}

export async function nationalBenchmark(ctx: Ctx): Promise<Section> {
  const { quick, runs } = ctx.opts;
  // BENCH_NATIONAL_SIZES='{"durationMs":120000}' changes sizes, for looking into a figure (the report says which)
  const size: Sizes = { ...(quick ? QUICK : FULL), ...(JSON.parse(process.env.BENCH_NATIONAL_SIZES ?? '{}') as Partial<Sizes>) };
  ctx.log(`10. national round: ${size.units.toLocaleString('en-US')} units × 120 leaves, ${(size.units * 2).toLocaleString('en-US')} people, ${size.durationMs / 1000} s of mixed load (PostgreSQL + Redis)`);

  // ---- the reference: benchmark 1's world (20 units) on a fresh server, saturation and p99 at half of it
  const ref = await startServer('postgres');
  let rate = 0;
  let refLatency: { p50: number; p99: number; n: number } = { p50: NaN, p99: NaN, n: 0 };
  let refPeak: { throughput: number; cpu: CpuShare } | null = null;
  const refLadder: { offered: number; throughput: number; p99: number; errors: Record<string, number> }[] = [];
  try {
    const gql = new GqlClient(ref.url);
    const fw = generateFramework({ code: 'BENCH-SAVES', criteria: 150, maxDepth: 3, groups: 5 });
    const world = await buildWorld(gql, { name: 'saves', units: quick ? 5 : 20, framework: fw, staff: true });
    await gql.close();
    await ctx.gen.call('initSaves', {
      url: ref.url,
      writers: world.assessments.map((a) => ({ token: a.staffToken, assessmentId: a.id, leaves: world.leaves.map((l) => ({ id: l.id, method: l.method, max: l.max })) })),
    });
    await ctx.gen.call('openLoop', { url: ref.url, op: 'save', rate: 100, durationMs: quick ? 1000 : 5000, drainMs: 5000, connections: 100 });
    for (const offered of quick ? [100, 300, 600] : [100, 200, 300, 500, 800, 1200, 1600]) {
      await settle(ref.pid);
      await ctx.gen.call('resyncSaves', { url: ref.url });
      const { result: r, cpu } = await ctx.measure<any>(ref, 'openLoop', { url: ref.url, op: 'save', rate: offered, durationMs: 3000, drainMs: 5000, connections: 100 });
      refLadder.push({ offered, throughput: r.throughput, p99: r.latency.p99, errors: r.errors });
      if (!refPeak || r.throughput > refPeak.throughput) refPeak = { throughput: r.throughput, cpu };
      ctx.log(`   reference saves ${offered}/s: ${round(r.throughput)}/s ok, p99 ${round(r.latency.p99)} ms`);
      if (SATURATED({ offered, throughput: r.throughput, p99: r.latency.p99, ok: r.ok, sent: r.sent })) break;
    }
    rate = size.saveRate ?? Math.max(10, Math.round(refPeak!.throughput / 2 / 10) * 10);
    await settle(ref.pid);
    await ctx.gen.call('resyncSaves', { url: ref.url });
    const r = await ctx.gen.call<any>('openLoop', { url: ref.url, op: 'save', rate, durationMs: size.refWindowMs, drainMs: 5000, connections: 100 });
    refLatency = { p50: r.latency.p50, p99: r.latency.p99, n: r.latency.n };
    ctx.log(`   saturation ${round(refPeak!.throughput)}/s → the national save rate is ${rate}/s; reference p99 at ${rate}/s over ${size.refWindowMs / 1000} s: ${round(refLatency.p99)} ms (p50 ${round(refLatency.p50)} ms)`);
  } finally {
    await ref.stop();
  }

  // ---- the national server, with its inspector open for the heap
  const inspectPort = await freePort();
  const server = await startServer('postgres', {}, [`--inspect=127.0.0.1:${inspectPort}`]);
  const inspector = await Inspector.connect(inspectPort);
  const gql = new GqlClient(server.url, 8);
  const pg = new Client({ connectionString: server.databaseUrl! });
  await pg.connect();
  try {
    ctx.log(`   server ${server.url} (pid ${server.pid}), inspector on ${inspectPort}`);
    const admin = await adminToken(gql);
    // one person through the API, for a password hash as the server makes it; the others share it
    const seed = await gql.ok(`mutation($i:CreateUserInput!){createUser(input:$i){id}}`, { i: { email: 'theodoi.national@bench.local', name: 'Người theo dõi', role: 'VIEWER', unitId: null, password: PASSWORD } }, admin);
    const hash = (await pg.query('select password_hash from "user" where id = $1', [seed.createUser.id])).rows[0].password_hash as string;

    // the 200 × 500 reference on the same server: opened `runs` times, computed `runs` times
    const smallFw = generateFramework({ code: 'BENCH-SMALL', shape: size.smallShape, mix: { RELATIVE: 0.05 } });
    const small = await importFramework(gql, admin, smallFw);
    const kind = (smallFw.document as { unitKind: string }).unitKind;
    const smallUnits = await insertUnits(pg, 'SMALL', kind, size.smallUnits, null);
    const smallOpens: number[] = [];
    let smallPeriod = '';
    for (let r = 0; r < runs; r++) {
      const o = await openPeriod(gql, admin, `Kỳ nhỏ ${r + 1}`, small.id, smallUnits);
      smallOpens.push(o.openS);
      smallPeriod ||= o.id;
      ctx.log(`   ${size.smallUnits} × ${smallFw.leaves.length} opened in ${round(o.openS, 2)} s (createPeriod ${round(o.createS, 2)} s)`);
    }
    await fillScores(server, smallPeriod);
    // BENCH_NATIONAL_COMPUTE_PROFILE=file.cpuprofile: the server's CPU profile over the national period's computations
    const computeProfile = process.env.BENCH_NATIONAL_COMPUTE_PROFILE;
    const compute = async (periodId: string, n: number, profile?: string) => {
      const out: number[] = [];
      let cpu: CpuShare | undefined;
      for (let r = 0; r < n; r++) {
        await settle(server.pid);
        if (profile) await inspector.startProfile();
        const m = await ctx.measure<{ ms: number[]; errors: string[]; rows: number }>(server, 'timed', { url: server.url, requests: [{ query: COMPUTE_RESULTS, variables: { id: periodId }, token: admin }], warmup: 0, timeoutMs: 900_000 });
        if (m.result.errors[0]) throw new Error(`computeResults: ${m.result.errors[0]}`);
        if (profile) writeFileSync(n > 1 ? profile.replace(/(\.cpuprofile)?$/, `.${r + 1}$1`) : profile, JSON.stringify(await inspector.stopProfile()));
        out.push(m.result.ms[0] / 1000);
        cpu = m.cpu;
      }
      return { seconds: out, cpu };
    };
    const smallCompute = await compute(smallPeriod, runs);
    ctx.log(`   ${size.smallUnits} × ${smallFw.leaves.length} computed in ${smallCompute.seconds.map((s) => round(s, 2)).join(', ')} s`);

    // ---- the national period
    const fw: GeneratedFramework = generateFramework({ code: 'BENCH-NATIONAL', shape: [6, 4, 5], mix: { RELATIVE: 0.05 } });
    const national = await importFramework(gql, admin, fw);
    const t0 = performance.now();
    const unitIds = await insertUnits(pg, 'N', kind, size.units, hash);
    await pg.query('analyze unit; analyze "user"');
    const insertS = (performance.now() - t0) / 1000;
    ctx.log(`   ${size.units.toLocaleString('en-US')} units and ${(size.units * 2).toLocaleString('en-US')} people written into the database in ${round(insertS, 1)} s`);
    await settle(server.pid);
    const opened = await openPeriod(gql, admin, 'Kỳ đánh giá toàn quốc', national.id, unitIds);
    ctx.log(`   ${size.units.toLocaleString('en-US')} × ${fw.leaves.length} opened in ${round(opened.openS, 1)} s (createPeriod ${round(opened.createS, 1)} s)`);
    const rows = (await pg.query(`select a.id, a.unit_id from assessment a where a.period_id = $1`, [opened.id])).rows as { id: string; unit_id: string }[];
    const byUnit = new Map(rows.map((r) => [r.unit_id, r.id]));
    const assessmentOf = (i: number) => byUnit.get(unitIds[i])!;

    // the people who take part in the load sign in through the API
    const t1 = performance.now();
    const leaderTokens = await mapLimit([...Array(size.leaders).keys()], 8, (i) => login(gql, accountOf('N', 'lanhdao', i)));
    const staffTokens = await mapLimit([...Array(size.writers).keys()], 8, (i) => login(gql, accountOf('N', 'canbo', i)));
    const viewerToken = await login(gql, 'theodoi.national@bench.local');
    const staffIds = new Map(
      ((await pg.query(`select id, email from "user" where role = 'STAFF' and email like 'canbo.n%'`)).rows as { id: string; email: string }[]).map((r) => [r.email, r.id]),
    );
    const topLevel = [...national.criteria.entries()].filter(([code]) => !code.includes('.')).map(([, id]) => id);
    await mapLimit([...Array(size.writers).keys()], 4, (i) =>
      gql.ok(`mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){id}}`, { i: { assessmentId: assessmentOf(i), criterionIds: topLevel, assigneeId: staffIds.get(accountOf('N', 'canbo', i)) } }, leaderTokens[i]),
    );
    const leaves = fw.leaves.map((l) => ({ id: national.criteria.get(l.code)!, method: l.method, max: l.max }));
    await ctx.gen.call('initSaves', { url: server.url, writers: staffTokens.map((token, i) => ({ token, assessmentId: assessmentOf(i), leaves })) });
    ctx.log(`   ${size.leaders + size.writers + 1} sign-ins, ${size.writers} assignments and the writers' versions in ${round((performance.now() - t1) / 1000, 1)} s`);

    // sockets: each leader on their own assessment, the viewers on the hot ones (the first writers')
    const topics = [...Array(size.leaders).keys()].map(assessmentOf);
    const tokens = [...leaderTokens];
    for (let v = 0; v < size.viewers; v++) {
      topics.push(assessmentOf(v % size.hot));
      tokens.push(viewerToken);
    }
    const sub = await ctx.gen.call<{ sockets: number; failed: number; firstErrors: string[]; ms: number }>('subscribe', { url: server.url, token: null, tokens, topics, count: topics.length, concurrency: 32 });
    ctx.log(`   ${sub.sockets} sockets open in ${round(sub.ms / 1000, 1)} s${sub.failed ? `, ${sub.failed} failed: ${sub.firstErrors.join(' | ')}` : ''}`);
    await settle(server.pid);

    // ---- the mixed load, with the server's memory read every sampleMs
    const memory: MemorySample[] = [];
    const loadStart = performance.now();
    const sampleMemory = async (collect: boolean) => {
      const atS = (performance.now() - loadStart) / 1000;
      const heap = await inspector.heap(false);
      const collected = collect ? await inspector.heap(true) : null;
      const m = processMemory(server.pid);
      memory.push({ atS, rss: m.rss, heapUsed: heap.used, heapTotal: heap.total, collected });
    };
    await sampleMemory(true);
    let sampling = true;
    const sampler = (async () => {
      const half = size.durationMs / 2;
      let next = size.sampleMs;
      while (sampling) {
        await sleep(Math.max(0, next - (performance.now() - loadStart)));
        if (!sampling) break;
        // a full collection in the middle, to compare with the one at the end
        await sampleMemory(Math.abs(next - half) < size.sampleMs / 2);
        next += size.sampleMs;
      }
    })();
    const writerAssessments = staffTokens.map((_, i) => assessmentOf(i));
    const loadArgs = {
      url: server.url,
      durationMs: size.durationMs,
      timeoutMs: 30_000,
      connections: 200,
      bucketMs: size.sampleMs,
      save: { rate, hot: size.hot, hotShare: 0.2 },
      progress: { rate: size.progressRate, readers: leaderTokens.map((token, i) => ({ token, assessmentId: assessmentOf(i) })) },
      assignments: { rate: size.assignmentsRate, tokens: staffTokens },
      presence: {
        rate: size.presenceSessions / 5,
        sessions: [...Array(size.presenceSessions).keys()].map((i) => ({ token: staffTokens[i % staffTokens.length], assessmentId: writerAssessments[i % staffTokens.length], criterionId: leaves[i % leaves.length].id })),
      },
      login: {
        rate: size.loginRate,
        accounts: [...Array(size.units).keys()].flatMap((i) => [
          { email: accountOf('N', 'lanhdao', i), password: PASSWORD },
          { email: accountOf('N', 'canbo', i), password: PASSWORD },
        ]),
      },
    };
    ctx.log(`   mixed load for ${size.durationMs / 1000} s: saves ${rate}/s, progress ${size.progressRate}/s, myAssignments ${size.assignmentsRate}/s, presence ${size.presenceSessions / 5}/s, sign-ins ${size.loginRate}/s, ${sub.sockets} sockets`);
    // BENCH_NATIONAL_PROFILE=file.cpuprofile: the server's CPU profile over the load, for looking into a figure
    const profilePath = process.env.BENCH_NATIONAL_PROFILE;
    if (profilePath) await inspector.startProfile();
    const { result: load, cpu } = await ctx.measure<any>(server, 'mixed', loadArgs);
    if (profilePath) writeFileSync(profilePath, JSON.stringify(await inspector.stopProfile()));
    sampling = false;
    await sampler;
    await sampleMemory(true);
    await ctx.gen.call('closeSockets');
    for (const [op, o] of Object.entries(load.ops as Record<string, any>)) {
      ctx.log(`   ${op}: ${o.ok}/${o.sent} ok, p50 ${round(o.latency.p50)} ms, p99 ${round(o.latency.p99)} ms, errors ${JSON.stringify(o.errors)}`);
    }
    ctx.log(`   events: ${load.events.deliveries} deliveries, p50 ${round(load.events.latency.p50)} ms, p99 ${round(load.events.latency.p99)} ms, ${load.events.socketErrors} socket errors; server ${Math.round(cpu.server * 100)} %, PostgreSQL ${Math.round(cpu.db * 100)} %, Redis ${Math.round(cpu.redis * 100)} %`);

    // ---- the results at the end: every entry scored (straight into the database), then computed.
    // First the server works off what it was sent: requests the generator gave up on are still
    // made, and the bulk fill taking the entries' rows under running saves ended in a deadlock
    // (2026-12-04 23:19, an overloaded round)
    const drainedMs = await settle(server.pid, 0.1, 300, 15 * 60_000);
    if (drainedMs > 1000) ctx.log(`   the server worked off its backlog in ${round(drainedMs / 1000, 1)} s`);
    const t2 = performance.now();
    const filled = await fillScores(server, opened.id);
    ctx.log(`   ${filled.toLocaleString('en-US')} scores written in ${round((performance.now() - t2) / 1000, 1)} s`);
    const nationalCompute = await compute(opened.id, runs, computeProfile);
    ctx.log(`   ${size.units.toLocaleString('en-US')} × ${fw.leaves.length} computed in ${nationalCompute.seconds.map((s) => round(s, 1)).join(', ')} s`);

    // ---- figures
    const errorsOf = (o: any) => Object.entries(o.errors as Record<string, number>).reduce((n, [, v]) => n + v, 0);
    const totalErrors = Object.values(load.ops as Record<string, any>).reduce((n, o) => n + errorsOf(o), 0) + load.events.socketErrors + sub.failed;
    const mid = memory.filter((m) => m.collected).find((m) => m.atS > 1 && m.atS < size.durationMs / 1000 - 1) ?? memory[0];
    const end = memory[memory.length - 1];
    const growth = (a: number, b: number) => ((b - a) / a) * 100;
    const rssGrowth = growth(mid.rss, end.rss);
    const heapGrowth = growth(mid.collected!.used, end.collected!.used);
    const saveP99 = load.ops.save.latency.p99 as number;
    const smallOpen = median(smallOpens);
    const smallComp = median(smallCompute.seconds);
    const natComp = median(nationalCompute.seconds);
    const label = `${size.units.toLocaleString('en-US')} × ${fw.leaves.length}`;
    const smallLabel = `${size.smallUnits} × ${smallFw.leaves.length}`;
    const figures: Figure[] = [
      {
        bench: 10,
        name: `National: errors in ${size.durationMs / 60_000} min of mixed load (${Object.values(load.ops as Record<string, any>).reduce((n, o) => n + o.sent, 0).toLocaleString('en-US')} requests, ${sub.sockets.toLocaleString('en-US')} sockets)`,
        target: '0',
        value: totalErrors,
        unit: '',
        runs: [],
        met: totalErrors === 0,
        limit: limitText(cpu, 'postgres', ['one server process on 2 cores shared with PostgreSQL, Redis and the generator']),
      },
      {
        bench: 10,
        name: `National: server RSS growth over the last half of the load (${round(mid.rss / MiB)} → ${round(end.rss / MiB)} MiB)`,
        target: '< 5 %',
        value: rssGrowth,
        unit: '%',
        runs: [],
        met: rssGrowth < 5,
        limit: 'resident memory from /proc, at the middle and at the end of the load',
      },
      {
        bench: 10,
        name: `National: live heap growth over the last half of the load (${round(mid.collected!.used / MiB)} → ${round(end.collected!.used / MiB)} MiB after a full GC)`,
        target: '< 5 %',
        value: heapGrowth,
        unit: '%',
        runs: [],
        met: heapGrowth < 5,
        limit: 'V8 heap in use after a full collection (the inspector), at the middle and at the end of the load',
      },
      {
        bench: 10,
        name: `National: save p99 at ${rate}/s ÷ benchmark 1's world at the same rate (${round(saveP99)} vs ${round(refLatency.p99)} ms)`,
        target: '≤ 3×',
        value: saveP99 / refLatency.p99,
        unit: '×',
        runs: [],
        met: saveP99 <= 3 * refLatency.p99,
        limit: limitText(cpu, 'postgres', [`the saves share the process with the rest of the mixed load and ${sub.sockets.toLocaleString('en-US')} sockets`]),
      },
      {
        bench: 10,
        name: `National: opening the period, ${label} ÷ ${smallLabel} (${round(opened.openS, 1)} vs ${round(smallOpen, 2)} s)`,
        target: '≤ 15×',
        value: opened.openS / smallOpen,
        unit: '×',
        runs: [],
        met: opened.openS <= 15 * smallOpen,
        limit: `createPeriod writes ${(size.units * fw.leaves.length).toLocaleString('en-US')} entries and ${(size.units * fw.criteria).toLocaleString('en-US')} progress rows in one transaction, then setPeriodPhase opens it`,
      },
      {
        bench: 10,
        name: `National: computeResults, ${label} ÷ ${smallLabel} (${round(natComp, 1)} vs ${round(smallComp, 2)} s)`,
        target: '≤ 15×',
        value: natComp / smallComp,
        unit: '×',
        runs: nationalCompute.seconds.map((s, i) => s / (smallCompute.seconds[i] ?? smallComp)),
        met: natComp <= 15 * smallComp,
        limit: limitText(nationalCompute.cpu, 'postgres', ['one transaction reads every entry of the period and writes a result row per unit']),
      },
    ];
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    const ms = (x: number) => (Number.isFinite(x) ? String(round(x)) : '—');
    const overridden = process.env.BENCH_NATIONAL_SIZES ? `**Sizes changed for this run** (BENCH_NATIONAL_SIZES=${process.env.BENCH_NATIONAL_SIZES}). ` : '';
    const detail = [
      `${overridden}One server process (\`node server/dist/index.js\`, PostgreSQL + Redis, started with \`--inspect\` so that the benchmark can read its heap). ${size.units.toLocaleString('en-US')} units (kind ${kind}) with a LEADER and a STAFF each (${(size.units * 2).toLocaleString('en-US')} people) written straight into the database in ${round(insertS, 1)} s, sharing one password hash made by the server; a ${fw.criteria}-criterion framework (${fw.leaves.length} leaves, shape 6 × 4 × 5) imported and published and the period opened through the API (createPeriod ${round(opened.createS, 1)} s, then setPeriodPhase to SELF_ASSESSMENT: ${round(opened.openS, 1)} s in all). ${size.writers.toLocaleString('en-US')} STAFF (their unit's leaves assigned through the API) and ${size.leaders.toLocaleString('en-US')} LEADERs signed in through the API.`,
      '',
      `**The load** (${size.durationMs / 1000} s, open-loop arrivals per operation, latency from the scheduled instant, a request unanswered after 30 s counts as TIMEOUT): saves at ${rate}/s (half the saturation of benchmark 1's world measured first in this run, ${round(refPeak!.throughput)}/s) by ${size.writers.toLocaleString('en-US')} STAFF, 20 % of them on the ${size.hot} hot assessments; ${size.leaders.toLocaleString('en-US')} LEADER sockets each on their own assessment and ${size.viewers} VIEWER sockets on the hot ones; progress trees read by leaders; \`myAssignments\` by staff; presence refreshed by ${size.presenceSessions} sessions every 5 s; sign-ins of random people with their password (argon2).`,
      '',
      '| operation | sent | ok | p50 ms | p99 ms | max ms | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
      ...Object.entries(load.ops as Record<string, any>).map(
        ([op, o]) => `| ${op} | ${o.sent.toLocaleString('en-US')} | ${o.ok.toLocaleString('en-US')} | ${ms(o.latency.p50)} | ${ms(o.latency.p99)} | ${ms(o.latency.max)} | ${Object.entries(o.errors).map(([k, v]) => `${k} ${v}`).join(', ') || '—'} |`,
      ),
      `| live events (commit → subscriber) | — | ${load.events.deliveries.toLocaleString('en-US')} deliveries | ${ms(load.events.latency.p50)} | ${ms(load.events.latency.p99)} | ${ms(load.events.latency.max)} | ${load.events.socketErrors} socket errors${load.events.firstSocketErrors.length ? ': ' + load.events.firstSocketErrors.join(' · ') : ''} |`,
      '',
      `CPU over the load (shares of one core): server ${pct(cpu.server)} (JavaScript thread ${pct(cpu.serverMain)}), PostgreSQL ${pct(cpu.db)}, Redis ${pct(cpu.redis)}, generator ${pct(cpu.generator)}; machine ${pct(cpu.machine)} of 2 cores.`,
      '',
      '**Save p99 over time** and **the server’s memory** (every sample; heap after a full collection where marked)',
      '',
      '| from s | saves | save p50 ms | save p99 ms |',
      '| ---: | ---: | ---: | ---: |',
      ...(load.saveTimeline as any[]).map((b) => `| ${b.fromS} | ${b.n} | ${ms(b.p50)} | ${ms(b.p99)} |`),
      '',
      '| at s | RSS MiB | heap used MiB | heap reserved MiB | heap after full GC MiB |',
      '| ---: | ---: | ---: | ---: | ---: |',
      ...memory.map((m) => `| ${round(m.atS)} | ${round(m.rss / MiB)} | ${round(m.heapUsed / MiB)} | ${round(m.heapTotal / MiB)} | ${m.collected ? round(m.collected.used / MiB) : ''} |`),
      '',
      `**References in the same run.** Benchmark 1's world (20 units, a 150-criterion framework, 20 STAFF) on a fresh server: saves stepped up for 3 s per step (${refLadder.map((s) => `${s.offered}/s → ${round(s.throughput)}/s, p99 ${round(s.p99)} ms`).join('; ')}), then ${size.refWindowMs / 1000} s at ${rate}/s: p50 ${ms(refLatency.p50)} ms, p99 ${ms(refLatency.p99)} ms (${refLatency.n} saves). A ${smallLabel} period on the national server: opened ${smallOpens.map((s) => round(s, 2)).join(', ')} s; computed ${smallCompute.seconds.map((s) => round(s, 2)).join(', ')} s. The national period computed ${nationalCompute.seconds.map((s) => round(s, 1)).join(', ')} s after every entry got a valid self score straight in the database (as benchmark 5 does).`,
      '',
    ];
    return { bench: 10, title: 'A national round', figures, detail, raw: { size, rate, refLatency, refLadder, smallOpens, smallCompute, opened, load, memory, nationalCompute, cpu } };
  } finally {
    await ctx.gen.call('closeSockets').catch(() => undefined);
    inspector.close();
    await pg.end().catch(() => undefined);
    await gql.close();
    await server.stop();
  }
}
