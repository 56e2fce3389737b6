import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One message to send to the outside world (an e-mail, a webhook delivery), written in the
 * transaction of the change that causes it. A sender claims it (claimedBy + claimedUntil, the
 * claim expiring so that a killed sender loses nothing), sends it, and marks it sent; a failure
 * puts it back with `availableAt` pushed out (backoff). outbox.sender.ts.
 */
@Entity({ tableName: 'outbox' })
@Index({ properties: ['sentAt', 'availableAt'] })
export class OutboxMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** which handler sends it: 'email' (notification/email.sender.ts), 'webhook' (webhook/webhook.sender.ts) */
  @Property({ type: 'string', length: 32 })
  topic!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** not sent before this (backoff after a failure) */
  @Property({ type: 'datetime' })
  availableAt: Date = new Date();

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'string', length: 36, nullable: true })
  claimedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  claimedUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  /** given up after the last attempt */
  @Property({ type: 'datetime', nullable: true })
  failedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;
}
