import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Assessment } from '../assessment/assessment.entity';
import { User } from '../user/user.entity';
import { Inspection } from './inspection.entity';

/** A photo or file taken as evidence during an inspection (same upload rules as Evidence). */
@ObjectType({ description: 'A photo or file from an on-site inspection.' })
@Entity()
@Index({ properties: ['inspection'] })
export class InspectionFile extends BaseEntity {
  @ManyToOne(() => Inspection)
  inspection!: Inspection;

  @Index()
  @ManyToOne(() => Assessment)
  assessment!: Assessment;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  mimeType!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  size!: number;

  @Field(() => String, { description: 'SHA-256 of the file, hex.' })
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  /** where the file lives under the evidence folder; never leaves the server */
  @Property({ type: 'string', length: 300 })
  storageKey!: string;

  @Index()
  @ManyToOne(() => User, { nullable: true })
  uploadedBy?: User | null;
}
