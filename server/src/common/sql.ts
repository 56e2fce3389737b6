import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { Em } from '../orm';

/**
 * Plain rows from one SQL statement, inside the entity manager's transaction when it has one.
 * For the hot paths (a request's caller, a save, a whole tree), where hydrating entities costs
 * more than the query. `?` placeholders work on SQLite and PostgreSQL alike; identifiers are
 * double-quoted (both accept that), and values come back as the driver gives them: SQLite
 * returns booleans as 0/1 and JSON as text (see `bool` and `json`).
 */
export function sqlRows<T>(em: Em, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return em.getConnection().execute(sql, params as unknown[], 'all', em.getTransactionContext());
}

/** The number of rows an UPDATE or DELETE changed. */
export async function sqlRun(em: Em, sql: string, params: readonly unknown[] = []): Promise<number> {
  const res = (await em.getConnection().execute(sql, params as unknown[], 'run', em.getTransactionContext())) as { affectedRows?: number };
  return res.affectedRows ?? 0;
}

/** A boolean column as either driver returns it. */
export const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';

/** A JSON column as either driver returns it (PostgreSQL parses it, SQLite gives the text). */
export function json<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** A time as its column stores it: epoch milliseconds in SQLite (MikroORM's way), timestamptz in PostgreSQL. */
export const sqlTime = (em: Em, d: Date): Date | number => (em.getPlatform() instanceof PostgreSqlPlatform ? d : d.getTime());
