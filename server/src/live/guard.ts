/**
 * Access to a live stream is checked when it starts and again whenever the user's access may
 * have changed (disabled, moved to another unit, role changed): `AccessWatch.changed(userId)`
 * reaches every process, and each of that user's streams re-checks and ends if it lost access.
 */
import type { PubSub } from '../common/pubsub';

export const REVOKED = Symbol('revoked');
export type Revoked = { [REVOKED]: true; reason: string };
export const isRevoked = (x: unknown): x is Revoked => typeof x === 'object' && x !== null && REVOKED in x;

/** A stream that can be ended with a Revoked marker (which its resolver turns into FORBIDDEN). */
export interface Revocable {
  revoke(marker: Revoked): void;
}

const ACCESS_TOPIC = 'access';

export class AccessWatch {
  private readonly watchers = new Map<string, Map<Revocable, () => Promise<boolean>>>();
  private unsubscribe: Promise<() => Promise<void>>;

  constructor(private readonly pubsub: PubSub) {
    this.unsubscribe = pubsub.subscribe(ACCESS_TOPIC, (msg: { userId: string }) => {
      for (const [stream, stillAllowed] of this.watchers.get(msg.userId) ?? []) this.recheck(stream, stillAllowed);
    });
  }

  /** Tell every process that this user's access changed. */
  async changed(userId: string): Promise<void> {
    await this.pubsub.publish(ACCESS_TOPIC, { userId });
  }

  /** When this user's access changes, `stillAllowed` is asked; if it says no (or fails), the stream is revoked. */
  watch(userId: string, stream: Revocable, stillAllowed: () => Promise<boolean>): void {
    let streams = this.watchers.get(userId);
    if (!streams) this.watchers.set(userId, (streams = new Map()));
    streams.set(stream, stillAllowed);
  }

  unwatch(userId: string, stream: Revocable): void {
    const streams = this.watchers.get(userId);
    if (streams?.delete(stream) && streams.size === 0) this.watchers.delete(userId);
  }

  private recheck(stream: Revocable, stillAllowed: () => Promise<boolean>): void {
    stillAllowed()
      .catch(() => false)
      .then((ok) => {
        if (!ok) stream.revoke({ [REVOKED]: true, reason: 'Your access to this stream has been withdrawn.' });
      });
  }

  async close(): Promise<void> {
    this.watchers.clear();
    await (await this.unsubscribe)();
  }
}
