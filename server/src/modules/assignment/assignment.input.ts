import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class AssignCriteriaInput {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => [ID], { description: 'Leaves, or inner nodes meaning every leaf below them.' })
  criterionIds!: string[];

  @Field(() => ID, { nullable: true, description: 'A STAFF or the LEADER of the unit; null unassigns.' })
  assigneeId?: string | null;
}
