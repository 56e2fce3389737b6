import { Reference, wrap } from '@mikro-orm/core';

/** Loads a ManyToOne that may be only a reference; batched by MikroORM's dataloader. */
export async function load<T extends object>(entity: T | null | undefined): Promise<T | null> {
  if (!entity) return null;
  if (wrap(entity).isInitialized()) return entity;
  return ((await Reference.create(entity).load({ dataloader: true })) as T | undefined) ?? null;
}
