import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Assessment } from '../assessment/assessment.entity';
import { Phase } from '../period/period.entity';
import { User } from '../user/user.entity';

/**
 * An ADMIN's extension of one unit's deadline for one phase: until when, why, by whom, when
 * (createdAt). Extensions are only added: the latest `until` of a phase is the one that binds,
 * and every grant stays on record (and in the audit log).
 */
@ObjectType({ description: 'A deadline extension granted to one assessment for one phase.' })
@Entity()
@Index({ properties: ['assessment', 'phase'] })
export class DeadlineExtension extends BaseEntity {
  @ManyToOne(() => Assessment)
  assessment!: Assessment;

  @Field(() => Phase)
  @Enum({ items: () => Phase, type: 'string' })
  phase!: Phase;

  @Field(() => Date, { description: 'Writes of that phase are accepted until then.' })
  @Property({ type: 'datetime' })
  until!: Date;

  @Field(() => String)
  @Property({ type: 'text' })
  reason!: string;

  @Index()
  @ManyToOne(() => User, { nullable: true })
  grantedBy?: User | null;
}
