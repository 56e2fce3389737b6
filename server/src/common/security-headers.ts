import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';

/** A Host header fit to name in a policy (a name or address with a port); anything else names nothing. */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The same origin's socket (graphql-ws on /graphql): 'self' covers ws: and wss: in current
 * browsers, the explicit origin covers the others.
 */
function sameOriginSockets(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return HOST.test(host) ? `ws://${host} wss://${host}` : '';
}

/** The policy's directives for the web client and the API (and, with its exceptions, the explorer). */
const directives = () => ({
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'", (req: IncomingMessage) => sameOriginSockets(req)],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
});

/**
 * HTTP security headers on every answer (helmet): a Content-Security-Policy that the built web
 * client satisfies (Vite emits no inline script or style; React sets styles through the CSSOM,
 * which style-src does not govern), no framing anywhere (frame-ancestors 'none' and
 * X-Frame-Options DENY), no referrer, nosniff, a same-origin opener and resource policy.
 * test/server/security-headers.test.ts checks the headers, test/e2e/csp.test.ts that Chromium
 * reports no violation on the main pages of every role.
 */
export const securityHeaders = () =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: directives() },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // served over plain HTTP on a LAN as often as behind TLS: HSTS is the TLS terminator's call
    strictTransportSecurity: false,
  });

/**
 * The policy of the API explorer (/graphiql and its files under /graphiql/), replacing the one
 * above there and only there. Scripts stay 'self' (GraphiQL, Monaco and Monaco's workers are
 * bundled files of this origin); two things are let through that GraphiQL needs:
 * - style-src 'unsafe-inline': Monaco, GraphiQL's editor, writes its themes, token colours and
 *   decorations into <style> elements it creates at run time, and sets style attributes; refused,
 *   the editors lose their layout and colours. Styles cannot run code.
 * - font-src data:: GraphiQL's stylesheet embeds its fonts and Monaco's icon font as data: URIs.
 * worker-src is named 'self' (Monaco's language workers are files under /graphiql/assets/), which
 * is what it falls back to anyway. Everything else — no framing, connections only to this
 * origin and its socket — is the same as everywhere. test/e2e/graphiql.test.ts checks that
 * Chromium reports no violation with it.
 */
export const explorerSecurityHeaders = () =>
  helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { ...directives(), styleSrc: ["'self'", "'unsafe-inline'"], fontSrc: ["'self'", 'data:'], workerSrc: ["'self'"] },
  });
