import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AssessmentStatus } from '../assessment/assessment.entity';
import { Period } from '../period/period.entity';
import { Unit } from '../unit/unit.entity';
import { Criterion } from '../framework/criterion.entity';

@InputType()
export class CouncilSeatInput {
  @Field(() => ID, { description: 'An active APPRAISER.' })
  userId!: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Exactly one member of each unit’s council is its chair.' })
  chair!: boolean;

  @Field(() => [ID], { nullable: true, description: 'Top-level criteria groups this member appraises; omitted or empty: every group.' })
  criterionIds?: string[] | null;
}

@InputType()
export class AssignAppraisersInput {
  @Field(() => ID)
  periodId!: string;

  @Field(() => [ID], { description: 'Units of the period that get this council (one call names many units: bulk assignment).' })
  unitIds!: string[];

  @Field(() => [CouncilSeatInput], { description: 'The whole council of each unit named, replacing what it had; empty removes the units’ councils.' })
  members!: CouncilSeatInput[];
}

/** One unit an appraiser sits on the council of, with how far its appraisal has come. */
@ObjectType({ description: 'A unit whose council the appraiser sits on, with its appraisal progress.' })
export class CouncilUnit {
  @Field(() => Period)
  period!: Period;

  @Field(() => Unit)
  unit!: Unit;

  @Field(() => ID, { description: 'The unit’s assessment in the period (readable once submitted).' })
  assessmentId!: string;

  @Field(() => AssessmentStatus)
  status!: AssessmentStatus;

  @Field(() => Boolean)
  chair!: boolean;

  @Field(() => [Criterion], { description: 'The groups this appraiser appraises; empty: the whole unit.' })
  groups!: Criterion[];

  @Field(() => Int, { description: 'Leaf criteria of the assessment.' })
  leaves!: number;

  @Field(() => Int, { description: 'Leaves appraised so far (the latest round).' })
  leavesAppraised!: number;

  @Field(() => Boolean, { description: 'A valid chair’s signature is on the assessment.' })
  signed!: boolean;
}
