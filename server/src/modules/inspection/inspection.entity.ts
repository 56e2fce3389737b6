import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Assessment } from '../assessment/assessment.entity';
import { User } from '../user/user.entity';

/** What the inspection found on one criterion. */
export interface FindingRow {
  criterionId: string;
  entryId: string;
  code: string;
  text: string;
}

/** The record of an on-site inspection (kiểm tra thực tế) by the council, during appraisal. */
@ObjectType({ description: 'The record of an on-site inspection (kiểm tra thực tế) of a unit by its council.' })
@Entity()
@Index({ properties: ['assessment'] })
export class Inspection extends BaseEntity {
  @ManyToOne(() => Assessment)
  assessment!: Assessment;

  @Field(() => String, { description: 'The day of the visit, YYYY-MM-DD.' })
  @Property({ type: 'string', length: 10 })
  date!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 500 })
  place!: string;

  /** the people present: council members and the unit's people */
  @Property({ type: 'json' })
  memberIds: string[] = [];

  @Property({ type: 'json' })
  findings: FindingRow[] = [];

  @Index()
  @ManyToOne(() => User)
  recordedBy!: User;
}
