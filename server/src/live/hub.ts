import type { PubSub } from '../common/pubsub';
import { Subscriber } from './subscriber';

/**
 * Per-process fan-out of live topics. Each topic has at most one upstream subscription per
 * process, however many local subscribers it has, and the same batch object goes to every local
 * subscriber, so that building and executing it is done once (DESIGN.md "How live collaboration
 * works").
 *
 * Bursts are coalesced by a leading-edge throttle: an event that comes while the topic is quiet
 * goes out at once and opens a window of `windowMs`; the events that come during the window are
 * merged (in seq order) into one batch at its end, which opens the next window. An isolated
 * change therefore waits for nothing, and a burst gives one update per window.
 * An event whose seq does not follow the last one sent waits for the window as well, so that an
 * event published a moment before the one it follows is put back in order.
 */
export interface Coalescer<E> {
  /** merges b (later) into a (earlier) */
  merge(a: E, b: E): E;
  /** events with a sequence range are sorted by it; only contiguous ranges are merged */
  seqRange?(e: E): [from: number, to: number];
}

interface Topic<E> {
  subscribers: Set<Subscriber<E>>;
  unsubscribe: Promise<() => Promise<void>>;
  coalescer: Coalescer<E>;
  pending: E[];
  /** the open window, if any */
  timer: NodeJS.Timeout | null;
  /** the last seq sent (for coalescers with seqRange), -1 before the first */
  lastSeq: number;
}

export class LiveHub {
  private readonly topics = new Map<string, Topic<any>>();
  private subscriptions = 0;

  constructor(
    private readonly pubsub: PubSub,
    private readonly windowMs: number,
  ) {}

  /**
   * Local subscribers across all topics whose upstream subscription is in place (sockets that
   * drop bring it back to zero).
   */
  get liveSubscriptionCount(): number {
    return this.subscriptions;
  }

  get topicCount(): number {
    return this.topics.size;
  }

  publish(topic: string, event: object): Promise<void> {
    return this.pubsub.publish(topic, event);
  }

  /**
   * A subscriber (an async iterator) of the coalesced batches of `topic`. `ready` resolves once
   * the upstream subscription is in place, so that nothing published after it is missed;
   * `onEnd` runs once when the subscriber ends, however it ends.
   */
  subscribe<E>(topic: string, coalescer: Coalescer<E>, onEnd?: () => void | Promise<void>): { iterator: Subscriber<E>; ready: Promise<void> } {
    let t = this.topics.get(topic) as Topic<E> | undefined;
    if (!t) {
      const fresh: Topic<E> = { subscribers: new Set(), pending: [], timer: null, lastSeq: -1, coalescer, unsubscribe: null as never };
      fresh.unsubscribe = this.pubsub.subscribe(topic, (event: E) => this.receive(fresh, event));
      this.topics.set(topic, fresh);
      t = fresh;
    }
    const topicState = t;
    // counted once its upstream subscription is in place (Redis acknowledged it), so that a
    // count a caller can see means nothing published from then on is missed
    let counted = false;
    let ended = false;
    const iterator = new Subscriber<E>(async (s) => {
      ended = true;
      if (counted) this.subscriptions--;
      counted = false;
      topicState.subscribers.delete(s);
      if (topicState.subscribers.size === 0 && this.topics.get(topic) === topicState) {
        this.topics.delete(topic);
        if (topicState.timer) clearTimeout(topicState.timer);
        await (await topicState.unsubscribe)();
      }
      await onEnd?.();
    });
    topicState.subscribers.add(iterator);
    const ready = topicState.unsubscribe.then(() => {
      if (ended) return;
      counted = true;
      this.subscriptions++;
    });
    return { iterator, ready };
  }

  private receive<E>(t: Topic<E>, event: E): void {
    const range = t.coalescer.seqRange;
    const inOrder = !range || t.lastSeq < 0 || range(event)[0] === t.lastSeq + 1;
    if (this.windowMs <= 0 || (!t.timer && inOrder)) {
      this.send(t, [event]);
      if (this.windowMs > 0) this.openWindow(t);
      return;
    }
    t.pending.push(event);
    if (!t.timer) this.openWindow(t);
  }

  private openWindow<E>(t: Topic<E>): void {
    t.timer = setTimeout(() => {
      t.timer = null;
      if (t.pending.length === 0) return;
      this.send(t, t.pending.splice(0));
      this.openWindow(t);
    }, this.windowMs);
  }

  private send<E>(t: Topic<E>, events: E[]): void {
    const range = t.coalescer.seqRange;
    if (range && events.length > 1) events.sort((a, b) => range(a)[0] - range(b)[0]);
    // merge runs that are contiguous; a gap starts a new batch so the client sees it
    const batches: E[] = [];
    for (const e of events) {
      const last = batches[batches.length - 1];
      if (last !== undefined && (!range || range(e)[0] === range(last)[1] + 1)) batches[batches.length - 1] = t.coalescer.merge(last, e);
      else batches.push(e);
    }
    for (const b of batches) {
      if (range) t.lastSeq = Math.max(t.lastSeq, range(b)[1]);
      for (const s of t.subscribers) s.push(b);
    }
  }

  async close(): Promise<void> {
    for (const t of this.topics.values()) if (t.timer) clearTimeout(t.timer);
    this.topics.clear();
  }
}
