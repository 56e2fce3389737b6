import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Assessment } from '../assessment/assessment.entity';
import { User } from '../user/user.entity';
import { DiscussionThread } from './discussion-thread.entity';

export enum CommentKind {
  QUESTION = 'QUESTION',
  ANSWER = 'ANSWER',
  NOTE = 'NOTE',
}
registerEnumType(CommentKind, { name: 'CommentKind' });

/** An earlier text of an edited comment. */
@ObjectType({ description: 'An earlier text of an edited comment.' })
export class CommentEdit {
  @Field(() => String)
  body!: string;

  @Field(() => Date, { description: 'Until when the comment read so.' })
  replacedAt!: Date;
}

/** One comment of a discussion; edits keep the earlier texts. */
@ObjectType({ description: 'One comment of a score entry’s discussion.' })
@Entity()
@Index({ properties: ['thread'] })
@Index({ properties: ['assessment'] })
export class DiscussionComment extends BaseEntity {
  @ManyToOne(() => DiscussionThread)
  thread!: DiscussionThread;

  @ManyToOne(() => Assessment)
  assessment!: Assessment;

  @Index()
  @ManyToOne(() => User)
  author!: User;

  @Field(() => CommentKind)
  @Enum({ items: () => CommentKind, type: 'string' })
  kind: CommentKind = CommentKind.NOTE;

  @Field(() => String)
  @Property({ type: 'text' })
  body!: string;

  /** the users the body @mentions (mentions.ts) */
  @Property({ type: 'json' })
  mentionIds: string[] = [];

  /** earlier texts, oldest first */
  @Property({ type: 'json' })
  edits: { body: string; replacedAt: string }[] = [];

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  editedAt?: Date | null;
}
