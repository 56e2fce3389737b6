import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, smallFramework, type World } from '../helpers/world';
import { assertPrerequisites, CLIENT_DIST, launch, newContext, openAs } from './browser';

/**
 * Every figure agrees in the web client (issue 11), in Chromium: a unit with a RELATIVE leaf and
 * an N/A leaf (the framework rescales) reads the same total on its score sheet, in its progress
 * tree and in the ranking; before the results its RELATIVE points read as pending, and every
 * screen writes the total over the framework's max with the N/A points named beside it.
 */
jest.setTimeout(90_000);

let t: TestApp;
let w: World;
let browser: Browser;
const contexts: BrowserContext[] = [];

// unit A: 2.2.1 (4,5 points) not applicable, RELATIVE 2.2.2 figure 10; unit B: figure 20 (the best)
const A: Record<string, Record<string, unknown>> = {
  '1.1': { points: 1.5 }, '1.2': { met: true }, '1.3': { tier: 'Partial' }, '1.4': { numerator: 8, denominator: 10 }, '1.5': { points: -0.25 },
  '2.1': { numerator: 1, denominator: 2 }, '2.2.1': { notApplicable: true }, '2.2.2': { figure: 10 }, '2.3': { points: 1.5 }, '2.4': { points: 1 },
};
const B: Record<string, Record<string, unknown>> = { ...A, '2.2.1': { points: 4 }, '2.2.2': { figure: 20 } };

async function page(): Promise<Page> {
  const context = await newContext(browser);
  contexts.push(context);
  return context.newPage();
}

async function saveAll(token: string, assessmentId: string, values: Record<string, Record<string, unknown>>) {
  for (const [code, value] of Object.entries(values)) {
    const a = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: assessmentId }, token)).assessment;
    const version = a.entries.find((e: any) => e.criterion.code === code).version;
    await ok(t.url, `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`, { i: { assessmentId, criterionId: w.criteria[code], expectedVersion: version, value } }, token);
  }
}

/** The score sheet as the download gives it: self scores by code, the self and final totals. */
async function scoreSheet(assessmentId: string) {
  const r = await fetch(`${t.url}/export/assessment/${assessmentId}.csv`, { headers: { authorization: `Bearer ${w.tokens.leaderA}` } });
  const lines = (await r.text()).trim().split(/\r?\n/).map((l) => l.split(','));
  const self = new Map(lines.slice(1).map((cells) => [cells[0] || 'total', cells[3]]));
  const final = new Map(lines.slice(1).map((cells) => [cells[0] || 'total', cells[6]]));
  return { self: (code: string) => self.get(code)!, final: (code: string) => final.get(code)!, total: lines[lines.length - 1][3], finalTotal: lines[lines.length - 1][6] };
}

/** 12.34 as vi-VN writes it: 12,34 */
const vi = (n: string | number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(Number(n));

beforeAll(async () => {
  assertPrerequisites();
  t = await startTestApp({ clientDir: CLIENT_DIST });
  w = await buildWorld(t, smallFramework({ code: 'E2E-FIGURES' }));
  browser = await launch();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
});

describe('every figure agrees in the web client', () => {
  it('should show the same figures on the score sheet, the tree and the ranking for a unit with a RELATIVE leaf and N/A', async () => {
    await saveAll(w.tokens.leaderA, w.assessmentA, A);
    await saveAll(w.tokens.leaderB, w.assessmentB, B);

    // before the results: the RELATIVE leaf's 3 points are pending, named; N/A reads as such
    const leader = await page();
    await openAs(leader, t.url, w.tokens.leaderA, `/assessments/${w.assessmentA}/overview`);
    const summary = leader.locator('.summary');
    await summary.getByText('(+ tối đa 3 điểm chờ so sánh khi tính kết quả)').waitFor();
    expect(await summary.textContent()).toContain('/ 20 — 4,5 điểm không áp dụng');
    expect(await leader.getByTestId('progress-row-2.2.1').textContent()).toContain('Không áp dụng');
    expect(await leader.getByTestId('progress-row-2.2.1').textContent()).not.toMatch(/0\s*\/\s*4,5/);
    expect(await leader.getByTestId('progress-row-2.2.2').textContent()).toContain('(+ tối đa 3 điểm chờ so sánh khi tính kết quả)');

    // results computed: the RELATIVE leaf scores 3 × 10 / 20 = 1,5 everywhere, nothing pending
    await ok(t.url, `mutation($id:ID!){computeResults(periodId:$id){rank}}`, { id: w.periodId }, w.tokens.admin);
    const sheet = await scoreSheet(w.assessmentA);
    expect(Number(sheet.self('2.2.2'))).toBe(1.5);
    await leader.reload();
    await leader.getByTestId('who').waitFor();
    const total = leader.getByTestId('overview-total');
    await total.waitFor();
    expect(await total.textContent()).toBe(vi(sheet.total));
    expect(await summary.textContent()).not.toContain('chờ so sánh');
    expect(await summary.textContent()).toContain('/ 20 — 4,5 điểm không áp dụng');
    // the tree: every row as on the score sheet
    for (const code of ['1', '2', '2.2', '2.2.2', '1.5']) {
      expect([code, await leader.getByTestId(`progress-row-${code}`).getByTestId('points').textContent()]).toEqual([code, vi(sheet.self(code))]);
    }

    // the ranking (the admin's results page) says the same total over the same max
    const admin = await page();
    await openAs(admin, t.url, w.tokens.admin, `/periods/${w.periodId}/results`);
    const ranked = admin.getByTestId('ranking-total-Unit A');
    await ranked.waitFor();
    expect(await ranked.textContent()).toBe(vi(sheet.total));
    expect(await admin.getByTestId('ranking').textContent()).toContain(`${vi(sheet.total)} / 20`);

    // the period page: the same total, over the framework's max (not the applicable 15,5)
    await openAs(admin, t.url, w.tokens.admin, `/periods/${w.periodId}`);
    const row = admin.getByTestId('unit-Unit A');
    await row.waitFor();
    expect(await row.getByTestId('unit-self-total').textContent()).toBe(vi(sheet.total));
    expect(await row.textContent()).toContain('/ 20 — 4,5 điểm không áp dụng');
    expect(await row.textContent()).not.toContain('/ 15,5');

    // appraised as scored and finalized: the appraisal page shows every criterion's final score
    await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.leaderA);
    await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:APPRAISAL,acknowledgeIncomplete:true){phase}}`, { id: w.periodId }, w.tokens.admin);
    for (const [code, value] of Object.entries(A)) {
      const a = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: w.assessmentA }, w.tokens.admin)).assessment;
      const version = a.entries.find((e: any) => e.criterion.code === code).version;
      await ok(t.url, `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){seq}}`, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], expectedVersion: version, value } }, w.tokens.appraiser);
    }
    await ok(t.url, `mutation($id:ID!){finalizeAssessment(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.appraiser);
    const finalSheet = await scoreSheet(w.assessmentA);
    const appraiser = await page();
    await openAs(appraiser, t.url, w.tokens.appraiser, `/appraisal/${w.assessmentA}`);
    await appraiser.getByTestId('appraisal-progress').getByText('Đã chốt điểm: 10 tiêu chí').waitFor();
    expect(await appraiser.getByTestId('appraised-total').textContent()).toBe(vi(finalSheet.finalTotal));
    // (only A was appraised: its figure is the best appraised one)
    expect(await appraiser.getByTestId('nav-2.2.2').textContent()).toContain(`${vi(finalSheet.final('2.2.2'))} / 3`);
    expect(await appraiser.getByTestId('nav-1.3').textContent()).toContain(`${vi(finalSheet.final('1.3'))} / 3`);
    expect(await appraiser.getByTestId('nav-2.2.1').textContent()).toContain('Không áp dụng');
    for (const code of Object.keys(A)) expect([code, await appraiser.getByTestId(`nav-${code}`).textContent()]).not.toEqual([code, expect.stringContaining('–')]);
  });
  it('should compare two units criterion by criterion from the results page, with the figures of the API and what differs highlighted', async () => {
    const api = (
      await ok(t.url, `query($l:ID!,$r:ID!){compareAssessments(leftId:$l,rightId:$r){changed rows{code left{score} right{score} change}}}`, { l: w.assessmentA, r: w.assessmentB }, w.tokens.admin)
    ).compareAssessments;
    expect(api.changed).toBeGreaterThan(0);
    const admin = await page();
    await openAs(admin, t.url, w.tokens.admin, `/periods/${w.periodId}/results`);
    await admin.getByRole('button', { name: 'Unit A', exact: true }).click();
    await admin.getByLabel('So sánh với').selectOption({ label: 'Unit B' });
    const table = admin.getByTestId('comparison');
    await table.waitFor();
    expect(new URL(admin.url()).searchParams.get('right')).toBe(w.assessmentB);
    await admin.getByText(`${api.changed} trên ${api.rows.length} tiêu chí khác nhau`).waitFor();
    for (const r of api.rows) {
      const row = table.getByTestId(`compare-${r.code}`);
      const text = (await row.textContent())!;
      expect([r.code, text]).toEqual([r.code, expect.stringContaining(vi(r.left.score))]);
      expect([r.code, text]).toEqual([r.code, expect.stringContaining(vi(r.right.score))]);
      expect([r.code, await row.getAttribute('class')]).toEqual([r.code, r.change !== 0 ? 'changed' : '']);
    }
    // only what differs
    await admin.getByLabel('Chỉ hiện tiêu chí khác nhau').check();
    await table.locator('tbody tr.changed').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(api.changed + 1); // + the total row
  });
});
