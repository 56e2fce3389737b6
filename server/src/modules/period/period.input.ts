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
