import { Field, ID, InputType, Int } from 'type-graphql';
import { AutoAdvance } from './period.entity';

@InputType()
export class CreatePeriodInput {
  @Field(() => String)
  name!: string;

  @Field(() => ID, { description: 'A PUBLISHED framework.' })
  frameworkId!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => [ID], { description: 'Participating units, all of the framework’s unit kind; one assessment is created for each.' })
  unitIds!: string[];

  @Field(() => Date, { nullable: true })
  selfAssessmentDeadline?: Date | null;

  @Field(() => Date, { nullable: true })
  appraisalDeadline?: Date | null;

  @Field(() => Date, { nullable: true })
  explanationDeadline?: Date | null;

  @Field(() => Date, { nullable: true })
  finalAppraisalDeadline?: Date | null;

  @Field(() => String, { nullable: true, description: 'The IANA time zone deadlines are shown in; default Asia/Ho_Chi_Minh (TIME_ZONE).' })
  timeZone?: string | null;

  @Field(() => AutoAdvance, { nullable: true, description: 'Whether the phase moves on by itself at the deadline; default OFF.' })
  autoAdvance?: AutoAdvance | null;
}

@InputType({ description: 'What to change of a period; a field left out stays as it is (a deadline given as null is removed).' })
export class UpdatePeriodInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The participating units; only while the period is DRAFT (before it opens). Units added get their assessment, units left out lose theirs.' })
  unitIds?: string[] | null;

  @Field(() => Date, { nullable: true })
  selfAssessmentDeadline?: Date | null;

  @Field(() => Date, { nullable: true })
  appraisalDeadline?: Date | null;

  @Field(() => Date, { nullable: true })
  explanationDeadline?: Date | null;
}
