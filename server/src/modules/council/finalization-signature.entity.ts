import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Assessment } from '../assessment/assessment.entity';
import { User } from '../user/user.entity';

/**
 * The chair's sign-off of an assessment's finalization: who, when, and the SHA-256 of the final
 * figures (figures.hash.ts). Kept for ever; reopening voids it (by whom, when, why).
 */
@ObjectType({ description: 'The council chair’s signature on an assessment’s final figures.' })
@Entity()
@Index({ properties: ['assessment'] })
export class FinalizationSignature extends BaseEntity {
  @ManyToOne(() => Assessment)
  assessment!: Assessment;

  @Index()
  @ManyToOne(() => User)
  signedBy!: User;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  signedAt: Date = new Date();

  @Field(() => String, { description: 'SHA-256 (hex) of the final figures as signed.' })
  @Property({ type: 'string', length: 64 })
  figuresHash!: string;

  @Field(() => Date, { nullable: true, description: 'When the ADMIN reopened the assessment, voiding this signature.' })
  @Property({ type: 'datetime', nullable: true })
  voidedAt?: Date | null;

  @Index()
  @ManyToOne(() => User, { nullable: true })
  voidedBy?: User | null;

  @Field(() => String, { nullable: true, description: 'Why the assessment was reopened.' })
  @Property({ type: 'text', nullable: true })
  voidReason?: string | null;
}
