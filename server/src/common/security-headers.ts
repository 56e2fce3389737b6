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
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", (req) => sameOriginSockets(req)],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // served over plain HTTP on a LAN as often as behind TLS: HSTS is the TLS terminator's call
    strictTransportSecurity: false,
  });
