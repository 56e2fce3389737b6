import type { Revoked } from './guard';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * One local subscriber of a topic: the batches pushed to it, in order, as an async iterator.
 * `revoke` drops what is queued, yields the marker and ends (a stream whose access was withdrawn
 * gets nothing more). Its methods live on the prototype: thousands of idle subscribers hold a
 * queue and a few fields each, not a set of closures.
 */
export class Subscriber<E> implements AsyncIterableIterator<E | Revoked> {
  /**
   * What each item becomes as it is taken (the socket executes it): set by the consumer instead
   * of wrapping the iterator in another one, which would cost each delivery two more promises.
   */
  map: ((item: E | Revoked) => Promise<unknown>) | null = null;
  private queue: (E | Revoked)[] = [];
  private wake: (() => void) | null = null;
  /** takes nothing more; iteration ends once the queue is drained */
  private closed = false;
  private finished: Promise<void> | null = null;

  constructor(private readonly leave: (s: Subscriber<E>) => Promise<void>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  push(item: E): void {
    if (this.closed) return;
    this.queue.push(item);
    this.rouse();
  }

  revoke(marker: Revoked): void {
    if (this.closed) return;
    this.queue = [marker];
    this.closed = true;
    this.rouse();
    void this.finish();
  }

  async next(): Promise<IteratorResult<E | Revoked>> {
    while (this.queue.length === 0) {
      if (this.closed) {
        await this.finish();
        return DONE;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    const item = this.queue.shift()!;
    if (!this.map) return { value: item, done: false };
    try {
      return { value: (await this.map(item)) as E | Revoked, done: false };
    } catch (err) {
      // graphql-ws ends the operation on a failed next() without calling return(): leave here
      await this.return();
      throw err;
    }
  }

  async return(): Promise<IteratorResult<E | Revoked>> {
    this.closed = true;
    this.queue = [];
    this.rouse();
    await this.finish();
    return DONE;
  }

  async throw(err?: unknown): Promise<IteratorResult<E | Revoked>> {
    await this.return();
    throw err;
  }

  private rouse(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private finish(): Promise<void> {
    return (this.finished ??= this.leave(this));
  }
}
