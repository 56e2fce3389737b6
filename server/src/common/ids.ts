import { notFound } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (id: string): boolean => UUID.test(id);

/** Ids are UUIDs; anything else cannot name a record (and must not reach the database as one). */
export function assertId(id: unknown, what: string): string {
  if (typeof id !== 'string' || !UUID.test(id)) throw notFound(what, typeof id === 'string' ? id.slice(0, 80) : id);
  return id.toLowerCase();
}
