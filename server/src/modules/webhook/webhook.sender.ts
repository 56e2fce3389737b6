import { clock, DAY_MS } from '../../common/clock';
import { rows, sqlTime } from '../../common/sql';
import type { Config } from '../../config';
import type { Em } from '../../orm';
import type { OutboxTopic } from '../outbox/outbox.sender';
import type { ClaimedMessage } from '../outbox/outbox.store';
import type { WebhookPayload } from './webhook.emit';
import { webhookSignature } from './webhook.signature';

/** The waits after the 1st, 2nd, 3rd failed attempt, then the last one repeated. */
export const WEBHOOK_RETRY_STEPS_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000];
/** Deliveries are retried for this long after the event, then given up (FAILED). */
export const WEBHOOK_RETRY_WINDOW_MS = DAY_MS;
/** The longest an attempt may take (within a claim: OUTBOX_LEASE_MS). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** When to try a delivery again after its failed attempt; null once that would be a day after the event. */
export function webhookRetryAt(m: Pick<ClaimedMessage, 'attempts' | 'createdAt'>, now: Date): Date | null {
  const wait = WEBHOOK_RETRY_STEPS_MS[Math.min(Math.max(1, m.attempts), WEBHOOK_RETRY_STEPS_MS.length) - 1];
  const at = now.getTime() + wait;
  return at - m.createdAt.getTime() > WEBHOOK_RETRY_WINDOW_MS ? null : new Date(at);
}

/** What a failed fetch says, plainly: the network's code, or a timeout. */
function failure(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return `no answer within ${timeoutMs / 1000} s`;
  const cause = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

/**
 * The outbox's 'webhook' topic: POSTs a delivery to its webhook's URL as it is now, signed with
 * its secret. 2xx = delivered; anything else (a redirect too: it is never followed, so a delivery
 * only goes where the ADMIN pointed it) throws, and the outbox tries again per webhookRetryAt.
 * The body is the same on every attempt, and so is X-Chamdiem-Delivery; the timestamp and the
 * signature are the attempt's. Each attempt's time and HTTP status are kept on the delivery.
 */
export function webhookTopic(config: Pick<Config, 'outbox'>): OutboxTopic {
  const timeoutMs = Math.max(1000, Math.min(WEBHOOK_TIMEOUT_MS, Math.floor(config.outbox.leaseMs / 4)));
  const record = (em: Em, id: string, at: Date, status: number | null) =>
    rows(em, 'update "webhook_delivery" set "last_attempt_at" = ?, "last_status_code" = ? where "id" = ? returning "id"', [sqlTime(em, at), status, id]);
  return {
    retryAt: webhookRetryAt,
    async send(m, em) {
      const p = m.payload as unknown as WebhookPayload;
      const [hook] = await rows<{ url: string; secret: string }>(em, 'select "url", "secret" from "webhook" where "id" = ?', [p.webhookId]);
      // deleted meanwhile (deleteWebhook takes its pending deliveries with it): nothing to send
      if (!hook) return;
      const body = JSON.stringify({ id: m.id, event: p.event, occurredAt: p.occurredAt, data: p.data });
      const at = clock.now();
      const timestamp = String(Math.floor(at.getTime() / 1000));
      let status: number | null = null;
      let error: string | null = null;
      try {
        const res = await fetch(hook.url, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Chamdiem-Webhook/1',
            'x-chamdiem-event': p.event,
            'x-chamdiem-delivery': m.id,
            'x-chamdiem-timestamp': timestamp,
            'x-chamdiem-signature': webhookSignature(hook.secret, timestamp, body),
          },
          body,
        });
        status = res.status;
        await res.body?.cancel().catch(() => undefined);
        if (status >= 300 && status < 400) error = `HTTP ${status}: a redirect (to ${res.headers.get('location') ?? 'nowhere'}) is not followed; register the final address`;
        else if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } catch (e) {
        error = failure(e, timeoutMs);
      }
      await record(em, m.id, at, status);
      if (error) throw new Error(error);
    },
  };
}
