import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { Assessment } from '../assessment/assessment.entity';
import { User } from '../user/user.entity';

export enum EvidenceKind {
  FILE = 'FILE',
  LINK = 'LINK',
}
registerEnumType(EvidenceKind, { name: 'EvidenceKind' });

/** A supporting document (tài liệu kiểm chứng): an uploaded file or a link, on one score entry. */
@ObjectType({ description: 'A supporting document (tài liệu kiểm chứng): an uploaded file or a link.' })
@Entity()
@Index({ properties: ['entry'] })
@Index({ properties: ['assessment'] })
export class Evidence extends BaseEntity {
  @ManyToOne(() => ScoreEntry)
  entry!: ScoreEntry;

  @ManyToOne(() => Assessment)
  assessment!: Assessment;

  @Field(() => EvidenceKind)
  @Enum({ items: () => EvidenceKind, type: 'string' })
  kind!: EvidenceKind;

  @Field(() => String, { description: 'The file name, or the link’s title.' })
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  mimeType?: string | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  size?: number | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the file, hex.' })
  @Property({ type: 'string', length: 64, nullable: true })
  sha256?: string | null;

  /** where the file lives under the evidence folder; never leaves the server */
  @Property({ type: 'string', length: 300, nullable: true })
  storageKey?: string | null;

  @Index()
  @ManyToOne(() => User, { nullable: true })
  uploadedBy?: User | null;
}
