import Redis from 'ioredis';
import type { Logger } from './logger';

/**
 * The one place where messages cross server processes. Without Redis, an in-process bus; with
 * REDIS_URL, Redis pub/sub so that every process sees every topic it listens to. A payload is
 * serialized once per publish (Redis) or passed as is (in-process).
 */
export interface PubSub {
  publish(topic: string, payload: object): Promise<void>;
  /** Listens to a topic; the returned function stops listening. */
  subscribe(topic: string, handler: (payload: any) => void): Promise<() => Promise<void>>;
  /**
   * Called each time the bus comes back after an outage, during which messages from other
   * processes were lost (never for the in-process bus, which cannot lose any).
   */
  onReconnect(handler: () => void): void;
  close(): Promise<void>;
}

export class MemoryPubSub implements PubSub {
  private readonly handlers = new Map<string, Set<(p: any) => void>>();

  async publish(topic: string, payload: object): Promise<void> {
    for (const h of this.handlers.get(topic) ?? []) h(payload);
  }

  async subscribe(topic: string, handler: (payload: any) => void): Promise<() => Promise<void>> {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
    return async () => {
      set!.delete(handler);
      if (set!.size === 0) this.handlers.delete(topic);
    };
  }

  onReconnect(): void {}

  async close(): Promise<void> {
    this.handlers.clear();
  }
}

const PUBLISH_TIMEOUT_MS = 2000;

export class RedisPubSub implements PubSub {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<(p: any) => void>>();
  private readonly reconnected = new Set<() => void>();

  constructor(url: string, private readonly prefix: string, private readonly log: Logger) {
    const options = { maxRetriesPerRequest: null, enableAutoPipelining: true, retryStrategy: (n: number) => Math.min(n * 200, 2000) };
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, options);
    for (const c of [this.pub, this.sub]) c.on('error', (err) => log.warn({ err: err.message }, 'redis'));
    // the subscribing connection lost its channels while it was down: whatever was published
    // meanwhile never came; once it is back (ioredis subscribes again), listeners catch up
    let lost = false;
    this.sub.on('close', () => (lost = true));
    this.sub.on('ready', () => {
      if (!lost) return;
      lost = false;
      log.warn('redis subscription back after an outage: re-checking what may have been missed');
      for (const h of this.reconnected) h();
    });
    this.sub.on('message', (channel: string, message: string) => {
      const topic = channel.slice(this.prefix.length);
      if (this.handlers.get(topic)?.size) this.dispatch(topic, JSON.parse(message)); // parsed once, shared by every local listener
    });
  }

  /** The same connection settings for other Redis users (presence). */
  get client(): Redis {
    return this.pub;
  }

  /**
   * Never waits for Redis to come back: while it is unreachable the message reaches this
   * process's own listeners only, and a publish that Redis does not confirm within
   * PUBLISH_TIMEOUT_MS is given up (ioredis may still deliver it late). Both are logged; the
   * caller (a save, after its commit) answers at once. Other processes' subscribers see the gap
   * in `seq` at their next event and refetch (docs/realtime.md).
   */
  async publish(topic: string, payload: object): Promise<void> {
    if (this.pub.status !== 'ready') {
      this.log.warn({ topic, redis: this.pub.status }, 'redis unavailable: message delivered in this process only');
      this.dispatch(topic, JSON.parse(JSON.stringify(payload)));
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const sent = this.pub.publish(this.prefix + topic, JSON.stringify(payload));
    sent.catch(() => undefined);
    try {
      await Promise.race([
        sent,
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`not confirmed within ${PUBLISH_TIMEOUT_MS} ms`)), PUBLISH_TIMEOUT_MS))),
      ]);
    } catch (err) {
      this.log.warn({ topic, err: err instanceof Error ? err.message : String(err) }, 'redis publish failed');
    } finally {
      clearTimeout(timer);
    }
  }

  private dispatch(topic: string, payload: unknown): void {
    const set = this.handlers.get(topic);
    if (!set) return;
    for (const h of set) h(payload);
  }

  async subscribe(topic: string, handler: (payload: any) => void): Promise<() => Promise<void>> {
    let set = this.handlers.get(topic);
    if (!set) {
      this.handlers.set(topic, (set = new Set()));
      await this.sub.subscribe(this.prefix + topic);
    }
    set.add(handler);
    return async () => {
      set!.delete(handler);
      if (set!.size === 0 && this.handlers.get(topic) === set) {
        this.handlers.delete(topic);
        await this.sub.unsubscribe(this.prefix + topic).catch(() => undefined);
      }
    };
  }

  onReconnect(handler: () => void): void {
    this.reconnected.add(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.reconnected.clear();
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
