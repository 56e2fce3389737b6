import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app';

/**
 * The web client as the server hands it out: the hashed bundle is cached for good, while
 * index.html (which names the bundle) is revalidated, so that a new release reaches every
 * browser at its next visit instead of an hour later.
 */
let t: TestApp;
let clientDir: string;

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), 'chamdiem-client-'));
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(join(clientDir, 'assets', 'index-abc123.js'), 'console.log("app")');
  t = await startTestApp({ clientDir });
});

afterAll(async () => {
  await t?.close();
  rmSync(clientDir, { recursive: true, force: true });
});

describe('the web client files', () => {
  it('should let browsers keep the hashed bundle for good', async () => {
    const res = await fetch(`${t.url}/assets/index-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('console.log("app")');
  });

  it('should have index.html revalidated on every visit, at / and at an app route', async () => {
    for (const path of ['/', '/index.html', '/assessments/42?c=7']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('/assets/index-abc123.js');
    }
  });
});
