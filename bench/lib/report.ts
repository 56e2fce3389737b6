/**
 * docs/benchmarks.md: a fixed introduction (how it is measured), then one section per database,
 * each rewritten only by a run on that database (the other's section is kept as it was).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Figure, Options, Section } from './context';
import type { Machine } from './proc';
import { ROOT } from './server';

const fmt = (v: number | null, unit: string): string => {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  const n = v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit === '%' ? `${n} %` : unit ? `${n} ${unit}` : n;
};

const metText = (m: boolean | null) => (m === null ? '—' : m ? '**met**' : '**not met**');

export function gitCommit(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: ROOT, encoding: 'utf8' }).trim() ? ' + uncommitted changes' : '';
    return head + dirty;
  } catch {
    return 'unknown';
  }
}

export function summaryTable(figures: Figure[]): string[] {
  const lines = [
    '| # | figure | target | measured (median) | per run | met | what limits it |',
    '| --- | --- | --- | ---: | --- | --- | --- |',
  ];
  for (const f of figures) {
    const runs = f.runs.length ? f.runs.map((r) => fmt(r, '')).join(' · ') : '—';
    lines.push(`| ${f.bench} | ${f.name} | ${f.target} | ${fmt(f.value, f.unit)} | ${runs} | ${metText(f.met)} | ${f.limit.replace(/\|/g, '\\|')} |`);
  }
  return lines;
}

export function sectionMarkdown(opts: Options, m: Machine, command: string, startedAt: Date, elapsedS: number, sections: Section[], dbVersion = ''): string {
  const title = opts.db === 'postgres' ? 'PostgreSQL + Redis' : 'SQLite (default)';
  const lines = [
    `## ${title}`,
    '',
    `| | |`,
    `| --- | --- |`,
    `| machine | ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory, ${m.kernel} |`,
    `| Node.js | ${m.node} |`,
    ...(dbVersion ? [`| database | ${dbVersion} |`] : []),
    `| date | ${startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC |`,
    `| command | \`${command}\` |`,
    `| commit | ${gitCommit()} |`,
    `| machine before start | ${Math.round((m.busyBefore ?? 0) * 100)} % busy just before; load average ${m.loadAverage.join(', ')}${(m.busyBefore ?? 0) > 0.15 ? ' — **the machine was not quiet: figures are pessimistic**' : ''} |`,
    `| runs per figure | ${opts.runs} (each figure is the median of the runs) |`,
    `| duration | ${Math.round(elapsedS)} s |`,
    '',
    ...summaryTable(sections.flatMap((s) => s.figures)),
    '',
  ];
  for (const s of sections) {
    lines.push(`### ${s.bench}. ${s.title}`, '', ...s.detail, '');
  }
  return lines.join('\n');
}

const INTRO = `# Benchmarks

Written by \`npm run bench\` (SQLite) and \`npm run bench -- --db postgres\` (PostgreSQL + Redis);
the code is in [\`bench/\`](../bench). Each run rewrites its own database's section below.
\`npm run bench -- --quick\` is a short smoke run (under a minute) that prints its table and
leaves this page alone; \`--only saves,fanout,tree,memory,results\` runs some of the benchmarks,
\`--runs N\` sets the number of runs per figure (at least 3 for this page).

How it is measured:

- **A real server process.** Every benchmark starts \`node server/dist/index.js\` (the server's
  build, with the Node flags of server/package.json's start script since 5b416ea) on 127.0.0.1 with \`PORT=0\`, \`NODE_ENV=production\`, \`DEMO_DATA=false\`,
  \`LOG_LEVEL=warn\`, a first ADMIN from \`ADMIN_EMAIL\`/\`ADMIN_PASSWORD\` and a fresh database: a
  SQLite file in a temporary folder, or a new PostgreSQL database with \`REDIS_URL\` and a
  unique \`REDIS_PREFIX\`. Everything a benchmark needs is created through the API as that
  ADMIN (units, users, framework import and publication, period, phase, assignments), except
  the 100,000 self scores of benchmark 5, written straight into the database (see there). The
  server is stopped and its database dropped at the end. \`PASSWORD_HASH_MEMORY_KIB=1024\`
  only makes the setup's hundreds of sign-ins quick; no measured operation signs in.
- **A separate load generator** (\`bench/generator.ts\`, a forked Node process): HTTP through an
  undici keep-alive pool, subscriptions over \`ws\` with the graphql-ws protocol. Its own CPU time
  (\`process.cpuUsage\`) is reported next to the server's (\`/proc/<pid>/stat\`), the PostgreSQL
  backends' of the benchmark's database (\`pg_stat_activity\` → \`/proc\`), Redis's, and the
  machine's (\`/proc/stat\`), so that a generator starving the server on 2 cores shows.
- **Open-loop arrivals** for saves: requests are sent at their scheduled instants whatever the
  server's pace, and latency runs from the scheduled instant, so it includes queueing.
- **Every figure is the median of several runs** (the per-run values are shown).
- The bare graphql-ws server used as the fan-out ceiling is [\`bench/bare-server.ts\`](../bench/bare-server.ts).
`;

/** The page with this run's section put in place of the previous one of the same database. */
export function mergeDoc(path: string, db: string, section: string): string {
  const start = `<!-- bench:${db} -->`;
  const end = `<!-- /bench:${db} -->`;
  const other = db === 'postgres' ? 'sqlite' : 'postgres';
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const grab = (name: string) => {
    const s = old.indexOf(`<!-- bench:${name} -->`);
    const e = old.indexOf(`<!-- /bench:${name} -->`);
    return s >= 0 && e > s ? old.slice(s, e + `<!-- /bench:${name} -->`.length) : null;
  };
  const mine = `${start}\n${section}\n${end}`;
  const theirs = grab(other) ?? `<!-- bench:${other} -->\n## ${other === 'postgres' ? 'PostgreSQL + Redis' : 'SQLite (default)'}\n\nNot measured yet: run \`npm run bench${other === 'postgres' ? ' -- --db postgres' : ''}\`.\n<!-- /bench:${other} -->`;
  const ordered = db === 'sqlite' ? [mine, theirs] : [theirs, mine];
  return `${INTRO}\n${ordered.join('\n\n')}\n`;
}
