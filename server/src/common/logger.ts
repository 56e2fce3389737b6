import { createHash } from 'node:crypto';
import { DriverException } from '@mikro-orm/core';
import pino from 'pino';

export type Logger = pino.Logger;

/**
 * The server's logger (pino, JSON lines). Every `err` goes through `safeErr`: a database error
 * is logged by its statement's fingerprint and its error code, never with the SQL text, the
 * values bound to it or the driver's message (which quote what users typed). `destination`: where
 * the lines go (stdout by default; tests read them from a stream).
 */
export const createLogger = (level: string, destination?: pino.DestinationStream): Logger =>
  pino({ level, base: undefined, serializers: { err: safeErr } }, destination);

// "<sql> - <driver message>", as knex words a failed statement (the SQL with its values inlined)
const SQL_START = /^\s*(select|insert|update|delete|with|create|alter|drop|pragma|begin|commit|rollback|savepoint|release|truncate|copy|set)\b/i;

/** What a database error is, without anything a user typed. */
export interface SafeDbError {
  type: string;
  /** driver / SQLSTATE codes */
  code?: string;
  sqlState?: string;
  /** e.g. "insert unit #3f9a0c21d4": the verb, the first table and a hash of the statement with its literals taken out */
  statement?: string;
  stack?: string;
}

/** "insert unit #…": the same for every run of one statement shape, whatever the values. */
export function statementFingerprint(sql: string): string {
  const shape = sql
    .replace(/'(?:[^']|'')*'/g, '?') // string literals
    .replace(/\b\d+(\.\d+)?\b/g, '?') // numbers
    .replace(/\$\d+/g, '?')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  const verb = /^\w+/.exec(shape)?.[0] ?? 'sql';
  const table = /\b(?:into|from|update|table)\s+[`"]?([\w.]+)/.exec(shape)?.[1];
  const hash = createHash('sha256').update(shape.replace(/\(\?(, ?\?)*\)/g, '(?)')).digest('hex').slice(0, 10);
  return [verb, table, `#${hash}`].filter(Boolean).join(' ');
}

function isDbError(e: unknown): e is Error & { code?: unknown; sqlState?: unknown; sql?: unknown } {
  if (e instanceof DriverException) return true;
  if (!(e instanceof Error)) return false;
  return typeof (e as { sql?: unknown }).sql === 'string' || SQL_START.test(e.message) || typeof (e as { severity?: unknown }).severity === 'string';
}

/** pino's error serializer, except for database errors (see createLogger). */
export function safeErr(err: unknown): unknown {
  if (typeof err === 'string') return SQL_START.test(err) ? `a failed statement (${statementFingerprint(err.split(' - ')[0])})` : err;
  if (!isDbError(err)) return pino.stdSerializers.err(err as Error);
  const sql = typeof err.sql === 'string' ? err.sql : SQL_START.test(err.message) ? err.message.split(' - ')[0] : undefined;
  const out: SafeDbError = { type: err.name };
  if (typeof err.code === 'string' || typeof err.code === 'number') out.code = String(err.code);
  if (typeof err.sqlState === 'string') out.sqlState = err.sqlState;
  if (sql) out.statement = statementFingerprint(sql);
  // the stack's first line repeats the message: keep the frames only
  out.stack = (err.stack ?? '')
    .split('\n')
    .filter((l) => l.trim().startsWith('at '))
    .join('\n');
  return out;
}
