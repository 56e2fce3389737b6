import { createHmac } from 'node:crypto';

/**
 * The X-Chamdiem-Signature of a delivery: `sha256=` and the hex HMAC-SHA256, keyed with the
 * webhook's secret, of the X-Chamdiem-Timestamp (Unix seconds), a dot and the exact body. A
 * receiver computes the same, compares in constant time, and refuses an old timestamp
 * (docs/integrators.md has a check in a few lines of Node).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
