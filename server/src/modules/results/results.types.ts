import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Unit } from '../unit/unit.entity';

export enum ResultBasis {
  SELF = 'SELF',
  ROUND_1 = 'ROUND_1',
  FINAL = 'FINAL',
}
registerEnumType(ResultBasis, {
  name: 'ResultBasis',
  description: 'Which total is ranked: FINAL for a finalized assessment, else ROUND_1 once appraised, else SELF.',
});

export enum ImprovementBasis {
  SELF = 'SELF',
  APPRAISED = 'APPRAISED',
  FINAL = 'FINAL',
}
registerEnumType(ImprovementBasis, {
  name: 'ImprovementBasis',
  description: 'The score a leaf of the improvement list is judged by: FINAL once finalized, else APPRAISED (round 2 where held, else round 1), else SELF.',
});

@ObjectType({ description: 'A top-level group’s subtotals in a result, and the unit’s rank on it.' })
export class GroupResultRow {
  @Field(() => ID)
  criterionId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Float, { description: 'The group’s maximum in the framework.' })
  maxScore!: number;

  @Field(() => Float)
  selfTotal!: number;

  @Field(() => Float, { nullable: true })
  round1Total!: number | null;

  @Field(() => Float, { nullable: true })
  finalTotal!: number | null;

  @Field(() => Float, { description: 'The ranked subtotal (final, else round 1, else self).' })
  total!: number;

  @Field(() => Int, { description: 'Rank on this group among the period’s units of the same kind (ties share: 1, 2, 2, 4).' })
  rank!: number;
}

@ObjectType({ description: 'One unit’s result in a period: totals, index, rank, band and the change against its previous period.' })
export class RankingRow {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => Unit)
  unit!: Unit;

  @Field(() => Boolean, { description: 'False for a unit that never submitted its self-assessment: show it as “Chưa nộp”; it has no band.' })
  submitted!: boolean;

  @Field(() => Float, { description: 'The framework’s maximum.' })
  maxScore!: number;

  @Field(() => Float, { description: 'The reported self total (N/A rescaled or full as the framework says).' })
  selfTotal!: number;

  @Field(() => Float, { nullable: true, description: 'The reported total of appraisal round 1; null before any round-1 appraisal.' })
  round1Total!: number | null;

  @Field(() => Float, { nullable: true, description: 'The reported final total (round 2 where held, else round 1); null until finalized.' })
  finalTotal!: number | null;

  @Field(() => ResultBasis)
  basis!: ResultBasis;

  @Field(() => Float, { description: 'The ranked total: final, else round 1, else self.' })
  total!: number;

  @Field(() => Float, { description: 'total / max, capped at 1, three decimals.' })
  index!: number;

  @Field(() => Int, { description: 'Among the period’s units of the same kind; ties share a rank (1, 2, 2, 4).' })
  rank!: number;

  @Field(() => String, { nullable: true, description: 'The framework’s classification band; null for a unit that never submitted, once self-assessment is over.' })
  band!: string | null;

  @Field(() => Float, { nullable: true, description: 'The unit’s total in its previous published period of a framework with the same code.' })
  previousTotal!: number | null;

  @Field(() => Int, { nullable: true })
  previousRank!: number | null;

  @Field(() => Float, { nullable: true, description: 'total − previousTotal.' })
  totalChange!: number | null;

  @Field(() => Int, { nullable: true, description: 'previousRank − rank: positive when the unit moved up (12 → 3 is +9).' })
  rankChange!: number | null;

  @Field(() => [GroupResultRow], { description: 'Every top-level group, in the framework’s order.' })
  groups!: GroupResultRow[];

  @Field(() => Date, { description: 'When these results were computed.' })
  computedAt!: Date;
}

@ObjectType({ description: 'A leaf that did not reach its maximum, with the points lost.' })
export class ImprovementItem {
  @Field(() => ID)
  criterionId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Float, { description: 'The leaf’s maximum (for a deduction: 0 is the best, the max is the largest penalty).' })
  maxScore!: number;

  @Field(() => Float, { description: 'The score the list is based on.' })
  score!: number;

  @Field(() => Float, { description: 'max − score (for a deduction: the penalty).' })
  pointsLost!: number;

  @Field(() => ImprovementBasis)
  basis!: ImprovementBasis;
}
