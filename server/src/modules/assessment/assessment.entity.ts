import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Period } from '../period/period.entity';
import { Unit } from '../unit/unit.entity';

export enum AssessmentStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  APPRAISED = 'APPRAISED',
  FINAL = 'FINAL',
}
registerEnumType(AssessmentStatus, { name: 'AssessmentStatus' });

/** One unit in one period. */
@ObjectType({ description: 'One unit in one period, with one score entry per leaf criterion.' })
@Entity()
@Unique({ properties: ['period', 'unit'] })
export class Assessment extends BaseEntity {
  @ManyToOne(() => Period)
  period!: Period;

  @Index()
  @ManyToOne(() => Unit)
  unit!: Unit;

  @Field(() => AssessmentStatus)
  @Enum({ items: () => AssessmentStatus, type: 'string' })
  status: AssessmentStatus = AssessmentStatus.NOT_STARTED;

  /** increases by one with every change of the assessment; events carry it */
  @Field(() => Int, { description: 'Increases by one with every change; live events carry it.' })
  @Property({ type: 'integer' })
  seq: number = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null;
}
