import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium: never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const REPO = join(__dirname, '..', '..');
export const CLIENT_DIST = join(REPO, 'client', 'dist');
export const SCREENSHOTS = join(REPO, 'docs', 'screenshots');

export function assertPrerequisites(): void {
  if (!existsSync(join(CLIENT_DIST, 'index.html'))) {
    throw new Error('client/dist/index.html is missing: run `npm run build -w client` (npm test builds it first).');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does).`);
  }
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/**
 * How long a step may wait for the page. Generous: on a busy 2-core machine the server, jest and
 * Chromium's renderers share the cores, and a step that is slow there is not wrong. A step that
 * never comes still fails, well within the test's own timeout.
 */
export const STEP_TIMEOUT_MS = 30_000;

/**
 * A fresh browser profile (its own localStorage) on a laptop-sized window. A phone is
 * `{ isMobile: true, hasTouch: true }`: a touch screen, so that `(pointer: coarse)` applies.
 */
export async function newContext(
  browser: Browser,
  viewport = { width: 1280, height: 860 },
  device: { isMobile?: boolean; hasTouch?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...device });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return context;
}

/**
 * Navigates and returns once the server has answered: what a test waits for next is the app's
 * own marker (the signed-in name, a form), never the page's "load" event, which also waits for
 * the whole bundle to be fetched and run and says nothing about the app being ready.
 */
export async function go(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'commit' });
}

/** Reloads, as `go` navigates. */
export async function reload(page: Page): Promise<void> {
  await page.reload({ waitUntil: 'commit' });
}

/** Signs in through the form, as a person does, and waits for the signed-in page. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string, path = '/'): Promise<void> {
  await go(page, `${baseUrl}${path}`);
  await page.getByLabel('Thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('who').waitFor();
}

/**
 * Opens a page already signed in with an API-issued token (what the sign-in form stores), so
 * that only the first journey pays for the form.
 */
export async function openAs(page: Page, baseUrl: string, token: string, path: string): Promise<void> {
  const expiresAt = new Date(Date.now() + 3600_000).toISOString();
  await page.addInitScript(
    ([t, e]) => {
      if (!localStorage.getItem('chamdiem.token')) {
        localStorage.setItem('chamdiem.token', t);
        localStorage.setItem('chamdiem.expiresAt', e);
      }
    },
    [token, expiresAt] as const,
  );
  const seen = watch(page);
  await go(page, `${baseUrl}${path}`);
  try {
    await page.getByTestId('who').waitFor();
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await seen.report()}`);
  } finally {
    seen.stop();
  }
}

/**
 * What a page went through while a test waited for it (console errors, failed and refused
 * requests, what it shows), for the failure message when the app never got ready.
 */
function watch(page: Page): { report: () => Promise<string>; stop: () => void } {
  const events: string[] = [];
  const t0 = Date.now();
  const at = () => `+${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const onConsole = (m: import('playwright-core').ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') events.push(`${at()} console.${m.type()}: ${m.text().slice(0, 300)}`);
  };
  const onFailed = (r: import('playwright-core').Request) => events.push(`${at()} failed ${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
  const onResponse = (r: import('playwright-core').Response) => {
    events.push(`${at()} ${r.status()} ${r.request().method()} ${r.url().slice(0, 120)}`);
  };
  const onSocket = (ws: import('playwright-core').WebSocket) => {
    events.push(`${at()} websocket ${ws.url()}`);
    ws.on('close', () => events.push(`${at()} websocket closed`));
  };
  page.on('console', onConsole);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  page.on('websocket', onSocket);
  return {
    stop: () => {
      page.off('console', onConsole);
      page.off('requestfailed', onFailed);
      page.off('response', onResponse);
      page.off('websocket', onSocket);
    },
    report: async () => {
      const shows = await page.evaluate(() => document.body?.innerText.slice(0, 400) ?? '(no body)').catch((e: Error) => `(unreadable: ${e.message})`);
      return `The page at ${page.url()} shows: ${JSON.stringify(shows)}\nWhat happened:\n${events.slice(-40).join('\n') || '(nothing)'}`;
    },
  };
}

/** A PNG of the page for the README (docs/screenshots/<name>.png). */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}
