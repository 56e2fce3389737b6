import { randomUUID } from 'node:crypto';
import { clock } from '../../common/clock';
import { json, ormTx, sqlTime, type Stmt, type Tx } from '../../common/sql';
import type { Em } from '../../orm';
import { enqueue } from '../outbox/outbox.store';
import type { WebhookEvent } from './webhook.entity';

/** The outbox topic of webhook deliveries (webhook.sender.ts). */
export const WEBHOOK_TOPIC = 'webhook';

/** What a delivery's outbox row holds; the body is made from it at each attempt, the same each time. */
export interface WebhookPayload {
  webhookId: string;
  event: WebhookEvent;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** A delivery's outbox row and its webhook_delivery row, for a batch the caller runs. */
export function deliveryStatements(em: Em, webhookId: string, event: WebhookEvent, occurredAt: string, data: Record<string, unknown>, at: Date): { id: string; statements: Stmt[] } {
  const id = randomUUID();
  const payload: WebhookPayload = { webhookId, event, occurredAt, data };
  return {
    id,
    statements: [
      enqueue(em, WEBHOOK_TOPIC, payload as unknown as Record<string, unknown>, at, undefined, id),
      { sql: 'insert into "webhook_delivery" ("id", "webhook_id", "event", "created_at") values (?, ?, ?, ?)', params: [id, webhookId, event, sqlTime(em, at)] },
    ],
  };
}

/**
 * Tells every active webhook that subscribed to `event`: one delivery each, written in the
 * caller's transaction (so that a delivery exists exactly when its cause does, and outlives a
 * restart in the outbox); sent after commit by the outbox's sender. Gives how many were made.
 */
export async function emitWebhook(tx: Tx, em: Em, event: WebhookEvent, data: Record<string, unknown>, at: Date = clock.now()): Promise<number> {
  const [found] = await tx.run([{ sql: 'select "id", "events" from "webhook" where "active" = ?', params: [true] }]);
  const statements: Stmt[] = [];
  let made = 0;
  for (const w of found.rows) {
    if (!(json<string[]>(w.events) ?? []).includes(event)) continue;
    statements.push(...deliveryStatements(em, w.id as string, event, at.toISOString(), data, at).statements);
    made++;
  }
  if (statements.length) await tx.run(statements);
  return made;
}

/** The same inside an ORM transaction (`em.transactional`). */
export function emitWebhookIn(em: Em, event: WebhookEvent, data: Record<string, unknown>): Promise<number> {
  return emitWebhook(ormTx(em), em, event, data);
}
