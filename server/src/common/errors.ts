import { ConnectionException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';

/** The error codes of the API contract (DESIGN.md, "The API"). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'PHASE_CLOSED'
  /** too many failed sign-ins; extensions.retryAfterSeconds */
  | 'RATE_LIMITED'
  /** the database cannot be reached (or timed out); nothing was changed, try again shortly */
  | 'UNAVAILABLE';

/**
 * The codes a problem of BAD_USER_INPUT carries (`extensions.problems[].code`, with `params`), so
 * that a client words it in the person's language; `message` stays the English wording. Every
 * code here has a Vietnamese and an English wording in the client (a test checks it). Add a code
 * here when a new kind of problem appears; a problem given without one is `INVALID`.
 */
export const PROBLEM_CODES = [
  /** the fallback: `message` says what is wrong */
  'INVALID',
  /** { field } */
  'REQUIRED',
  /** { field } */
  'NOT_A_NUMBER',
  /** { field } */
  'NOT_BOOLEAN',
  /** { field } */
  'NEGATIVE',
  /** { field, min, max } */
  'OUT_OF_RANGE',
  /** { field, places } */
  'TOO_MANY_DECIMALS',
  /** { field, step } */
  'NOT_ON_STEP',
  /** { field, max } */
  'TOO_LONG',
  /** { field, value, allowed } */
  'NOT_ONE_OF',
  /** { field, value }: a unique value already in use */
  'TAKEN',
  /** { field, value, first }: the same value twice in one input */
  'DUPLICATE',
  /** { field, value }: names something that does not exist */
  'UNKNOWN_REFERENCE',
  /** { field }: U+0000 or a bidirectional control */
  'UNSAFE_TEXT',
  /** { field, method } */
  'FIELD_REQUIRED_BY_METHOD',
  /** { field, method } */
  'FIELD_NOT_USED_BY_METHOD',
  /** {} */
  'NOT_APPLICABLE_NOT_ALLOWED',
  /** { field } */
  'NOT_APPLICABLE_FIELD_GIVEN',
  /** { tier, tiers } */
  'UNKNOWN_TIER',
  /** {} */
  'DENOMINATOR_ZERO',
  /** { numerator, denominator }: a rate above 100 % where the criterion does not allow it */
  'RATIO_ABOVE_FULL',
  /** { method } */
  'UNKNOWN_METHOD',
  /** { value }: not an e-mail address */
  'INVALID_EMAIL',
  /** { min }: a password shorter than the policy */
  'PASSWORD_TOO_SHORT',
  /** {} */
  'PASSWORD_COMMON',
  /** { unit }: a unit that would become its own ancestor */
  'UNIT_CYCLE',
  /** { role }: this role belongs to a unit (LEADER, STAFF) or to none */
  'ROLE_UNIT_MISMATCH',
  /** { phase }: this can only change before the period opens */
  'PERIOD_ALREADY_OPEN',
  /** { unit, kind, expected }: a unit of another kind than the framework's */
  'UNIT_KIND_MISMATCH',
  /** { field }: a date that is not a date, or deadlines out of order */
  'INVALID_DATE',
  /** {}: the spreadsheet holds no data rows */
  'EMPTY_SHEET',
  /** { column }: a column the sheet does not know */
  'UNKNOWN_COLUMN',
  /** { column }: a required column that is missing */
  'MISSING_COLUMN',
  /** {}: the file is not a readable spreadsheet */
  'UNREADABLE_FILE',
  /** { max }: more rows than an import takes */
  'TOO_MANY_ROWS',
  /** { value }: a unit code is 1–40 letters, digits, ".", "_" or "-" */
  'INVALID_UNIT_CODE',
  /** { unit }: the kind of a unit that takes part in a period cannot change */
  'UNIT_KIND_LOCKED',
  /** {}: an ADMIN cannot change their own role or disable themselves */
  'OWN_ACCOUNT',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type ProblemParams = Record<string, string | number | boolean | null>;

/** One problem with a piece of input; `path` names where (a criterion code, a field, a row). */
export interface Problem {
  path: string;
  /** English wording, for logs and integrators */
  message: string;
  /** what the client words in the person's language; `INVALID` when not given */
  code?: ProblemCode;
  params?: ProblemParams;
}

/** A problem with its code and parameters. */
export const problemOf = (path: string, code: ProblemCode, message: string, params: ProblemParams = {}): Problem => ({
  path,
  message,
  code,
  params,
});

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
export function badInput(problems: Problem[] | string, extensions: Record<string, unknown> = {}): AppError {
  const list = (typeof problems === 'string' ? [{ path: '', message: problems }] : problems).map(
    (p): Required<Problem> => ({ path: p.path, message: p.message, code: p.code ?? 'INVALID', params: p.params ?? {} }),
  );
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
