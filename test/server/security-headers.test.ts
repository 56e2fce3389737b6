/**
 * HTTP security headers (issue 12, point 11) on the web client and on the API: no framing, a
 * content security policy without inline scripts or styles, no referrer, nosniff. That the client
 * satisfies the policy is shown in Chromium by test/e2e/csp.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app';

/** The directives of a Content-Security-Policy header. */
const directives = (csp: string | null): Record<string, string[]> =>
  Object.fromEntries((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'chamdiem-client-'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Chấm điểm</title><div id="root"></div>');
    t = await startTestApp({ clientDir });
  });
  afterAll(() => t?.close());

  it.each([
    ['the web client', '/', 'GET'],
    ['a client route', '/periods/123', 'GET'],
    ['the API', '/graphql', 'POST'],
    ['an error answer', '/no/such/thing', 'POST'],
  ])('should be set on %s', async (_what, path, method) => {
    const res = await fetch(`${t.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{"query":"{ me { id } }"}' : undefined });
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    // the same origin's socket, whatever name the browser used for the server
    const host = new URL(t.url).host;
    expect(csp['connect-src']).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('should not name a forged Host header in the policy', async () => {
    const header = await new Promise<string>((resolve, reject) => {
      const u = new URL(t.url);
      const req = request({ host: u.hostname, port: u.port, path: '/', headers: { host: "evil.example; script-src 'unsafe-inline'" } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      });
      req.on('error', reject);
      req.end();
    });
    expect(header).not.toContain('evil');
    expect(directives(header)['script-src']).toEqual(["'self'"]);
  });
});
