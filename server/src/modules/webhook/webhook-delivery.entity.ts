import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { WebhookEvent } from './webhook.entity';

/**
 * One event for one webhook: its id is that of the outbox row that carries it (outbox-message
 * .entity.ts), which holds the attempts, the next attempt, sent or given up and the last error;
 * this row adds what is the webhook's own: which webhook and event, and the last attempt's time
 * and HTTP status, written by the sender (webhook.sender.ts).
 */
@Entity({ tableName: 'webhook_delivery' })
@Index({ properties: ['webhookId', 'createdAt'] })
export class WebhookDelivery {
  /** the outbox row's id: the X-Chamdiem-Delivery header, the same on every attempt */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  webhookId!: string;

  @Enum({ items: () => WebhookEvent, type: 'string' })
  event!: WebhookEvent;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  lastAttemptAt?: Date | null;

  /** the last attempt's HTTP status; null when it got no answer (refused, timed out) */
  @Property({ type: 'integer', nullable: true })
  lastStatusCode?: number | null;
}
