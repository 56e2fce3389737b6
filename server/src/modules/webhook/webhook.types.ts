import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WebhookEvent } from './webhook.entity';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: not delivered yet, to be tried (again) at nextAttemptAt. DELIVERED: the endpoint answered 2xx. FAILED: no 2xx within a day of the event; given up.',
});

@ObjectType('WebhookDelivery', { description: 'One event sent to one webhook, with its attempts.' })
export class WebhookDeliveryView {
  @Field(() => ID, { description: 'The X-Chamdiem-Delivery header and the body’s id: the same on every attempt.' })
  id!: string;

  @Field(() => WebhookEvent)
  event!: WebhookEvent;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => Date, { description: 'When the event happened and the delivery was made.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last attempt; null when it got no answer.' })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (HTTP 500, ECONNREFUSED, a redirect not followed…).' })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it is tried next (PENDING only).' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;
}
