import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Phase } from '../period/period.entity';
import { AutoAdvance } from '../period/period.entity';

@ObjectType({ description: 'Where an assessment stands against the deadline of the phase its period is in.' })
export class AssessmentDeadline {
  @Field(() => Phase)
  phase!: Phase;

  @Field(() => Date, { nullable: true, description: 'The period’s deadline for the phase; null when it has none.' })
  deadline!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The latest extension granted to this unit for the phase, if any.' })
  extendedUntil!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the phase’s writes close for this unit: the later of the two.' })
  closesAt!: Date | null;

  @Field(() => Boolean, { description: 'Whether that moment has passed (writes of the phase are refused with PHASE_CLOSED).' })
  passed!: boolean;

  @Field(() => String, { description: 'The period’s time zone, in which deadlines are shown.' })
  timeZone!: string;

  @Field(() => String, { nullable: true, description: 'closesAt as people read it: "17:00 30/06/2026 (Asia/Ho_Chi_Minh)".' })
  closesAtText!: string | null;
}

@InputType({ description: 'A period’s deadlines, time zone and automatic moves; a field left out keeps its value, null clears a deadline.' })
export class PeriodDeadlinesInput {
  @Field(() => Date, { nullable: true })
  selfAssessmentDeadline?: Date | null;

  @Field(() => Date, { nullable: true })
  appraisalDeadline?: Date | null;

  @Field(() => Date, { nullable: true })
  explanationDeadline?: Date | null;

  @Field(() => Date, { nullable: true })
  finalAppraisalDeadline?: Date | null;

  @Field(() => String, { nullable: true, description: 'An IANA time zone, e.g. Asia/Ho_Chi_Minh.' })
  timeZone?: string | null;

  @Field(() => AutoAdvance, { nullable: true })
  autoAdvance?: AutoAdvance | null;
}

@ObjectType({ description: 'An extension just granted, with the assessment it is for.' })
export class GrantedExtension {
  @Field(() => ID)
  assessmentId!: string;
}
