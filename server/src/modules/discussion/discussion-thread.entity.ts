import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Assessment } from '../assessment/assessment.entity';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { User } from '../user/user.entity';

/** The discussion of one score entry between the unit's people and its council. */
@ObjectType({ description: 'The discussion of one score entry between the unit and its appraisal council.' })
@Entity()
@Index({ properties: ['assessment'] })
export class DiscussionThread extends BaseEntity {
  @ManyToOne(() => Assessment)
  assessment!: Assessment;

  @ManyToOne(() => ScoreEntry, { unique: true })
  entry!: ScoreEntry;

  @Field(() => Date, { nullable: true, description: 'Set when someone marks the thread resolved; a new comment reopens it.' })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @Index()
  @ManyToOne(() => User, { nullable: true })
  resolvedBy?: User | null;
}
