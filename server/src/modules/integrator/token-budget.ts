import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../../common/errors';

/**
 * Each API token's budget per minute: a number of requests and a total cost (common/cost.ts),
 * taken atomically before an operation runs (rate-limiter-flexible: a Lua script on Redis, a map
 * in memory). With Redis every server process draws on the same budget; while Redis does not
 * answer, each process counts in memory (the insurance limiter). Only integrator tokens have a
 * budget: people signed in to the web client, and sign-ins, never draw on it.
 */
export interface TokenBudgetSettings {
  requestsPerMinute: number;
  costPerMinute: number;
}

const MINUTE = 60;

export class TokenBudget {
  private readonly requests: RateLimiterAbstract;
  private readonly cost: RateLimiterAbstract;

  constructor(
    readonly settings: TokenBudgetSettings,
    redis?: { client: Redis; prefix: string },
  ) {
    const make = (name: string, points: number): RateLimiterAbstract => {
      const keyPrefix = `${redis?.prefix ?? ''}budget:${name}`;
      const memory = new RateLimiterMemory({ keyPrefix, points, duration: MINUTE });
      if (!redis) return memory;
      return new RateLimiterRedis({ storeClient: redis.client, keyPrefix, points, duration: MINUTE, rejectIfRedisNotReady: true, insuranceLimiter: memory });
    };
    this.requests = make('requests', settings.requestsPerMinute);
    this.cost = make('cost', settings.costPerMinute);
  }

  /** Takes one request and `cost` from the token's budget, or refuses with RATE_LIMITED. */
  async take(tokenId: string, cost: number): Promise<void> {
    try {
      await this.requests.consume(tokenId, 1);
    } catch (e) {
      throw refused(e, `${this.settings.requestsPerMinute} requests`);
    }
    try {
      await this.cost.consume(tokenId, Math.max(1, Math.ceil(cost)));
    } catch (e) {
      throw refused(e, `a cost of ${this.settings.costPerMinute.toLocaleString('en-US')}`, cost);
    }
  }
}

function refused(e: unknown, budget: string, cost?: number): AppError {
  if (!(e instanceof RateLimiterRes)) throw e;
  const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
  const what = cost === undefined ? '' : ` (this operation costs ${Math.ceil(cost).toLocaleString('en-US')})`;
  return new AppError('RATE_LIMITED', `This API token has spent its budget of ${budget} per minute${what}; try again in ${seconds} second(s).`, {
    retryAfterSeconds: seconds,
    http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
  });
}
