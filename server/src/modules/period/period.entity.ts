import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Framework } from '../framework/framework.entity';

export enum Phase {
  DRAFT = 'DRAFT',
  SELF_ASSESSMENT = 'SELF_ASSESSMENT',
  APPRAISAL = 'APPRAISAL',
  EXPLANATION = 'EXPLANATION',
  FINAL_APPRAISAL = 'FINAL_APPRAISAL',
  FINALIZED = 'FINALIZED',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(Phase, {
  name: 'Phase',
  description: 'DRAFT → SELF_ASSESSMENT → APPRAISAL → EXPLANATION → FINAL_APPRAISAL → FINALIZED → PUBLISHED',
});

export enum AutoAdvance {
  /** the ADMIN moves the phase */
  OFF = 'OFF',
  /** at the deadline (and every extension's end) the phase moves on when no unit is behind */
  IF_COMPLETE = 'IF_COMPLETE',
  /** at the deadline the phase moves on even with units behind, as a move with acknowledgeIncomplete */
  ALWAYS = 'ALWAYS',
}
registerEnumType(AutoAdvance, {
  name: 'AutoAdvance',
  description: 'Whether a period moves to its next phase by itself at the deadline: OFF, IF_COMPLETE (the acknowledgement rule: only when no unit is behind), ALWAYS (as if acknowledged).',
});

/** One framework, one year, the participating units, deadlines and a phase (kỳ đánh giá). */
@ObjectType({ description: 'An assessment period (kỳ đánh giá).' })
@Entity()
export class Period extends BaseEntity {
  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Index()
  @ManyToOne(() => Framework)
  framework!: Framework;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Phase)
  @Enum({ items: () => Phase, type: 'string' })
  phase: Phase = Phase.DRAFT;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  selfAssessmentDeadline?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  appraisalDeadline?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  explanationDeadline?: Date | null;

  @Field(() => Date, { nullable: true, description: 'The deadline of the second appraisal round (FINAL_APPRAISAL).' })
  @Property({ type: 'datetime', nullable: true })
  finalAppraisalDeadline?: Date | null;

  @Field(() => String, { description: 'The IANA time zone the deadlines are shown and named in (Asia/Ho_Chi_Minh by default).' })
  @Property({ type: 'string', length: 64, default: 'Asia/Ho_Chi_Minh' })
  timeZone: string = 'Asia/Ho_Chi_Minh';

  @Field(() => Date, { nullable: true, description: 'When the period became PUBLISHED (its results public); null before.' })
  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;

  @Field(() => AutoAdvance)
  @Enum({ items: () => AutoAdvance, type: 'string', default: AutoAdvance.OFF })
  autoAdvance: AutoAdvance = AutoAdvance.OFF;
}
