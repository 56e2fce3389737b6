import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { registerEnumType } from 'type-graphql';
import { NotificationKind } from './notification.entity';

export enum EmailDelivery {
  /** an e-mail for each notification, at once */
  IMMEDIATE = 'IMMEDIATE',
  /** one e-mail a day listing them */
  DAILY_DIGEST = 'DAILY_DIGEST',
  /** in the app only */
  NEVER = 'NEVER',
}
registerEnumType(EmailDelivery, { name: 'EmailDelivery', description: 'How a kind of notification reaches a person by e-mail.' });

/** A person's choice for one kind; without a row the kind is IMMEDIATE. */
@Entity()
@Unique({ properties: ['userId', 'kind'] })
export class NotificationPreference {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Enum({ items: () => NotificationKind, type: 'string' })
  kind!: NotificationKind;

  @Enum({ items: () => EmailDelivery, type: 'string' })
  email!: EmailDelivery;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
