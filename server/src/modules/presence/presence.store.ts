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
  /** stores (or refreshes) a session; the live entries after it, as list() gives them */
  put(assessmentId: string, entry: PresenceEntry, now: number): Promise<PresenceEntry[]>;
  remove(assessmentId: string, sessionId: string): Promise<void>;
  /** live entries; expired ones are dropped */
  list(assessmentId: string, now: number): Promise<PresenceEntry[]>;
  /** true while the store knows only this process's own sessions (its shared store does not answer) */
  readonly degraded: boolean;
}

export class MemoryPresenceStore implements PresenceStore {
  readonly degraded = false;
  private readonly rooms = new Map<string, Map<string, PresenceEntry>>();

  async put(assessmentId: string, entry: PresenceEntry, now: number): Promise<PresenceEntry[]> {
    let room = this.rooms.get(assessmentId);
    if (!room) this.rooms.set(assessmentId, (room = new Map()));
    room.set(entry.sessionId, entry);
    return this.list(assessmentId, now);
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

  /**
   * The refresh and the read of the room in one round trip (a refresh comes every 5 s from every
   * open tab): the entry written, the lapsed sessions dropped from the expiry set, the details
   * of every session read; see live().
   */
  async put(assessmentId: string, entry: PresenceEntry, now: number): Promise<PresenceEntry[]> {
    const { z, h } = this.keys(assessmentId);
    const m = this.redis
      .multi()
      .zadd(z, entry.expiresAt, entry.sessionId)
      .hset(h, entry.sessionId, JSON.stringify(entry))
      .pexpire(z, 3_600_000)
      .pexpire(h, 3_600_000);
    return this.live(h, await this.readRoom(m, z, h, now), now);
  }

  async remove(assessmentId: string, sessionId: string): Promise<void> {
    const { z, h } = this.keys(assessmentId);
    await this.redis.multi().zrem(z, sessionId).hdel(h, sessionId).exec();
  }

  async list(assessmentId: string, now: number): Promise<PresenceEntry[]> {
    const { z, h } = this.keys(assessmentId);
    return this.live(h, await this.readRoom(this.redis.multi(), z, h, now), now);
  }

  /** Appends to a transaction the lapsed sessions' removal from the expiry set and the read of every session's details. */
  private async readRoom(m: ReturnType<Redis['multi']>, z: string, h: string, now: number): Promise<Record<string, string>> {
    const results = (await m.zremrangebyscore(z, '-inf', now).hgetall(h).exec()) ?? [];
    for (const [err] of results) if (err) throw err;
    return (results[results.length - 1]?.[1] ?? {}) as Record<string, string>;
  }

  /**
   * The sessions whose details say they are still alive (a session's details and its expiry are
   * always written together); the lapsed ones' details are dropped too.
   */
  private async live(h: string, details: Record<string, string>, now: number): Promise<PresenceEntry[]> {
    const alive: PresenceEntry[] = [];
    const lapsed: string[] = [];
    for (const [sessionId, json] of Object.entries(details)) {
      const e = JSON.parse(json) as PresenceEntry;
      if (e.expiresAt > now) alive.push(e);
      else lapsed.push(sessionId);
    }
    if (lapsed.length) await this.redis.hdel(h, ...lapsed);
    return alive;
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

  put(assessmentId: string, entry: PresenceEntry, now: number): Promise<PresenceEntry[]> {
    const local = this.local.put(assessmentId, entry, now); // kept locally too, for an outage that starts later
    return this.either(() => this.shared.put(assessmentId, entry, now), () => local);
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
