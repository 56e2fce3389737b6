import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Progress } from './progress.entity';
import { ScoreEntry } from './score-entry.entity';

@InputType({ description: 'The raw input of a score: give only the fields of the leaf’s method, or notApplicable alone.' })
export class ScoreValueInput {
  @Field(() => Float, { nullable: true, description: 'MANUAL (on the step), DEDUCTION (−max…0), BONUS (0…max)' })
  points?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'BOOLEAN' })
  met?: boolean | null;

  @Field(() => String, { nullable: true, description: 'TIERS: a tier label' })
  tier?: string | null;

  @Field(() => Float, { nullable: true, description: 'RATIO' })
  numerator?: number | null;

  @Field(() => Float, { nullable: true, description: 'RATIO (> 0)' })
  denominator?: number | null;

  @Field(() => Float, { nullable: true, description: 'RELATIVE' })
  figure?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Only where the criterion allows N/A.' })
  notApplicable?: boolean | null;
}

@InputType()
export class SaveSelfScoreInput {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => ID, { description: 'A leaf criterion of the assessment’s framework.' })
  criterionId!: string;

  @Field(() => ScoreValueInput, { nullable: true, description: 'Omitted: keep the score; null: clear it.' })
  value?: ScoreValueInput | null;

  @Field(() => String, { nullable: true, description: 'Omitted: keep the comment; null or "": clear it.' })
  comment?: string | null;

  @Field(() => Int, { description: 'The entry’s version as the client last saw it; a stale one gets CONFLICT.' })
  expectedVersion!: number;

  @Field(() => Boolean, { nullable: true, description: 'Keep the entry as DRAFT rather than DONE.' })
  draft?: boolean | null;
}

@ObjectType()
export class SelfScorePayload {
  @Field(() => ScoreEntry)
  entry!: ScoreEntry;

  @Field(() => [Progress], { description: 'The changed progress rows: the leaf and its ancestors.' })
  progress!: Progress[];

  @Field(() => Int, { description: 'The assessment’s seq after this change.' })
  seq!: number;
}
