import type Redis from 'ioredis';
import { AppError } from '../../common/errors';

/**
 * Sign-in protection: failures are counted per address and per account in a window; past half
 * the allowance each attempt is slowed, past the allowance the key is refused for a while.
 * In memory for one process, in Redis when several processes share the load.
 */
export interface LoginGuardSettings {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

interface Counter {
  /** failures in the current window, and seconds until the key unlocks (0: not locked) */
  get(key: string): Promise<{ failures: number; lockedFor: number }>;
  fail(key: string, settings: LoginGuardSettings): Promise<void>;
  clear(key: string): Promise<void>;
}

class MemoryCounter implements Counter {
  private readonly entries = new Map<string, { failures: number; windowEnds: number; lockedUntil: number }>();

  async get(key: string) {
    const e = this.entries.get(key);
    const now = Date.now();
    if (!e) return { failures: 0, lockedFor: 0 };
    if (e.windowEnds < now && e.lockedUntil < now) {
      this.entries.delete(key);
      return { failures: 0, lockedFor: 0 };
    }
    return { failures: e.failures, lockedFor: Math.max(0, Math.ceil((e.lockedUntil - now) / 1000)) };
  }

  async fail(key: string, s: LoginGuardSettings) {
    const now = Date.now();
    let e = this.entries.get(key);
    if (!e || e.windowEnds < now) e = { failures: 0, windowEnds: now + s.windowSeconds * 1000, lockedUntil: 0 };
    e.failures++;
    if (e.failures >= s.maxFailures) e.lockedUntil = now + s.lockSeconds * 1000;
    this.entries.set(key, e);
    if (this.entries.size > 100_000) this.entries.delete(this.entries.keys().next().value!); // bounded
  }

  async clear(key: string) {
    this.entries.delete(key);
  }
}

class RedisCounter implements Counter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string) {
    const [failures, ttl] = await Promise.all([this.redis.get(`${this.prefix}login:f:${key}`), this.redis.pttl(`${this.prefix}login:l:${key}`)]);
    return { failures: Number(failures ?? 0), lockedFor: ttl > 0 ? Math.ceil(ttl / 1000) : 0 };
  }

  async fail(key: string, s: LoginGuardSettings) {
    const k = `${this.prefix}login:f:${key}`;
    const [[, n]] = (await this.redis.multi().incr(k).expire(k, s.windowSeconds, 'NX').exec()) as [[unknown, number], unknown];
    if (n >= s.maxFailures) await this.redis.set(`${this.prefix}login:l:${key}`, '1', 'EX', s.lockSeconds);
  }

  async clear(key: string) {
    await this.redis.del(`${this.prefix}login:f:${key}`, `${this.prefix}login:l:${key}`);
  }
}

/** A counted key; an address may fail `weight` times as often as an account (offices share one). */
export interface GuardKey {
  key: string;
  weight: number;
}

export class LoginGuard {
  private readonly counter: Counter;

  constructor(
    private readonly settings: LoginGuardSettings,
    redis?: { client: Redis; prefix: string },
  ) {
    this.counter = redis ? new RedisCounter(redis.client, redis.prefix) : new MemoryCounter();
  }

  /** Before checking a password: refuses a locked key, slows a suspicious one. */
  async before(keys: GuardKey[]): Promise<void> {
    const states = await Promise.all(keys.map((k) => this.counter.get(k.key)));
    const locked = Math.max(...states.map((s) => s.lockedFor));
    if (locked > 0) {
      throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${Math.ceil(locked / 60)} minute(s).`, { retryAfterSeconds: locked });
    }
    const pressure = Math.max(...states.map((s, i) => s.failures / (this.settings.maxFailures * keys[i].weight)));
    if (pressure >= 0.5) await new Promise((r) => setTimeout(r, Math.min(2000, Math.round(1000 * pressure))));
  }

  async failed(keys: GuardKey[]): Promise<void> {
    await Promise.all(keys.map((k) => this.counter.fail(k.key, { ...this.settings, maxFailures: this.settings.maxFailures * k.weight })));
  }

  /** A success clears the account's count (not the address's: one good password does not whitelist an address). */
  async succeeded(accountKey: string): Promise<void> {
    await this.counter.clear(accountKey);
  }
}
