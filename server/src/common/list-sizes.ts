import type { Em } from '../orm';
import type { ListSizes } from './cost';
import { rows } from './sql';

/** Before the first count (and never below): what a small province holds. */
const FLOOR: ListSizes = { units: 20, criteria: 200, users: 100, periods: 10, frameworks: 10, apiTokens: 10 };

const COUNTS = `select
  (select count(*) from "unit") as units,
  (select coalesce(max(n), 0) from (select count(*) as n from "criterion" group by "framework_id") as per_framework) as criteria,
  (select count(*) from "user") as users,
  (select count(*) from "period") as periods,
  (select count(*) from "framework") as frameworks,
  (select count(*) from "api_token") as api_tokens`;

/**
 * How many units, criteria (of the largest framework), users… the database holds, for the cost
 * of an operation (common/cost.ts): counted at most once per `ttlMs`, one statement; a request
 * that finds the counts stale waits for the recount (one at a time), others use the last counts.
 */
export class ListSizeCounter {
  private sizes: ListSizes = { ...FLOOR };
  private countedAt = -Infinity;
  private pending: Promise<ListSizes> | null = null;

  constructor(
    private readonly fork: () => Em,
    private readonly ttlMs: number,
  ) {}

  async current(): Promise<ListSizes> {
    if (performance.now() - this.countedAt < this.ttlMs) return this.sizes;
    this.pending ??= this.count().finally(() => (this.pending = null));
    return this.pending;
  }

  private async count(): Promise<ListSizes> {
    const [r] = await rows<Record<string, unknown>>(this.fork(), COUNTS);
    const n = (v: unknown) => Number(v ?? 0);
    this.sizes = {
      units: Math.max(FLOOR.units, n(r.units)),
      criteria: Math.max(FLOOR.criteria, n(r.criteria)),
      users: Math.max(FLOOR.users, n(r.users)),
      periods: Math.max(FLOOR.periods, n(r.periods)),
      frameworks: Math.max(FLOOR.frameworks, n(r.frameworks)),
      apiTokens: Math.max(FLOOR.apiTokens, n(r.api_tokens)),
    };
    this.countedAt = performance.now();
    return this.sizes;
  }
}
