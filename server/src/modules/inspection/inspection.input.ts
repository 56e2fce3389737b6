import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Criterion } from '../framework/criterion.entity';

@InputType()
export class FindingInput {
  @Field(() => ID, { description: 'A leaf criterion of the assessment: the finding is linked to its score entry.' })
  criterionId!: string;

  @Field(() => String, { description: 'What the council found, 1–5000 characters.' })
  text!: string;
}

@InputType()
export class RecordInspectionInput {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => String, { description: 'The day of the visit, YYYY-MM-DD (not in the future).' })
  date!: string;

  @Field(() => String, { description: 'Where, e.g. “Bộ phận một cửa UBND xã”.' })
  place!: string;

  @Field(() => [ID], { description: 'The people present: members of the unit’s council and the unit’s own people.' })
  memberIds!: string[];

  @Field(() => [FindingInput], { description: 'Findings per criterion.' })
  findings!: FindingInput[];
}

@ObjectType({ description: 'What an inspection found on one criterion.' })
export class InspectionFinding {
  @Field(() => Criterion)
  criterion!: Criterion;

  @Field(() => ID, { description: 'The score entry the finding is about.' })
  entryId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  text!: string;

  @Field(() => String, { description: 'The day of the inspection, YYYY-MM-DD.' })
  date!: string;
}
