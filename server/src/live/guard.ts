/**
 * Access to a live stream is checked when it starts and again whenever the user's access may
 * have changed (disabled, moved to another unit, role changed): `AccessWatch.changed(userId)`
 * reaches every process, and each of that user's streams re-checks and ends if it lost access.
 */
import type { PubSub } from '../common/pubsub';

export const REVOKED = Symbol('revoked');
export type Revoked = { [REVOKED]: true; reason: string };
export const isRevoked = (x: unknown): x is Revoked => typeof x === 'object' && x !== null && REVOKED in x;

const ACCESS_TOPIC = 'access';

export class AccessWatch {
  private readonly watchers = new Map<string, Set<() => void>>();
  private unsubscribe: Promise<() => Promise<void>>;

  constructor(private readonly pubsub: PubSub) {
    this.unsubscribe = pubsub.subscribe(ACCESS_TOPIC, (msg: { userId: string }) => {
      for (const w of this.watchers.get(msg.userId) ?? []) w();
    });
  }

  /** Tell every process that this user's access changed. */
  async changed(userId: string): Promise<void> {
    await this.pubsub.publish(ACCESS_TOPIC, { userId });
  }

  /**
   * Wraps a stream: when the user's access changes, `stillAllowed` is asked; if it says no (or
   * fails), the stream yields one Revoked marker (which its resolver turns into FORBIDDEN) and ends.
   */
  guard<T>(userId: string, source: AsyncIterableIterator<T>, stillAllowed: () => Promise<boolean>): AsyncIterableIterator<T | Revoked> {
    let revoke: ((r: Revoked) => void) | null = null;
    const revoked = new Promise<Revoked>((resolve) => (revoke = resolve));
    const check = () => {
      stillAllowed()
        .catch(() => false)
        .then((ok) => {
          if (!ok) revoke?.({ [REVOKED]: true, reason: 'Your access to this stream has been withdrawn.' });
        });
    };
    let set = this.watchers.get(userId);
    if (!set) this.watchers.set(userId, (set = new Set()));
    set.add(check);
    let ended = false;
    const end = async () => {
      if (ended) return;
      ended = true;
      set!.delete(check);
      if (set!.size === 0) this.watchers.delete(userId);
      await source.return?.();
    };
    let pending: Promise<IteratorResult<T>> | null = null;
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next(): Promise<IteratorResult<T | Revoked>> {
        if (ended) return { value: undefined, done: true };
        pending ??= source.next();
        const r = await Promise.race([pending, revoked]);
        if ('done' in r && !isRevoked(r)) {
          pending = null;
          if (r.done) await end();
          return r;
        }
        await end();
        return { value: r as Revoked, done: false };
      },
      async return(): Promise<IteratorResult<T | Revoked>> {
        await end();
        return { value: undefined, done: true };
      },
      async throw(err?: unknown): Promise<IteratorResult<T | Revoked>> {
        await end();
        throw err;
      },
    };
  }

  async close(): Promise<void> {
    this.watchers.clear();
    await (await this.unsubscribe)();
  }
}
