/** Words for "what limits it", from the CPU shares measured while a figure was taken. */
import type { CpuShare } from './context';
import { cpuText } from './context';

export function limitText(c: CpuShare | undefined, db: string, extra: string[] = []): string {
  if (!c) return extra.join('; ');
  const why: string[] = [];
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  if (c.serverMain >= 0.85) why.push(`the server's JavaScript thread is CPU-bound (${pct(c.serverMain)} of a core; the process ${pct(c.server)} with GC and I/O threads)`);
  if (db === 'postgres' && c.db >= 0.5) why.push(`PostgreSQL backends use ${pct(c.db)} of a core`);
  if (c.machine >= 0.9) why.push(`the 2 cores are full (machine ${pct(c.machine)}): server, database and generator share them`);
  if (c.generator >= 0.8) why.push(`the generator is near a full core (${pct(c.generator)}): the figure may be a floor`);
  if (!why.length) why.push('no CPU limit reached');
  return [...extra, ...why].join('; ') + ` [${cpuText(c, db)}]`;
}
