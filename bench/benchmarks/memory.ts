/**
 * 4. Memory: the server's resident memory with 0, 1,000, 5,000 and 10,000 idle sockets, each with
 * one live assessmentEvents subscription. RSS is read from /proc/<pid>/status; the server exposes
 * no heap figure (GET /health answers only its status) and the benchmark adds none, so heap is
 * not reported.
 */
import { readFileSync } from 'node:fs';
import { settle, type Ctx, type Figure, type Section } from '../lib/context';
import { generateFramework } from '../lib/framework';
import { GqlClient } from '../lib/gql';
import { processMemory } from '../lib/proc';
import { startServer } from '../lib/server';
import { median, round } from '../lib/stats';
import { buildWorld } from '../lib/world';

interface Level {
  sockets: number;
  live: number;
  rss: number;
  rssAnon: number;
  connectS: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The median of a few RSS readings after the process has been idle for a moment. */
async function restingMemory(pid: number): Promise<{ rss: number; rssAnon: number }> {
  await settle(pid, 0.05, 500, 20_000);
  await sleep(1000);
  const xs: { rss: number; rssAnon: number }[] = [];
  for (let i = 0; i < 5; i++) {
    xs.push(processMemory(pid));
    await sleep(200);
  }
  return { rss: median(xs.map((x) => x.rss)), rssAnon: median(xs.map((x) => x.rssAnon)) };
}

export async function memoryBenchmark(ctx: Ctx): Promise<Section> {
  const { quick, db, runs } = ctx.opts;
  const levels = quick ? [0, 200] : [0, 1000];
  const ref = quick ? 200 : 1000;
  // the last run goes on to these: 10,000 is a capability, tried once (sockets take a while to open)
  const more = quick ? [400] : [5000, 10_000];
  const top = more[more.length - 1];
  const perRun: Level[][] = [];
  ctx.log('4. memory');
  for (let r = 0; r < runs; r++) {
    const server = await startServer(db);
    const gql = new GqlClient(server.url);
    try {
      const fw = generateFramework({ code: 'BENCH-MEM', criteria: 150, maxDepth: 3, groups: 5 });
      const world = await buildWorld(gql, { name: 'mem', units: 1, framework: fw, viewer: true });
      const a = world.assessments[0];
      const writer = { kind: 'chamdiem', url: server.url, writers: [{ token: a.leaderToken, assessmentId: a.id, leaves: world.leaves.slice(0, 20).map((l) => ({ id: l.id, method: l.method, max: l.max })) }] };
      // warm: the subscription path once (a few sockets, opened and closed) before the baseline
      await ctx.gen.call('subscribe', { url: server.url, token: world.viewerToken, topics: [a.id], count: 20, concurrency: 20 });
      await ctx.gen.call('probe', { writer, timeoutMs: 30_000 });
      await ctx.gen.call('closeSockets');
      const levelsOut: Level[] = [];
      let have = 0;
      for (const n of r === runs - 1 ? [...levels, ...more] : levels) {
        const t0 = Date.now();
        if (n > have) {
          const s = await ctx.gen.call<{ sockets: number; failed: number; firstErrors: string[] }>('subscribe', { url: server.url, token: world.viewerToken, topics: [a.id], count: n - have, concurrency: 64 });
          have = s.sockets;
          if (s.failed) ctx.log(`   ${s.failed} sockets failed: ${s.firstErrors.join(' | ')}`);
        }
        // every subscription is live: one save reaches all of them
        const live = n ? (await ctx.gen.call<{ reached: number }>('probe', { writer, timeoutMs: 60_000 })).reached : 0;
        const connectS = (Date.now() - t0) / 1000;
        const mem = await restingMemory(server.pid);
        levelsOut.push({ sockets: have, live, ...mem, connectS });
        ctx.log(`   run ${r + 1}: ${have} sockets (${live} live): RSS ${round(mem.rss / 2 ** 20)} MiB (anonymous ${round(mem.rssAnon / 2 ** 20)} MiB), opened in ${round(connectS)} s`);
      }
      perRun.push(levelsOut);
    } finally {
      await ctx.gen.call('closeSockets').catch(() => undefined);
      await gql.close();
      await server.stop();
    }
  }

  const perSub = (n: number) => perRun.map((lv) => {
    const base = lv.find((l) => l.sockets === 0)!;
    const at = lv.find((l) => l.sockets === n);
    return at ? (at.rss - base.rss) / n : NaN;
  });
  const refPer = perSub(ref);
  const topRun = perRun[perRun.length - 1];
  const topLevel = topRun.find((l) => l.sockets === top);
  const topLive = topLevel ? [topLevel.live] : [0];
  const figures: Figure[] = [
    {
      bench: 4,
      name: `Memory: RSS per idle subscribed socket at ${ref.toLocaleString('en-US')} ((RSS − RSS at 0) ÷ ${ref.toLocaleString('en-US')}; heap not exposed)`,
      target: '≤ 20 KB',
      value: median(refPer) / 1000,
      unit: 'KB',
      runs: refPer.map((x) => x / 1000),
      met: median(refPer) <= 20_000,
      limit: 'what each socket keeps while idle: the ws connection and its buffers, a graphql-ws context, its subscription (the parsed document is shared by every socket with the same query), the subscriber and its access guard; RSS also holds garbage not yet collected, so the figure at 1,000 moves with the collector',
    },
    {
      bench: 4,
      name: `Memory: ${top.toLocaleString('en-US')} idle subscribers in one process, every one live (tried once, in the last run; RSS ${round((topLevel?.rss ?? NaN) / 2 ** 20)} MiB, ${round((topLevel ? (topLevel.rss - topRun[0].rss) / top : NaN) / 1000, 1)} KB per socket)`,
      target: quick ? '10,000 (quick run: fewer)' : '10,000',
      value: topLive[0],
      unit: 'live',
      runs: topLive,
      met: topLive[0] >= 10_000,
      limit: `the open-file limit (${fileLimit()}) bounds sockets per process; the load generator holds the other end of each`,
    },
  ];
  const detail = [
    `A fresh server per run (${runs}) up to ${ref.toLocaleString('en-US')} sockets; the last run goes on to ${more.map((n) => n.toLocaleString('en-US')).join(' and ')}; one assessment; a VIEWER opens sockets 64 at a time, each with one \`assessmentEvents\` subscription (the web client's selection), and one save then checks that every one of them is live. RSS is read from \`/proc/<pid>/status\` (VmRSS; RssAnon is the heap-and-buffers part) once the server has been idle for a second, median of 5 readings. The server exposes no heap figure (\`/health\` answers only its status) and the benchmark adds nothing to it, so only RSS is reported.`,
    '',
    '| sockets | runs | live (probe) | RSS MiB | anonymous RSS MiB | per socket KB (vs 0) | opened and checked in |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const n of [...levels, ...more]) {
    const rows = perRun.map((lv) => lv.find((l) => l.sockets === n)).filter((x): x is Level => !!x);
    if (!rows.length) continue;
    const m = (f: (l: Level) => number) => median(rows.map(f));
    const per = n ? median(perSub(n)) / 1000 : NaN;
    detail.push(`| ${n.toLocaleString('en-US')} | ${rows.length} | ${m((l) => l.live).toLocaleString('en-US')} | ${round(m((l) => l.rss) / 2 ** 20)} | ${round(m((l) => l.rssAnon) / 2 ** 20)} | ${n ? round(per, 1) : '—'} | ${round(m((l) => l.connectS))} s |`);
  }
  detail.push('');
  return { bench: 4, title: 'Memory', figures, detail, raw: perRun };
}

function fileLimit(): string {
  try {
    const m = /Max open files\s+(\d+)\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
    return m ? `soft ${m[1]}, hard ${m[2]}` : 'unknown';
  } catch {
    return 'unknown';
  }
}
