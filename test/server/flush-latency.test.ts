/**
 * bench/flush-latency.ts, the check of a deployment's disk that docs/deploy.md gives: it times
 * real flushes in a folder and reports the tail that holds up every save committing meanwhile.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flushReport, measureFlushes } from '../../bench/flush-latency';

describe('flush latency of a disk', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'flush-test-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('times flushes in the folder for the time asked, and leaves nothing behind', async () => {
    const m = await measureFlushes(folder, 0.5);
    // one flush every 20 ms for half a second: at least one (a stalled disk may allow no more),
    // never more than the interval allows (25, and a timer's jitter)
    expect(m.times.length).toBeGreaterThanOrEqual(1);
    expect(m.times.length).toBeLessThanOrEqual(30);
    expect(m.times.every((t) => t >= 0)).toBe(true);
    expect(m.stalls.every((s) => s.ms > 20 && s.at >= 0 && s.at < 0.5)).toBe(true);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('reports the tail: the quantiles, the counts over 10, 20 and 50 ms, and each stall with its moment', () => {
    const times = [...Array.from({ length: 998 }, () => 0.5), 12, 30, 80];
    const lines = flushReport({ folder: '/data', seconds: 20, times, stalls: [{ at: 4.25, ms: 30 }, { at: 11, ms: 80 }] });
    expect(lines[0]).toBe('flushes of 8 kB under /data: 1001 in 20 s, one every 20 ms');
    expect(lines[1]).toBe('p50 0.50 ms · p90 0.50 ms · p99 0.50 ms · p99.9 30.0 ms · max 80.0 ms');
    expect(lines[2]).toBe('over 10 ms: 3 · over 20 ms: 2 · over 50 ms: 1');
    expect(lines[3]).toBe('a flush over 20 ms every 10.0 s on average: 4.3 s (30.0 ms), 11.0 s (80.0 ms)');
  });

  it('refuses a folder that does not exist or a time that is not positive', async () => {
    const missing = join(folder, 'missing');
    await expect(measureFlushes(missing, 1)).rejects.toThrow(/ENOENT/);
    await expect(measureFlushes(folder, 0)).rejects.toThrow('seconds must be a positive number, not 0');
    expect(existsSync(missing)).toBe(false);
  });
});
