import type { Format } from '../../i18n/format';
import type { MessageKey } from '../../i18n';
import { langOfLocale, readNumber, showNumber } from '../../i18n/numbers';
import type { ScoreInput_CriterionFragment, ScoreValueFieldsFragment, ScoreValueInput } from '../../gql/graphql';

/** What a person is typing for one leaf: text as typed, choices as chosen. */
export interface Draft {
  points: string;
  met: boolean | null;
  tier: string | null;
  numerator: string;
  denominator: string;
  figure: string;
  notApplicable: boolean;
}

export const EMPTY_DRAFT: Draft = { points: '', met: null, tier: null, numerator: '', denominator: '', figure: '', notApplicable: false };

type Value = Omit<ScoreValueFieldsFragment, '__typename'> | null | undefined;

export function draftFromValue(v: Value, fmt: Format): Draft {
  if (!v) return EMPTY_DRAFT;
  return {
    points: fmt.plain(v.points),
    met: v.met ?? null,
    tier: v.tier ?? null,
    numerator: fmt.plain(v.numerator),
    denominator: fmt.plain(v.denominator),
    figure: fmt.plain(v.figure),
    notApplicable: v.notApplicable === true,
  };
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return (Object.keys(a) as (keyof Draft)[]).every((k) => a[k] === b[k]);
}

export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface Checked {
  /** the value to send; null when nothing is entered (clears the score) */
  value: ScoreValueInput | null;
  problem: Problem | null;
}

const EPS = 1e-9;
const onStep = (v: number, step: number) => Math.abs(v / step - Math.round(v / step)) < 1e-6;

/** Rounded half up to two places, as the server rounds a leaf's score. */
export const round2 = (x: number): number => Math.round(x * 100 + (x >= 0 ? EPS : -EPS)) / 100;

/** The number in a field, read the language's way (i18n/numbers.ts): null when empty, NaN when not one clear number. */
const num = (s: string, fmt: Pick<Format, 'locale'>) => {
  const r = readNumber(s, langOfLocale(fmt.locale));
  return r.kind === 'empty' ? null : r.kind === 'number' ? r.value : NaN;
};

/** Why a field's text is no clear number: ambiguous between the two languages' marks, or no number at all. */
export function numberProblem(s: string, fmt: Pick<Format, 'locale'>): Problem {
  const lang = langOfLocale(fmt.locale);
  const r = readNumber(s, lang);
  if (r.kind !== 'ambiguous') return { key: 'input.notANumber' };
  const [a, b] = r.readings.map((x) => showNumber(x, lang));
  return a === b ? { key: 'input.otherMarks', params: { text: s.trim(), a } } : { key: 'input.ambiguous', params: { text: s.trim(), a, b } };
}

/** The input of a draft for the leaf's method, or the first problem with it. */
export function checkDraft(c: ScoreInput_CriterionFragment, d: Draft, fmt: Format): Checked {
  if (d.notApplicable) return { value: { notApplicable: true }, problem: null };
  const max = c.maxScore;
  switch (c.method) {
    case 'MANUAL':
    case 'BONUS':
    case 'DEDUCTION': {
      const v = num(d.points, fmt);
      if (v === null) return { value: null, problem: null };
      if (Number.isNaN(v)) return { value: null, problem: numberProblem(d.points, fmt) };
      const [lo, hi] = c.method === 'DEDUCTION' ? [-max, 0] : [0, max];
      if (v < lo - EPS || v > hi + EPS) return { value: null, problem: { key: 'input.range', params: { min: fmt.score(lo), max: fmt.score(hi) } } };
      const step = c.method === 'MANUAL' ? (c.step ?? 0.01) : 0.01;
      if (!onStep(v, step)) return { value: null, problem: { key: 'input.step', params: { step: fmt.score(step) } } };
      return { value: { points: v }, problem: null };
    }
    case 'BOOLEAN':
      return { value: d.met === null ? null : { met: d.met }, problem: null };
    case 'TIERS':
      return { value: d.tier === null ? null : { tier: d.tier }, problem: null };
    case 'RATIO': {
      const n = num(d.numerator, fmt);
      const m = num(d.denominator, fmt);
      if (n === null && m === null) return { value: null, problem: null };
      if (n === null || m === null) return { value: null, problem: { key: 'input.ratioBoth' } };
      if (Number.isNaN(n)) return { value: null, problem: numberProblem(d.numerator, fmt) };
      if (Number.isNaN(m)) return { value: null, problem: numberProblem(d.denominator, fmt) };
      if (n < 0) return { value: null, problem: { key: 'input.numeratorNegative' } };
      if (m <= 0) return { value: null, problem: { key: 'input.denominatorPositive' } };
      if (n > m && !c.allowAboveFull) return { value: null, problem: { key: 'input.ratioAboveFull', params: { numerator: fmt.score(n), denominator: fmt.score(m) } } };
      return { value: { numerator: n, denominator: m }, problem: null };
    }
    case 'RELATIVE': {
      const f = num(d.figure, fmt);
      if (f === null) return { value: null, problem: null };
      if (Number.isNaN(f)) return { value: null, problem: numberProblem(d.figure, fmt) };
      if (f < 0) return { value: null, problem: { key: 'input.figureNegative' } };
      return { value: { figure: f }, problem: null };
    }
    default:
      return { value: null, problem: null };
  }
}

/** The rate of a RATIO draft (capped at 1), or null. */
export function draftRate(d: Draft, fmt: Pick<Format, 'locale'>): number | null {
  const n = num(d.numerator, fmt);
  const m = num(d.denominator, fmt);
  if (n === null || m === null || Number.isNaN(n) || Number.isNaN(m) || m <= 0 || n < 0) return null;
  return Math.min(1, n / m);
}

/** The share of the max that a rate earns: the thresholds' first match, else the rate itself. */
export function ratioShare(c: ScoreInput_CriterionFragment, rate: number): number {
  const thresholds = [...(c.thresholdOptions ?? [])].sort((a, b) => b.minPercent - a.minPercent);
  if (!thresholds.length) return rate;
  const hit = thresholds.find((t) => t.minPercent <= rate * 100 + EPS);
  if (!hit) return 0;
  return hit.ratio ? rate : (hit.share ?? 0);
}

/**
 * The score a draft would get, for display while typing (the server computes the real one):
 * null when there is nothing to show, or for RELATIVE and N/A, which depend on the period.
 */
export function previewScore(c: ScoreInput_CriterionFragment, d: Draft, fmt: Format): number | null {
  const { value, problem } = checkDraft(c, d, fmt);
  if (problem || !value || value.notApplicable) return null;
  switch (c.method) {
    case 'MANUAL':
    case 'BONUS':
    case 'DEDUCTION':
      return round2(value.points ?? 0);
    case 'BOOLEAN':
      return value.met ? c.maxScore : 0;
    case 'TIERS': {
      const tier = c.tierOptions?.find((t) => t.label === value.tier);
      return tier ? round2(c.maxScore * tier.share) : null;
    }
    case 'RATIO': {
      const rate = draftRate(d, fmt);
      return rate === null ? null : round2(c.maxScore * ratioShare(c, rate));
    }
    default:
      return null;
  }
}
