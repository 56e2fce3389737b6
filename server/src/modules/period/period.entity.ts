import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/core';
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

/** One framework, one year, the participating units, deadlines and a phase (kỳ đánh giá). */
@ObjectType({ description: 'An assessment period (kỳ đánh giá).' })
@Entity()
export class Period extends BaseEntity {
  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  name!: string;

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
}
