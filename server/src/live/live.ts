import type { Logger } from '../common/logger';
import { MemoryPubSub, RedisPubSub, type PubSub } from '../common/pubsub';
import type { Config } from '../config';
import { PresenceService } from '../modules/presence/presence.service';
import { MemoryPresenceStore, RedisPresenceStore } from '../modules/presence/presence.store';
import { AccessWatch } from './guard';
import { LiveHub } from './hub';

/** Everything live in one process: transport, fan-out, presence and access watching. */
export interface Live {
  pubsub: PubSub;
  hub: LiveHub;
  presence: PresenceService;
  access: AccessWatch;
  close(): Promise<void>;
}

export function createLive(config: Config, log: Logger): Live {
  let pubsub: PubSub;
  let presence: PresenceService;
  let hub: LiveHub;
  if (config.redisUrl) {
    const redis = new RedisPubSub(config.redisUrl, config.redisPrefix, log);
    pubsub = redis;
    hub = new LiveHub(pubsub, config.liveWindowMs);
    presence = new PresenceService(new RedisPresenceStore(redis.client, config.redisPrefix), hub, config.presenceTtlMs);
  } else {
    pubsub = new MemoryPubSub();
    hub = new LiveHub(pubsub, config.liveWindowMs);
    presence = new PresenceService(new MemoryPresenceStore(), hub, config.presenceTtlMs);
  }
  const access = new AccessWatch(pubsub);
  return {
    pubsub,
    hub,
    presence,
    access,
    async close() {
      presence.close();
      await access.close();
      await hub.close();
      await pubsub.close();
    },
  };
}
