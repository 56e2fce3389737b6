import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum NotificationKind {
  /** criteria assigned to you */
  ASSIGNED = 'ASSIGNED',
  /** criteria taken from you */
  UNASSIGNED = 'UNASSIGNED',
  /** your unit's assessment was returned for explanation */
  RETURNED = 'RETURNED',
  /** someone mentioned you */
  MENTIONED = 'MENTIONED',
  DEADLINE_IN_7_DAYS = 'DEADLINE_IN_7_DAYS',
  DEADLINE_IN_1_DAY = 'DEADLINE_IN_1_DAY',
  DEADLINE_MISSED = 'DEADLINE_MISSED',
  /** the ADMIN extended your unit's deadline */
  EXTENSION_GRANTED = 'EXTENSION_GRANTED',
  RESULTS_PUBLISHED = 'RESULTS_PUBLISHED',
  /** an API token you issued expires soon */
  TOKEN_EXPIRING = 'TOKEN_EXPIRING',
}
registerEnumType(NotificationKind, { name: 'NotificationKind', description: 'What a notification is about; e-mail delivery is chosen per kind.' });

/**
 * Something one person must act on or know. Written in the transaction of the change that causes
 * it (notify.ts); `dedupeKey` makes a reminder exist once per person however often the scheduler
 * looks.
 */
@ObjectType({ description: 'A notification to the caller.' })
@Entity()
@Index({ properties: ['recipientId', 'createdAt'] })
@Unique({ properties: ['recipientId', 'dedupeKey'] })
export class Notification {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  recipientId!: string;

  @Field(() => NotificationKind)
  @Enum({ items: () => NotificationKind, type: 'string' })
  kind!: NotificationKind;

  @Field(() => String, { description: 'One line, in Vietnamese.' })
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => String, { description: 'The details, in Vietnamese.' })
  @Property({ type: 'text' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'The page of the web client it is about (a path, e.g. /assessments/…).' })
  @Property({ type: 'string', length: 500, nullable: true })
  link?: string | null;

  @Field(() => GraphQLJSONObject, { description: 'The ids and figures it is about (assessmentId, phase, deadline…).' })
  @Property({ type: 'json' })
  data: Record<string, unknown> = {};

  @Property({ type: 'string', length: 200, nullable: true })
  dedupeKey?: string | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;

  /** when it went out in a daily digest (people who chose DIGEST for its kind) */
  @Property({ type: 'datetime', nullable: true })
  digestedAt?: Date | null;
}
