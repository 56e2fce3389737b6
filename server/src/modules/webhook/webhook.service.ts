import type { Viewer } from '../../common/auth';
import { clock } from '../../common/clock';
import { badInput, notFound, type Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import { json, ormTx, rows } from '../../common/sql';
import type { Em } from '../../orm';
import { User } from '../user/user.entity';
import { deliveryStatements, type WebhookPayload } from './webhook.emit';
import { Webhook, type WebhookEvent } from './webhook.entity';
import { checkEvents, checkSecret, checkUrl } from './webhook.input';
import { WebhookDeliveryStatus, type WebhookDeliveryView } from './webhook.types';

/** Most deliveries listed per webhook at once. */
export const MAX_DELIVERIES = 100;

export interface WebhookChange {
  url?: string | null;
  events?: WebhookEvent[] | null;
  secret?: string | null;
  active?: boolean | null;
}

/** A time as either driver returns it (SQLite: epoch milliseconds). */
const time = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string | number | Date));

/** Registering, changing and removing webhooks (ADMIN), and what their deliveries did. */
export class WebhookService {
  constructor(private readonly em: Em) {}

  async create(viewer: Viewer, input: { url: string; events: WebhookEvent[]; secret: string }): Promise<Webhook> {
    const problems: Problem[] = [];
    const url = checkUrl(input.url, problems);
    const events = checkEvents(input.events, problems);
    const secret = checkSecret(input.secret, problems);
    if (problems.length) throw badInput(problems);
    const hook = this.em.create(Webhook, { url: url!, events: events!, secret: secret!, active: true, createdBy: viewer.integrator ? null : this.em.getReference(User, viewer.id) } as never);
    await this.em.flush();
    return hook;
  }

  async update(id: string, change: WebhookChange): Promise<Webhook> {
    const hook = await this.get(id);
    const problems: Problem[] = [];
    const url = change.url != null ? checkUrl(change.url, problems) : hook.url;
    const events = change.events != null ? checkEvents(change.events, problems) : hook.events;
    const secret = change.secret != null ? checkSecret(change.secret, problems) : hook.secret;
    if (problems.length) throw badInput(problems);
    Object.assign(hook, { url, events, secret, active: change.active ?? hook.active });
    await this.em.flush();
    return hook;
  }

  /** Removes a webhook with its deliveries; those not sent yet are not sent. */
  async delete(id: string): Promise<string> {
    const hook = await this.get(id);
    const tx = ormTx(this.em);
    await tx.run([
      { sql: 'delete from "outbox" where "id" in (select "id" from "webhook_delivery" where "webhook_id" = ?) and "sent_at" is null and "failed_at" is null', params: [hook.id] },
      { sql: 'delete from "webhook_delivery" where "webhook_id" = ?', params: [hook.id] },
    ]);
    await this.em.remove(hook).flush();
    return id;
  }

  list(): Promise<Webhook[]> {
    return this.em.find(Webhook, {}, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  /** A webhook's deliveries, newest first. */
  async deliveries(webhookId: string, first: number, deliveryId?: string): Promise<WebhookDeliveryView[]> {
    const limit = Math.max(0, Math.min(MAX_DELIVERIES, Math.floor(first)));
    const found = await rows<Record<string, unknown>>(
      this.em,
      `select d."id", d."event", d."created_at", d."last_attempt_at", d."last_status_code", o."attempts", o."available_at", o."sent_at", o."failed_at", o."last_error"
         from "webhook_delivery" d left join "outbox" o on o."id" = d."id"
        where d."webhook_id" = ?${deliveryId ? ' and d."id" = ?' : ''} order by d."created_at" desc, d."id" limit ?`,
      deliveryId ? [webhookId, deliveryId, limit] : [webhookId, limit],
    );
    return found.map((r) => {
      const status = r.sent_at != null ? WebhookDeliveryStatus.DELIVERED : r.failed_at != null || r.attempts == null ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING;
      return {
        id: r.id as string,
        event: r.event as WebhookEvent,
        status,
        attempts: Number(r.attempts ?? 0),
        createdAt: time(r.created_at)!,
        lastAttemptAt: time(r.last_attempt_at),
        lastStatusCode: r.last_status_code == null ? null : Number(r.last_status_code),
        lastError: (r.last_error as string | null) ?? null,
        nextAttemptAt: status === WebhookDeliveryStatus.PENDING ? time(r.available_at) : null,
        deliveredAt: time(r.sent_at),
      };
    });
  }

  /** Sends a delivery's event again, as a new delivery (a new id) to the webhook as it is now. */
  async redeliver(deliveryId: string): Promise<WebhookDeliveryView> {
    const id = assertId(deliveryId, 'Webhook delivery');
    const [found] = await rows<{ webhook_id: string; payload: unknown }>(
      this.em,
      'select d."webhook_id", o."payload" from "webhook_delivery" d join "outbox" o on o."id" = d."id" where d."id" = ?',
      [id],
    );
    if (!found) throw notFound('Webhook delivery', deliveryId);
    const p = json<WebhookPayload>(found.payload)!;
    const made = deliveryStatements(this.em, found.webhook_id, p.event, p.occurredAt, p.data, clock.now());
    await ormTx(this.em).run(made.statements);
    return (await this.deliveries(found.webhook_id, 1, made.id))[0];
  }

  private async get(id: string): Promise<Webhook> {
    const hook = await this.em.findOne(Webhook, { id: assertId(id, 'Webhook') });
    if (!hook) throw notFound('Webhook', id);
    return hook;
  }
}
