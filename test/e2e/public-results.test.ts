import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { openPeriod, publishPeriod, scoreAndSubmit } from '../helpers/publish';
import { buildWorld, type World } from '../helpers/world';
import { assertPrerequisites, CLIENT_DIST, go, launch, newContext, shot } from './browser';

/**
 * The public results (issue 17.1), in Chromium, with nobody signed in: before publication the
 * period's page says its results are not published (and its data is 404); after, the ranking
 * reads the figures of the API's `ranking`, a unit's page its groups and history, on a phone's
 * width without the page scrolling sideways; a second read of the data is revalidated (304).
 */
jest.setTimeout(120_000);

let t: TestApp;
let w: World;
let browser: Browser;
const contexts: BrowserContext[] = [];
let next: { periodId: string; A: string; B: string };

/** A page in a fresh profile: no token anywhere. */
async function anonymous(viewport?: { width: number; height: number }): Promise<Page> {
  const context = await newContext(browser, viewport);
  contexts.push(context);
  return context.newPage();
}

/** 12.34 as vi-VN writes it: 12,34 */
const vi = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);

beforeAll(async () => {
  assertPrerequisites();
  t = await startTestApp({ clientDir: CLIENT_DIST });
  w = await buildWorld(t);
  // 2025: B ahead of A, both submitted
  await scoreAndSubmit(t, w, w.tokens.leaderA, w.assessmentA, false);
  await scoreAndSubmit(t, w, w.tokens.leaderB, w.assessmentB, true);
  await ok(t.url, `mutation($id:ID!){computeResults(periodId:$id){rank}}`, { id: w.periodId }, w.tokens.admin);
  browser = await launch();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
});

describe('the public results, read by nobody signed in', () => {
  it('should refuse the results before publication', async () => {
    const page = await anonymous();
    await go(page, `${t.url}/public/periods/${w.periodId}`);
    const said = page.getByTestId('public-not-published');
    await said.waitFor();
    expect(await said.textContent()).toBe('Kết quả của kỳ đánh giá này chưa được công bố, hoặc không có kỳ đánh giá này.');
    expect(await page.getByTestId('public-ranking').count()).toBe(0);
    expect((await fetch(`${t.url}/public/data/periods/${w.periodId}/ranking/DISTRICT.json`)).status).toBe(404);
    // the sign-in page leads there
    await go(page, t.url);
    await page.getByRole('link', { name: 'Kết quả công bố' }).click();
    await page.getByRole('heading', { name: 'Kết quả đánh giá đã công bố' }).waitFor();
    expect(await page.getByText('Chưa có kỳ đánh giá nào được công bố kết quả.').count()).toBe(1);
  });

  it('should show the ranking with the API’s figures and a unit’s page once published, and revalidate its data', async () => {
    await publishPeriod(t, w, w.periodId);
    next = await openPeriod(t, w, 'Kỳ 2026', 2026);
    // 2026: A overtakes B
    await scoreAndSubmit(t, w, w.tokens.leaderA, next.A, true, 20);
    await scoreAndSubmit(t, w, w.tokens.leaderB, next.B, false);
    await publishPeriod(t, w, next.periodId);
    const api = (await ok(t.url, `query($p:ID!){ranking(periodId:$p,unitKind:DISTRICT){rank total index band submitted rankChange unit{id code name}}}`, { p: next.periodId }, w.tokens.admin)).ranking;

    // on a phone's width, from the list of published periods
    const page = await anonymous({ width: 390, height: 844 });
    const data: Response[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/public/data/')) data.push(r);
    });
    // a reader's page asks for its data and nothing more: no GraphQL, no live socket, no CSP breach
    const extra: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/graphql')) extra.push(r.url());
    });
    page.on('websocket', (ws) => extra.push(ws.url()));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) extra.push(m.text());
    });
    // the list read before publication (the first test) may be kept by the server for
    // PUBLIC_CACHE_MS (5 s), and by a browser that read it for its max-age: a new reader sees
    // the period once the server's copy has lapsed
    const deadline = Date.now() + 15_000;
    while (!JSON.stringify(await (await fetch(`${t.url}/public/data/periods.json`)).json()).includes(next.periodId) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
    }
    await go(page, `${t.url}/public`);
    const card = page.getByTestId(`public-period-${next.periodId}`);
    await card.getByRole('link', { name: 'Kỳ 2026' }).click();
    const table = page.getByTestId('public-ranking');
    await table.waitFor();
    for (const r of api) {
      const row = page.getByTestId(`public-row-${r.unit.code}`);
      expect([r.unit.code, await row.getByTestId(`public-total-${r.unit.code}`).textContent()]).toEqual([r.unit.code, vi(r.total)]);
      const cells = await row.locator('td').allTextContents();
      expect([cells[0], cells[1], cells[3], cells[4]]).toEqual([String(r.rank), r.unit.name, vi(r.index), r.band ?? '–']);
      expect(cells[5]).toContain(r.rankChange > 0 ? `▲ ${r.rankChange}` : r.rankChange < 0 ? `▼ ${-r.rankChange}` : '=');
    }
    expect(api.map((r: any) => [r.unit.code, r.rankChange, r.submitted, r.band !== null])).toEqual([['A', 1, true, true], ['B', -1, true, true]]);
    // the page never scrolls sideways: a wide table scrolls in its own box
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const shared = new URL(page.url());
    expect(shared.pathname).toBe(`/public/periods/${next.periodId}`);

    // the spread of the period's indices, drawn beside the ranking
    await page.getByTestId('index-distribution').waitFor();
    expect(await page.getByTestId('index-distribution').locator('tbody td').allTextContents().then((n) => n.reduce((sum, x) => sum + Number(x), 0))).toBe(api.length);

    // a unit's page: its figures, groups and history over both published years
    await table.getByRole('link', { name: 'Unit A' }).click();
    await page.getByTestId('public-history').waitFor();
    const a = api.find((r: any) => r.unit.code === 'A');
    expect(await page.getByTestId('public-unit-rank').textContent()).toBe(String(a.rank));
    expect(await page.getByTestId('public-unit-total').textContent()).toBe(vi(a.total));
    expect(await page.getByTestId('group-chart').count()).toBe(1);
    const years = await page.getByTestId('public-history').locator('tbody tr td:first-child').allTextContents();
    expect(years).toEqual(['2025', '2026']);
    // the unit over the years, drawn (Chart.js): its table has both years, each as the API ranks it
    const trend = page.getByTestId('unit-trends').getByTestId('trend-table').locator('tbody tr');
    expect(await trend.count()).toBe(2);
    expect(await trend.last().textContent()).toContain(`${a.rank}/${api.length}`);
    const canvas = page.getByTestId('chart-total-rank');
    await page.waitForFunction((el) => {
      const c = el as HTMLCanvasElement;
      return c.width > 0 && c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0);
    }, await canvas.elementHandle());
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    expect(extra).toEqual([]);

    // the data came with its validator; asked again with it, the answer is 304 without a body
    const ranking = data.find((r) => r.url().endsWith(`/periods/${next.periodId}/ranking/DISTRICT.json`))!;
    expect(ranking.status()).toBe(200);
    const headers = await ranking.allHeaders();
    expect(headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
    const again = await fetch(ranking.url(), { headers: { 'if-none-match': headers.etag } });
    expect([again.status, await again.text()]).toEqual([304, '']);
    // and the browser revalidates its copy with the validator: an empty answer on the wire (a 304,
    // which the page sees as its cached 200)
    const revalidated = page.waitForResponse((r) => r.url() === ranking.url());
    expect(await page.evaluate((u) => fetch(u, { cache: 'no-cache' }).then(async (r) => (await r.json()).rows.length), ranking.url())).toBe(2);
    const wire = await revalidated;
    expect((await wire.request().allHeaders())['if-none-match']).toBe(headers.etag);
    expect((await wire.request().sizes()).responseBodySize).toBe(0);
  });

  it('should read in English from a shared address, switch back to Vietnamese, and picture a unit’s page for the README', async () => {
    const page = await anonymous();
    await go(page, `${t.url}/public/periods/${next.periodId}?kind=DISTRICT&lang=en`);
    await page.getByRole('heading', { name: 'Ranking · District' }).waitFor();
    expect(await page.getByTestId('public-row-A').textContent()).toContain('▲ 1');
    await page.getByRole('button', { name: 'VI' }).click();
    await page.getByRole('heading', { name: 'Bảng xếp hạng · Cấp huyện' }).waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('vi');
    await page.getByTestId('public-ranking').getByRole('link', { name: 'Unit A' }).click();
    await page.getByTestId('group-chart').waitFor();
    await page.getByTestId('public-history').waitFor();
    await shot(page, 'public-results', true);
  });
});
