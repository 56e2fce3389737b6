import type { Viewer } from './auth';

/** What a request needs of its person: who they are now, and the session epoch their token must reach. */
export interface KnownUser {
  viewer: Viewer;
  sessionEpoch: number;
}

/**
 * The people behind requests, kept in this process so that a request does not read its person
 * again (one statement of every request: 28 % of saves at saturation, docs/benchmarks.md §10).
 *
 * It never serves what the API has changed: every change of a person's role, unit, name, state
 * or sessions is published on the access topic after its commit (live/guard.ts, `changed` and
 * `sessionsEnded`), which forgets the person here before the publish and in every other process
 * when it arrives. While the bus that carries those messages is not listening (Redis away or
 * subscribing again, `PubSub.listening`), nothing is served from here or kept; when it comes back
 * everything is forgotten. A read begun before a change is not kept after it (`begin`/`keep`).
 * A change made straight in the database reaches no process: `ttlMs` (VIEWER_CACHE_SECONDS)
 * bounds it. An APPRAISER is never kept: their council seats change with every council.
 */
export class ViewerCache {
  private readonly entries = new Map<string, { user: KnownUser; until: number }>();
  /** bumped by every forget: a read begun before it is not kept */
  private generation = 0;

  constructor(private readonly opts: { ttlMs: number; max: number; listening: () => boolean }) {}

  private usable(): boolean {
    return this.opts.ttlMs > 0 && this.opts.listening();
  }

  /** The person as last read, if kept and still fresh. */
  get(userId: string): KnownUser | undefined {
    if (!this.usable()) return undefined;
    const entry = this.entries.get(userId);
    if (!entry) return undefined;
    if (entry.until <= performance.now()) {
      this.entries.delete(userId);
      return undefined;
    }
    return entry.user;
  }

  /** Call before reading a person from the database; null when what is read may not be kept. */
  begin(): number | null {
    return this.usable() ? this.generation : null;
  }

  /** Keeps what a read begun at `ticket` found, unless something was forgotten since. */
  keep(userId: string, user: KnownUser, ticket: number | null): void {
    if (ticket === null || ticket !== this.generation || !this.usable() || user.viewer.council) return;
    if (this.entries.size >= this.opts.max && !this.entries.has(userId)) this.entries.delete(this.entries.keys().next().value!);
    Object.freeze(user.viewer);
    this.entries.set(userId, { user, until: performance.now() + this.opts.ttlMs });
  }

  forget(userId: string): void {
    this.generation++;
    this.entries.delete(userId);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
