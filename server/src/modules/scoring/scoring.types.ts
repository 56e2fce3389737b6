/**
 * The pure vocabulary of scoring, shared by import validation, the scoring functions and the
 * arithmetic of the tree. Every score and maximum is an integer number of hundredths
 * (150.77 points = 15077): no binary float is ever summed.
 */
export const SCORING_METHODS = ['MANUAL', 'BOOLEAN', 'TIERS', 'RATIO', 'RELATIVE', 'DEDUCTION', 'BONUS'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

export type NotApplicableMode = 'FULL' | 'RESCALE';

export interface Tier {
  label: string;
  /** share of the leaf's max, 0..1, at most 4 decimals */
  share: number;
}

export interface Threshold {
  /** 0..100 */
  minPercent: number;
  /** a share of max (0..1), or 'ratio' meaning the rate itself */
  share: number | 'ratio';
}

/** What a leaf needs to turn raw input into a score. */
export interface LeafRule {
  code: string;
  method: ScoringMethod;
  maxH: number;
  /** MANUAL only: the step in hundredths (default 1 = 0.01) */
  stepH?: number | null;
  tiers?: Tier[] | null;
  thresholds?: Threshold[] | null;
  allowNotApplicable: boolean;
  /** RATIO: a numerator above its denominator is accepted (rate capped at 1) instead of refused */
  allowAboveFull?: boolean;
}

/**
 * The raw input of a score, as typed by a person or pushed by a system. Exactly the fields of
 * the leaf's method are used; `notApplicable: true` stands alone.
 */
export interface ScoreInput {
  points?: number | null; // MANUAL, DEDUCTION (<= 0), BONUS
  met?: boolean | null; // BOOLEAN
  tier?: string | null; // TIERS: the tier's label
  numerator?: number | null; // RATIO
  denominator?: number | null; // RATIO
  figure?: number | null; // RELATIVE
  notApplicable?: boolean | null;
}

export interface LeafScore {
  /** hundredths; null for RELATIVE (computed with the period's results) */
  scoreH: number | null;
  notApplicable: boolean;
}

/** The shape of a tree node for the arithmetic (DESIGN.md "Arithmetic"). */
export type NodeKind = 'REGULAR' | 'BONUS' | 'DEDUCTION';
export const nodeKindOf = (method: ScoringMethod | null | undefined): NodeKind =>
  method === 'BONUS' ? 'BONUS' : method === 'DEDUCTION' ? 'DEDUCTION' : 'REGULAR';
