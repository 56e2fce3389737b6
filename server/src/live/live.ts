import type Redis from 'ioredis';
import type { Logger } from '../common/logger';
import { MemoryPubSub, RedisPubSub, type PubSub } from '../common/pubsub';
import type { Config } from '../config';
import { PresenceService } from '../modules/presence/presence.service';
import { FallbackPresenceStore, MemoryPresenceStore, RedisPresenceStore } from '../modules/presence/presence.store';
import { createRedis, readyWithin } from '../common/redis';
import { AccessWatch } from './guard';
import { LiveHub } from './hub';

/** Everything live in one process: transport, fan-out, presence and access watching. */
export interface Live {
  pubsub: PubSub;
  hub: LiveHub;
  presence: PresenceService;
  access: AccessWatch;
  /** with REDIS_URL: the connection for commands (throttling, presence), with timeouts (common/redis.ts) */
  redis: Redis | null;
  /** resolves once Redis is connected, or after a short wait when it is not (a start does not hang on it) */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createLive(config: Config, log: Logger): Live {
  let pubsub: PubSub;
  let presence: PresenceService;
  let hub: LiveHub;
  let redis: Redis | null = null;
  if (config.redisUrl) {
    redis = createRedis(config.redisUrl, 'commands', config.redisCommandTimeoutMs, log);
    pubsub = new RedisPubSub(config.redisUrl, config.redisPrefix, log, config.redisCommandTimeoutMs);
    hub = new LiveHub(pubsub, config.liveWindowMs);
    const store = new FallbackPresenceStore(new RedisPresenceStore(redis, config.redisPrefix), log);
    presence = new PresenceService(store, hub, config.presenceTtlMs);
  } else {
    pubsub = new MemoryPubSub();
    hub = new LiveHub(pubsub, config.liveWindowMs);
    presence = new PresenceService(new MemoryPresenceStore(), hub, config.presenceTtlMs);
  }
  const access = new AccessWatch(pubsub, config.viewerCacheMs);
  return {
    pubsub,
    hub,
    presence,
    access,
    redis,
    ready: () => (redis ? readyWithin(redis, 2000) : Promise.resolve()),
    async close() {
      presence.close();
      await access.close();
      await hub.close();
      await pubsub.close();
      redis?.disconnect();
    },
  };
}
