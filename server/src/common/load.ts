import { Reference, wrap } from '@mikro-orm/core';
import { isDetached } from './detached';

/** The loads in flight, by reference: the entries of a list that share one are answered by one load. */
const loading = new WeakMap<object, Promise<unknown>>();

/** Loads a ManyToOne that may be only a reference; batched by MikroORM's dataloader. */
export async function load<T extends object>(entity: T | null | undefined): Promise<T | null> {
  if (!entity) return null;
  // made from a plain row (common/detached.ts): it holds every column already
  if (isDetached(entity) || wrap(entity).isInitialized()) return entity;
  let pending = loading.get(entity) as Promise<T | undefined> | undefined;
  if (!pending) {
    loading.set(entity, (pending = Reference.create(entity).load({ dataloader: true }) as Promise<T | undefined>));
    void pending.finally(() => loading.delete(entity)).catch(() => undefined);
  }
  return (await pending) ?? null;
}
