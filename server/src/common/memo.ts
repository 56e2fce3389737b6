/**
 * A value kept on an object of one request or one live event (a context, an EntityManager, a
 * hub's batch, an execution's result), made on first use: access checks, references, the
 * executions of an event and its message serialized once.
 *
 * Not in a module-level WeakMap keyed by that object: V8's young-generation collector keeps a
 * WeakMap's value alive while the map lives, and these values refer back to their key (an
 * access check holds its context, a loader its EntityManager), so the request's whole graph
 * outlived its scavenges and waited in the old generation for a major collection
 * (docs/benchmarks.md, "The stalls at 300/s"). A property of the object itself dies with it.
 */
export function memoOn<V>(owner: object, slot: symbol, make: () => V): V {
  const held = owner as Record<symbol, V | undefined>;
  let value = held[slot];
  if (value === undefined) {
    value = make();
    Object.defineProperty(owner, slot, { value, writable: true, configurable: true, enumerable: false });
  }
  return value;
}

/** The value `memoOn` keeps on `owner` under `slot`, if any. */
export function heldOn<V>(owner: object, slot: symbol): V | undefined {
  return (owner as Record<symbol, V | undefined>)[slot];
}
