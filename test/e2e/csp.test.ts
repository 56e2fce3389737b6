import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildWorld, PASSWORD, type World } from '../helpers/world';
import { assertPrerequisites, CLIENT_DIST, launch, newContext, openAs, signIn } from './browser';

/**
 * The web client satisfies its own Content-Security-Policy (issue 12, point 11): Chromium walks
 * the main pages of every role — sign-in, the live workspace and its socket, the leader's tree,
 * periods, frameworks, people, appraisal, results — and reports no CSP violation, while the same
 * recorder does catch one that a page provokes.
 */
jest.setTimeout(60_000);

let t: TestApp;
let w: World;
let browser: Browser;
const contexts: BrowserContext[] = [];

interface Violation {
  directive: string;
  blocked: string;
  page: string;
}

/** A page that records every CSP violation (the DOM event, and Chromium's console report) and every socket it opens. */
async function recordingPage(): Promise<{ page: Page; violations: Violation[]; sockets: string[] }> {
  const context = await newContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  const violations: Violation[] = [];
  const sockets: string[] = [];
  await page.exposeFunction('__cspViolation', (v: Violation) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(v: unknown): void }).__cspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, page: location.pathname });
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push({ directive: 'console', blocked: m.text(), page: new URL(page.url()).pathname });
  });
  page.on('websocket', (ws) => sockets.push(ws.url()));
  return { page, violations, sockets };
}

/** Opens a page and lets it settle: its data shown, its requests done. */
const signedIn = new WeakSet<Page>();
async function visit(page: Page, path: string, token: string): Promise<void> {
  if (signedIn.has(page) || page.url() !== 'about:blank') await page.goto(`${t.url}${path}`);
  else await openAs(page, t.url, token, path);
  signedIn.add(page);
  await page.getByTestId('who').waitFor();
  await page.waitForLoadState('networkidle');
}

beforeAll(async () => {
  assertPrerequisites();
  t = await startTestApp({ clientDir: CLIENT_DIST });
  w = await buildWorld(t);
  browser = await launch();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
});

describe('the web client under its content security policy', () => {
  it('should sign in and walk a staff member’s pages, live socket included, with no violation', async () => {
    const { page, violations, sockets } = await recordingPage();
    await page.goto(t.url);
    await signIn(page, t.url, 'staff.a@test', PASSWORD);
    await page.waitForLoadState('networkidle');
    await visit(page, `/assessments/${w.assessmentA}`, w.tokens.staffA);
    await page.locator('text=1.1 >> visible=true').first().waitFor();
    expect(sockets.some((u) => u.startsWith(t.url.replace(/^http/, 'ws')))).toBe(true);
    await visit(page, '/periods', w.tokens.staffA);
    expect(violations).toEqual([]);
  });

  it.each([
    ['a LEADER', 'leaderA', (x: World) => ['/my', `/assessments/${x.assessmentA}/overview`, `/assessments/${x.assessmentA}`, '/periods']],
    ['an ADMIN', 'admin', (x: World) => ['/periods', `/periods/${x.periodId}`, '/frameworks', `/frameworks/${x.frameworkId}`, '/admin/people', `/periods/${x.periodId}/results`]],
    ['an APPRAISER', 'appraiser', (x: World) => ['/periods', `/appraisal/${x.assessmentA}`, `/periods/${x.periodId}/results`]],
    ['a VIEWER', 'viewer', (x: World) => ['/periods', `/periods/${x.periodId}`, `/appraisal/${x.assessmentB}`]],
  ] as const)('should walk the main pages of %s with no violation', async (_who, role, paths) => {
    const { page, violations } = await recordingPage();
    const token = w.tokens[role];
    for (const path of paths(w)) await visit(page, path, token);
    expect(violations).toEqual([]);
  });

  it('should report a violation that a page provokes (the recorder works)', async () => {
    const { page, violations } = await recordingPage();
    await visit(page, '/periods', w.tokens.viewer);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.appendChild(s);
    });
    for (let i = 0; i < 100 && violations.length === 0; i++) await page.waitForTimeout(20); // the report is asynchronous
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.some((v) => /script-src/.test(`${v.directive} ${v.blocked}`))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
  });
});
