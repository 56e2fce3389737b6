import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../user/user.entity';

/** What a webhook can be told of; each is sent in the transaction of the change (webhook.emit.ts). */
export enum WebhookEvent {
  ASSESSMENT_SUBMITTED = 'ASSESSMENT_SUBMITTED',
  ASSESSMENT_RETURNED = 'ASSESSMENT_RETURNED',
  ASSESSMENT_FINALIZED = 'ASSESSMENT_FINALIZED',
  RESULTS_PUBLISHED = 'RESULTS_PUBLISHED',
  STATISTIC_RECORDED = 'STATISTIC_RECORDED',
}
registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description:
    'ASSESSMENT_SUBMITTED: a unit submitted its self-assessment. ASSESSMENT_RETURNED: the council returned it for explanation. ASSESSMENT_FINALIZED: its final scores are fixed. RESULTS_PUBLISHED: a period became PUBLISHED. STATISTIC_RECORDED: an API token pushed figures (pushStatistic, pushStatistics).',
});

/**
 * An endpoint an ADMIN registered for some events. The secret signs every delivery
 * (webhook.signature.ts), so it is kept as given, never returned by the API (only `secretHint`)
 * and never written to the audit log (audit.service.ts leaves out fields named *secret*).
 */
@ObjectType({ description: 'An endpoint told of events by a signed HTTP POST (docs/integrators.md, "Webhooks").' })
@Entity()
export class Webhook extends BaseEntity {
  @Field(() => String, { description: 'The http(s) address the deliveries are posted to; redirects are never followed.' })
  @Property({ type: 'string', length: 2000 })
  url!: string;

  @Field(() => [WebhookEvent])
  @Property({ type: 'json' })
  events!: WebhookEvent[];

  @Property({ type: 'string', length: 200 })
  secret!: string;

  @Field(() => Boolean, { description: 'An inactive webhook is sent nothing new (deliveries already made still go out).' })
  @Property({ type: 'boolean' })
  active: boolean = true;

  @Index()
  @ManyToOne(() => User, { nullable: true })
  createdBy?: User | null;

  @Field(() => String, { description: 'The first characters of the secret, to recognize it; the secret itself is never returned.' })
  get secretHint(): string {
    return `${this.secret.slice(0, 4)}…`;
  }
}
