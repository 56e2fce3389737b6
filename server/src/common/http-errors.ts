import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger';

/**
 * Answers that never reach GraphQL (a body that is not JSON or is too large, a path that serves
 * nothing, an unexpected failure of a route) are JSON with a code, in every mode, shaped like a
 * GraphQL error: never Express's HTML page with a stack trace and the server's paths.
 *
 * | status | code | when |
 * | 400 | BAD_REQUEST | the body is not well-formed JSON, or was cut off |
 * | 413 | PAYLOAD_TOO_LARGE | the body is over LIMIT_PAYLOAD_BYTES |
 * | 415 | UNSUPPORTED_MEDIA_TYPE | a body encoding or charset the server does not read |
 * | 404 | NOT_FOUND | nothing is served at that path |
 * | 500 | INTERNAL_SERVER_ERROR | anything else (logged with its stack) |
 */
export const httpError = (res: Response, status: number, code: string, message: string): void => {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

/** body-parser's error types (err.type) and what they answer. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'BAD_REQUEST', 'The request body is not well-formed JSON.'],
  'entity.verify.failed': [400, 'BAD_REQUEST', 'The request body was refused.'],
  'request.aborted': [400, 'BAD_REQUEST', 'The request body was cut off.'],
  'request.size.invalid': [400, 'BAD_REQUEST', 'The request body does not match its Content-Length.'],
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than the server accepts.'],
  'encoding.unsupported': [415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body’s encoding is not supported.'],
  'charset.unsupported': [415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body’s charset is not supported; send UTF-8.'],
};

/** The last error handler of the app. */
export function jsonErrors(log: Logger) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const type = (err as { type?: unknown })?.type;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (known) return httpError(res, ...known);
    const status = (err as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) return httpError(res, status, 'BAD_REQUEST', 'The request is not well-formed.');
    log.error({ err }, 'unexpected error');
    httpError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}

/** After every route: nothing here. */
export const notFoundJson = (_req: Request, res: Response): void => httpError(res, 404, 'NOT_FOUND', 'Nothing is served at this path.');
