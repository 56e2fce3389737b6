import type Redis from 'ioredis';
import type { Logger } from './logger';
import { createRedis, OutageLog } from './redis';

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
  /**
   * Whether messages from every process reach this one now: false while the bus is away and
   * until its subscriptions are back after an outage (always true for the in-process bus).
   */
  listening(): boolean;
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

  listening(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}

export class RedisPubSub implements PubSub {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<(p: any) => void>>();
  private readonly publishes: OutageLog;
  private readonly reconnected = new Set<() => void>();
  /** the subscribing connection is up and its subscriptions answered (`listening`) */
  private heard = false;
  /** counts the subscribing connection's closes, so that a late ping answer says nothing of a newer connection */
  private connections = 0;

  constructor(url: string, private readonly prefix: string, private readonly log: Logger, commandTimeoutMs: number) {
    this.pub = createRedis(url, 'publish', commandTimeoutMs, log);
    this.sub = createRedis(url, 'subscribe', commandTimeoutMs, log);
    this.publishes = new OutageLog(log, 'redis publishing');
    // the subscribing connection lost its channels while it was down: whatever was published
    // meanwhile never came; once it is back (ioredis subscribes again), listeners catch up
    let lost = false;
    this.sub.on('close', () => {
      lost = true;
      this.heard = false;
      this.connections++;
    });
    this.sub.on('ready', () => {
      // ioredis sent the subscriptions again before 'ready': a ping answered after them says they hold
      const connection = this.connections;
      this.sub.ping().then(
        () => {
          if (connection === this.connections) this.heard = true;
        },
        () => undefined,
      );
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

  /**
   * Never waits for Redis to come back: while it is unreachable the message reaches this
   * process's own listeners only, and a publish that Redis does not confirm within the command
   * timeout (REDIS_COMMAND_TIMEOUT_MS) is given up (ioredis may still deliver it late). Logged
   * once per outage; the caller (a save, after its commit) answers at once. Other processes'
   * subscribers see the gap in `seq` at their next event and refetch (docs/realtime.md).
   */
  async publish(topic: string, payload: object): Promise<void> {
    if (this.pub.status !== 'ready') {
      // said once per outage by the connection (common/redis.ts), not once per message
      this.log.debug({ topic, redis: this.pub.status }, 'redis unavailable: message delivered in this process only');
      this.dispatch(topic, JSON.parse(JSON.stringify(payload)));
      return;
    }
    try {
      await this.pub.publish(this.prefix + topic, JSON.stringify(payload));
      this.publishes.up();
    } catch (err) {
      this.publishes.down(err);
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
      const subscribed = this.sub.subscribe(this.prefix + topic);
      // while Redis is away the subscription waits in the offline queue (sent on reconnect); this
      // process's own messages reach the listener meanwhile, and the caller does not wait
      if (this.sub.status === 'ready') await subscribed;
      else subscribed.catch((err: Error) => this.log.debug({ topic, err: err.message }, 'redis subscribe deferred'));
    }
    set.add(handler);
    return async () => {
      set!.delete(handler);
      if (set!.size === 0 && this.handlers.get(topic) === set) {
        this.handlers.delete(topic);
        const unsubscribed = this.sub.unsubscribe(this.prefix + topic).catch(() => undefined);
        if (this.sub.status === 'ready') await unsubscribed; // else sent on reconnect: nobody waits for it
      }
    };
  }

  onReconnect(handler: () => void): void {
    this.reconnected.add(handler);
  }

  listening(): boolean {
    return this.heard && this.sub.status === 'ready';
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.reconnected.clear();
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
