/** Small statistics helpers: percentiles over samples, medians over runs. */

/** The q-quantile (0..1) of samples by nearest rank; NaN when empty. Sorts a copy. */
export function percentile(samples: ArrayLike<number>, q: number): number {
  const n = samples.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(samples as ArrayLike<number>).sort();
  const rank = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
  return sorted[rank];
}

/** p50, p90, p99 and max of samples, sorted once. */
export function summary(samples: ArrayLike<number>): { n: number; p50: number; p90: number; p99: number; max: number } {
  const n = samples.length;
  if (n === 0) return { n: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(samples as ArrayLike<number>).sort();
  const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  return { n, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[n - 1] };
}

/** The median of run figures (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** A growable Float64 buffer for latency samples (hundreds of thousands without GC churn). */
export class Samples {
  private buf = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = x;
  }
  values(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
}

export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

/**
 * Least squares without intercept for cpu = a·writes + b·messages over measured windows: the
 * server's CPU per write (a) and per delivered message (b), using every window at once so that
 * noise in any one of them weighs less than in a difference of two.
 */
export function fitCpu(windows: { cpuMs: number; writes: number; messages: number }[]): { perWriteMs: number; perMessageMs: number } {
  let sww = 0;
  let smm = 0;
  let swm = 0;
  let swc = 0;
  let smc = 0;
  for (const w of windows) {
    sww += w.writes * w.writes;
    smm += w.messages * w.messages;
    swm += w.writes * w.messages;
    swc += w.writes * w.cpuMs;
    smc += w.messages * w.cpuMs;
  }
  const det = sww * smm - swm * swm;
  if (!det) return { perWriteMs: NaN, perMessageMs: NaN };
  return { perWriteMs: (swc * smm - smc * swm) / det, perMessageMs: (smc * sww - swc * swm) / det };
}
