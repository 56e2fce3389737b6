import { MemoryPubSub } from '../../server/src/common/pubsub';
import { isRevoked, REVOKED } from '../../server/src/live/guard';
import { LiveHub, type Coalescer } from '../../server/src/live/hub';

/** The hub's coalescing on its own: an in-process bus, events with a seq range, real timers. */
interface Ev {
  fromSeq: number;
  seq: number;
  codes: string[];
}
const coalescer: Coalescer<Ev> = {
  seqRange: (e) => [e.fromSeq, e.seq],
  merge: (a, b) => ({ fromSeq: a.fromSeq, seq: b.seq, codes: [...new Set([...a.codes, ...b.codes])] }),
};
const ev = (seq: number, code = `c${seq}`): Ev => ({ fromSeq: seq, seq, codes: [code] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live hub coalescing', () => {
  const WINDOW = 300;
  let hub: LiveHub;
  beforeEach(() => {
    hub = new LiveHub(new MemoryPubSub(), WINDOW);
  });
  afterEach(() => hub.close());

  /** subscribes and collects every batch with the time it came, relative to `t0` */
  async function listen(topic = 't') {
    const { iterator, ready } = hub.subscribe<Ev>(topic, coalescer);
    await ready;
    const got: { e: Ev; at: number }[] = [];
    const t0 = Date.now();
    void (async () => {
      for await (const e of iterator) got.push({ e: e as Ev, at: Date.now() - t0 });
    })();
    return { got, iterator, t0 };
  }

  it('should deliver an isolated change at once, without waiting for the window', async () => {
    const { got, iterator } = await listen();
    await hub.publish('t', ev(1));
    await sleep(20);
    expect(got.map((g) => g.e)).toEqual([ev(1)]);
    expect(got[0].at).toBeLessThan(WINDOW / 3);
    // and again once the topic has been quiet for a window
    await sleep(WINDOW + 50);
    await hub.publish('t', ev(2));
    await sleep(20);
    expect(got.map((g) => g.e.seq)).toEqual([1, 2]);
    await iterator.return();
  });

  it('should send the first change of a burst at once and the rest as one event covering every seq at the end of the window', async () => {
    const { got, iterator } = await listen();
    for (let s = 1; s <= 6; s++) await hub.publish('t', ev(s, s % 2 ? 'a' : 'b'));
    await sleep(20);
    expect(got.map((g) => g.e)).toEqual([ev(1, 'a')]);
    await sleep(WINDOW);
    expect(got.map((g) => g.e)).toEqual([ev(1, 'a'), { fromSeq: 2, seq: 6, codes: ['b', 'a'] }]);
    expect(got[1].at).toBeGreaterThanOrEqual(WINDOW - 20);
    // a burst that goes on gives one event per window, never one per change
    for (let s = 7; s <= 9; s++) await hub.publish('t', ev(s));
    await sleep(20);
    expect(got).toHaveLength(2); // the window opened by the last batch is still open
    await sleep(WINDOW);
    expect(got.map((g) => [g.e.fromSeq, g.e.seq])).toEqual([[1, 1], [2, 6], [7, 9]]);
    await iterator.return();
  });

  it('should put an event published before the one it follows back in order', async () => {
    const { got, iterator } = await listen();
    await hub.publish('t', ev(1));
    await sleep(WINDOW + 50); // quiet again
    await hub.publish('t', ev(3)); // 2 is still on its way: 3 waits for the window
    await sleep(20);
    expect(got.map((g) => g.e.seq)).toEqual([1]);
    await hub.publish('t', ev(2));
    await sleep(WINDOW);
    expect(got.map((g) => [g.e.fromSeq, g.e.seq])).toEqual([[1, 1], [2, 3]]);
    // a seq that never comes leaves a gap the client sees (fromSeq ≠ its last seq + 1)
    await sleep(WINDOW + 50);
    await hub.publish('t', ev(5));
    await sleep(WINDOW + 50);
    expect(got.map((g) => [g.e.fromSeq, g.e.seq])).toEqual([[1, 1], [2, 3], [5, 5]]);
    await iterator.return();
  });

  it('should give every subscriber of a topic the same batch object, and each topic its own', async () => {
    const a = await listen('t');
    const b = await listen('t');
    const other = await listen('u');
    await hub.publish('t', ev(1));
    await sleep(20);
    expect(a.got[0].e).toBe(b.got[0].e);
    expect(other.got).toHaveLength(0);
    expect(hub.topicCount).toBe(2);
    await Promise.all([a.iterator.return(), b.iterator.return(), other.iterator.return()]);
    expect(hub.liveSubscriptionCount).toBe(0);
    expect(hub.topicCount).toBe(0);
  });

  it('should end a revoked subscriber with the marker only, dropping what was queued', async () => {
    const { iterator, ready } = hub.subscribe<Ev>('t', coalescer);
    let ended = false;
    const ends = hub.subscribe<Ev>('t', coalescer, () => void (ended = true));
    await Promise.all([ready, ends.ready]);
    await hub.publish('t', ev(1));
    iterator.revoke({ [REVOKED]: true, reason: 'gone' });
    const first = await iterator.next();
    expect(isRevoked(first.value)).toBe(true);
    expect((await iterator.next()).done).toBe(true);
    expect(hub.liveSubscriptionCount).toBe(1);
    await ends.iterator.return();
    expect(ended).toBe(true);
    expect(hub.topicCount).toBe(0);
  });

  it('should leave the topic when executing an event fails (graphql-ws then drops the operation without return())', async () => {
    const { iterator, ready } = hub.subscribe<Ev>('t', coalescer);
    await ready;
    iterator.map = async () => {
      throw new Error('execution failed');
    };
    await hub.publish('t', ev(1));
    await expect(iterator.next()).rejects.toThrow('execution failed');
    expect(hub.liveSubscriptionCount).toBe(0);
    expect(hub.topicCount).toBe(0);
  });

  it('should deliver every event at once with a window of 0', async () => {
    hub = new LiveHub(new MemoryPubSub(), 0);
    const { got, iterator } = await listen();
    for (let s = 1; s <= 3; s++) await hub.publish('t', ev(s));
    await sleep(10);
    expect(got.map((g) => g.e.seq)).toEqual([1, 2, 3]);
    await iterator.return();
  });
});
