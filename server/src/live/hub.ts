import type { PubSub } from '../common/pubsub';

/**
 * Per-process fan-out of live topics. Each topic has at most one upstream subscription per
 * process, however many local subscribers it has; events that arrive within `windowMs` are
 * merged (in order) into one batch, and the same batch object goes to every local subscriber,
 * so that building and executing it is done once (DESIGN.md "How live collaboration works").
 */
export interface Coalescer<E> {
  /** merges b (later) into a (earlier) */
  merge(a: E, b: E): E;
  /** events with a sequence range are sorted by it; only contiguous ranges are merged */
  seqRange?(e: E): [from: number, to: number];
}

interface Listener<E> {
  push(batch: E): void;
}

interface TopicState<E> {
  listeners: Set<Listener<E>>;
  unsubscribe: Promise<() => Promise<void>>;
  pending: E[];
  timer: NodeJS.Timeout | null;
}

export class LiveHub {
  private readonly topics = new Map<string, TopicState<any>>();
  private subscriptions = 0;

  constructor(
    private readonly pubsub: PubSub,
    private readonly windowMs: number,
  ) {}

  /** Local subscribers across all topics (sockets that drop bring it back to zero). */
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
   * An async iterator of coalesced batches of `topic`. `ready` resolves once the upstream
   * subscription is in place, so that nothing published after it is missed.
   */
  subscribe<E>(topic: string, coalescer: Coalescer<E>): { iterator: AsyncIterableIterator<E>; ready: Promise<void> } {
    const queue: E[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const listener: Listener<E> = {
      push(batch) {
        queue.push(batch);
        wake?.();
      },
    };
    let state = this.topics.get(topic) as TopicState<E> | undefined;
    if (!state) {
      const s: TopicState<E> = { listeners: new Set(), pending: [], timer: null, unsubscribe: null as never };
      s.unsubscribe = this.pubsub.subscribe(topic, (event: E) => this.receive(topic, s, event, coalescer));
      this.topics.set(topic, s);
      state = s;
    }
    state.listeners.add(listener);
    this.subscriptions++;
    const st = state;

    const finish = async () => {
      if (done) return;
      done = true;
      this.subscriptions--;
      st.listeners.delete(listener);
      wake?.();
      if (st.listeners.size === 0 && this.topics.get(topic) === st) {
        this.topics.delete(topic);
        if (st.timer) clearTimeout(st.timer);
        await (await st.unsubscribe)();
      }
    };

    const iterator: AsyncIterableIterator<E> = {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next(): Promise<IteratorResult<E>> {
        while (!done && queue.length === 0) await new Promise<void>((r) => (wake = r));
        wake = null;
        if (queue.length) return { value: queue.shift()!, done: false };
        return { value: undefined, done: true };
      },
      async return(): Promise<IteratorResult<E>> {
        await finish();
        return { value: undefined, done: true };
      },
      async throw(err?: unknown): Promise<IteratorResult<E>> {
        await finish();
        throw err;
      },
    };
    return { iterator, ready: st.unsubscribe.then(() => undefined) };
  }

  private receive<E>(topic: string, s: TopicState<E>, event: E, coalescer: Coalescer<E>): void {
    s.pending.push(event);
    if (this.windowMs <= 0) return this.flush(s, coalescer);
    if (!s.timer) s.timer = setTimeout(() => this.flush(s, coalescer), this.windowMs);
  }

  private flush<E>(s: TopicState<E>, coalescer: Coalescer<E>): void {
    s.timer = null;
    const events = s.pending.splice(0);
    if (events.length === 0) return;
    const range = coalescer.seqRange;
    if (range) events.sort((a, b) => range(a)[0] - range(b)[0]);
    // merge runs that are contiguous; a gap starts a new batch so the client sees it
    const batches: E[] = [];
    for (const e of events) {
      const last = batches[batches.length - 1];
      if (last !== undefined && (!range || range(e)[0] === range(last)[1] + 1)) {
        batches[batches.length - 1] = coalescer.merge(last, e);
      } else batches.push(e);
    }
    for (const b of batches) for (const l of s.listeners) l.push(b);
  }

  async close(): Promise<void> {
    for (const s of this.topics.values()) if (s.timer) clearTimeout(s.timer);
    this.topics.clear();
  }
}
