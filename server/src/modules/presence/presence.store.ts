import type Redis from 'ioredis';

/**
 * Ephemeral presence: who has an assessment open, keyed by session (a tab), with a time-to-live.
 * In memory for one process, in Redis (a sorted set of expiries and a hash of details per
 * assessment) when several processes share the stream.
 */
export interface PresenceEntry {
  sessionId: string;
  userId: string;
  name: string;
  criterionId: string | null;
  expiresAt: number;
}

export interface PresenceStore {
  put(assessmentId: string, entry: PresenceEntry): Promise<void>;
  remove(assessmentId: string, sessionId: string): Promise<void>;
  /** live entries; expired ones are dropped */
  list(assessmentId: string, now: number): Promise<PresenceEntry[]>;
}

export class MemoryPresenceStore implements PresenceStore {
  private readonly rooms = new Map<string, Map<string, PresenceEntry>>();

  async put(assessmentId: string, entry: PresenceEntry): Promise<void> {
    let room = this.rooms.get(assessmentId);
    if (!room) this.rooms.set(assessmentId, (room = new Map()));
    room.set(entry.sessionId, entry);
  }

  async remove(assessmentId: string, sessionId: string): Promise<void> {
    this.rooms.get(assessmentId)?.delete(sessionId);
  }

  async list(assessmentId: string, now: number): Promise<PresenceEntry[]> {
    const room = this.rooms.get(assessmentId);
    if (!room) return [];
    for (const [k, e] of room) if (e.expiresAt <= now) room.delete(k);
    if (room.size === 0) this.rooms.delete(assessmentId);
    return [...room.values()];
  }
}

export class RedisPresenceStore implements PresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private keys(assessmentId: string) {
    return { z: `${this.prefix}presence:${assessmentId}:exp`, h: `${this.prefix}presence:${assessmentId}:info` };
  }

  async put(assessmentId: string, entry: PresenceEntry): Promise<void> {
    const { z, h } = this.keys(assessmentId);
    await this.redis
      .multi()
      .zadd(z, entry.expiresAt, entry.sessionId)
      .hset(h, entry.sessionId, JSON.stringify(entry))
      .pexpire(z, 3_600_000)
      .pexpire(h, 3_600_000)
      .exec();
  }

  async remove(assessmentId: string, sessionId: string): Promise<void> {
    const { z, h } = this.keys(assessmentId);
    await this.redis.multi().zrem(z, sessionId).hdel(h, sessionId).exec();
  }

  async list(assessmentId: string, now: number): Promise<PresenceEntry[]> {
    const { z, h } = this.keys(assessmentId);
    const expired = await this.redis.zrangebyscore(z, '-inf', now);
    if (expired.length) await this.redis.multi().zrem(z, ...expired).hdel(h, ...expired).exec();
    const live = await this.redis.zrangebyscore(z, now + 1, '+inf');
    if (live.length === 0) return [];
    const infos = await this.redis.hmget(h, ...live);
    return infos.filter((x): x is string => x !== null).map((x) => JSON.parse(x) as PresenceEntry);
  }
}
