import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, PASSWORD, type World } from '../helpers/world';
import { assertPrerequisites, CLIENT_DIST, launch, newContext, openAs, shot } from './browser';

/**
 * A council at work, in Chromium: the ADMIN gives unit A a council on the council page; a member
 * finds the unit under "my units", appraises a criterion and asks the unit a question that the
 * unit's workspace shows live and answers; the chair records an on-site inspection with a photo;
 * once every criterion is appraised, the chair signs the finalization.
 */
jest.setTimeout(180_000);

let t: TestApp;
let w: World;
let browser: Browser;
const contexts: BrowserContext[] = [];
const tokens: Record<'chair' | 'member', string> = { chair: '', member: '' };

const VALUES: Record<string, Record<string, unknown>> = {
  '1.1': { points: 2 }, '1.2': { met: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 9, denominator: 10 }, '1.5': { points: -0.5 },
  '2.1': { numerator: 1, denominator: 2 }, '2.2.1': { points: 4 }, '2.2.2': { figure: 10 }, '2.3': { points: 1.5 }, '2.4': { points: 1 },
};
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

async function page(): Promise<Page> {
  const context = await newContext(browser);
  contexts.push(context);
  return context.newPage();
}

const versionOf = async (code: string) =>
  (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: w.assessmentA }, w.tokens.admin)).assessment.entries.find((e: any) => e.criterion.code === code).version;

beforeAll(async () => {
  assertPrerequisites();
  t = await startTestApp({ clientDir: CLIENT_DIST });
  w = await buildWorld(t);
  for (const who of ['chair', 'member'] as const) {
    await ok(t.url, `mutation($i:CreateUserInput!){createUser(input:$i){id}}`, { i: { email: `${who}@test`, name: who === 'chair' ? 'Chủ tịch Hội đồng' : 'Thành viên Hội đồng', role: 'APPRAISER', unitId: null, password: PASSWORD } }, w.tokens.admin);
    tokens[who] = (await ok(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e: `${who}@test`, p: PASSWORD })).login.token;
  }
  for (const [code, value] of Object.entries(VALUES)) {
    await ok(t.url, `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], expectedVersion: await versionOf(code), value } }, w.tokens.staffA);
  }
  await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.leaderA);
  await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:APPRAISAL,acknowledgeIncomplete:true){phase}}`, { id: w.periodId }, w.tokens.admin);
  browser = await launch();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
});

describe('appraisal councils in the web client', () => {
  it('should let the ADMIN give a unit its council, with a chair', async () => {
    const admin = await page();
    await openAs(admin, t.url, w.tokens.admin, `/periods/${w.periodId}/council`);
    await admin.getByRole('heading', { name: 'Hội đồng thẩm định' }).waitFor();
    await admin.getByLabel('Unit A').check();
    await admin.getByLabel('Chủ tịch Hội đồng là thành viên').check();
    await admin.getByLabel('Chủ tịch Hội đồng là chủ tịch').check();
    await admin.getByLabel('Thành viên Hội đồng là thành viên').check();
    await admin.getByRole('button', { name: 'Giao hội đồng cho 1 đơn vị' }).click();
    await admin.getByText('Đã lưu hội đồng của 1 đơn vị.').waitFor();
    expect(await admin.getByTestId('councils').textContent()).toContain('Chủ tịch Hội đồng (Chủ tịch)');
    const seats = (await ok(t.url, `query($id:ID!){period(id:$id){council{chair user{email} unit{id}}}}`, { id: w.periodId }, w.tokens.admin)).period.council;
    expect(seats.map((s: any) => `${s.user.email}:${s.chair}`).sort()).toEqual(['chair@test:true', 'member@test:false']);
  });

  it('should let a council member appraise with a thread that the unit sees live and answers', async () => {
    const member = await page();
    await openAs(member, t.url, tokens.member, '/my-units');
    const mine = member.getByTestId('my-units');
    await mine.waitFor();
    expect(await mine.locator('tbody tr').count()).toBe(1);
    await mine.getByRole('link', { name: 'Unit A' }).click();
    await member.getByTestId('nav-2.3').click();
    await member.getByLabel('Điểm', { exact: true }).fill('1,25');
    await member.getByLabel('Nhận xét của hội đồng').fill('Chưa đủ minh chứng.');
    await member.getByRole('button', { name: 'Lưu', exact: true }).click();
    await member.getByTestId('save-state').getByText('Đã lưu').waitFor();

    const staff = await page();
    await openAs(staff, t.url, w.tokens.staffA, `/assessments/${w.assessmentA}?c=${w.criteria['2.3']}`);
    await staff.getByTestId('discussion').getByText('Chưa có trao đổi nào.').waitFor();

    const thread = member.getByTestId('discussion');
    await thread.getByLabel('Nội dung (gõ @ và địa chỉ thư để nhắc đến ai đó)').fill('Đề nghị bổ sung quyết định ban hành.');
    await thread.getByLabel('Nhắc đến', { exact: true }).selectOption({ label: 'leader.a@test' });
    await thread.getByRole('button', { name: 'Gửi' }).click();
    await thread.getByText('Đề nghị bổ sung quyết định ban hành.').waitFor();

    // the unit's workspace shows the question without a reload, and answers it
    const unitThread = staff.getByTestId('discussion');
    await unitThread.getByText('Đề nghị bổ sung quyết định ban hành.').waitFor();
    expect(await unitThread.textContent()).toContain('Nhắc đến: leader.a@test');
    await unitThread.getByLabel('Loại').selectOption({ label: 'Trả lời' });
    await unitThread.getByLabel('Nội dung (gõ @ và địa chỉ thư để nhắc đến ai đó)').fill('Đã bổ sung Quyết định 12/QĐ-UBND.');
    await unitThread.getByRole('button', { name: 'Gửi' }).click();
    await thread.getByText('Đã bổ sung Quyết định 12/QĐ-UBND.').waitFor();
    await shot(member, 'council-thread');
  });

  it('should let the chair record an on-site inspection with a photo', async () => {
    const chair = await page();
    await openAs(chair, t.url, tokens.chair, `/appraisal/${w.assessmentA}`);
    const panel = chair.getByTestId('inspections');
    await panel.getByRole('button', { name: 'Ghi biên bản kiểm tra' }).click();
    await panel.getByLabel('Ngày kiểm tra').fill('2025-11-20');
    await panel.getByLabel('Địa điểm').fill('Bộ phận một cửa UBND huyện');
    await panel.getByLabel('Chủ tịch Hội đồng').check();
    await panel.getByLabel('leader.a@test').check();
    await panel.getByLabel('Tiêu chí', { exact: true }).selectOption({ label: '1.3 Tiers' });
    await panel.getByLabel('Kết quả kiểm tra').fill('Tường lửa chưa bật trên 2 máy.');
    await panel.getByLabel('Ảnh, tệp minh chứng').setInputFiles({ name: 'mot-cua.png', mimeType: 'image/png', buffer: PNG });
    await panel.getByRole('button', { name: 'Lưu biên bản' }).click();
    const recorded = panel.getByTestId('inspection');
    await recorded.getByRole('button', { name: 'mot-cua.png' }).waitFor();
    expect(await recorded.textContent()).toContain('Tường lửa chưa bật trên 2 máy.');
    const saved = (await ok(t.url, `query($id:ID!){assessment(id:$id){inspections{place members{email} findings{code} files{name size}}}}`, { id: w.assessmentA }, w.tokens.leaderA)).assessment.inspections;
    expect(saved).toEqual([{ place: 'Bộ phận một cửa UBND huyện', members: expect.arrayContaining([{ email: 'chair@test' }, { email: 'leader.a@test' }]), findings: [{ code: '1.3' }], files: [{ name: 'mot-cua.png', size: PNG.length }] }]);
    await shot(chair, 'inspection');
  });

  it('should let the chair sign the finalization once every criterion is appraised', async () => {
    for (const [code, value] of Object.entries(VALUES)) {
      await ok(t.url, `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){entry{version}}}`, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], expectedVersion: await versionOf(code), value } }, tokens.chair);
    }
    const chair = await page();
    await openAs(chair, t.url, tokens.chair, `/appraisal/${w.assessmentA}`);
    const panel = chair.getByTestId('finalization');
    await panel.getByText('Chưa ký.').waitFor();
    // the member sees no signing button: only the chair signs
    const member = await page();
    await openAs(member, t.url, tokens.member, `/appraisal/${w.assessmentA}`);
    await member.getByTestId('finalization').getByText('Chưa ký.').waitFor();
    expect(await member.getByRole('button', { name: 'Ký xác nhận hoàn thành' }).count()).toBe(0);

    await panel.getByRole('button', { name: 'Ký xác nhận hoàn thành' }).click();
    await chair.getByRole('alertdialog').getByRole('button', { name: 'Ký xác nhận hoàn thành' }).click();
    await panel.getByTestId('signature').getByText('khớp với số liệu hiện tại').waitFor();
    expect(await panel.getByTestId('signature').textContent()).toContain('Chủ tịch Hội đồng đã ký');
    await chair.getByTestId('assessment-status').getByText('Đã chốt điểm').waitFor();
    const a = (await ok(t.url, `query($id:ID!){assessment(id:$id){status signature{valid signedBy{email}}}}`, { id: w.assessmentA }, w.tokens.admin)).assessment;
    expect(a).toEqual({ status: 'FINAL', signature: { valid: true, signedBy: { email: 'chair@test' } } });
    await shot(chair, 'signed-finalization');
  });
});
