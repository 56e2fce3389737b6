import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, save, type World } from '../helpers/world';
import { assertPrerequisites, CLIENT_DIST, go, launch, newContext } from './browser';

/**
 * The API explorer at /graphiql in Chromium (issue 18, point 5): a person signed in to the web
 * client in the same browser runs a query as themselves without typing a credential; a token
 * holder who is not signed in is told how, is refused (UNAUTHENTICATED) until they give
 * `Authorization: Bearer cdk_…` in the headers editor, and is then answered as the token; the
 * docs pane shows the schema's descriptions (by introspection); a subscription runs over the
 * same socket as the web client's; nothing is loaded from another host and the page's content
 * security policy is never violated (without its two exceptions Chromium reports hundreds of
 * violations: Monaco's inline styles and GraphiQL's data: fonts).
 */
jest.setTimeout(240_000);

let t: TestApp;
let w: World;
let browser: Browser;
const contexts: BrowserContext[] = [];

interface Watched {
  page: Page;
  violations: string[];
  foreign: string[];
}

/** A fresh browser profile whose page records CSP violations and any request to another origin. */
async function watchedPage(token?: string): Promise<Watched> {
  const context = await newContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  const violations: string[] = [];
  const foreign: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== new URL(t.url).origin) foreign.push(r.url());
  });
  if (token) {
    // what the web client's sign-in form stores (client/src/features/auth/stored-token.ts)
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    await page.addInitScript(
      ([tk, e]) => {
        localStorage.setItem('chamdiem.token', tk);
        localStorage.setItem('chamdiem.expiresAt', e);
      },
      [token, expiresAt] as const,
    );
  }
  return { page, violations, foreign };
}

/** Opens the explorer with a query in its editor and waits for GraphiQL to be ready. */
async function openExplorer(page: Page, query: string): Promise<void> {
  await go(page, `${t.url}/graphiql?query=${encodeURIComponent(query)}`);
  await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
}

/** Runs the query in the editor and returns the response pane's text once it holds `expected`. */
async function run(page: Page, expected: string): Promise<string> {
  await page.locator('button.graphiql-execute-button').click();
  const response = page.locator('.graphiql-response');
  await response.filter({ hasText: expected }).waitFor();
  return response.innerText();
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

describe('the API explorer', () => {
  it('should run a query as the person signed in to the web client in this browser', async () => {
    const { page, violations, foreign } = await watchedPage(w.tokens.staffA);
    await openExplorer(page, '{ me { email } }');
    await page.getByTestId('explorer-credentials').filter({ hasText: 'Đang dùng phiên đăng nhập' }).waitFor();
    const text = await run(page, 'staff.a@test');
    expect(text).toContain('"email"');
    // the docs pane: the schema's descriptions, by introspection
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
    await page.locator('.graphiql-doc-explorer').getByText('The signed-in user; null when anonymous.').waitFor();
    expect(violations).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('should follow a subscription over the socket with the same sign-in', async () => {
    const { page, violations, foreign } = await watchedPage(w.tokens.staffA);
    const subscribed = new Promise<void>((resolve) =>
      page.on('websocket', (ws) => ws.on('framesent', (f) => String(f.payload).includes('"subscribe"') && resolve())),
    );
    await openExplorer(page, `subscription { assessmentEvents(assessmentId: "${w.assessmentA}") { seq kinds } }`);
    await page.locator('button.graphiql-execute-button').click();
    await subscribed;
    // the subscription starts on the server a moment after its message: save until an event shows (bounded)
    const response = page.locator('.graphiql-response');
    for (let i = 1; i <= 5 && !(await response.innerText()).includes('"seq"'); i++) {
      expect((await save(t, w, w.tokens.staffA, '1.1', { points: 0.25 * i })).errors).toBeUndefined();
      await response.filter({ hasText: '"seq"' }).waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    expect(await response.innerText()).toMatch(/"seq":\s+\d+/); // Monaco shows spaces as no-break spaces
    expect(violations).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('should refuse an anonymous query with a hint, then answer it with a token typed in the headers editor', async () => {
    const issued = await ok(t.url, `mutation{issueApiToken(name:"explorer",scope:READ){secret}}`, {}, w.tokens.admin);
    const secret = issued.issueApiToken.secret as string;
    const { page, violations, foreign } = await watchedPage();
    await openExplorer(page, '{ periods { name } }');
    const hint = page.getByTestId('explorer-credentials');
    await hint.filter({ hasText: 'Chưa đăng nhập' }).waitFor();
    expect(await hint.innerText()).toMatch(/Not signed in/);
    expect(await hint.innerText()).toContain('Authorization');
    expect(await run(page, 'UNAUTHENTICATED')).not.toContain('Kỳ 2025');

    // the headers editor is open (the explorer opens it); type the header into it as JSON
    await page.locator('.graphiql-editor-tool .monaco-editor').last().click();
    await page.keyboard.insertText(`{ "Authorization": "Bearer ${secret}" }`);
    const text = await run(page, 'Kỳ 2025');
    expect(text).not.toContain('UNAUTHENTICATED');
    expect(violations).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
