import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Progress } from '../assessment/progress.entity';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { ApiToken } from './api-token.entity';

@ObjectType({ description: 'A new API token with its secret: the only time the secret is shown.' })
export class IssuedApiToken {
  @Field(() => ApiToken)
  token!: ApiToken;

  @Field(() => String, { description: 'Send it as Authorization: Bearer <secret>; it is not stored and cannot be shown again.' })
  secret!: string;
}

@InputType({
  description:
    'A figure for one unit’s indicator: numerator and denominator for a RATIO leaf (e.g. dossiers resolved on time / total), figure for a RELATIVE leaf. Name the unit by unitId or unitCode.',
})
export class PushStatisticInput {
  @Field(() => ID)
  periodId!: string;

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
}

@ObjectType()
export class PushStatisticPayload {
  @Field(() => ScoreEntry, { description: 'The entry as written, with source set to the token’s name.' })
  entry!: ScoreEntry;

  @Field(() => [Progress], { description: 'The changed progress rows: the leaf and its ancestors.' })
  progress!: Progress[];

  @Field(() => Int, { description: 'The assessment’s seq after this change.' })
  seq!: number;
}
