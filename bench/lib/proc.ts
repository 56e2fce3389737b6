/**
 * What the kernel says about processes and the machine (Linux /proc): CPU time of a process (or
 * of several), its resident memory, and the machine's busy time. Nothing is asked of the server
 * itself: it exposes no metrics, and the benchmark adds none.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

const TICK_MS = (() => {
  try {
    return 1000 / Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim());
  } catch {
    return 10;
  }
})();

/**
 * CPU time (user + system) of a process in milliseconds, all its threads; with `mainThread`,
 * only its main thread (for Node: the JavaScript thread, without GC helpers and the libuv pool).
 * 0 when it is gone.
 */
export function processCpuMs(pid: number, mainThread = false): number {
  const rest = statFields(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`);
  return rest ? (Number(rest[11]) + Number(rest[12])) * TICK_MS : 0;
}

/** The fields of a /proc stat file after the command name (field 3 on), or null when it is gone. */
function statFields(path: string): string[] | null {
  try {
    const stat = readFileSync(path, 'utf8');
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system, ms) of the children a process has waited for: for PostgreSQL's
 * postmaster, the backends and parallel workers that have exited, which a list of live backends
 * misses (a parallel query's workers live for one query).
 */
export function reapedChildrenCpuMs(pid: number): number {
  const rest = statFields(`/proc/${pid}/stat`);
  return rest ? (Number(rest[13]) + Number(rest[14])) * TICK_MS : 0;
}

/** The parent of a process (from /proc/<pid>/status), or null. */
export function parentPid(pid: number): number | null {
  try {
    const m = /^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Resident memory of a process from /proc/<pid>/status, in bytes (VmRSS, RssAnon, VmHWM). */
export function processMemory(pid: number): { rss: number; rssAnon: number; hwm: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : NaN;
  };
  return { rss: kb('VmRSS'), rssAnon: kb('RssAnon'), hwm: kb('VmHWM') };
}

/** The machine's CPU time so far: busy and total, in clock ticks over all cores. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f;
  const total = user + nice + system + idle + iowait + irq + softirq + (steal || 0);
  return { busy: total - idle - iowait, total };
}

/** The machine's busy share (0–1 of all cores) over `ms` milliseconds, measured now. */
export async function machineBusy(ms = 2000): Promise<number> {
  const a = machineCpu();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineCpu();
  return (b.busy - a.busy) / Math.max(1, b.total - a.total);
}

export interface Machine {
  cores: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  kernel: string;
  loadAverage: number[];
  /** busy share of all cores over 1–2 s just before the benchmarks started (another load shows here) */
  busyBefore?: number;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** CPU ms of a pid; a negative pid means the main thread of -pid. */
const cpuOf = (pid: number): number => (pid < 0 ? processCpuMs(-pid, true) : processCpuMs(pid));

/** A set of processes whose CPU time is summed (the server, the database backends…); -pid: main thread only. */
export type PidSource = () => number[] | Promise<number[]>;

/**
 * Samples CPU time of named groups of processes and the machine at two instants; `delta()` gives
 * milliseconds of CPU per group and the machine's busy share over the interval.
 */
export class CpuMeter {
  private start = new Map<string, Map<number, number>>();
  private machineStart = machineCpu();
  private t0 = performance.now();

  constructor(private readonly groups: Record<string, PidSource>) {}

  async begin(): Promise<void> {
    this.start.clear();
    for (const [name, src] of Object.entries(this.groups)) {
      const m = new Map<number, number>();
      for (const pid of await src()) m.set(pid, cpuOf(pid));
      this.start.set(name, m);
    }
    this.machineStart = machineCpu();
    this.t0 = performance.now();
  }

  /** CPU ms per group since begin(); processes that appeared since count from zero. */
  async end(): Promise<{ elapsedMs: number; cpuMs: Record<string, number>; machineBusy: number }> {
    const elapsedMs = performance.now() - this.t0;
    const cpuMs: Record<string, number> = {};
    for (const [name, src] of Object.entries(this.groups)) {
      const before = this.start.get(name) ?? new Map();
      let sum = 0;
      for (const pid of await src()) {
        const now = cpuOf(pid);
        // a process that was there at begin() counts from then; a new one counts whole,
        // except when the group is re-sampled after it started before (rare: a pool growing)
        sum += now - (before.get(pid) ?? 0);
      }
      cpuMs[name] = sum;
    }
    const m = machineCpu();
    const machineBusy = (m.busy - this.machineStart.busy) / Math.max(1, m.total - this.machineStart.total);
    return { elapsedMs, cpuMs, machineBusy };
  }
}
