import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { UnitHistoryPoint } from '../results/history.types';
import { UnitKind } from '../unit/unit.entity';

/**
 * What anonymous readers get of published results (issue 17.1): types of their own, which name
 * units, periods and figures and nothing else. No field leads to a person, an assessment, an
 * entry, evidence or a comment (test/server/public-results.test.ts walks them); the signed-in
 * types (Unit, RankingRow, Period) are never returned here, as their fields reach further.
 */
@ObjectType({ description: 'A unit as the public pages name it.' })
export class PublicUnit {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => UnitKind)
  kind!: UnitKind;
}

@ObjectType({ description: 'A PUBLISHED period, as the public pages list it.' })
export class PublicPeriod {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => String, { description: 'The framework’s name.' })
  frameworkName!: string;

  @Field(() => String, { description: 'The framework’s code: periods of the same code make a unit’s history.' })
  frameworkCode!: string;

  @Field(() => Float, { description: 'The framework’s maximum.' })
  maxScore!: number;

  @Field(() => [UnitKind], { description: 'The kinds of the period’s units (a ranking each).' })
  unitKinds!: UnitKind[];

  @Field(() => Date)
  publishedAt!: Date;
}

@ObjectType({ description: 'A top-level criteria group’s published subtotal for one unit.' })
export class PublicGroupResult {
  @Field(() => ID, { description: 'The group’s criterion in the (published, public) framework.' })
  criterionId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Float)
  maxScore!: number;

  @Field(() => Float, { description: 'The ranked subtotal (final, else round 1, else self).' })
  total!: number;

  @Field(() => Int, { description: 'Rank on this group among the period’s units of the same kind.' })
  rank!: number;
}

@ObjectType({ description: 'One unit’s published result: the figures of `ranking`, read from the same stored results.' })
export class PublicRankingRow {
  @Field(() => PublicUnit)
  unit!: PublicUnit;

  @Field(() => Boolean, { description: 'False for a unit that never submitted (“Chưa nộp”): it has no band.' })
  submitted!: boolean;

  @Field(() => Int)
  rank!: number;

  @Field(() => Float)
  total!: number;

  @Field(() => Float)
  maxScore!: number;

  @Field(() => Float, { description: 'total / max, capped at 1, three decimals.' })
  index!: number;

  @Field(() => String, { nullable: true })
  band!: string | null;

  @Field(() => Int, { nullable: true })
  previousRank!: number | null;

  @Field(() => Int, { nullable: true, description: 'previousRank − rank: positive when the unit moved up.' })
  rankChange!: number | null;

  @Field(() => Float, { nullable: true })
  previousTotal!: number | null;

  @Field(() => Float, { nullable: true, description: 'total − previousTotal.' })
  totalChange!: number | null;

  @Field(() => [PublicGroupResult])
  groups!: PublicGroupResult[];
}

@ObjectType({ description: 'A published period and one unit kind’s ranking in it.' })
export class PublicRanking {
  @Field(() => PublicPeriod)
  period!: PublicPeriod;

  @Field(() => UnitKind)
  unitKind!: UnitKind;

  @Field(() => [PublicRankingRow], { description: 'By rank, then unit name.' })
  rows!: PublicRankingRow[];
}

@ObjectType({ description: 'A unit’s page: its published result in a period, its group breakdown and its history.' })
export class PublicUnitResult {
  @Field(() => PublicPeriod)
  period!: PublicPeriod;

  @Field(() => PublicRankingRow)
  row!: PublicRankingRow;

  @Field(() => [UnitHistoryPoint], { description: 'Every published period of frameworks with the same code the unit took part in, oldest first (this one included): what `unitHistory` gives, averages included.' })
  history!: UnitHistoryPoint[];
}
