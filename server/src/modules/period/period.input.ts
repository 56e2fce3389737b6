import { Field, ID, InputType, Int } from 'type-graphql';

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
}
