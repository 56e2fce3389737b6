import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../../common/errors';

/**
 * Sign-in throttling (rate-limiter-flexible). Every attempt takes one point *before* its password
 * is checked, in one atomic step (a Lua script on Redis, a map in memory), so that parallel
 * guesses cannot all pass a check and be counted afterwards: past the allowance an attempt is
 * refused without its password being checked. A right password gives its point back; wrong ones
 * keep theirs until the window ends.
 *
 * Keys are an account *and* an address together, so nobody can lock a person (the ADMIN) out
 * from another address. Past the allowance the pair is refused for a short block that doubles
 * with every block of the day (LOGIN_BLOCK_SECONDS, then twice that, … up to an hour): a person
 * who mistyped waits seconds, a guesser ever longer. One address alone also has a larger
 * allowance across every account (password spraying). With Redis the counts are shared by every
 * process; while Redis does not answer, each process counts in memory (the insurance limiter).
 */
export interface LoginGuardSettings {
  /** wrong passwords per account and address in a window */
  maxFailures: number;
  windowSeconds: number;
  /** the first block of an account and address past the allowance; later ones double */
  blockSeconds: number;
  /** wrong passwords from one address across every account in a window */
  addressMaxFailures: number;
}

/** The longest block: progressive blocks stop doubling here. */
export const MAX_BLOCK_SECONDS = 3600;
const DAY = 24 * 3600;

/**
 * One attempt that holds its points: `succeeded()` gives them back, a wrong password keeps them;
 * `undecided()` gives them back too, for an attempt that could not be checked (the database was
 * unreachable): an outage is not a guess.
 */
export interface LoginAttempt {
  succeeded(): Promise<void>;
  undecided(): Promise<void>;
}

type Limiters = { pair: RateLimiterAbstract; address: RateLimiterAbstract; blocks: RateLimiterAbstract };

function limiters(s: LoginGuardSettings, redis?: { client: Redis; prefix: string }): Limiters {
  const make = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const keyPrefix = `${redis?.prefix ?? ''}login:${name}`;
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    if (!redis) return memory;
    // a Redis that is down or slow answers from memory in this process instead of hanging
    return new RateLimiterRedis({ storeClient: redis.client, keyPrefix, points, duration, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  };
  return {
    pair: make('pair', s.maxFailures, s.windowSeconds),
    address: make('address', s.addressMaxFailures, s.windowSeconds),
    blocks: make('blocks', 1_000_000, DAY),
  };
}

const refused = (msBeforeNext: number) => {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const wait = seconds < 120 ? `${seconds} second(s)` : `${Math.ceil(seconds / 60)} minute(s)`;
  return new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${wait}.`, { retryAfterSeconds: seconds });
};

export class LoginGuard {
  private readonly l: Limiters;

  constructor(
    private readonly settings: LoginGuardSettings,
    redis?: { client: Redis; prefix: string },
  ) {
    this.l = limiters(settings, redis);
  }

  /**
   * Takes one attempt for `account` from `ip`, or refuses with RATE_LIMITED (checking nothing).
   */
  async attempt(account: string, ip: string): Promise<LoginAttempt> {
    const pairKey = `${account}|${ip}`;
    try {
      await this.l.pair.consume(pairKey);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      // the attempt that crossed the allowance starts the block; later ones find it running
      const crossed = e.consumedPoints === this.settings.maxFailures + 1;
      throw refused(crossed ? (await this.block(pairKey)) * 1000 : e.msBeforeNext);
    }
    try {
      await this.l.address.consume(ip);
    } catch (e) {
      await this.l.pair.reward(pairKey).catch(() => undefined);
      if (e instanceof RateLimiterRes) throw refused(e.msBeforeNext);
      throw e;
    }
    const giveBack = async () => {
      await Promise.all([this.l.pair.reward(pairKey), this.l.address.reward(ip)]);
    };
    return { succeeded: giveBack, undecided: giveBack };
  }

  /** Blocks a pair for LOGIN_BLOCK_SECONDS × 2^(blocks today − 1), at most MAX_BLOCK_SECONDS; returns the seconds. */
  private async block(pairKey: string): Promise<number> {
    const n = (await this.l.blocks.consume(pairKey)).consumedPoints;
    const seconds = Math.min(MAX_BLOCK_SECONDS, this.settings.blockSeconds * 2 ** Math.min(20, n - 1));
    await this.l.pair.block(pairKey, seconds);
    return seconds;
  }
}
