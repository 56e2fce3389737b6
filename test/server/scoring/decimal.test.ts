import {
  formatHundredths,
  fromHundredths,
  rat,
  ratAdd,
  ratCompare,
  ratDiv,
  ratFromNumber,
  ratMin,
  ratMul,
  ratSub,
  roundHalfUpToInt,
  toHundredths,
} from '../../../server/src/common/decimal';

describe('toHundredths', () => {
  it.each([
    [0, 0],
    [-0, 0],
    [1, 100],
    [1.1, 110],
    [0.29, 29],
    [0.07, 7],
    [1.15, 115],
    [150.77, 15077],
    [-0.5, -50],
    [1000, 100000],
    [1e3, 100000],
  ])('%p → %p', (value, expected) => {
    const h = toHundredths(value);
    expect(h).toBe(expected);
    if (h !== null) expect(Object.is(h, -0)).toBe(false);
  });

  it.each([0.001, 1.005, 0.125, 1e-7, 0.1 + 0.2, NaN, Infinity, -Infinity, 1e300])('rejects %p', (v) => {
    expect(toHundredths(v)).toBeNull();
  });
});

describe('fromHundredths / formatHundredths', () => {
  it('converts back for output', () => {
    expect(fromHundredths(15077)).toBe(150.77);
    expect(fromHundredths(29)).toBe(0.29);
    expect(fromHundredths(0)).toBe(0);
  });
  it.each([
    [15077, '150.77'],
    [150, '1.50'],
    [5, '0.05'],
    [0, '0.00'],
    [-5, '-0.05'],
    [-1234, '-12.34'],
    [100000, '1000.00'],
  ])('%p → %p', (h, s) => expect(formatHundredths(h)).toBe(s));
});

describe('rationals', () => {
  const eq = (a: { num: bigint; den: bigint }, num: bigint, den: bigint) => expect(a).toEqual({ num, den });

  it('parses numbers from their shortest decimal string', () => {
    eq(ratFromNumber(0.29), 29n, 100n);
    eq(ratFromNumber(1.1), 11n, 10n);
    eq(ratFromNumber(-2.5), -5n, 2n);
    eq(ratFromNumber(0), 0n, 1n);
    eq(ratFromNumber(1e-7), 1n, 10000000n);
    eq(ratFromNumber(1.5e-7), 3n, 20000000n);
    eq(ratFromNumber(1.5e21), 1500000000000000000000n, 1n);
    eq(ratFromNumber(123456789012), 123456789012n, 1n);
  });

  it('refuses non-finite numbers and zero denominators', () => {
    expect(() => ratFromNumber(NaN)).toThrow();
    expect(() => ratFromNumber(Infinity)).toThrow();
    expect(() => rat(1, 0)).toThrow();
    expect(() => ratDiv(rat(1), rat(0))).toThrow();
  });

  it('normalizes sign and reduces', () => {
    eq(rat(6, -4), -3n, 2n);
    eq(rat(0, -7), 0n, 1n);
  });

  it('adds, subtracts, multiplies, divides and compares exactly', () => {
    eq(ratAdd(ratFromNumber(0.1), ratFromNumber(0.2)), 3n, 10n);
    eq(ratSub(rat(1, 3), rat(1, 6)), 1n, 6n);
    eq(ratMul(rat(50), rat(1, 3)), 50n, 3n);
    eq(ratDiv(rat(7), rat(10)), 7n, 10n);
    expect(ratCompare(ratAdd(ratFromNumber(0.1), ratFromNumber(0.2)), ratFromNumber(0.3))).toBe(0);
    expect(ratCompare(rat(1, 3), rat(1, 2))).toBe(-1);
    expect(ratCompare(rat(-1, 2), rat(-1, 3))).toBe(-1);
    expect(ratCompare(rat(2), rat(3, 2))).toBe(1);
    eq(ratMin(rat(3, 2), rat(1)), 1n, 1n);
  });

  it.each([
    [rat(5, 2), 3n],
    [rat(249, 100), 2n],
    [rat(251, 100), 3n],
    [rat(50, 3), 17n], // 16.67
    [rat(25, 2), 13n], // 12.5
    [rat(0), 0n],
    [rat(1, 2), 1n],
    [rat(-1, 2), -1n], // symmetric: halves go away from zero
    [rat(-5, 2), -3n],
    [rat(-249, 100), -2n],
    [rat(-1, 3), 0n],
  ])('roundHalfUpToInt(%p) = %p', (r, expected) => expect(roundHalfUpToInt(r)).toBe(expected));
});
