/**
 * Exact decimal helpers. Scores and maxima are integer hundredths (150.77 = 15077); anything that
 * multiplies or divides (shares, rates, rescaling) goes through a small BigInt rational so that a
 * hand calculation agrees to the hundredth.
 */

/** An exact rational number: `den` > 0, reduced. */
export interface Rational {
  num: bigint;
  den: bigint;
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** num / den, reduced with a positive denominator. Throws on a zero denominator. */
export function rat(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('Rational with a zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

export const RAT_ZERO: Rational = { num: 0n, den: 1n };
export const RAT_ONE: Rational = { num: 1n, den: 1n };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/**
 * The exact value of a finite number's shortest decimal string (String(0.29) = "0.29" → 29/100,
 * not the binary 0.28999…). Handles exponent notation ("1e-7", "1.5e+21"). Throws on NaN/Infinity.
 */
export function ratFromNumber(x: number): Rational {
  const m = Number.isFinite(x) ? DECIMAL.exec(String(x)) : null;
  if (!m) throw new RangeError(`Not a finite number: ${String(x)}`);
  const [, sign, int, frac = '', exp = '0'] = m;
  let num = BigInt(int + frac);
  if (sign) num = -num;
  const e = Number(exp) - frac.length;
  return e >= 0 ? rat(num * 10n ** BigInt(e)) : rat(num, 10n ** BigInt(-e));
}

export const ratAdd = (a: Rational, b: Rational): Rational => rat(a.num * b.den + b.num * a.den, a.den * b.den);
export const ratSub = (a: Rational, b: Rational): Rational => rat(a.num * b.den - b.num * a.den, a.den * b.den);
export const ratMul = (a: Rational, b: Rational): Rational => rat(a.num * b.num, a.den * b.den);
/** a / b; throws when b is 0. */
export const ratDiv = (a: Rational, b: Rational): Rational => rat(a.num * b.den, a.den * b.num);

/** -1, 0 or 1 as a <, =, > b. */
export function ratCompare(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const ratMin = (a: Rational, b: Rational): Rational => (ratCompare(a, b) <= 0 ? a : b);
export const ratMax = (a: Rational, b: Rational): Rational => (ratCompare(a, b) >= 0 ? a : b);

/**
 * Rounds to an integer, halves away from zero: 2.5 → 3, 2.49 → 2, and symmetrically for negative
 * values -2.5 → -3, -0.5 → -1 (so rounding commutes with negation).
 */
export function roundHalfUpToInt(r: Rational): bigint {
  if (r.num < 0n) return -roundHalfUpToInt({ num: -r.num, den: r.den });
  return (2n * r.num + r.den) / (2n * r.den);
}

/** roundHalfUpToInt as a JS number (for hundredths and thousandths, always safe integers). */
export const roundHalfUp = (r: Rational): number => toSafeNumber(roundHalfUpToInt(r));

function toSafeNumber(b: bigint): number {
  const n = Number(b);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Integer out of range: ${b}`);
  return n === 0 ? 0 : n; // never -0
}

/**
 * The value as integer hundredths when it has at most 2 decimals exactly (1.1 → 110, 0.29 → 29),
 * else null (also for NaN, ±Infinity and values beyond the safe integer range).
 */
export function toHundredths(value: number): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const r = ratMul(ratFromNumber(value), rat(100));
  if (r.den !== 1n) return null;
  const n = Number(r.num);
  return Number.isSafeInteger(n) ? (n === 0 ? 0 : n) : null;
}

/** Hundredths as a number for display and API output (15077 → 150.77). */
export const fromHundredths = (h: number): number => h / 100;

/** Hundredths as a fixed two-decimal string: 15077 → "150.77", 150 → "1.50", -5 → "-0.05". */
export function formatHundredths(h: number): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Hundredths as the shortest decimal (15077 → "150.77", 150 → "1.5", 200 → "2"), for messages. */
export const displayHundredths = (h: number): string => String(fromHundredths(h));

/** Integer hundredths as a rational (15077 → 15077/100). */
export const ratFromHundredths = (h: number): Rational => rat(BigInt(h), 100n);
