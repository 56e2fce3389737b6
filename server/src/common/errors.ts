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
  | 'RATE_LIMITED';

/** One problem with a piece of input; `path` names where (a criterion code, a field, a row). */
export interface Problem {
  path: string;
  message: string;
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

/** BAD_USER_INPUT listing every problem, not just the first. */
export function badInput(problems: Problem[] | string, extensions: Record<string, unknown> = {}): AppError {
  const list = typeof problems === 'string' ? [{ path: '', message: problems }] : problems;
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
