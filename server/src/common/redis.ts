import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from './logger';

/**
 * Redis connections, so that no request waits on a Redis that is down or silent. Three roles:
 *
 * - `commands` (sign-in throttling, presence): no offline queue, so a command fails at once while
 *   the connection is down, and `commandTimeout` ends one that a silent server never answers;
 *   callers fall back (login-guard.ts counts in memory, presence keeps this process's own).
 * - `publish`: a command timeout as well; pubsub.ts delivers locally while Redis is away.
 * - `subscribe`: keeps its offline queue, so that a subscription made during an outage is sent
 *   when the connection is back (ioredis also re-subscribes every channel on reconnect).
 *
 * Every connection reconnects on its own and says so once per outage: one warning when it goes
 * down, one line when it is back — not one per failed call or reconnect attempt.
 */
export type RedisRole = 'commands' | 'publish' | 'subscribe';

export function createRedis(url: string, role: RedisRole, commandTimeoutMs: number, log: Logger): Redis {
  const options: RedisOptions = {
    retryStrategy: (n: number) => Math.min(n * 200, 2000),
    connectTimeout: Math.max(1000, commandTimeoutMs * 2),
    // no auto-pipelining: each batch of it is an ioredis Pipeline, which gives itself a `length`
    // getter of its own (a fresh closure on each instance); V8 then kept every pipeline, its
    // commands and the saves awaiting them alive through young-generation collections (at 300
    // saves/s, 8.8 against 6.7 MB/s reaching the old generation, docs/benchmarks.md "The stalls
    // at 300/s"). A command is one socket write instead; saturation did not move (983 and 994/s)
    enableAutoPipelining: false,
    ...(role === 'subscribe'
      ? { maxRetriesPerRequest: null }
      : { enableOfflineQueue: role === 'publish', maxRetriesPerRequest: 1, commandTimeout: commandTimeoutMs }),
  };
  const client = new Redis(url, options);
  const outage = new OutageLog(log, `redis ${role}`);
  client.on('error', (err: Error) => outage.down(err));
  client.on('ready', () => outage.up());
  return client;
}

/** Logs a dependency going down once (warn) and coming back once (info), however often it fails meanwhile. */
export class OutageLog {
  private since: number | null = null;

  constructor(
    private readonly log: Logger,
    private readonly what: string,
  ) {}

  get degraded(): boolean {
    return this.since !== null;
  }

  down(err: unknown): void {
    if (this.since !== null) return;
    this.since = Date.now();
    this.log.warn({ dependency: this.what, err: err instanceof Error ? err.message : String(err) }, `${this.what} unavailable`);
  }

  up(): void {
    if (this.since === null) return;
    this.log.info({ dependency: this.what, downMs: Date.now() - this.since }, `${this.what} back`);
    this.since = null;
  }
}

/** Resolves when `client` is ready, or after `ms` whatever its state (a start does not wait for a Redis that is down). */
export function readyWithin(client: Redis, ms: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.once('ready', done);
  });
}
