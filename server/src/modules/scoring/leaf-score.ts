/**
 * A leaf's score from its raw input (DESIGN.md "Arithmetic"): validated strictly, computed exactly,
 * rounded half-up to hundredths once.
 */
import { InputProblems, Problem, ProblemCode, ProblemParams } from '../../common/errors';
import {
  Rational,
  RAT_ONE,
  displayHundredths,
  rat,
  ratCompare,
  ratDiv,
  ratFromNumber,
  ratMin,
  ratMul,
  roundHalfUp,
  toHundredths,
} from '../../common/decimal';
import { LeafRule, NotApplicableMode, ScoreInput, ScoringMethod, LeafScore, Threshold } from './scoring.types';

type Field = Exclude<keyof ScoreInput, 'notApplicable'>;
const ALL_FIELDS: Field[] = ['points', 'met', 'tier', 'numerator', 'denominator', 'figure'];
const FIELDS_OF: Record<ScoringMethod, Field[]> = {
  MANUAL: ['points'],
  BOOLEAN: ['met'],
  TIERS: ['tier'],
  RATIO: ['numerator', 'denominator'],
  RELATIVE: ['figure'],
  DEDUCTION: ['points'],
  BONUS: ['points'],
};

const given = (v: unknown): boolean => v !== null && v !== undefined;

/** Throws InputProblems listing every problem of this input. */
export function computeLeafScore(rule: LeafRule, input: ScoreInput, naMode: NotApplicableMode): LeafScore {
  const problems: Problem[] = [];
  const at = (field?: string) => (field ? `${rule.code}.${field}` : rule.code);
  const fail: Fail = (field, message, code = 'INVALID', params = {}) =>
    problems.push({ path: at(field), message, code, params: field ? { field, ...params } : params });
  const done = (scoreH: number | null, notApplicable = false): LeafScore => {
    if (problems.length) throw new InputProblems(problems);
    return { scoreH, notApplicable };
  };

  if (given(input.notApplicable) && typeof input.notApplicable !== 'boolean') {
    fail('notApplicable', 'notApplicable must be true or false', 'NOT_BOOLEAN');
    return done(null);
  }

  if (input.notApplicable === true) {
    if (!rule.allowNotApplicable) fail('notApplicable', 'this criterion cannot be marked not applicable', 'NOT_APPLICABLE_NOT_ALLOWED');
    for (const f of ALL_FIELDS) {
      if (given(input[f])) fail(f, `${f} must be empty when the criterion is marked not applicable`, 'NOT_APPLICABLE_FIELD_GIVEN');
    }
    const regular = rule.method !== 'BONUS' && rule.method !== 'DEDUCTION';
    return done(regular && naMode === 'FULL' ? rule.maxH : 0, true);
  }

  const expected = FIELDS_OF[rule.method] ?? [];
  let missing = false;
  for (const f of ALL_FIELDS) {
    if (expected.includes(f)) {
      if (!given(input[f])) {
        fail(f, `${f} is required for the ${rule.method} method`, 'FIELD_REQUIRED_BY_METHOD', { method: rule.method });
        missing = true;
      }
    } else if (given(input[f])) {
      fail(f, `${f} is not used by the ${rule.method} method; leave it empty`, 'FIELD_NOT_USED_BY_METHOD', { method: rule.method });
    }
  }
  if (missing) return done(null);
  // From here on only the method's own fields are read; unexpected ones are already reported.

  switch (rule.method) {
    case 'MANUAL':
      return done(pointsH(input.points, 0, rule.maxH, rule.stepH ?? 1, fail));
    case 'DEDUCTION':
      return done(pointsH(input.points, -rule.maxH, 0, 1, fail));
    case 'BONUS':
      return done(pointsH(input.points, 0, rule.maxH, 1, fail));
    case 'BOOLEAN':
      if (typeof input.met !== 'boolean') fail('met', 'met must be true or false', 'NOT_BOOLEAN');
      return done(input.met === true ? rule.maxH : 0);
    case 'TIERS': {
      const tier = (rule.tiers ?? []).find((t) => t.label === input.tier);
      if (typeof input.tier !== 'string' || !tier) {
        const labels = (rule.tiers ?? []).map((t) => `"${t.label}"`).join(', ');
        fail('tier', `tier "${String(input.tier)}" is not one of this criterion's tiers (${labels || 'none defined'})`, 'UNKNOWN_TIER', {
          tier: String(input.tier),
          tiers: (rule.tiers ?? []).map((t) => t.label).join(', '),
        });
        return done(null);
      }
      return done(shareOfMax(rule.maxH, ratFromNumber(tier.share)));
    }
    case 'RATIO': {
      const num = nonNegative(input.numerator, 'numerator', fail);
      const den = nonNegative(input.denominator, 'denominator', fail);
      if (den && den.num === 0n) fail('denominator', 'denominator must be greater than 0', 'DENOMINATOR_ZERO');
      if (!num || !den || den.num === 0n) return done(null);
      const exact = ratDiv(num, den);
      // a rate above 100 % is a typing slip unless the criterion says it can happen: never capped silently
      if (!rule.allowAboveFull && ratCompare(exact, RAT_ONE) > 0) {
        fail('numerator', `numerator ${String(input.numerator)} is above denominator ${String(input.denominator)}; this criterion does not allow a rate above 100 %`, 'RATIO_ABOVE_FULL', {
          numerator: input.numerator as number,
          denominator: input.denominator as number,
        });
        return done(null);
      }
      const rate = ratMin(exact, RAT_ONE);
      return done(shareOfMax(rule.maxH, ratioShare(rate, rule.thresholds)));
    }
    case 'RELATIVE':
      nonNegative(input.figure, 'figure', fail);
      return done(null);
    default:
      fail(undefined, `unknown scoring method ${String(rule.method)}`, 'UNKNOWN_METHOD', { method: String(rule.method) });
      return done(null);
  }
}

/** RELATIVE: max × figure / best, rounded half-up (0 when best is 0; the share is capped at 1). */
export function relativeScoreH(maxH: number, figure: number, best: number): number {
  const b = ratFromNumber(best);
  if (b.num <= 0n) return 0;
  return shareOfMax(maxH, ratMin(ratDiv(ratFromNumber(figure), b), RAT_ONE));
}

/** RATIO: the share given by the thresholds for this rate (the rate itself without thresholds). */
export function ratioShare(rate: Rational, thresholds: Threshold[] | null | undefined): Rational {
  if (!thresholds || thresholds.length === 0) return rate;
  const percent = ratMul(rate, rat(100));
  const sorted = [...thresholds].sort((a, b) => b.minPercent - a.minPercent);
  const hit = sorted.find((t) => ratCompare(ratFromNumber(t.minPercent), percent) <= 0);
  if (!hit) return rat(0);
  return hit.share === 'ratio' ? rate : ratFromNumber(hit.share);
}

const shareOfMax = (maxH: number, share: Rational): number => roundHalfUp(ratMul(rat(maxH), share));

type Fail = (field: string | undefined, message: string, code?: ProblemCode, params?: ProblemParams) => void;

function nonNegative(v: unknown, field: string, fail: Fail): Rational | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    fail(field, `${field} must be a finite number`, 'NOT_A_NUMBER');
    return null;
  }
  if (v < 0) {
    fail(field, `${field} must not be negative`, 'NEGATIVE');
    return null;
  }
  return ratFromNumber(v);
}

/** MANUAL / DEDUCTION / BONUS points: within [minH, maxH], exact in hundredths, on the step. */
function pointsH(v: unknown, minH: number, maxH: number, stepH: number, fail: Fail): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    fail('points', 'points must be a finite number', 'NOT_A_NUMBER');
    return null;
  }
  const r = ratFromNumber(v);
  if (ratCompare(r, rat(minH, 100)) < 0 || ratCompare(r, rat(maxH, 100)) > 0) {
    fail('points', `points must be between ${displayHundredths(minH)} and ${displayHundredths(maxH)}`, 'OUT_OF_RANGE', {
      min: minH / 100,
      max: maxH / 100,
    });
  }
  const h = toHundredths(v);
  if (h === null) {
    fail('points', 'points must have at most 2 decimal places', 'TOO_MANY_DECIMALS', { places: 2 });
  } else if (stepH > 1 && h % stepH !== 0) {
    fail('points', `points must be a multiple of ${displayHundredths(stepH)}`, 'NOT_ON_STEP', { step: stepH / 100 });
  }
  return h;
}
