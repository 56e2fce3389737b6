/**
 * 1. Saves: 20 assessments, one STAFF client each with every leaf assigned, saving at fixed
 * arrival rates (open loop) stepped up until the server saturates; then the same ladder with the
 * no-op (`query { me { id } }`), the ceiling of the HTTP + GraphQL stack on this machine.
 */
import { settle, type CpuShare, type Ctx, type Figure, type Section } from '../lib/context';
import { generateFramework } from '../lib/framework';
import { GqlClient } from '../lib/gql';
import { limitText } from '../lib/limits';
import { startServer } from '../lib/server';
import { median, round } from '../lib/stats';
import { buildWorld } from '../lib/world';

interface Step {
  offered: number;
  throughput: number;
  p50: number;
  p99: number;
  ok: number;
  sent: number;
  errors: Record<string, number>;
  abandoned: number;
  saturated: boolean;
  cpu: CpuShare;
}

const SATURATED = (s: { offered: number; throughput: number; p99: number; ok: number; sent: number }) =>
  s.throughput < 0.9 * s.offered || s.p99 > 1000 || s.ok < 0.99 * s.sent;

export async function savesBenchmark(ctx: Ctx): Promise<Section> {
  const { quick, db, runs } = ctx.opts;
  const server = await startServer(db);
  const gql = new GqlClient(server.url);
  try {
    ctx.log(`1. saves: server ${server.url} (pid ${server.pid}, ${db})`);
    const fw = generateFramework({ code: 'BENCH-SAVES', criteria: 150, maxDepth: 3, groups: 5 });
    const t0 = Date.now();
    const units = quick ? 5 : 20;
    const world = await buildWorld(gql, { name: 'saves', units, framework: fw, staff: true });
    ctx.log(`   setup: ${units} units, ${units * 2} users, ${fw.criteria} criteria (${fw.leaves.length} leaves, depth ${fw.depth}), period, assignments in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await ctx.gen.call('initSaves', {
      url: server.url,
      writers: world.assessments.map((a) => ({ token: a.staffToken, assessmentId: a.id, leaves: world.leaves.map((l) => ({ id: l.id, method: l.method, max: l.max })) })),
    });

    const stepMs = quick ? 1000 : 3000;
    const drainMs = quick ? 2000 : 5000;
    const saveRates = quick ? [100, 300] : [100, 200, 300, 500, 800, 1200, 1600];
    const noopRates = quick ? [300, 1000] : [250, 500, 1000, 1500, 2000, 3000, 4000];

    // warm-up (JIT, pools, caches, PostgreSQL's plans and first autovacuum of the tables): not
    // reported; the first measured run was otherwise a colder server than the others
    await ctx.gen.call('openLoop', { url: server.url, op: 'save', rate: quick ? 20 : 50, durationMs: quick ? 300 : 2000, drainMs, connections: 100 });
    if (!quick) await ctx.gen.call('openLoop', { url: server.url, op: 'save', rate: 200, durationMs: 5000, drainMs, connections: 100 });
    await ctx.gen.call('openLoop', { url: server.url, op: 'noop', rate: quick ? 50 : 200, durationMs: quick ? 300 : 2000, drainMs, connections: 100 });

    // the reference rate for latency (300/s) is always measured, saturated or not
    const refRate = 300;
    let abandoned = false;
    const ladder = async (op: 'save' | 'noop', rates: number[]): Promise<Step[]> => {
      const steps: Step[] = [];
      let saturatedAt = 0;
      for (const rate of rates) {
        // past saturation only the reference rate is still measured (its latency is a figure)
        if (saturatedAt && rate !== refRate) continue;
        await settle(server.pid);
        // saves the generator gave up on were still made by the server: their versions moved
        if (op === 'save' && abandoned) await ctx.gen.call('resyncSaves', { url: server.url });
        const { result: r, cpu } = await ctx.measure<any>(server, 'openLoop', { url: server.url, op, rate, durationMs: stepMs, drainMs, connections: 100 });
        const step: Step = {
          offered: rate,
          throughput: r.throughput,
          p50: r.latency.p50,
          p99: r.latency.p99,
          ok: r.ok,
          sent: r.sent,
          errors: r.errors,
          abandoned: r.abandoned,
          saturated: false,
          cpu,
        };
        step.saturated = SATURATED(step);
        steps.push(step);
        abandoned = r.abandoned > 0 || (r.errors.TIMEOUT ?? 0) > 0;
        ctx.log(
          `   ${op} ${rate}/s: ${round(step.throughput)}/s ok, p50 ${round(step.p50)} ms, p99 ${round(step.p99)} ms, errors ${JSON.stringify(r.errors)}; server ${Math.round(cpu.server * 100)} %, db ${Math.round(cpu.db * 100)} %, generator ${Math.round(cpu.generator * 100)} %${step.saturated ? '  (saturated)' : ''}`,
        );
        if (step.saturated && (op === 'noop' || rate >= refRate)) break;
        if (step.saturated) saturatedAt = rate;
      }
      return steps;
    };

    const saveRuns: Step[][] = [];
    const noopRuns: Step[][] = [];
    for (let run = 1; run <= runs; run++) {
      ctx.log(`   run ${run}/${runs}`);
      saveRuns.push(await ladder('save', saveRates));
      noopRuns.push(await ladder('noop', noopRates));
    }

    const capacity = (steps: Step[]) => Math.max(...steps.map((s) => s.throughput));
    /** the step that gave the capacity (for its CPU shares) */
    const peak = (steps: Step[]) => steps.reduce((a, b) => (b.throughput > a.throughput ? b : a));
    const saveCap = saveRuns.map(capacity);
    const noopCap = noopRuns.map(capacity);
    const ratios = saveRuns.map((_, i) => saveCap[i] / noopCap[i]);
    const at = (steps: Step[], rate: number) => steps.find((s) => s.offered === rate);
    const p99At = saveRuns.map((s) => at(s, refRate)?.p99 ?? NaN);
    const p50At = saveRuns.map((s) => at(s, refRate)?.p50 ?? NaN);
    const savePeak = peak(saveRuns[saveRuns.length >> 1]);
    const noopPeak = peak(noopRuns[noopRuns.length >> 1]);
    const refStep = at(saveRuns[saveRuns.length >> 1], refRate);
    const pg = db === 'postgres';

    const figures: Figure[] = [
      {
        bench: 1,
        name: 'Saves: sustained throughput (saturation)',
        target: pg ? '≥ 500 /s' : '≥ 500 /s (target set for PostgreSQL)',
        value: median(saveCap),
        unit: '/s',
        runs: saveCap,
        met: median(saveCap) >= 500,
        limit: limitText(savePeak.cpu, db, [`peak at offered ${savePeak.offered}/s`]),
      },
      {
        bench: 1,
        name: `Saves: p99 latency at ${refRate}/s (p50 ${round(median(p50At))} ms)`,
        target: '≤ 50 ms',
        value: median(p99At),
        unit: 'ms',
        runs: p99At,
        met: median(p99At) <= 50,
        limit: limitText(refStep?.cpu, db, ['open-loop arrivals: latency includes queueing']),
      },
      {
        bench: 1,
        name: 'No-op ceiling (`query { me { id } }`, authenticated)',
        target: '— (reference)',
        value: median(noopCap),
        unit: '/s',
        runs: noopCap,
        met: null,
        limit: limitText(noopPeak.cpu, db, [`peak at offered ${noopPeak.offered}/s`]),
      },
      {
        bench: 1,
        name: 'Saves ÷ no-op ceiling',
        target: '≥ 40 %',
        value: median(ratios) * 100,
        unit: '%',
        runs: ratios.map((r) => r * 100),
        met: median(ratios) >= 0.4,
        limit: 'a save is one transaction of two batches straight on the driver (one round trip each on PostgreSQL: lock and reads, then entry, revision, ancestors and the commit), and two live events published; the no-op is the token check, the person kept by the process (common/viewer-cache.ts) and an ORM read of the user',
      },
    ];

    // per-rate medians over the runs that reached that rate
    const detail: string[] = [];
    const table = (title: string, all: Step[][], rates: number[]) => {
      detail.push(`**${title}** (open-loop arrivals for ${stepMs / 1000} s per step; median of the runs that reached the step)`, '');
      detail.push('| offered /s | runs | throughput /s | p50 ms | p99 ms | errors (all runs) | server CPU (JS thread) | PostgreSQL CPU | generator CPU | machine |');
      detail.push('| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
      for (const rate of rates) {
        const steps = all.map((s) => at(s, rate)).filter((s): s is Step => !!s);
        if (!steps.length) continue;
        const m = (f: (s: Step) => number) => median(steps.map(f));
        const totals: Record<string, number> = {};
        for (const st of steps) for (const [k, v] of Object.entries(st.errors)) totals[k] = (totals[k] ?? 0) + v;
        const errs = Object.entries(totals).map(([k, v]) => `${k} ${v}`);
        const pct = (x: number) => `${Math.round(x * 100)} %`;
        detail.push(
          `| ${rate} | ${steps.length} | ${round(m((s) => s.throughput))} | ${round(m((s) => s.p50))} | ${round(m((s) => s.p99))} | ${errs.length ? errs.join(', ') : '—'} | ${pct(m((s) => s.cpu.server))} (${pct(m((s) => s.cpu.serverMain))}) | ${pg ? pct(m((s) => s.cpu.db)) : '—'} | ${pct(m((s) => s.cpu.generator))} | ${pct(m((s) => s.cpu.machine))} |`,
        );
      }
      detail.push('');
    };
    table('saveSelfScore', saveRuns, saveRates);
    table('No-op `query { me { id } }`', noopRuns, noopRates);
    detail.push(
      `Setup: ${units} DISTRICT units, a LEADER and a STAFF per unit, a ${fw.criteria}-criterion framework (${fw.leaves.length} leaves, depth ${fw.depth}; MANUAL, BOOLEAN, TIERS, RATIO) imported and published, a period in SELF_ASSESSMENT, every leaf assigned to the unit's STAFF — all through the API as the first ADMIN. Each arrival goes to the next staff client in turn, which saves a random leaf with no save in flight, a valid random value and the version it last saw (a CONFLICT updates it). A step counts as saturated when throughput < 90 % of the offered rate, p99 > 1 s or > 1 % errors; past it only 300/s is still measured (its p99 is a figure). TIMEOUT: abandoned by the generator ${drainMs / 1000} s after the step (the server still completes them, so the next step waits until it is idle and re-reads the versions; a CONFLICT after that is a save whose version moved meanwhile). Selection: \`saveSelfScore { seq entry { id version selfScore state } progress { criterionId selfTotal maxScore } }\`.`,
      '',
    );
    return { bench: 1, title: 'Saves', figures, detail, raw: { saveRuns, noopRuns } };
  } finally {
    await gql.close();
    await server.stop();
  }
}
