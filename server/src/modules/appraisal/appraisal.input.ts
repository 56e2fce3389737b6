import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Progress } from '../assessment/progress.entity';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { ScoreValueInput } from '../assessment/self-score.input';

export enum AppraisalRound {
  ROUND_1 = 'ROUND_1',
  ROUND_2 = 'ROUND_2',
}
registerEnumType(AppraisalRound, {
  name: 'AppraisalRound',
  description: 'ROUND_1 in the APPRAISAL phase, ROUND_2 in FINAL_APPRAISAL: the period’s phase decides.',
});

@InputType()
export class SaveAppraisalInput {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => ID, { description: 'A leaf criterion of the assessment’s framework.' })
  criterionId!: string;

  @Field(() => ScoreValueInput, {
    nullable: true,
    description: 'The appraised input, same rules as the self score. Omitted: keep this round’s score; null: withdraw it.',
  })
  value?: ScoreValueInput | null;

  @Field(() => String, { nullable: true, description: 'This round’s comment. Omitted: keep it; null or "": clear it.' })
  comment?: string | null;

  @Field(() => Int, { description: 'The entry’s version as the client last saw it; a stale one gets CONFLICT.' })
  expectedVersion!: number;
}

@InputType()
export class SaveExplanationInput {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => ID)
  criterionId!: string;

  @Field(() => String, { nullable: true, description: 'The unit’s answer to the appraisal; null or "" clears it.' })
  explanation?: string | null;

  @Field(() => Int, { description: 'The entry’s version as the client last saw it; a stale one gets CONFLICT.' })
  expectedVersion!: number;
}

@ObjectType()
export class AppraisalPayload {
  @Field(() => AppraisalRound, { description: 'The round this save was recorded in.' })
  round!: AppraisalRound;

  @Field(() => ScoreEntry)
  entry!: ScoreEntry;

  @Field(() => [Progress], { description: 'The changed progress rows: the leaf and its ancestors (appraisedTotal, leavesAppraised).' })
  progress!: Progress[];

  @Field(() => Int, { description: 'The assessment’s seq after this change.' })
  seq!: number;
}

@ObjectType()
export class ExplanationPayload {
  @Field(() => ScoreEntry)
  entry!: ScoreEntry;

  @Field(() => Int, { description: 'The assessment’s seq after this change.' })
  seq!: number;
}
