/**
 * `npm run bench` — runs the benchmarks against real server processes and writes
 * docs/benchmarks.md (see the page for the method).
 *
 *   --db sqlite|postgres   database (default sqlite; postgres adds Redis)
 *   --quick                a smoke run under a minute: small sizes, short steps; prints, writes no docs
 *   --runs N               runs per figure (default 3, --quick 1; the median is reported)
 *   --only a,b             some of: saves, fanout, tree, memory, results, notifications, integrators, public, cluster, national
 *   --no-write             do not touch docs/benchmarks.md
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterBenchmark } from './benchmarks/cluster';
import { fanoutBenchmark } from './benchmarks/fanout';
import { integratorsBenchmark } from './benchmarks/integrators';
import { memoryBenchmark } from './benchmarks/memory';
import { nationalBenchmark } from './benchmarks/national';
import { notificationsBenchmark } from './benchmarks/notifications';
import { publicBenchmark } from './benchmarks/public';
import { resultsBenchmark } from './benchmarks/results';
import { savesBenchmark } from './benchmarks/saves';
import { treeBenchmark } from './benchmarks/tree';
import { Ctx, type Options, type Section } from './lib/context';
import { Generator } from './lib/gen';
import { machine, machineBusy } from './lib/proc';
import { mergeDoc, sectionMarkdown, summaryTable } from './lib/report';
import { databaseVersion, ROOT, stopAll } from './lib/server';

const BENCHMARKS: Record<string, (ctx: Ctx) => Promise<Section>> = {
  saves: savesBenchmark,
  fanout: fanoutBenchmark,
  tree: treeBenchmark,
  memory: memoryBenchmark,
  results: resultsBenchmark,
  notifications: notificationsBenchmark,
  integrators: integratorsBenchmark,
  public: publicBenchmark,
  cluster: clusterBenchmark,
  national: nationalBenchmark,
};
/**
 * Benchmarks a plain `npm run bench` leaves out, each run when named: `--only cluster` (PostgreSQL +
 * Redis + HAProxy), `--only national` (PostgreSQL + Redis, about 25 minutes).
 */
const OPT_IN = ['cluster', 'national'];

function parseArgs(argv: string[]): Options & { write: boolean } {
  const opts: Options & { write: boolean } = { db: 'sqlite', quick: false, runs: 0, only: null, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a.startsWith('--db')) {
      const v = value();
      if (v !== 'sqlite' && v !== 'postgres') throw new Error('--db is sqlite or postgres');
      opts.db = v;
    } else if (a === '--quick') opts.quick = true;
    else if (a.startsWith('--runs')) opts.runs = Math.max(1, Number(value()));
    else if (a.startsWith('--only')) opts.only = value().split(',').map((s) => s.trim());
    else if (a === '--no-write') opts.write = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('npm run bench -- [--db sqlite|postgres] [--quick] [--runs N] [--only saves,fanout,tree,memory,results,notifications,integrators,public,cluster,national] [--no-write]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  // a quick smoke run takes one run per figure unless told otherwise; a real one at least 3
  if (!opts.runs) opts.runs = opts.quick ? 1 : 3;
  for (const o of opts.only ?? []) if (!BENCHMARKS[o]) throw new Error(`unknown benchmark ${o}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
  // the opt-in benchmarks run on PostgreSQL + Redis whatever --db says: the report says so too
  if (opts.only?.length && opts.only.every((o) => OPT_IN.includes(o))) opts.db = 'postgres';
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = new Date();
  const m = machine();
  m.busyBefore = await machineBusy(opts.quick ? 1000 : 2000);
  const command = `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
  // bounded in time whatever happens: the whole run stops itself
  const limitS = opts.quick ? 600 : opts.only?.includes('national') ? 3600 : 1800;
  const watchdog = setTimeout(() => {
    process.stderr.write(`\nbench: over ${limitS} s, stopping everything\n`);
    void stopAll().finally(() => process.exit(2));
  }, limitS * 1000);
  watchdog.unref();
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));

  const gen = Generator.start();
  const ctx = new Ctx(opts, gen);
  ctx.log(`bench on ${opts.db}${opts.quick ? ' (quick)' : ''}: ${m.cores} cores, ${m.cpuModel}, ${m.memoryGiB} GiB, load ${m.loadAverage.join(' ')}, busy ${Math.round((m.busyBefore ?? 0) * 100)} % before start`);
  const sections: Section[] = [];
  try {
    for (const [name, fn] of Object.entries(BENCHMARKS)) {
      if (opts.only && !opts.only.includes(name)) continue;
      // several processes need PostgreSQL and Redis whatever --db says: run only when named
      if (!opts.only && OPT_IN.includes(name)) continue;
      const t0 = Date.now();
      try {
        sections.push(await fn(ctx));
      } catch (e) {
        ctx.log(`${name} failed: ${(e as Error).stack}`);
        sections.push({
          bench: Object.keys(BENCHMARKS).indexOf(name) + 1,
          title: name,
          figures: [{ bench: Object.keys(BENCHMARKS).indexOf(name) + 1, name: `${name}: failed`, target: '—', value: null, unit: '', runs: [], met: false, limit: (e as Error).message.split('\n')[0] }],
          detail: ['```', String((e as Error).stack).slice(0, 3000), '```'],
          raw: null,
        });
      }
      ctx.log(`${name} done in ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  } finally {
    await gen.stop();
    await stopAll();
  }
  const elapsedS = (Date.now() - started.getTime()) / 1000;
  const figures = sections.flatMap((s) => s.figures);
  process.stdout.write('\n' + summaryTable(figures).join('\n') + '\n\n');
  const section = sectionMarkdown(opts, m, command, started, elapsedS, sections, await databaseVersion(opts.db));
  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stem = `${opts.quick ? 'quick' : 'full'}-${opts.db}`;
  writeFileSync(join(resultsDir, `${stem}.md`), section + '\n');
  writeFileSync(join(resultsDir, `${stem}.json`), JSON.stringify({ opts, machine: m, started, elapsedS, sections }, null, 1));
  if (opts.write && !opts.quick && !opts.only && opts.runs >= 3) {
    const doc = join(ROOT, 'docs', 'benchmarks.md');
    writeFileSync(doc, mergeDoc(doc, opts.db, section));
    ctx.log(`wrote docs/benchmarks.md (${opts.db} section) in ${Math.round(elapsedS)} s`);
  } else {
    ctx.log(`wrote bench/results/${stem}.md${opts.quick || opts.only ? ' (docs/benchmarks.md is written by a full run of every benchmark with ≥ 3 runs)' : ''} in ${Math.round(elapsedS)} s`);
  }
  clearTimeout(watchdog);
  process.exit(0);
}

main().catch(async (e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack}\n`);
  await stopAll();
  process.exit(1);
});
