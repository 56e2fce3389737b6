import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A top-level group of a unit in a published period, beside the average of the period’s units of its kind.' })
export class HistoryGroup {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Float, { description: 'The unit’s ranked subtotal (final, else round 1, else self).' })
  total!: number;

  @Field(() => Float)
  maxScore!: number;

  @Field(() => Float, { description: 'The mean subtotal of the units the period ranked with this one (its kind), two decimals.' })
  periodAverage!: number;
}

@ObjectType({ description: 'A unit’s result in one published period.' })
export class UnitHistoryPoint {
  @Field(() => ID)
  periodId!: string;

  @Field(() => String)
  periodName!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => String, { description: 'The framework’s code: points of one code form one series across the years.' })
  frameworkCode!: string;

  @Field(() => String)
  frameworkName!: string;

  @Field(() => Float, { description: 'The ranked total, as `ranking` gives it.' })
  total!: number;

  @Field(() => Float)
  maxScore!: number;

  @Field(() => Float)
  index!: number;

  @Field(() => Int)
  rank!: number;

  @Field(() => Int, { description: 'How many units of the kind the period ranked.' })
  rankedUnits!: number;

  @Field(() => String, { nullable: true })
  band!: string | null;

  @Field(() => Float, { description: 'The mean index of the units the period ranked with this one (its kind), three decimals.' })
  averageIndex!: number;

  @Field(() => [HistoryGroup])
  groups!: HistoryGroup[];
}
