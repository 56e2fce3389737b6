import { InputProblems, Problem } from '../../../server/src/common/errors';
import { computeLeafScore, relativeScoreH } from '../../../server/src/modules/scoring/leaf-score';
import { LeafRule, NotApplicableMode, ScoreInput } from '../../../server/src/modules/scoring/scoring.types';

const rule = (over: Partial<LeafRule>): LeafRule => ({
  code: '1.1',
  method: 'MANUAL',
  maxH: 200,
  allowNotApplicable: false,
  ...over,
});

const score = (r: LeafRule, input: ScoreInput, mode: NotApplicableMode = 'FULL') => computeLeafScore(r, input, mode);
const scoreH = (r: LeafRule, input: ScoreInput, mode: NotApplicableMode = 'FULL') => score(r, input, mode).scoreH;

function problemsOf(r: LeafRule, input: ScoreInput, mode: NotApplicableMode = 'FULL'): Problem[] {
  try {
    score(r, input, mode);
  } catch (e) {
    expect(e).toBeInstanceOf(InputProblems);
    return (e as InputProblems).problems;
  }
  throw new Error('expected InputProblems');
}
const pathsOf = (r: LeafRule, input: ScoreInput, mode?: NotApplicableMode) => problemsOf(r, input, mode).map((p) => p.path);

describe('MANUAL (max 2, step 0.01)', () => {
  const r = rule({});
  it.each([
    [0, 0],
    [2, 200],
    [1.37, 137],
    [0.29, 29],
    [1.1, 110],
    [0.01, 1],
  ])('points %p → %p hundredths', (points, expected) => {
    expect(score(r, { points })).toEqual({ scoreH: expected, notApplicable: false });
  });

  it('rejects just above the max and below 0', () => {
    expect(problemsOf(r, { points: 2.01 })).toMatchObject([{ path: '1.1.points', message: 'points must be between 0 and 2' }]);
    expect(pathsOf(r, { points: -0.01 })).toEqual(['1.1.points']);
  });

  it('rejects more than 2 decimals, even a hair above the max', () => {
    expect(problemsOf(r, { points: 1.005 })[0].message).toMatch(/2 decimal places/);
    expect(problemsOf(r, { points: 2.001 }).map((p) => p.message)).toMatchObject([
      'points must be between 0 and 2',
      'points must have at most 2 decimal places',
    ]);
    expect(pathsOf(r, { points: 1e-7 })).toEqual(['1.1.points']);
  });

  it.each([NaN, Infinity, -Infinity])('rejects %p', (points) => {
    expect(problemsOf(r, { points })).toMatchObject([{ path: '1.1.points', message: 'points must be a finite number' }]);
  });

  it('rejects a non-number', () => {
    expect(pathsOf(r, { points: '1' as unknown as number })).toEqual(['1.1.points']);
  });

  it('requires points and refuses the fields of other methods, all at once', () => {
    expect(problemsOf(r, {})).toMatchObject([{ path: '1.1.points', message: 'points is required for the MANUAL method' }]);
    expect(problemsOf(r, { met: true, figure: 3 })).toMatchObject([
      { path: '1.1.points', message: 'points is required for the MANUAL method' },
      { path: '1.1.met', message: 'met is not used by the MANUAL method; leave it empty' },
      { path: '1.1.figure', message: 'figure is not used by the MANUAL method; leave it empty' },
    ]);
    expect(scoreH(r, { points: 1, met: null, tier: undefined, notApplicable: false })).toBe(100);
  });

  describe('with step 0.25', () => {
    const stepped = rule({ stepH: 25 });
    it.each([
      [0, 0],
      [0.25, 25],
      [0.75, 75],
      [2, 200],
    ])('points %p → %p', (points, expected) => expect(scoreH(stepped, { points })).toBe(expected));
    it.each([0.3, 0.29, 1.99, 0.251])('rejects off-step %p', (points) => {
      expect(pathsOf(stepped, { points })).toEqual(['1.1.points']);
    });
    it('names the step', () => {
      expect(problemsOf(stepped, { points: 0.3 })[0].message).toBe('points must be a multiple of 0.25');
    });
  });

  it('accepts a max that is not on the step only where the value is on it', () => {
    const odd = rule({ maxH: 110, stepH: 50 }); // max 1.1, step 0.5
    expect(scoreH(odd, { points: 1 })).toBe(100);
    expect(pathsOf(odd, { points: 1.1 })).toEqual(['1.1.points']);
    expect(pathsOf(odd, { points: 1.5 })).toEqual(['1.1.points']);
  });
});

describe('BOOLEAN (max 3)', () => {
  const r = rule({ method: 'BOOLEAN', maxH: 300 });
  it('met → max, not met → 0', () => {
    expect(scoreH(r, { met: true })).toBe(300);
    expect(scoreH(r, { met: false })).toBe(0);
  });
  it('requires met as a boolean and refuses points', () => {
    expect(pathsOf(r, {})).toEqual(['1.1.met']);
    expect(pathsOf(r, { met: 1 as unknown as boolean })).toEqual(['1.1.met']);
    expect(pathsOf(r, { met: true, points: 3 })).toEqual(['1.1.points']);
  });
});

describe('TIERS', () => {
  const tiers = [
    { label: 'Full', share: 1 },
    { label: 'Partial', share: 0.75 },
    { label: 'Quarter', share: 0.25 },
    { label: 'Third', share: 0.3333 },
    { label: 'None', share: 0 },
  ];
  const half = rule({ method: 'TIERS', maxH: 50, tiers }); // max 0.5
  it.each([
    ['Full', 50],
    ['Partial', 38], // 0.375 → 0.38
    ['Quarter', 13], // 0.125 → 0.13
    ['Third', 17], // 0.16665 → 0.17
    ['None', 0],
  ])('max 0.5, tier %p → %p hundredths', (tier, expected) => expect(scoreH(half, { tier })).toBe(expected));

  it('max 8 × 75 % = 6', () => {
    expect(scoreH(rule({ method: 'TIERS', maxH: 800, tiers }), { tier: 'Partial' })).toBe(600);
  });

  it('rejects an unknown label (labels are exact)', () => {
    const [p] = problemsOf(half, { tier: 'full' });
    expect(p.path).toBe('1.1.tier');
    expect(p.message).toContain('"Full", "Partial"');
    expect(pathsOf(half, {})).toEqual(['1.1.tier']);
    expect(pathsOf(rule({ method: 'TIERS', tiers: null }), { tier: 'Full' })).toEqual(['1.1.tier']);
  });
});

describe('RATIO (max 4)', () => {
  const r = rule({ method: 'RATIO', maxH: 400, allowAboveFull: true });
  it.each([
    [3, 4, 300],
    [1, 3, 133], // 1.3333 → 1.33
    [2, 3, 267], // 2.6667 → 2.67
    [0, 10, 0],
    [10, 10, 400],
    [5, 4, 400], // capped at 1
    [1000, 1, 400],
    [0.29, 1, 116],
    [1, 8, 50],
  ])('%p / %p → %p', (numerator, denominator, expected) => {
    expect(scoreH(r, { numerator, denominator })).toBe(expected);
  });

  it('rounds half-up once: max 0.5 × 1/3 = 0.1666… → 0.17, max 1 × 1/8 = 0.125 → 0.13', () => {
    expect(scoreH(rule({ method: 'RATIO', maxH: 50 }), { numerator: 1, denominator: 3 })).toBe(17);
    expect(scoreH(rule({ method: 'RATIO', maxH: 100 }), { numerator: 1, denominator: 8 })).toBe(13);
  });

  it('rejects a zero denominator clearly', () => {
    expect(problemsOf(r, { numerator: 1, denominator: 0 })).toMatchObject([
      { path: '1.1.denominator', message: 'denominator must be greater than 0', code: 'DENOMINATOR_ZERO', params: { field: 'denominator' } },
    ]);
    expect(problemsOf(r, { numerator: 0, denominator: 0 })[0].message).toBe('denominator must be greater than 0');
  });

  it('refuses a numerator above its denominator unless the criterion allows rates above 100 %, never capping silently', () => {
    const strict = rule({ method: 'RATIO', maxH: 400 });
    expect(problemsOf(strict, { numerator: 1500, denominator: 1000 })).toMatchObject([
      {
        path: '1.1.numerator',
        message: 'numerator 1500 is above denominator 1000; this criterion does not allow a rate above 100 %',
        code: 'RATIO_ABOVE_FULL',
        params: { field: 'numerator', numerator: 1500, denominator: 1000 },
      },
    ]);
    // a hair above is refused too; exactly 100 % is full marks
    expect(pathsOf(strict, { numerator: 1000.01, denominator: 1000 })).toEqual(['1.1.numerator']);
    expect(scoreH(strict, { numerator: 1000, denominator: 1000 })).toBe(400);
    // allowed: accepted, the score stays capped at the max
    expect(scoreH(rule({ method: 'RATIO', maxH: 400, allowAboveFull: true }), { numerator: 1500, denominator: 1000 })).toBe(400);
  });

  it('rejects negative and non-finite figures, every one of them', () => {
    expect(pathsOf(r, { numerator: -1, denominator: 4 })).toEqual(['1.1.numerator']);
    expect(pathsOf(r, { numerator: Infinity, denominator: NaN })).toEqual(['1.1.numerator', '1.1.denominator']);
    expect(pathsOf(r, { numerator: NaN, denominator: 0 })).toEqual(['1.1.numerator', '1.1.denominator']);
    expect(pathsOf(r, {})).toEqual(['1.1.numerator', '1.1.denominator']);
    expect(pathsOf(r, { numerator: 1 })).toEqual(['1.1.denominator']);
  });

  describe('with thresholds (given out of order)', () => {
    const t = rule({
      method: 'RATIO',
      maxH: 400,
      allowAboveFull: true,
      thresholds: [
        { minPercent: 70, share: 0.5 },
        { minPercent: 0, share: 'ratio' },
        { minPercent: 90, share: 1 },
      ],
    });
    it.each([
      [9, 10, 400], // exactly 90 % → full
      [95, 100, 400],
      [7, 10, 200], // exactly 70.00 % → half
      [0.7, 1, 200],
      [8999, 10000, 200],
      [699, 1000, 280], // 69.9 % → the rate: 2.796 → 2.80
      [1, 3, 133],
      [0, 5, 0],
      [3, 2, 400], // capped
    ])('%p / %p → %p', (numerator, denominator, expected) => {
      expect(scoreH(t, { numerator, denominator })).toBe(expected);
    });

    it('compares exactly where floats would not (29/100 × 100 = 28.999… in binary)', () => {
      const trap = rule({ method: 'RATIO', maxH: 400, thresholds: [{ minPercent: 29, share: 1 }] });
      expect(scoreH(trap, { numerator: 29, denominator: 100 })).toBe(400);
      expect(scoreH(trap, { numerator: 0.29, denominator: 1 })).toBe(400);
      expect(scoreH(trap, { numerator: 2899, denominator: 10000 })).toBe(0);
      const decimal = rule({ method: 'RATIO', maxH: 400, thresholds: [{ minPercent: 33.33, share: 0.75 }] });
      expect(scoreH(decimal, { numerator: 1, denominator: 3 })).toBe(300);
    });

    it('scores 0 when no threshold matches', () => {
      const high = rule({ method: 'RATIO', maxH: 400, thresholds: [{ minPercent: 50, share: 1 }] });
      expect(scoreH(high, { numerator: 1, denominator: 4 })).toBe(0);
      expect(scoreH(high, { numerator: 1, denominator: 2 })).toBe(400);
    });
  });
});

describe('RELATIVE', () => {
  const r = rule({ method: 'RELATIVE', maxH: 300 });
  it('validates the figure and leaves the score for later', () => {
    expect(score(r, { figure: 12.5 })).toEqual({ scoreH: null, notApplicable: false });
    expect(score(r, { figure: 0 })).toEqual({ scoreH: null, notApplicable: false });
    expect(pathsOf(r, { figure: -1 })).toEqual(['1.1.figure']);
    expect(pathsOf(r, { figure: NaN })).toEqual(['1.1.figure']);
    expect(pathsOf(r, {})).toEqual(['1.1.figure']);
    expect(pathsOf(r, { figure: 1, numerator: 1 })).toEqual(['1.1.numerator']);
  });

  it.each([
    [300, 45, 60, 225],
    [300, 60, 60, 300],
    [50, 1, 3, 17], // 0.1666… → 0.17
    [100, 1, 8, 13], // 0.125 → 0.13
    [200, 0.29, 0.58, 100],
    [300, 0, 60, 0],
    [300, 0, 0, 0], // best 0 → 0
    [300, 5, 0, 0],
  ])('relativeScoreH(%p, %p, %p) = %p', (maxH, figure, best, expected) => {
    expect(relativeScoreH(maxH, figure, best)).toBe(expected);
  });
});

describe('DEDUCTION (max 1)', () => {
  const r = rule({ method: 'DEDUCTION', maxH: 100 });
  it.each([
    [-0.5, -50],
    [0, 0],
    [-1, -100],
    [-0.29, -29],
    [-0.01, -1],
  ])('points %p → %p', (points, expected) => expect(scoreH(r, { points })).toBe(expected));
  it.each([-1.01, 0.01, 1, -0.005, NaN, -Infinity])('rejects %p', (points) => {
    expect(pathsOf(r, { points })).toEqual(['1.1.points']);
  });
  it('says the range', () => {
    expect(problemsOf(r, { points: 0.5 })[0].message).toBe('points must be between -1 and 0');
  });
});

describe('BONUS (max 2)', () => {
  const r = rule({ method: 'BONUS', maxH: 200 });
  it.each([
    [0, 0],
    [2, 200],
    [0.29, 29],
    [1.5, 150],
  ])('points %p → %p', (points, expected) => expect(scoreH(r, { points })).toBe(expected));
  it.each([2.01, -0.01, 1.125, Infinity])('rejects %p', (points) => {
    expect(pathsOf(r, { points })).toEqual(['1.1.points']);
  });
});

describe('NOT_APPLICABLE', () => {
  const na = { notApplicable: true };
  it.each([
    ['MANUAL', 'FULL', 200],
    ['MANUAL', 'RESCALE', 0],
    ['BOOLEAN', 'FULL', 200],
    ['TIERS', 'RESCALE', 0],
    ['RATIO', 'FULL', 200],
    ['RELATIVE', 'FULL', 200],
    ['RELATIVE', 'RESCALE', 0],
    ['BONUS', 'FULL', 0],
    ['BONUS', 'RESCALE', 0],
    ['DEDUCTION', 'FULL', 0],
    ['DEDUCTION', 'RESCALE', 0],
  ] as const)('%s under %s → %p', (method, mode, expected) => {
    expect(score(rule({ method, allowNotApplicable: true }), na, mode)).toEqual({ scoreH: expected, notApplicable: true });
  });

  it('is refused where the criterion does not allow it', () => {
    expect(problemsOf(rule({}), na)).toMatchObject([
      { path: '1.1.notApplicable', message: 'this criterion cannot be marked not applicable' },
    ]);
    expect(pathsOf(rule({}), { notApplicable: true, points: 1 })).toEqual(['1.1.notApplicable', '1.1.points']);
  });

  it('must stand alone', () => {
    const r = rule({ method: 'RATIO', allowNotApplicable: true });
    expect(pathsOf(r, { notApplicable: true, numerator: 1, denominator: 2 })).toEqual([
      '1.1.numerator',
      '1.1.denominator',
    ]);
    expect(problemsOf(r, { notApplicable: true, met: false })[0].message).toBe(
      'met must be empty when the criterion is marked not applicable',
    );
  });

  it('notApplicable: false scores normally', () => {
    expect(score(rule({ allowNotApplicable: true }), { points: 1.5, notApplicable: false })).toEqual({
      scoreH: 150,
      notApplicable: false,
    });
  });

  it('throws one InputProblems whose message names the paths', () => {
    expect(() => score(rule({}), { points: 3, met: true })).toThrow(
      '1.1.met: met is not used by the MANUAL method; leave it empty; 1.1.points: points must be between 0 and 2',
    );
  });
});
