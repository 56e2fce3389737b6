import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app';

/**
 * The API explorer (issue 18, point 5) as the server hands it out: GraphiQL at /graphiql from the
 * client's own build, every file it names from this origin (no CDN), under a content security
 * policy that keeps scripts and connections to this origin and allows inline styles and data:
 * fonts on /graphiql only; the app's pages keep their stricter policy and load nothing of
 * GraphiQL. That GraphiQL works under it in a browser is test/e2e/graphiql.test.ts.
 */
const CLIENT_DIST = join(__dirname, '..', '..', 'client', 'dist');

/** The directives of a Content-Security-Policy header. */
const directives = (csp: string | null): Record<string, string[]> =>
  Object.fromEntries((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));

/** Every src= and href= of an HTML page. */
const references = (html: string): string[] => [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]);

let t: TestApp;
beforeAll(async () => {
  if (!existsSync(join(CLIENT_DIST, 'graphiql', 'index.html'))) {
    throw new Error('client/dist/graphiql/index.html is missing: run `npm run build -w client` (npm test builds it first).');
  }
  t = await startTestApp({ clientDir: CLIENT_DIST });
});
afterAll(() => t?.close());

describe('GET /graphiql', () => {
  it('should answer the explorer page, whose scripts and styles all come from this origin', async () => {
    const res = await fetch(`${t.url}/graphiql`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain('<div id="root">');
    // no other host anywhere in the page: not in a src or href, not in any URL
    expect(html).not.toMatch(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    const refs = references(html);
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^\/graphiql\/assets\/[^/]+$/);
    // no inline script: the policy's script-src 'self' would refuse it
    expect(html).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>/);
    // and each file it names is there, hashed and kept for good, under the same policy
    for (const ref of refs) {
      const file = await fetch(`${t.url}${ref}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(directives(file.headers.get('content-security-policy'))['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      await file.arrayBuffer();
    }
  });

  it('should send the explorer’s policy: scripts, workers and connections of this origin only, no framing', async () => {
    const res = await fetch(`${t.url}/graphiql`);
    await res.text();
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['script-src-attr']).toEqual(["'none'"]);
    expect(csp['worker-src']).toEqual(["'self'"]);
    const host = new URL(t.url).host;
    expect(csp['connect-src']).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    // the two exceptions GraphiQL needs (common/security-headers.ts says why)
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp['font-src']).toEqual(["'self'", 'data:']);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('should keep the exceptions off the app’s pages and the API', async () => {
    for (const [path, method] of [['/', 'GET'], ['/periods', 'GET'], ['/graphql', 'POST']] as const) {
      const res = await fetch(`${t.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{"query":"{ me { id } }"}' : undefined });
      await res.text();
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp['style-src']).toEqual(["'self'"]);
      expect(csp['font-src']).toEqual(["'self'"]);
    }
  });

  it('should leave the app’s bundle without any of the explorer', async () => {
    const app = readFileSync(join(CLIENT_DIST, 'index.html'), 'utf8');
    const refs = references(app);
    expect(refs.some((r) => r.startsWith('/assets/'))).toBe(true);
    expect(refs.filter((r) => r.includes('graphiql'))).toEqual([]);
    // the app's own files name neither GraphiQL nor Monaco
    for (const ref of refs.filter((r) => r.endsWith('.js'))) {
      const js = readFileSync(join(CLIENT_DIST, ref), 'utf8');
      expect(js).not.toMatch(/graphiql|monaco/i);
    }
  });
});
