/**
 * 3. Tree size: frameworks of 10², 10³, 10⁴ and 10⁵ criteria (depth up to 8), one assessment each:
 * the cost of one save at a deepest leaf (sequential saves on an idle server, median of many) and
 * of the full progress tree query.
 */
import { settle, type CpuShare, type Ctx, type Figure, type Section } from '../lib/context';
import { generateFramework, valueFor, type GeneratedFramework } from '../lib/framework';
import { GqlClient } from '../lib/gql';
import { limitText } from '../lib/limits';
import { PROGRESS, SAVE } from '../lib/ops';
import { startServer } from '../lib/server';
import { median, round } from '../lib/stats';
import { buildWorld } from '../lib/world';

interface SizePoint {
  size: number;
  fw: Pick<GeneratedFramework, 'criteria' | 'depth' | 'fanout'> & { leaves: number };
  importS: number;
  openS: number;
  /** per run: median save ms, server CPU ms per save */
  saveMs: number[];
  saveCpuMs: number[];
  progressMs: number[];
  progressCpuMs: number[];
  progressBytes: number;
  saveCpu?: CpuShare;
  progressCpu?: CpuShare;
}

export async function treeBenchmark(ctx: Ctx): Promise<Section> {
  const { quick, db, runs } = ctx.opts;
  // a 10⁵-criterion document is ~12 MB of JSON: above the default 1 MB request limit
  const server = await startServer(db, { LIMIT_PAYLOAD_BYTES: String(64 << 20) });
  const gql = new GqlClient(server.url);
  try {
    ctx.log(`3. tree size: server ${server.url} (pid ${server.pid})`);
    const sizes = quick ? [100, 1000] : [100, 1000, 10_000, 100_000];
    const savesPerRun = quick ? 5 : 30;
    const points: SizePoint[] = [];
    for (const size of sizes) {
      const fw = generateFramework({ code: `BENCH-TREE-${size}`, criteria: size, maxDepth: 8, groups: 5 });
      const t0 = Date.now();
      const world = await buildWorld(gql, { name: `tree${size}`, units: 1, framework: fw });
      const setupS = (Date.now() - t0) / 1000;
      const a = world.assessments[0];
      // the deepest MANUAL leaves in turn; sequential, so each save's expectedVersion is known
      const deepest = world.leaves.filter((l) => l.depth === fw.depth && l.method === 'MANUAL');
      const perRun = size >= 100_000 ? Math.min(savesPerRun, 10) : savesPerRun;
      const needed = 5 + perRun * runs;
      if (!deepest.length) throw new Error(`no MANUAL leaf at depth ${fw.depth} at ${size}`);
      const saves = Array.from({ length: needed }, (_, i) => {
        const l = deepest[i % deepest.length];
        return {
          query: SAVE,
          variables: { i: { assessmentId: a.id, criterionId: l.id, expectedVersion: Math.floor(i / deepest.length), value: valueFor('MANUAL', l.max, ((i * 7) % 9) / 9) } },
          token: a.leaderToken,
        };
      });
      const point: SizePoint = {
        size,
        fw: { criteria: fw.criteria, depth: fw.depth, fanout: fw.fanout, leaves: fw.leaves.length },
        importS: setupS,
        openS: 0,
        saveMs: [],
        saveCpuMs: [],
        progressMs: [],
        progressCpuMs: [],
        progressBytes: 0,
      };
      await settle(server.pid);
      // warm-up: 5 saves and one progress query, not counted
      await ctx.gen.call('timed', { url: server.url, requests: saves.slice(0, 5), warmup: 5 });
      // (at 10⁵ the progress query takes seconds: no warm-up, one per run)
      if (size < 100_000) await ctx.gen.call('timed', { url: server.url, requests: [{ query: PROGRESS, variables: { id: a.id }, token: a.leaderToken }], warmup: 1 });
      const progressPerRun = quick ? 3 : size >= 10_000 ? 3 : 10;
      for (let r = 0; r < runs; r++) {
        const batch = saves.slice(5 + r * perRun, 5 + (r + 1) * perRun);
        const s = await ctx.measure<{ ms: number[]; errors: string[] }>(server, 'timed', { url: server.url, requests: batch, warmup: 0 });
        if (s.result.errors.length) throw new Error(`save at ${size}: ${s.result.errors[0]}`);
        point.saveMs.push(median(s.result.ms));
        point.saveCpuMs.push(s.cpu.serverMs / batch.length);
        point.saveCpu = s.cpu;
        // at 10⁵ one query takes seconds and is no target: measured in the first run only
        if (size >= 100_000 && r > 0) continue;
        const q = await ctx.measure<{ ms: number[]; errors: string[]; bytes: number }>(server, 'timed', {
          url: server.url,
          requests: Array.from({ length: progressPerRun }, () => ({ query: PROGRESS, variables: { id: a.id }, token: a.leaderToken })),
          warmup: 0,
        });
        if (q.result.errors.length) throw new Error(`progress at ${size}: ${q.result.errors[0]}`);
        point.progressMs.push(median(q.result.ms));
        point.progressCpuMs.push(q.cpu.serverMs / progressPerRun);
        point.progressBytes = q.result.bytes;
        point.progressCpu = q.cpu;
      }
      points.push(point);
      ctx.log(
        `   ${size.toLocaleString('en-US')} criteria (${fw.leaves.length} leaves, depth ${fw.depth}): setup ${round(setupS)} s; save ${round(median(point.saveMs), 2)} ms (CPU ${round(median(point.saveCpuMs), 2)} ms); progress ${round(median(point.progressMs))} ms (CPU ${round(median(point.progressCpuMs))} ms, ${round(point.progressBytes / 1024)} KiB)`,
      );
    }

    const small = points[0];
    const big = points[points.length - 1];
    const tenK = points.find((p) => p.size === 10_000) ?? points[points.length - 1];
    const saveRatio = big.saveMs.map((x, i) => x / small.saveMs[i]);
    const figures: Figure[] = [
      {
        bench: 3,
        name: `Tree: one save at ${big.size.toLocaleString('en-US')} criteria ÷ at ${small.size} (${round(median(big.saveMs), 2)} ms vs ${round(median(small.saveMs), 2)} ms; depth ${big.fw.depth} vs ${small.fw.depth})`,
        target: '≤ 1.5×',
        value: median(saveRatio),
        unit: '×',
        runs: saveRatio,
        met: median(saveRatio) <= 1.5,
        limit: limitText(big.saveCpu, db, ['sequential saves on an idle server: the figure is latency, the server CPU per save is in the table']),
      },
      {
        bench: 3,
        name: `Tree: full \`assessment { progress { … } }\` at ${tenK.size.toLocaleString('en-US')} criteria (${round(tenK.progressBytes / 1024)} KiB)`,
        target: tenK.size === 10_000 ? '≤ 50 ms' : '≤ 50 ms (at 10⁴; quick run)',
        value: median(tenK.progressMs),
        unit: 'ms',
        runs: tenK.progressMs,
        met: median(tenK.progressMs) <= 50,
        limit: limitText(tenK.progressCpu, db, ['one request at a time: one SQL statement for every row, then the compiled query and JSON serialization of ~90,000 fields']),
      },
    ];
    const detail = [
      `One server; per size a framework generated in the interchange format (5 top-level groups, filled breadth-first with the smallest fan-out ≥ 3 that fits in 8 levels; leaves MANUAL, BOOLEAN, TIERS, RATIO), imported, published, and a period with one unit opened in SELF_ASSESSMENT (setup = import + publish + period, through the API). Saves go to the MANUAL leaves of the deepest level in turn, one at a time (each run ${savesPerRun} saves, 10 at 10⁵; 5 warm-up saves first); the progress query is the web client's \`ProgressTree_progress\` selection for every node (3 per run at 10⁴, once in all at 10⁵). Time = from sending to the last byte of the answer, measured in the load generator; CPU = the server process's CPU time per request.`,
      '',
      '| criteria | leaves | depth | fan-out | setup s | save ms (p50) | save server CPU ms | progress query ms | progress server CPU ms | progress answer |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...points.map(
        (p) =>
          `| ${p.fw.criteria.toLocaleString('en-US')} | ${p.fw.leaves.toLocaleString('en-US')} | ${p.fw.depth} | ${p.fw.fanout} | ${round(p.importS)} | ${round(median(p.saveMs), 2)} | ${round(median(p.saveCpuMs), 2)} | ${round(median(p.progressMs), 1)} | ${round(median(p.progressCpuMs), 1)} | ${round(p.progressBytes / 1024)} KiB |`,
      ),
      '',
    ];
    return { bench: 3, title: 'Tree size', figures, detail, raw: points };
  } finally {
    await gql.close();
    await server.stop();
  }
}
