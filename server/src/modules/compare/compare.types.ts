import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CompareBasis {
  /** the unit's own scores: nothing is appraised yet */
  SELF = 'SELF',
  /** the council's scores of the latest round */
  APPRAISED = 'APPRAISED',
}
registerEnumType(CompareBasis, { name: 'CompareBasis', description: 'Which scores a side of a comparison shows.' });

@ObjectType({ description: 'One side of a comparison: an assessment, named by its unit and period.' })
export class CompareSide {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => String)
  unitName!: string;

  @Field(() => String)
  unitCode!: string;

  @Field(() => String)
  periodName!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => CompareBasis, { description: 'APPRAISED once any criterion is appraised, else SELF.' })
  basis!: CompareBasis;

  @Field(() => Float, { description: 'The whole assessment on the basis.' })
  total!: number;

  @Field(() => Float)
  maxScore!: number;
}

@ObjectType({ description: 'A criterion’s figure on one side: the score on the side’s basis, of its maximum.' })
export class CompareFigure {
  @Field(() => Float)
  score!: number;

  @Field(() => Float)
  maxScore!: number;
}

@ObjectType({ description: 'One criterion, matched by its code on both sides.' })
export class CompareRow {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Int, { description: '1 for a top-level group.' })
  depth!: number;

  @Field(() => Boolean)
  isLeaf!: boolean;

  @Field(() => CompareFigure, { nullable: true, description: 'Null when the left side’s framework has no criterion of this code.' })
  left!: CompareFigure | null;

  @Field(() => CompareFigure, { nullable: true, description: 'Null when the right side’s framework has no criterion of this code.' })
  right!: CompareFigure | null;

  @Field(() => Float, { nullable: true, description: 'right.score − left.score (positive: the right side scored more); null when one side lacks the criterion.' })
  change!: number | null;
}

@ObjectType({ description: 'Two assessments criterion by criterion: two units of a period, or one unit in two periods.' })
export class Comparison {
  @Field(() => CompareSide)
  left!: CompareSide;

  @Field(() => CompareSide)
  right!: CompareSide;

  @Field(() => [CompareRow], { description: 'The left framework’s criteria in its order, then those only the right one has.' })
  rows!: CompareRow[];

  @Field(() => Int, { description: 'Rows whose score differs, or that one side lacks.' })
  changed!: number;
}
