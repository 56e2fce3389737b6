import { ConnectionException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import type { ErrorCode, ProblemCode, ProblemParams } from './problem-codes';

export { ERROR_CODES, PROBLEM_CODES, type ErrorCode, type ProblemCode, type ProblemParams } from './problem-codes';

/** One problem with a piece of input; `path` names where (a criterion code, a field, a row). */
export interface Problem {
  path: string;
  /** English wording, for logs and integrators */
  message: string;
  /** what the client words in the person's language (every problem has one; `INVALID` says only `message`) */
  code: ProblemCode;
  params?: ProblemParams;
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/** `httpStatus` is for errors raised before execution (a bad token), where the whole request fails. */
export const unauthenticated = (message = 'Sign in first.', httpStatus?: number) =>
  new AppError('UNAUTHENTICATED', message, httpStatus ? { http: { status: httpStatus } } : {});
export const forbidden = (message = 'You may not do this.') => new AppError('FORBIDDEN', message);
export const notFound = (what: string, id?: unknown) =>
  new AppError('NOT_FOUND', id === undefined ? `${what} not found.` : `${what} ${String(id)} not found.`);
export const phaseClosed = (message: string, extensions: Record<string, unknown> = {}) =>
  new AppError('PHASE_CLOSED', message, extensions);
export const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  new AppError('CONFLICT', message, extensions);

export const UNAVAILABLE_MESSAGE = 'The database is unreachable; try again shortly.';
/** `httpStatus` 503 where the whole request fails (the caller could not even be looked up). */
export const unavailable = (httpStatus?: number) =>
  new AppError('UNAVAILABLE', UNAVAILABLE_MESSAGE, httpStatus ? { http: { status: httpStatus } } : {});

/** Network errors of a socket to the database (node's codes). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs that mean "not now" rather than "wrong": class 08 (connection exception),
 * too many connections, shutting down or starting up, and a statement cancelled by statement_timeout.
 */
const PG_UNAVAILABLE = /^(08...|53300|57P0[123]|57014)$/;
/** What knex and node-postgres throw without a code when a connection fails or times out. */
const CONNECTION_MESSAGES =
  /^(Knex: Timeout acquiring a connection|Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|timeout expired$|timeout exceeded when trying to connect|Query read timeout)/;

/**
 * Whether an error (or the error it wraps) says the database is unreachable: MikroORM's
 * ConnectionException, knex's pool timeout, node-postgres connection failures and timeouts.
 * Such an error reaches the client as UNAVAILABLE; every other unexpected error stays masked.
 */
export function isUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    if (e instanceof ConnectionException) return true;
    const { name, code, message } = e as { name?: unknown; code?: unknown; message?: unknown };
    if (name === 'KnexTimeoutError') return true;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_UNAVAILABLE.test(code))) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    const next = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
    if (next === e) break;
    e = next;
  }
  return false;
}

/** BAD_USER_INPUT listing every problem, not just the first. */
export function badInput(problems: Problem[], extensions: Record<string, unknown> = {}): AppError {
  const list = problems.map((p): Required<Problem> => ({ path: p.path, message: p.message, code: p.code, params: p.params ?? {} }));
  const message =
    list.length === 1
      ? (list[0].path ? `${list[0].path}: ` : '') + list[0].message
      : `${list.length} problems: ` + list.map((p) => (p.path ? `${p.path}: ` : '') + p.message).join('; ');
  return new AppError('BAD_USER_INPUT', message, { ...extensions, problems: list });
}

/** Thrown by pure code (scoring, import validation) that knows nothing of GraphQL. */
export class InputProblems extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => (p.path ? `${p.path}: ` : '') + p.message).join('; '));
  }
}
