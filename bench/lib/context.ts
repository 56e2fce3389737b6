/** What every benchmark gets: options, the generator, logging, and CPU measurement around a command. */
import os from 'node:os';
import { CpuMeter, processCpuMs, reapedChildrenCpuMs } from './proc';
import type { Generator, GenStats } from './gen';
import type { DbKind, ServerHandle } from './server';

export interface Options {
  db: DbKind;
  quick: boolean;
  runs: number;
  only: string[] | null;
}

/** CPU use during a measured command: per process group, as a share of one core, and the machine. */
export interface CpuShare {
  elapsedMs: number;
  /** CPU ms of the server process */
  serverMs: number;
  /** shares of one core (1 = one core busy the whole time): the server process, all threads */
  server: number;
  /** the server's main (JavaScript) thread alone: at 1 it cannot go faster */
  serverMain: number;
  generator: number;
  /** PostgreSQL backends of the server's database (postgres only) */
  db: number;
  /** the Redis server (postgres mode only) */
  redis: number;
  /** the whole machine, 0–1 of all cores */
  machine: number;
}

export interface Figure {
  /** which benchmark (1–5) */
  bench: number;
  name: string;
  target: string;
  /** measured: the median over runs */
  value: number | null;
  unit: string;
  /** the per-run values the median was taken of */
  runs: number[];
  met: boolean | null;
  limit: string;
}

export interface Section {
  bench: number;
  title: string;
  figures: Figure[];
  /** markdown lines of detail (tables of every step) */
  detail: string[];
  raw: unknown;
}

export class Ctx {
  constructor(
    readonly opts: Options,
    readonly gen: Generator,
  ) {}

  log(...parts: unknown[]): void {
    const t = new Date().toISOString().slice(11, 19);
    process.stdout.write(`[${t}] ${parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ')}\n`);
  }

  /**
   * Runs a generator command while sampling the CPU time of the server (/proc/<pid>/stat), its
   * database backends, Redis, the generator, and the machine.
   */
  async measure<T>(
    server: { pid: number; backendPids?: () => Promise<number[]>; redisPid?: number | null; postmasterPid?: number | null; peerPids?: number[] } | null,
    cmd: string,
    args: unknown,
  ): Promise<{ result: T & { gen: GenStats }; cpu: CpuShare }> {
    const meter = new CpuMeter({
      // with peers (several server processes): all of them; the main thread is the first one's
      server: () => (server ? [server.pid, ...(server.peerPids ?? [])] : []),
      serverMain: () => (server ? [-server.pid] : []),
      generator: () => [this.gen.pid],
      db: () => (server?.backendPids ? server.backendPids() : []),
      redis: () => (server?.redisPid ? [server.redisPid] : []),
    });
    // PostgreSQL: the live backends, plus what the backends and parallel workers that exited
    // meanwhile used (the postmaster's reaped children; only benchmarks use this PostgreSQL)
    const postmaster = server?.postmasterPid ?? null;
    const reaped0 = postmaster ? reapedChildrenCpuMs(postmaster) : 0;
    await meter.begin();
    const result = await this.gen.call<T>(cmd, args);
    const m = await meter.end();
    if (postmaster) m.cpuMs.db += reapedChildrenCpuMs(postmaster) - reaped0;
    const share = (ms: number) => ms / m.elapsedMs;
    return {
      result,
      cpu: {
        elapsedMs: m.elapsedMs,
        serverMs: m.cpuMs.server,
        server: share(m.cpuMs.server),
        serverMain: share(m.cpuMs.serverMain),
        generator: share(result.gen.cpuMs),
        db: share(m.cpuMs.db),
        redis: share(m.cpuMs.redis),
        machine: m.machineBusy,
      },
    };
  }
}

export type { ServerHandle };

/**
 * Waits until a process is nearly idle (under `share` of a core over `windowMs`), at most
 * `maxMs`: after an overloaded step the server may still be working through requests that the
 * generator gave up on, and the next step must not inherit them. Returns how long it waited.
 */
export async function settle(pid: number, share = 0.1, windowMs = 300, maxMs = 30_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < maxMs) {
    const c0 = processCpuMs(pid);
    await new Promise((r) => setTimeout(r, windowMs));
    if ((processCpuMs(pid) - c0) / windowMs < share) break;
  }
  return performance.now() - t0;
}

/** "server 98 %, generator 31 %, PostgreSQL 40 %, machine 85 %" */
export function cpuText(c: CpuShare, db: string): string {
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const parts = [`server ${pct(c.server)} (main thread ${pct(c.serverMain)})`];
  if (db === 'postgres') parts.push(`PostgreSQL ${pct(c.db)}`, `Redis ${pct(c.redis)}`);
  parts.push(`generator ${pct(c.generator)}`, `machine ${pct(c.machine)} of ${os.cpus().length} cores`);
  return parts.join(', ');
}
