import { stored } from '../features/auth/stored-token';

/**
 * The headers one explorer request goes out with: those typed in GraphiQL's headers editor, and
 * when they name no Authorization the web client's sign-in in this browser, read at each request
 * (a sign-in or sign-out in another tab counts at once). The header's name is normalized to
 * `authorization`, which is also the key the socket reads from connectionParams
 * (server/src/live/socket.ts), so that a pasted `Authorization: Bearer cdk_…` works on both.
 */
export function requestHeaders(typed: Record<string, unknown> | undefined, token: string | null = stored().token): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  let authorization: unknown;
  for (const [name, value] of Object.entries(typed ?? {})) {
    if (name.toLowerCase() === 'authorization') authorization = value;
    else headers[name] = value;
  }
  if (authorization === undefined && token) authorization = `Bearer ${token}`;
  if (authorization !== undefined && authorization !== '') headers.authorization = authorization;
  return headers;
}
