import { randomUUID } from 'node:crypto';
import { clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import type { Config } from '../../config';
import type { Em } from '../../orm';
import { claim, markFailed, markSent, renewClaim, type ClaimedMessage } from './outbox.store';

/** Sends one message of a topic; throws to have it retried. */
export type OutboxHandler = (message: ClaimedMessage, em: Em) => Promise<void>;

/**
 * A topic with its own retry policy (webhooks retry for a day): `retryAt` gives when to try a
 * message again after its failed attempt, or null to give it up. Without it the outbox's
 * configured backoff applies (OUTBOX_RETRY_BASE_MS, OUTBOX_RETRY_MAX_MS, OUTBOX_MAX_ATTEMPTS).
 */
export interface OutboxTopic {
  send: OutboxHandler;
  retryAt?(message: ClaimedMessage, now: Date): Date | null;
}

/** The wait before attempt n + 1 after n failed attempts: base × 2^(n−1), at most max. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * A process's sender of the outbox: polls, claims due messages, hands each to its topic's
 * handler, marks it sent, or puts it back with backoff. At least once: a message is marked sent
 * only after its handler returned; a process killed in between leaves the claim to lapse and
 * another sender (or this one, restarted) sends it again. Never twice at once: a claim is taken
 * with the database's locking (outbox.store.ts) and lasts longer than a send may (OUTBOX_LEASE_MS).
 */
export class OutboxSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly fork: () => Em,
    private readonly config: Pick<Config, 'outbox'>,
    private readonly log: Logger,
    private readonly handlers: Record<string, OutboxHandler | OutboxTopic>,
  ) {}

  start(): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.timer = setTimeout(async () => {
        await this.runOnce().catch((e) => this.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'outbox: polling failed'));
        loop();
      }, this.config.outbox.pollMs);
      this.timer.unref();
    };
    loop();
  }

  /** Sends what is due now, until nothing is; resolves with how many were sent. One run at a time. */
  runOnce(): Promise<number> {
    if (!this.running) this.running = this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<number> {
    let sent = 0;
    const { leaseMs, batch } = this.config.outbox;
    for (;;) {
      if (this.stopped) return sent;
      const em = this.fork();
      const token = randomUUID();
      const now = clock.now();
      const messages = await claim(em, token, now, new Date(now.getTime() + leaseMs), batch);
      if (!messages.length) return sent;
      for (const m of messages) if (await this.send(em, m, token)) sent++;
    }
  }

  private async send(em: Em, m: ClaimedMessage, token: string): Promise<boolean> {
    const entry = this.handlers[m.topic];
    const topic: OutboxTopic | undefined = typeof entry === 'function' ? { send: entry } : entry;
    const { retryBaseMs, retryMaxMs, maxAttempts, leaseMs } = this.config.outbox;
    const start = clock.now();
    if (!(await renewClaim(em, m.id, token, start, new Date(start.getTime() + leaseMs)))) return false;
    try {
      if (!topic) throw new Error(`no handler for outbox topic "${m.topic}" in this process`);
      await topic.send(m, em);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const now = clock.now();
      const retryAt = topic?.retryAt
        ? topic.retryAt(m, now)
        : m.attempts >= maxAttempts
          ? null
          : new Date(now.getTime() + backoffMs(m.attempts, retryBaseMs, retryMaxMs));
      this.log.warn({ id: m.id, topic: m.topic, attempts: m.attempts, err: error, retryAt: retryAt?.toISOString() ?? 'given up' }, 'outbox: sending failed');
      await markFailed(em, m.id, token, error, retryAt, now);
      return false;
    }
    await markSent(em, m.id, token, clock.now());
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
