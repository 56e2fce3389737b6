/**
 * Where the web client keeps its sign-in token in this browser (localStorage, so that a reload
 * keeps the session). Read by the session (session.tsx) and by the API explorer at /graphiql
 * (src/explorer), which uses the same sign-in without loading the app.
 */
export const TOKEN_KEY = 'chamdiem.token';
export const EXPIRES_KEY = 'chamdiem.expiresAt';

/** The stored token and its end; both null when nobody is signed in or the token has expired. */
export function stored(): { token: string | null; expiresAt: string | null } {
  try {
    const token = localStorage.getItem(TOKEN_KEY);
    const expiresAt = localStorage.getItem(EXPIRES_KEY);
    if (token && expiresAt && Date.parse(expiresAt) <= Date.now()) return { token: null, expiresAt: null };
    return { token, expiresAt };
  } catch {
    return { token: null, expiresAt: null };
  }
}
