import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export interface Problem {
  path: string;
  message: string;
  /** what the client words (i18n/problems.ts); absent only from an older server */
  code?: string;
  params?: Record<string, string | number | boolean | null>;
}

/** The extensions.code of the first GraphQL error (or HTTP 401 as UNAUTHENTICATED). */
export function errorCode(error: unknown): string | undefined {
  if (!error) return undefined;
  if (CombinedGraphQLErrors.is(error)) return error.errors[0]?.extensions?.code as string | undefined;
  if (ServerError.is(error)) {
    if (error.statusCode === 401) return 'UNAUTHENTICATED';
    try {
      return JSON.parse(error.bodyText)?.errors?.[0]?.extensions?.code;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The extensions of the first GraphQL error. */
export function errorExtensions(error: unknown): Record<string, unknown> {
  if (CombinedGraphQLErrors.is(error)) return (error.errors[0]?.extensions ?? {}) as Record<string, unknown>;
  if (ServerError.is(error)) {
    try {
      return JSON.parse(error.bodyText)?.errors?.[0]?.extensions ?? {};
    } catch {
      return {};
    }
  }
  return {};
}

/** BAD_USER_INPUT's extensions.problems (every problem at once), or the message alone. */
export function errorProblems(error: unknown): Problem[] {
  const problems = errorExtensions(error).problems;
  if (Array.isArray(problems)) return problems as Problem[];
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => ({ path: '', message: e.message }));
  return [];
}
