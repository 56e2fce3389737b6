import type Redis from 'ioredis';
import type { Logger } from '../../common/logger';
import { OutageLog } from '../../common/redis';

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
  /** true while the store knows only this process's own sessions (its shared store does not answer) */
  readonly degraded: boolean;
}

export class MemoryPresenceStore implements PresenceStore {
  readonly degraded = false;
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
  readonly degraded = false;

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

/**
 * The shared store (Redis) while it answers; while it does not (down, or silent past the command
 * timeout), this process's own sessions in memory, marked `degraded`, so that presence keeps
 * answering with what this process knows. Logged once per outage. Back on the shared store,
 * the sessions of the outage re-appear at their next refresh.
 */
export class FallbackPresenceStore implements PresenceStore {
  private readonly local = new MemoryPresenceStore();
  private readonly outage: OutageLog;

  constructor(
    private readonly shared: PresenceStore,
    log: Logger,
  ) {
    this.outage = new OutageLog(log, 'presence store');
  }

  get degraded(): boolean {
    return this.outage.degraded;
  }

  private async either<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    try {
      const result = await shared();
      this.outage.up();
      return result;
    } catch (err) {
      this.outage.down(err);
      return local();
    }
  }

  put(assessmentId: string, entry: PresenceEntry): Promise<void> {
    void this.local.put(assessmentId, entry); // kept locally too, for an outage that starts later
    return this.either(() => this.shared.put(assessmentId, entry), async () => undefined);
  }

  remove(assessmentId: string, sessionId: string): Promise<void> {
    void this.local.remove(assessmentId, sessionId);
    return this.either(() => this.shared.remove(assessmentId, sessionId), async () => undefined);
  }

  list(assessmentId: string, now: number): Promise<PresenceEntry[]> {
    const local = this.local.list(assessmentId, now); // also drops the local copy's lapsed sessions
    return this.either(() => this.shared.list(assessmentId, now), () => local);
  }
}
