/**
 * How long the disk under a folder takes to make a small write durable, as PostgreSQL does at
 * every commit (an 8 kB write, then fdatasync, wal_sync_method's default on Linux). Run it before
 * a round on a folder of the disk that holds PostgreSQL's WAL (not in pg_wal itself):
 *
 *   node bench/dist/flush-latency.js [folder] [seconds]      (defaults: the system's temp folder, 60)
 *
 * A save waits for its commit's flush, so a flush that stalls stalls every save committing
 * meanwhile: the tail of this distribution is a floor under the saves' p99 (docs/deploy.md,
 * "PostgreSQL's disk"). PostgreSQL's own pg_test_fsync reports the average, which hides the tail:
 * here one flush every 20 ms, each timed, for `seconds`.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const INTERVAL_MS = 20;
const PAGE = 8192;
/** a flush slower than this is listed with the moment it came */
const STALL_MS = 20;

export interface Flushes {
  folder: string;
  seconds: number;
  /** every flush's time, ms, in order */
  times: number[];
  /** the flushes over STALL_MS: seconds after the start, ms */
  stalls: { at: number; ms: number }[];
}

/** Flushes one 8 kB page every INTERVAL_MS for `seconds` in a temporary folder under `folder`. */
export async function measureFlushes(folder: string, seconds: number): Promise<Flushes> {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`seconds must be a positive number, not ${seconds}`);
  const dir = mkdtempSync(join(folder, 'chamdiem-flush-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const page = Buffer.alloc(PAGE, 1);
  const times: number[] = [];
  const stalls: Flushes['stalls'] = [];
  const start = performance.now();
  try {
    for (let i = 0; performance.now() - start < seconds * 1000; i++) {
      const t0 = performance.now();
      writeSync(fd, page, 0, PAGE, (i % 128) * PAGE);
      fdatasyncSync(fd);
      const ms = performance.now() - t0;
      times.push(ms);
      if (ms > STALL_MS) stalls.push({ at: (t0 - start) / 1000, ms });
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  return { folder, seconds, times, stalls };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The report's lines: the distribution, the counts over 10, 20 and 50 ms, every stall. */
export function flushReport(m: Flushes): string[] {
  const sorted = [...m.times].sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  const over = (ms: number) => m.times.filter((t) => t > ms).length;
  const lines = [
    `flushes of ${PAGE / 1024} kB under ${m.folder}: ${m.times.length} in ${m.seconds} s, one every ${INTERVAL_MS} ms`,
    `p50 ${f(quantile(sorted, 0.5))} · p90 ${f(quantile(sorted, 0.9))} · p99 ${f(quantile(sorted, 0.99))} · p99.9 ${f(quantile(sorted, 0.999))} · max ${f(sorted[sorted.length - 1])}`,
    `over 10 ms: ${over(10)} · over 20 ms: ${over(20)} · over 50 ms: ${over(50)}`,
  ];
  if (m.stalls.length) {
    lines.push(`a flush over ${STALL_MS} ms every ${(m.seconds / m.stalls.length).toFixed(1)} s on average: ${m.stalls.map((s) => `${s.at.toFixed(1)} s (${f(s.ms)})`).join(', ')}`);
  }
  return lines;
}

if (require.main === module) {
  const seconds = Number(process.argv[3] ?? 60);
  measureFlushes(process.argv[2] ?? tmpdir(), seconds).then(
    (m) => console.log(flushReport(m).join('\n')),
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
