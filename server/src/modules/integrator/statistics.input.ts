import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The most figures one pushStatistics call takes. */
export const MAX_FIGURES = 10_000;

@InputType({ description: 'One figure of a pushStatistics call. Name the unit by unitId or unitCode.' })
export class StatisticFigureInput {
  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => String, { nullable: true })
  unitCode?: string | null;

  @Field(() => String, { description: 'The leaf criterion’s code in the period’s framework, e.g. "2.1".' })
  criterionCode!: string;

  @Field(() => Float, { nullable: true, description: 'RATIO' })
  numerator?: number | null;

  @Field(() => Float, { nullable: true, description: 'RATIO (> 0)' })
  denominator?: number | null;

  @Field(() => Float, { nullable: true, description: 'RELATIVE (≥ 0)' })
  figure?: number | null;

  @Field(() => String, { nullable: true, description: 'The system’s own reference for the figure (a report number, a query), at most 500 characters.' })
  sourceRef?: string | null;
}

@InputType({ description: `Many figures of one period at once (at most ${MAX_FIGURES}).` })
export class PushStatisticsInput {
  @Field(() => ID)
  periodId!: string;

  @Field(() => String, {
    description: 'Chosen by the caller, unique per call (e.g. a UUID), at most 200 characters: a retried call with the same key and figures is answered as before and counts nothing twice.',
  })
  idempotencyKey!: string;

  @Field(() => [StatisticFigureInput])
  figures!: StatisticFigureInput[];
}

export enum FigureKept {
  SELF_SCORE = 'SELF_SCORE',
  SOURCE_FIGURE = 'SOURCE_FIGURE',
}
registerEnumType(FigureKept, {
  name: 'FigureKept',
  description: 'SELF_SCORE: written as the unit’s own figure (self-assessment open). SOURCE_FIGURE: the unit had submitted; kept beside its figure for the council.',
});

@ObjectType()
export class PushedFigure {
  @Field(() => Int, { description: 'The figure’s index in the call.' })
  index!: number;

  @Field(() => ID)
  unitId!: string;

  @Field(() => String)
  criterionCode!: string;

  @Field(() => ID)
  entryId!: string;

  @Field(() => FigureKept)
  keptAs!: FigureKept;

  @Field(() => Float, { nullable: true, description: 'What the figure scores by the leaf’s rule; null for RELATIVE before results.' })
  score!: number | null;
}

@ObjectType()
export class PushStatisticsPayload {
  @Field(() => String)
  idempotencyKey!: string;

  @Field(() => Boolean, { description: 'True when this key was seen before: the stored answer, nothing written again.' })
  replayed!: boolean;

  @Field(() => Int)
  selfScores!: number;

  @Field(() => Int)
  sourceFigures!: number;

  @Field(() => [PushedFigure])
  figures!: PushedFigure[];
}
