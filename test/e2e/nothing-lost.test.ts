import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signToken } from '../../server/src/common/auth';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { startProxy, type TcpProxy } from '../helpers/proxy';
import { buildWorld, PASSWORD, smallFramework, type World } from '../helpers/world';
import { assertPrerequisites, CLIENT_DIST, launch, newContext, openAs, reload, shot } from './browser';

/**
 * Nothing is lost, in Chromium: a typed value survives switching criteria, a reload, a refused save
 * and a session that expires (back after signing in again), marked "chưa lưu", and leaving asks
 * first; a phase move reaches an open workspace at once and locks it with a notice, the draft kept;
 * the unit answers the council's list with new evidence from one screen; confirmations say what
 * happens; and the live badge says "Mất kết nối" within 5 s of the server going silent, then
 * "Trực tiếp" again once caught up.
 */
jest.setTimeout(240_000);

let t: TestApp;
let w: World;
let browser: Browser;
const contexts: BrowserContext[] = [];

const VALUES: Record<string, Record<string, unknown>> = {
  '1.1': { points: 2 }, '1.2': { met: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 9, denominator: 10 }, '1.5': { points: -0.5 },
  '2.1': { numerator: 1, denominator: 2 }, '2.2.1': { points: 4 }, '2.2.2': { figure: 10 }, '2.3': { points: 1.5 }, '2.4': { points: 1 },
};

async function page(): Promise<Page> {
  const context = await newContext(browser);
  contexts.push(context);
  return context.newPage();
}

const entryOf = async (assessmentId: string, code: string, token = w.tokens.admin) =>
  (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version state selfScore comment explanation evidenceCount}}}`, { id: assessmentId }, token)).assessment.entries.find(
    (e: any) => e.criterion.code === code,
  );

async function saveAs(token: string, assessmentId: string, code: string, value: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const { version } = await entryOf(assessmentId, code);
  await ok(t.url, `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`, { i: { assessmentId, criterionId: w.criteria[code], expectedVersion: version, value, ...extra } }, token);
}

const workspace = (assessmentId: string, code: string) => `/assessments/${assessmentId}?c=${w.criteria[code]}`;
const points = (p: Page) => p.getByLabel('Điểm', { exact: true });
const badge = (p: Page, status: string) => p.locator(`[data-testid="live-status"][data-status="${status}"]`);

beforeAll(async () => {
  assertPrerequisites();
  t = await startTestApp({ clientDir: CLIENT_DIST });
  w = await buildWorld(t, smallFramework({ code: 'E2E-NOTHING-LOST' }));
  browser = await launch();
});

// each journey's pages close with it: a page left open keeps its socket, heartbeat and reconnect
// loop running, and on two cores the next journey's pages pay for it
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
});

describe('nothing lost in the web client', () => {
  it('should keep a typed value across a criterion switch, a reload and a refused save, mark it "chưa lưu" and ask before leaving', async () => {
    const staff = await page();
    await openAs(staff, t.url, w.tokens.staffA, workspace(w.assessmentA, '1.1'));
    await points(staff).fill('1,75');
    await staff.getByTestId('nav-1.2').click();
    await staff.getByTestId('unsaved-1.1').waitFor();
    expect(await staff.getByTestId('unsaved-1.1').textContent()).toBe('chưa lưu');
    await staff.getByTestId('nav-1.1').click();
    expect(await points(staff).inputValue()).toBe('1,75');
    await staff.getByTestId('draft-restored').waitFor();

    await reload(staff);
    await points(staff).waitFor();
    expect(await points(staff).inputValue()).toBe('1,75');
    await staff.getByTestId('unsaved-1.1').waitFor();

    // leaving the page asks first; staying keeps everything
    let asked = '';
    staff.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await staff.getByRole('link', { name: 'Tiêu chí của tôi' }).first().click();
    expect(asked).toContain('1 tiêu chí có thay đổi chưa lưu');
    expect(new URL(staff.url()).pathname).toBe(`/assessments/${w.assessmentA}`);
    expect(await points(staff).inputValue()).toBe('1,75');

    // a colleague saved meanwhile: the save is refused (CONFLICT) and the draft stays
    await saveAs(w.tokens.leaderA, w.assessmentA, '1.1', { points: 1 });
    await staff.getByRole('button', { name: 'Lưu', exact: true }).click();
    await staff.getByTestId('conflict').waitFor();
    expect(await staff.getByTestId('conflict-mine').textContent()).toContain('1,75');
    await reload(staff);
    await points(staff).waitFor();
    expect(await points(staff).inputValue()).toBe('1,75');
    // keeping mine saves it: the mark goes
    await staff.getByRole('button', { name: 'Lưu', exact: true }).click();
    await staff.getByTestId('conflict').getByRole('button').first().click();
    await staff.getByTestId('unsaved-1.1').waitFor({ state: 'detached' });
    expect((await entryOf(w.assessmentA, '1.1')).selfScore).toBe(1.75);
  });

  it('should bring a draft back after the session expires and the person signs in again', async () => {
    // a token the server stops accepting in 45 s (long enough to open the page on a busy machine), as a session ends while someone types
    const short = signToken({ tokenSecret: t.config.tokenSecret, tokenTtlSeconds: 45 }, w.userIds.staffA).token;
    const staff = await page();
    await openAs(staff, t.url, short, workspace(w.assessmentA, '2.3'));
    await points(staff).fill('1,25');
    await staff.getByLabel('Ghi chú, thuyết minh').fill('Theo báo cáo quý IV');
    await staff.getByTestId('unsaved-2.3').waitFor();
    // the server refuses the token: the sign-in page, at the same address
    await staff.getByText('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.').waitFor({ timeout: 90_000 });
    await staff.getByLabel('Thư điện tử').fill('staff.a@test');
    await staff.getByLabel('Mật khẩu').fill(PASSWORD);
    await staff.getByRole('button', { name: 'Đăng nhập' }).click();
    await points(staff).waitFor();
    expect(await points(staff).inputValue()).toBe('1,25');
    expect(await staff.getByLabel('Ghi chú, thuyết minh').inputValue()).toBe('Theo báo cáo quý IV');
    await staff.getByTestId('unsaved-2.3').waitFor();
    await staff.getByRole('button', { name: 'Lưu', exact: true }).click();
    await staff.getByTestId('unsaved-2.3').waitFor({ state: 'detached' });
    expect(await entryOf(w.assessmentA, '2.3')).toMatchObject({ selfScore: 1.25, comment: 'Theo báo cáo quý IV' });
  });

  it('should show "Mất kết nối" within 5 s of the server going silent, and "Trực tiếp" after catching up', async () => {
    const proxy: TcpProxy = await startProxy({ host: '127.0.0.1', port: Number(new URL(t.url).port) });
    try {
      const staff = await page();
      const via = `http://127.0.0.1:${proxy.port}`;
      await openAs(staff, via, w.tokens.staffA, workspace(w.assessmentA, '2.4'));
      await badge(staff, 'live').waitFor();
      await staff.getByLabel('Ghi chú, thuyết minh').fill('Đang gõ dở khi mất mạng');
      // nothing closes: the connection just stops answering, as when a network link dies
      proxy.cut({ mode: 'silence' });
      await badge(staff, 'offline').waitFor({ timeout: 5000 });
      expect(await staff.getByTestId('live-status').textContent()).toBe('Mất kết nối');
      await shot(staff, 'offline');
      // a change made meanwhile is caught up by seq once the server is back
      await saveAs(w.tokens.leaderA, w.assessmentA, '2.4', { points: 0.5 });
      proxy.restore();
      await badge(staff, 'live').waitFor();
      await staff.getByTestId('nav-2.4').getByText('0,5').waitFor();
      // what was being typed outlives the outage and the colleague's change
      expect(await staff.getByLabel('Ghi chú, thuyết minh').inputValue()).toBe('Đang gõ dở khi mất mạng');
      await staff.getByTestId('unsaved-2.4').waitFor();
    } finally {
      await proxy.close();
    }
  });

  it('should lock an open workspace at once with a notice when the phase closes, the draft kept, after a confirmation naming the units left behind', async () => {
    // A scores what is left and submits; B is still at work
    for (const [code, value] of Object.entries(VALUES)) if ((await entryOf(w.assessmentA, code)).state !== 'DONE') await saveAs(w.tokens.staffA, w.assessmentA, code, value);
    await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.leaderA);

    const staffB = await page();
    await openAs(staffB, t.url, w.tokens.staffB, workspace(w.assessmentB, '1.1'));
    await points(staffB).fill('3');
    await staffB.getByTestId('unsaved-1.1').waitFor();
    await badge(staffB, 'live').waitFor();

    // the council has A open, nothing to do yet
    const council = await page();
    await openAs(council, t.url, w.tokens.appraiser, `/appraisal/${w.assessmentA}`);
    await badge(council, 'live').waitFor();
    expect(await council.getByRole('button', { name: 'Chốt điểm', exact: true }).count()).toBe(0);

    const admin = await page();
    await openAs(admin, t.url, w.tokens.admin, `/periods/${w.periodId}`);
    await admin.getByRole('button', { name: 'Chuyển sang: Thẩm định' }).click();
    const dialog = admin.getByRole('alertdialog');
    await dialog.getByTestId('incomplete-units').waitFor();
    expect(await dialog.getByTestId('incomplete-units').textContent()).toBe('Unit B — Chưa nộp');
    expect(await dialog.textContent()).toContain('không đơn vị nào còn sửa hay nộp được điểm tự chấm');
    await dialog.getByRole('button', { name: 'Chuyển sang “Thẩm định”' }).click();

    // B's open workspace follows without a reload
    await staffB.getByTestId('phase-notice').waitFor();
    expect(await staffB.getByTestId('phase-notice').textContent()).toContain('Kỳ đánh giá vừa chuyển sang giai đoạn “Thẩm định”');
    await staffB.getByTestId('read-only').waitFor();
    expect(await staffB.getByRole('button', { name: 'Lưu', exact: true }).count()).toBe(0);
    expect(await points(staffB).isDisabled()).toBe(true);
    expect(await points(staffB).inputValue()).toBe('3');
    await staffB.getByTestId('unsaved-1.1').waitFor();
    // and the council's page unlocks, saying so
    await council.getByTestId('phase-notice').getByText('Hội đồng thẩm định vòng 1.', { exact: false }).waitFor();
    await council.getByRole('button', { name: 'Chốt điểm', exact: true }).waitFor();
  });

  it('should let the unit answer the council’s list and attach new evidence from one screen; finalizing and removing evidence ask first', async () => {
    // the council lowers 1.1 with a comment, keeps the rest, and returns A for explanation
    for (const [code, value] of Object.entries(VALUES)) {
      const { version } = await entryOf(w.assessmentA, code);
      const v = code === '1.1' ? { points: 1 } : code === '2.3' ? { points: 1.25 } : code === '2.4' ? { points: 0.5 } : value;
      const extra = code === '1.1' ? { comment: 'Chưa có quyết định ban hành kèm theo' } : {};
      await ok(t.url, `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){round}}`, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], expectedVersion: version, value: v, ...extra } }, w.tokens.appraiser);
    }
    await ok(t.url, `mutation($id:ID!){returnForExplanation(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.appraiser);
    await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:EXPLANATION,acknowledgeIncomplete:true){phase}}`, { id: w.periodId }, w.tokens.admin);

    const leader = await page();
    await openAs(leader, t.url, w.tokens.leaderA, `/assessments/${w.assessmentA}`);
    const list = leader.getByTestId('explanation-items');
    await list.waitFor();
    const item = list.getByTestId('explain-1.1');
    expect(await item.textContent()).toContain('Chưa có quyết định ban hành kèm theo');
    expect(await item.textContent()).toContain('0,75 điểm bị xem xét');
    expect(await list.getByTestId('explain-state-1.1').textContent()).toBe('Chưa giải trình');

    await item.click();
    // an answer typed and not sent survives a reload too
    await leader.getByLabel('Giải trình của đơn vị').fill('Quyết định số 12/QĐ-UBND đã ban hành, xin gửi kèm.');
    await leader.getByTestId('unsaved-1.1').waitFor();
    await reload(leader);
    await leader.getByLabel('Giải trình của đơn vị').waitFor();
    expect(await leader.getByLabel('Giải trình của đơn vị').inputValue()).toBe('Quyết định số 12/QĐ-UBND đã ban hành, xin gửi kèm.');
    await leader.getByRole('button', { name: 'Gửi giải trình' }).click();
    await leader.getByTestId('unsaved-1.1').waitFor({ state: 'detached' });
    await list.getByTestId('explain-state-1.1').getByText('Đã giải trình').waitFor();
    await leader.getByLabel('Địa chỉ liên kết').fill('https://example.org/qd-12.pdf');
    await leader.getByRole('button', { name: 'Thêm liên kết' }).click();
    await item.getByText('1 tài liệu').waitFor();
    expect(await entryOf(w.assessmentA, '1.1', w.tokens.leaderA)).toMatchObject({ explanation: 'Quyết định số 12/QĐ-UBND đã ban hành, xin gửi kèm.', evidenceCount: 1 });
    await shot(leader, 'explanation', true);

    // removing evidence asks and says what it means; cancelling keeps it
    await leader.getByRole('button', { name: /^Gỡ tài liệu/ }).click();
    const ask = leader.getByRole('alertdialog');
    expect(await ask.textContent()).toContain('sẽ bị gỡ khỏi tiêu chí này');
    await ask.getByRole('button', { name: 'Hủy' }).click();
    expect((await entryOf(w.assessmentA, '1.1', w.tokens.leaderA)).evidenceCount).toBe(1);

    // finalizing asks the council first and says nobody can change it afterwards
    const appraiser = await page();
    await openAs(appraiser, t.url, w.tokens.appraiser, `/appraisal/${w.assessmentA}`);
    await appraiser.getByRole('button', { name: 'Chốt điểm', exact: true }).click();
    const finalize = appraiser.getByRole('alertdialog');
    expect(await finalize.textContent()).toContain('không ai sửa được bản đánh giá này nữa');
    await finalize.getByRole('button', { name: 'Hủy' }).click();
    expect((await ok(t.url, `query($id:ID!){assessment(id:$id){status}}`, { id: w.assessmentA }, w.tokens.admin)).assessment.status).toBe('RETURNED');
  });

  it('should ask before publishing a framework and say it can no longer be changed', async () => {
    const draft = (await ok(t.url, `mutation($d:JSONObject!){importFramework(document:$d){id}}`, { d: smallFramework({ code: 'E2E-NOTHING-LOST-2' }) }, w.tokens.admin)).importFramework;
    const admin = await page();
    await openAs(admin, t.url, w.tokens.admin, `/frameworks/${draft.id}`);
    await admin.getByRole('button', { name: 'Ban hành', exact: true }).click();
    const dialog = admin.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('không thể sửa nữa');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    const status = (await gql(t.url, `query($id:ID!){framework(id:$id){status}}`, { id: draft.id }, w.tokens.admin)).data.framework.status;
    expect(status).toBe('DRAFT');
  });
});
