import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { audited, current } from '../audit/audit.service';
import { Role, User } from '../user/user.entity';
import { Webhook, WebhookEvent } from './webhook.entity';
import { MAX_DELIVERIES, WebhookService } from './webhook.service';
import { WebhookDeliveryView } from './webhook.types';

@Resolver(() => Webhook)
export class WebhookResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [Webhook], { description: 'Every webhook, newest first (never the secrets), with its recent deliveries.' })
  webhooks(@Ctx() ctx: Context): Promise<Webhook[]> {
    return new WebhookService(ctx.em).list();
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Webhook, {
    description:
      'Registers an endpoint told of `events` by a signed POST (docs/integrators.md, "Webhooks"). BAD_USER_INPUT (nothing stored): an address that does not parse, is not http: or https:, or carries a user name or password (INVALID_URL, URL_CREDENTIALS); no event (REQUIRED); a secret shorter than 16 characters (SECRET_TOO_SHORT).',
  })
  createWebhook(
    @Arg('url', () => String) url: string,
    @Arg('events', () => [WebhookEvent]) events: WebhookEvent[],
    @Arg('secret', () => String, { description: 'Signs every delivery (X-Chamdiem-Signature); at least 16 characters. Kept to sign, never shown again.' }) secret: string,
    @Ctx() ctx: Context,
  ): Promise<Webhook> {
    const viewer = requireViewer(ctx.viewer);
    return audited(ctx, (em) => new WebhookService(em).create(viewer, { url, events, secret }), { action: 'webhook.create', type: 'Webhook' });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Webhook, { description: 'Changes a webhook: what is given changes, the rest stays. Deliveries not sent yet go to the new address with the new secret.' })
  updateWebhook(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('url', () => String, { nullable: true }) url?: string | null,
    @Arg('events', () => [WebhookEvent], { nullable: true }) events?: WebhookEvent[] | null,
    @Arg('secret', () => String, { nullable: true }) secret?: string | null,
    @Arg('active', () => Boolean, { nullable: true }) active?: boolean | null,
  ): Promise<Webhook> {
    return audited(ctx, (em) => new WebhookService(em).update(id, { url, events, secret, active }), { action: 'webhook.update', type: 'Webhook', id, before: current(Webhook, id) });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ID, { description: 'Removes a webhook and its deliveries (those not sent yet are not sent); gives its id.' })
  deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<string> {
    return audited(ctx, (em) => new WebhookService(em).delete(id), { action: 'webhook.delete', type: 'Webhook', id, before: current(Webhook, id), after: () => null });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookDeliveryView, { description: 'Sends a delivery’s event again, as a new delivery (new id) to the webhook’s current address.' })
  redeliverWebhook(@Arg('deliveryId', () => ID) deliveryId: string, @Ctx() ctx: Context): Promise<WebhookDeliveryView> {
    return audited(ctx, (em) => new WebhookService(em).redeliver(deliveryId), { action: 'webhook.redeliver', type: 'WebhookDelivery' });
  }

  @FieldResolver(() => [WebhookDeliveryView], { description: `The most recent deliveries, newest first (at most ${MAX_DELIVERIES}).` })
  deliveries(@Root() hook: Webhook, @Ctx() ctx: Context, @Arg('first', () => Int, { defaultValue: 20 }) first: number): Promise<WebhookDeliveryView[]> {
    return new WebhookService(ctx.em).deliveries(hook.id, first);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The administrator who registered it.' })
  createdBy(@Root() hook: Webhook): Promise<User | null> {
    return load(hook.createdBy);
  }
}
