import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Period } from '../period/period.entity';
import { Unit } from '../unit/unit.entity';
import { User } from '../user/user.entity';

/**
 * One appraiser's seat on one unit's appraisal council (hội đồng thẩm định) in one period,
 * optionally limited to some top-level criteria groups; one seat per unit is the chair's.
 */
@ObjectType({ description: 'An appraiser’s seat on a unit’s appraisal council in a period.' })
@Entity()
@Unique({ properties: ['period', 'unit', 'user'] })
@Index({ properties: ['user'] })
export class CouncilMember extends BaseEntity {
  @ManyToOne(() => Period)
  period!: Period;

  @Index()
  @ManyToOne(() => Unit)
  unit!: Unit;

  @ManyToOne(() => User)
  user!: User;

  @Field(() => Boolean, { description: 'The chair signs the unit’s finalization.' })
  @Property({ type: 'boolean' })
  chair: boolean = false;

  /** the top-level criteria (ids) this seat appraises; null: every group */
  @Property({ type: 'json', nullable: true })
  groupIds?: string[] | null;

  /** their codes, read with the viewer on every request (access.ts) */
  @Property({ type: 'json', nullable: true })
  groupCodes?: string[] | null;
}
