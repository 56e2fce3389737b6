import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, smallFramework, type World } from '../helpers/world';
import { assertPrerequisites, CLIENT_DIST, launch, newContext, openAs, shot } from './browser';

/**
 * No decision taken blind, in Chromium: the leader's panel lists exactly the blockers the server
 * refuses a submission with (missing evidence named), submitting asks first and says who can no
 * longer edit, a phase move and publishing results name the units left behind before anything
 * happens, and a unit that never submitted is shown as "Chưa nộp". Saves docs/screenshots/
 * blockers.png and publish-confirm.png for the README.
 */
jest.setTimeout(60_000);

let t: TestApp;
let w: World;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** The small framework with evidence required on 1.1. */
function frameworkNeedingEvidence() {
  const fw = smallFramework({ code: 'E2E-DECISIONS' });
  const mark = (nodes: any[]): any[] => nodes.map((n) => ({ ...n, ...(n.code === '1.1' ? { evidenceRequired: true } : {}), ...(n.children ? { children: mark(n.children) } : {}) }));
  return { ...fw, criteria: mark(fw.criteria as any[]) };
}

const VALUES: Record<string, Record<string, unknown>> = {
  '1.1': { points: 2 }, '1.2': { met: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 9, denominator: 10 }, '1.5': { points: -0.5 },
  '2.1': { numerator: 1, denominator: 2 }, '2.2.1': { points: 4 }, '2.2.2': { figure: 10 }, '2.3': { points: 1.5 }, '2.4': { points: 1 },
};

async function page(): Promise<Page> {
  const context = await newContext(browser);
  contexts.push(context);
  return context.newPage();
}

async function saveAs(token: string, assessmentId: string, code: string, value: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const a = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: assessmentId }, token)).assessment;
  const version = a.entries.find((e: any) => e.criterion.code === code).version;
  await ok(t.url, `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`, { i: { assessmentId, criterionId: w.criteria[code], expectedVersion: version, value, ...extra } }, token);
}

const serverBlockers = async () =>
  (await ok(t.url, `query($id:ID!){assessment(id:$id){blockers{code reason}}}`, { id: w.assessmentA }, w.tokens.leaderA)).assessment.blockers.map((b: any) => `${b.code}:${b.reason}`);

/** What the panel lists, as `code:reason`. */
const panelBlockers = (p: Page) =>
  p.getByTestId('blockers').locator('li').evaluateAll((lis) => lis.map((li) => `${li.querySelector('.code')?.textContent}:${li.getAttribute('data-reason')}`));

beforeAll(async () => {
  assertPrerequisites();
  t = await startTestApp({ clientDir: CLIENT_DIST });
  w = await buildWorld(t, frameworkNeedingEvidence());
  browser = await launch();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
});

describe('decisions in the web client', () => {
  it('should show the leader the blockers the server refuses with, missing evidence named, and ask before submitting', async () => {
    for (const [code, value] of Object.entries(VALUES)) await saveAs(w.tokens.staffA, w.assessmentA, code, value, code === '1.3' ? { draft: true } : {});
    const leader = await page();
    await openAs(leader, t.url, w.tokens.leaderA, `/assessments/${w.assessmentA}/overview`);
    await leader.getByTestId('blockers').waitFor();
    expect(await panelBlockers(leader)).toEqual(await serverBlockers());
    expect(await panelBlockers(leader)).toEqual(['1.1:EVIDENCE_MISSING', '1.3:DRAFT']);
    expect(await leader.getByTestId('blockers').textContent()).toContain('Thiếu tài liệu kiểm chứng bắt buộc');
    expect(await leader.getByRole('button', { name: 'Nộp', exact: true }).isDisabled()).toBe(true);
    await shot(leader, 'blockers', true);

    // the causes go away elsewhere: the panel follows the server
    await ok(t.url, `mutation($i:AttachEvidenceLinkInput!){attachEvidenceLink(input:$i){id}}`, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], url: 'https://example.org/qd.pdf' } }, w.tokens.staffA);
    await saveAs(w.tokens.staffA, w.assessmentA, '1.3', VALUES['1.3']);
    await leader.getByText('Đã chấm xong mọi tiêu chí: có thể nộp.').waitFor({ timeout: 5000 });
    expect(await serverBlockers()).toEqual([]);

    await leader.getByRole('button', { name: 'Nộp', exact: true }).click();
    const dialog = leader.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('không thể sửa điểm nữa');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    const status = async () => (await ok(t.url, `query($id:ID!){assessment(id:$id){status}}`, { id: w.assessmentA }, w.tokens.leaderA)).assessment.status;
    expect(await status()).toBe('IN_PROGRESS');
    await leader.getByRole('button', { name: 'Nộp', exact: true }).click();
    await leader.getByRole('alertdialog').getByRole('button', { name: 'Nộp cho hội đồng' }).click();
    await leader.getByText('Trạng thái: Đã nộp.').waitFor();
    expect(await status()).toBe('SUBMITTED');
  });

  it('should name the units left behind before a phase move and before publishing, and show "Chưa nộp" in the results', async () => {
    const admin = await page();
    await openAs(admin, t.url, w.tokens.admin, `/periods/${w.periodId}`);
    await admin.getByRole('button', { name: 'Chuyển sang: Thẩm định' }).click();
    let dialog = admin.getByRole('alertdialog');
    await dialog.getByTestId('incomplete-units').waitFor();
    expect(await dialog.getByTestId('incomplete-units').textContent()).toBe('Unit B — Chưa nộp');
    expect(await dialog.textContent()).toContain('không đơn vị nào còn sửa hay nộp được điểm tự chấm');
    await admin.keyboard.press('Escape');
    expect((await ok(t.url, `query($id:ID!){period(id:$id){phase}}`, { id: w.periodId }, w.tokens.admin)).period.phase).toBe('SELF_ASSESSMENT');

    await admin.getByRole('button', { name: 'Chuyển sang: Thẩm định' }).click();
    await admin.getByRole('alertdialog').getByRole('button', { name: 'Chuyển sang “Thẩm định”' }).click();
    await admin.locator('.phase-steps li[aria-current="step"]').getByText('Thẩm định', { exact: true }).waitFor();

    // the council finalizes A; the period is finalized with B acknowledged
    for (const [code, value] of Object.entries(VALUES)) {
      const a = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: w.assessmentA }, w.tokens.appraiser)).assessment;
      const version = a.entries.find((e: any) => e.criterion.code === code).version;
      await ok(t.url, `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){round}}`, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], expectedVersion: version, value } }, w.tokens.appraiser);
    }
    await ok(t.url, `mutation($id:ID!){finalizeAssessment(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.appraiser);
    await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:FINALIZED,acknowledgeIncomplete:true){phase}}`, { id: w.periodId }, w.tokens.admin);

    await openAs(admin, t.url, w.tokens.admin, `/periods/${w.periodId}/results`);
    await admin.getByRole('button', { name: 'Công bố kết quả' }).click();
    dialog = admin.getByRole('alertdialog');
    await dialog.getByTestId('incomplete-units').waitFor();
    expect(await dialog.getByTestId('incomplete-units').textContent()).toBe('Unit B — Chưa nộp');
    expect(await dialog.textContent()).toContain('không thể hoàn tác');
    await shot(admin, 'publish-confirm');
    await dialog.getByRole('button', { name: 'Xác nhận công bố' }).click();
    const ranking = admin.getByTestId('ranking');
    await ranking.getByTestId('not-submitted').first().waitFor();
    const rowB = ranking.locator('tr', { hasText: 'Unit B' });
    expect(await rowB.textContent()).toContain('Chưa nộp');
    expect(await rowB.textContent()).not.toMatch(/\bD\b/);
    expect((await ok(t.url, `query($id:ID!){period(id:$id){phase}}`, { id: w.periodId }, w.tokens.admin)).period.phase).toBe('PUBLISHED');

    // published: the unit over the years and the spread of the indices, drawn by Chart.js, their figures the API's
    const history = (await ok(t.url, `query($id:ID!){unitHistory(unitId:$id){year total maxScore rank rankedUnits}}`, { id: w.units.A }, w.tokens.admin)).unitHistory;
    expect(history).toHaveLength(1);
    await ranking.getByRole('button', { name: 'Unit A', exact: true }).click();
    const trends = admin.getByTestId('unit-trends');
    const year = trends.getByTestId('trend-table').locator('tbody tr');
    await year.first().waitFor();
    expect(await year.count()).toBe(1);
    const vi = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);
    expect(await year.first().textContent()).toContain(`${vi(history[0].total)} / ${vi(history[0].maxScore)}`);
    expect(await year.first().textContent()).toContain(`${history[0].rank}/${history[0].rankedUnits}`);
    // the charts are drawn: some pixel of each canvas is painted
    for (const id of ['chart-total-rank', 'chart-groups']) {
      const canvas = trends.getByTestId(id);
      await admin.waitForFunction((el) => {
        const c = el as HTMLCanvasElement;
        const data = c.width > 0 && c.height > 0 ? c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data : null;
        return !!data && data.some((v, i) => i % 4 === 3 && v > 0);
      }, await canvas.elementHandle());
    }
    await admin.getByTestId('index-distribution').waitFor();
    await trends.scrollIntoViewIfNeeded();
    await shot(admin, 'results-trends');
  });
});
