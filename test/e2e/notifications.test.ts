import type { Browser, BrowserContext, Page } from 'playwright-core';
import { clock, DAY_MS } from '../../server/src/common/clock';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, type World } from '../helpers/world';
import { assertPrerequisites, CLIENT_DIST, launch, newContext, openAs, shot } from './browser';

/**
 * Deadlines and notifications in Chromium: the bell with its unread count, its list and "mark all
 * read", fed live; a save after the deadline refused with the deadline named in the period's time
 * zone; the ADMIN's extension form, after which the same save goes through and the unit's people
 * are told live. The server's clock is moved (the server runs in this process), never waited for.
 */
jest.setTimeout(90_000);

let t: TestApp;
let w: World;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function page(): Promise<Page> {
  const context = await newContext(browser);
  contexts.push(context);
  return context.newPage();
}

const bellCount = async (p: Page) => ((await p.getByTestId('bell-count').count()) ? Number(await p.getByTestId('bell-count').textContent()) : 0);

beforeAll(async () => {
  assertPrerequisites();
  t = await startTestApp({ clientDir: CLIENT_DIST, workers: false });
  w = await buildWorld(t);
  browser = await launch();
});

afterAll(async () => {
  clock.reset();
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
});

describe('deadlines and notifications in the web client', () => {
  it('should show the bell with the unread count, the list, and mark all read', async () => {
    const staff = await page();
    await openAs(staff, t.url, w.tokens.staffA, '/my');
    await staff.getByTestId('bell-count').waitFor();
    expect(await bellCount(staff)).toBe(1); // the criteria assigned by buildWorld
    await staff.getByTestId('bell').click();
    const panel = staff.getByTestId('bell-panel');
    await panel.getByText('Bạn được giao', { exact: false }).first().waitFor();
    await shot(staff, 'notifications');
    await panel.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
    await staff.getByTestId('bell-count').waitFor({ state: 'detached' });
    expect((await ok(t.url, `{notifications{unreadCount}}`, {}, w.tokens.staffA)).notifications.unreadCount).toBe(0);
  });

  it('should refuse a late save with the deadline in the period’s time zone, and let it through after the ADMIN’s extension, telling the unit live', async () => {
    await ok(t.url, `mutation($id:ID!,$i:PeriodDeadlinesInput!){setPeriodDeadlines(id:$id,input:$i){id}}`, { id: w.periodId, i: { selfAssessmentDeadline: new Date(clock.nowMs() + 2 * DAY_MS).toISOString() } }, w.tokens.admin);
    const staff = await page();
    await openAs(staff, t.url, w.tokens.staffA, `/assessments/${w.assessmentA}?c=${w.criteria['2.3']}`);
    await staff.getByTestId('countdown').getByText('còn 1 ngày', { exact: false }).or(staff.getByTestId('countdown').getByText('còn 2 ngày', { exact: false })).waitFor();
    // one format in Vietnamese, dd/MM/yyyy HH:mm, in the period's zone, named
    expect(await staff.getByTestId('deadline').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(Asia\/Ho_Chi_Minh\)/);

    clock.advance(3 * DAY_MS); // the deadline has passed
    await staff.getByLabel('Điểm', { exact: true }).fill('1,5');
    await staff.getByRole('button', { name: 'Lưu' }).click();
    const refused = staff.getByText('Đã quá hạn lúc', { exact: false });
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(Asia\/Ho_Chi_Minh\)/);
    await shot(staff, 'deadline-refused');

    const admin = await page();
    await openAs(admin, t.url, w.tokens.admin, `/assessments/${w.assessmentA}`);
    const form = admin.getByRole('form', { name: 'Gia hạn cho đơn vị' });
    const until = new Date(clock.nowMs() + 2 * DAY_MS);
    // the form takes the time in the period's zone (UTC+7)
    const local = new Date(until.getTime() + 7 * 3600_000).toISOString().slice(0, 16);
    await form.getByLabel('Đến (giờ Asia/Ho_Chi_Minh)').fill(local);
    await form.getByLabel('Lý do').fill('Mất điện kéo dài');
    await form.getByRole('button', { name: 'Gia hạn' }).click();
    await admin.getByTestId('extensions').getByText('Mất điện kéo dài', { exact: false }).waitFor();
    expect(await admin.getByTestId('extensions').textContent()).toContain('Admin');

    // the staff member is told live, and the same save now goes through
    await staff.getByTestId('bell-count').waitFor();
    expect(await bellCount(staff)).toBe(1);
    await staff.getByRole('button', { name: 'Lưu' }).click();
    await staff.getByText('Đã lưu lúc', { exact: false }).waitFor();
    const saved = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} selfScore}}}`, { id: w.assessmentA }, w.tokens.staffA)).assessment.entries;
    expect(saved.find((e: any) => e.criterion.code === '2.3').selfScore).toBe(1.5);
  });
});
