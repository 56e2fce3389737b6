import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, smallFramework, type World } from '../helpers/world';
import { assertPrerequisites, CLIENT_DIST, go, launch, newContext, openAs, shot } from './browser';

/**
 * Every page of the web client on a phone (390 × 844, touch), as every role that may open it:
 * the page never scrolls sideways (wide tables scroll inside their own box), the workspace's
 * criteria tree is a drawer reached with one thumb, and its main buttons are at least 44 px tall.
 * Saves the README's phone screenshots.
 */
jest.setTimeout(240_000);

const PHONE = { width: 390, height: 844 };
type Role = 'ADMIN' | 'LEADER' | 'STAFF' | 'APPRAISER' | 'VIEWER';

let t: TestApp;
let w: World;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** The period whose results are published (2024), beside the world's period in self-assessment. */
let published: { periodId: string; assessmentA: string };
let appraiserToken: string;

/**
 * What a phone must hold in real life: the test framework with the long Vietnamese titles of a
 * real criteria set, and long unbreakable URLs in guidance, evidence and comments.
 */
const LONG_URL = 'https://dichvucong.example.gov.vn/p/home/dvc-thong-ke-bao-cao-tinh-hinh-giai-quyet-ho-so-thu-tuc-hanh-chinh.html?maDonVi=000-00-00-H41&nam=2025';
const TITLES: Record<string, string> = {
  '1': 'Hạ tầng kỹ thuật và nguồn nhân lực phục vụ chính quyền điện tử',
  '1.1': 'Tỷ lệ cán bộ, công chức được trang bị máy tính kết nối mạng nội bộ và Internet',
  '1.2': 'Triển khai đồng bộ tường lửa và phần mềm phòng, chống mã độc',
  '1.3': 'Mức độ kết nối mạng truyền số liệu chuyên dùng đến các phòng, ban chuyên môn',
  '1.4': 'Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn trên Hệ thống thông tin giải quyết thủ tục hành chính',
  '1.5': 'Để xảy ra sự cố mất an toàn thông tin mạng trong năm đánh giá',
  '2': 'Ứng dụng công nghệ thông tin trong hoạt động và cung cấp dịch vụ công trực tuyến',
  '2.1': 'Tỷ lệ văn bản đi được ký số và gửi nhận hoàn toàn dưới dạng điện tử',
  '2.2': 'Cung cấp dịch vụ công trực tuyến toàn trình và một phần',
  '2.2.1': 'Tỷ lệ thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình',
  '2.2.2': 'Số hồ sơ trực tuyến được tiếp nhận trên Cổng dịch vụ công quốc gia (so với đơn vị cao nhất)',
  '2.3': 'Cập nhật, công khai thông tin trên Cổng thông tin điện tử của đơn vị theo quy định',
  '2.4': 'Sáng kiến, mô hình chuyển đổi số được cấp có thẩm quyền công nhận',
};
const TIERS: Record<string, string> = { Full: 'Kết nối đến tất cả phòng, ban chuyên môn', Partial: 'Kết nối đến một phần phòng, ban', None: 'Chưa kết nối' };
function realisticFramework(): Record<string, unknown> {
  const retitle = (c: any): any => ({
    ...c,
    title: TITLES[c.code],
    ...(c.code === '1.4' ? { guidance: `Số liệu lấy tự động từ Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh: ${LONG_URL}` } : {}),
    ...(c.tiers ? { tiers: c.tiers.map((tier: any) => ({ ...tier, label: TIERS[tier.label] })) } : {}),
    ...(c.children ? { children: c.children.map(retitle) } : {}),
  });
  const fw = smallFramework({ name: 'Bộ chỉ số đánh giá mức độ chính quyền điện tử cấp huyện năm 2025' }) as any;
  return { ...fw, criteria: fw.criteria.map(retitle) };
}
const UNIT_NAMES = { A: 'Ủy ban nhân dân huyện Nghĩa Hưng', B: 'Ủy ban nhân dân thị xã Hoàng Mai' };

const VALUES: Record<string, Record<string, unknown>> = {
  '1.1': { points: 2 }, '1.2': { met: true }, '1.3': { tier: TIERS.Full }, '1.4': { numerator: 9, denominator: 10 }, '1.5': { points: -0.5 },
  '2.1': { numerator: 1, denominator: 2 }, '2.2.1': { points: 4 }, '2.2.2': { figure: 10 }, '2.3': { points: 1.5 }, '2.4': { points: 1 },
};

/** One page of the app: where it is and the heading that says it has loaded. */
interface Visit {
  path: string;
  heading: string;
}

/** Every route of client/src/app/App.tsx, for each role that may open it. */
function visitsOf(role: Role): Visit[] {
  const p1 = w.periodId;
  const p2 = published.periodId;
  const common: Visit[] = [
    { path: '/periods', heading: '#periods-title' },
    { path: `/periods/${p1}`, heading: '#period-title' },
    { path: `/periods/${p2}/results`, heading: '#results-title' },
    { path: '/notifications/settings', heading: '#prefs-title' },
    { path: '/frameworks', heading: '#fw-title' },
    { path: `/frameworks/${w.frameworkId}`, heading: '#fwd-title' },
  ];
  // criterion 1.4: the longest title, guidance, evidence and thread
  const c14 = `?c=${w.criteria['1.4']}`;
  const unit = (a: string): Visit[] => [
    { path: `/assessments/${a}${c14}`, heading: '#ws-title' },
    { path: `/assessments/${a}/overview`, heading: '#ov-title' },
  ];
  const appraisal: Visit = { path: `/appraisal/${published.assessmentA}${c14}`, heading: '#ap-title' };
  // unit A in the two periods, criterion by criterion
  const compare: Visit = { path: `/compare?left=${published.assessmentA}&right=${w.assessmentA}`, heading: '#compare-title' };
  switch (role) {
    case 'STAFF':
    case 'LEADER':
      return [{ path: '/my', heading: '#my-title' }, ...unit(w.assessmentA), ...common, compare];
    case 'ADMIN':
      return [...common, ...unit(w.assessmentA), appraisal, compare, { path: `/periods/${p1}/council`, heading: '#council-title' }, { path: '/admin/people', heading: '#people-title' }];
    case 'APPRAISER':
      return [{ path: '/my-units', heading: '#myunits-title' }, ...common, ...unit(published.assessmentA), appraisal];
    case 'VIEWER':
      return [...common, ...unit(w.assessmentA), appraisal, compare];
  }
}

/**
 * Whether the page scrolls sideways, and if so what sticks out: the elements whose right edge is
 * past the screen and that no scrolling box of their own holds, widest first. The screen is the
 * layout viewport (`clientWidth`, 390 px): a mobile browser widens `innerWidth` to whatever
 * overflows and zooms out to fit it, so `innerWidth` alone would hide the very overflow looked for
 * (it must stay the screen's width too). Also what a box that hides its overflow cuts off on the
 * right (a squeezed language switch loses a button without any scrolling), leaving out the
 * visually hidden (`sr-only`, 1 px) boxes that hold text for screen readers.
 */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; screen: number; culprits: string[]; cut: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const screen = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const name = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const testId = el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${testId} "${text}"`;
    };
    /** The nearest ancestor that scrolls or clips sideways. */
    const box = (el: Element): { el: Element; scrolls: boolean } | null => {
      for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll') return { el: p, scrolls: true };
        if (o === 'hidden' || o === 'clip') return { el: p, scrolls: false };
      }
      return null;
    };
    const all = [...document.body.querySelectorAll('*')]
      .filter((el) => getComputedStyle(el).position !== 'fixed')
      .map((el) => ({ el, rect: el.getBoundingClientRect(), box: box(el) }))
      .filter(({ rect }) => rect.width > 1 && rect.height > 1);
    const culprits = all
      .filter(({ rect, box }) => rect.right > screen + 0.5 && !box)
      .sort((a, b) => b.rect.right - a.rect.right)
      .slice(0, 5)
      .map(({ el, rect }) => `${name(el)} reaches ${Math.round(rect.right)} px`);
    const cut = all.flatMap(({ el, rect, box }) => {
      if (!box || box.scrolls) return [];
      const edge = box.el.getBoundingClientRect();
      return edge.width > 1 && edge.height > 1 && rect.right > edge.right + 1 ? [`${name(el)} cut off at ${Math.round(edge.right)} px by ${name(box.el)}`] : [];
    });
    return { scrollWidth, innerWidth, screen, culprits, cut: cut.slice(0, 5) };
  });
}

/** What is wrong with the page at 390 px, or null: named by page and role for the failure message. */
async function sideways(page: Page, where: string): Promise<string | null> {
  const o = await overflow(page);
  const problems: string[] = [];
  if (o.scrollWidth > o.innerWidth || o.innerWidth > o.screen) {
    problems.push(`the page is ${o.scrollWidth} px wide (innerWidth ${o.innerWidth}) on a ${o.screen} px screen; widest: ${o.culprits.join('; ') || '(none found outside scrolling boxes)'}`);
  }
  if (o.cut.length) problems.push(`cut off: ${o.cut.join('; ')}`);
  return problems.length ? `${where}: ${problems.join('; ')}` : null;
}

/**
 * The buttons, fields and labelled choices under 44 px tall on a touch screen (WCAG 2.5.5), named
 * for the failure message; links within text are exempt, as WCAG has them (a notification's link is not).
 */
async function smallTargets(page: Page, where: string): Promise<string | null> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button, select, textarea, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), a.button, label.check, .choice, .bell-list a')]
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && rect.height > 0 && rect.height < 43.5)
      .slice(0, 5)
      .map(({ el, rect }) => `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(rect.height)} px`),
  );
  return small.length ? `${where}: touch targets under 44 px: ${small.join('; ')}` : null;
}

/** Waits for the page's own heading, then for what it loads after it (no request for half a second). */
async function ready(page: Page, heading: string): Promise<void> {
  await page.locator(heading).waitFor();
  await page.waitForLoadState('networkidle');
}

async function phone(): Promise<Page> {
  const context = await newContext(browser, PHONE, { isMobile: true, hasTouch: true });
  contexts.push(context);
  return context.newPage();
}

async function closeContexts(): Promise<void> {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
}

/** Opens every page of the role on a phone and lists each one that scrolls sideways or has small touch targets. */
async function visitAll(role: Role, token: string): Promise<string[]> {
  const page = await phone();
  const [first, ...rest] = visitsOf(role);
  const problems: string[] = [];
  await openAs(page, t.url, token, first.path);
  for (const v of [first, ...rest]) {
    if (v !== first) await go(page, `${t.url}${v.path}`);
    await ready(page, v.heading);
    for (const problem of [await sideways(page, `${v.path} as ${role}`), await smallTargets(page, `${v.path} as ${role}`)]) if (problem) problems.push(problem);
  }
  return problems;
}

const versions = async (assessmentId: string, token: string): Promise<Record<string, number>> =>
  Object.fromEntries(
    (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: assessmentId }, token)).assessment.entries.map((e: any) => [e.criterion.code, e.version]),
  );

/** A 2024 period of units A and B, scored, appraised, finalized and published. */
async function publishedPeriod(): Promise<{ periodId: string; assessmentA: string }> {
  const phase = `mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:true){phase}}`;
  const period = (
    await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id unit{id}}}}`, { i: { name: 'Đánh giá mức độ chính quyền điện tử năm 2024', frameworkId: w.frameworkId, year: 2024, unitIds: [w.units.A, w.units.B] } }, w.tokens.admin)
  ).createPeriod;
  await ok(t.url, phase, { id: period.id, p: 'SELF_ASSESSMENT' }, w.tokens.admin);
  const units = [
    { id: period.assessments.find((a: any) => a.unit.id === w.units.A).id as string, leader: w.tokens.leaderA },
    { id: period.assessments.find((a: any) => a.unit.id === w.units.B).id as string, leader: w.tokens.leaderB },
  ];
  for (const u of units) {
    const v = await versions(u.id, u.leader);
    for (const [code, value] of Object.entries(VALUES)) {
      await ok(t.url, `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`, { i: { assessmentId: u.id, criterionId: w.criteria[code], expectedVersion: v[code], value } }, u.leader);
    }
    await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: u.id }, u.leader);
  }
  await ok(t.url, phase, { id: period.id, p: 'APPRAISAL' }, w.tokens.admin);
  for (const [n, u] of units.entries()) {
    const v = await versions(u.id, w.tokens.appraiser);
    for (const [code, value] of Object.entries(VALUES)) {
      const appraised = n === 1 && code === '1.3' ? { tier: TIERS.Partial } : value;
      const comment = code === '1.4' ? `Đối chiếu với báo cáo tại ${LONG_URL}: số liệu khớp.` : null;
      await ok(t.url, `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){entry{version}}}`, { i: { assessmentId: u.id, criterionId: w.criteria[code], expectedVersion: v[code], value: appraised, comment } }, w.tokens.appraiser);
    }
    await ok(t.url, `mutation($id:ID!){finalizeAssessment(assessmentId:$id){status}}`, { id: u.id }, w.tokens.appraiser);
  }
  await ok(t.url, phase, { id: period.id, p: 'FINALIZED' }, w.tokens.admin);
  await ok(t.url, `mutation($id:ID!){computeResults(periodId:$id){total}}`, { id: period.id }, w.tokens.admin);
  await ok(t.url, `mutation($id:ID!){publishResults(periodId:$id,acknowledgeIncomplete:true){phase}}`, { id: period.id }, w.tokens.admin);
  return { periodId: period.id, assessmentA: units[0].id };
}

beforeAll(async () => {
  assertPrerequisites();
  t = await startTestApp({ clientDir: CLIENT_DIST });
  w = await buildWorld(t, realisticFramework());
  appraiserToken = w.tokens.appraiser;
  for (const u of ['A', 'B'] as const) await ok(t.url, `mutation($id:ID!,$i:UpdateUnitInput!){updateUnit(id:$id,input:$i){id}}`, { id: w.units[u], i: { name: UNIT_NAMES[u] } }, w.tokens.admin);
  await ok(t.url, `mutation($id:ID!,$i:UpdatePeriodInput!){updatePeriod(id:$id,input:$i){id}}`, { id: w.periodId, i: { name: 'Đánh giá mức độ chính quyền điện tử năm 2025' } }, w.tokens.admin);
  await ok(t.url, `mutation($id:ID!,$i:UpdateUserInput!){updateUser(id:$id,input:$i){id}}`, { id: w.userIds.staffA, i: { name: 'Nguyễn Thị Phương Thảo (Phòng Văn hóa và Thông tin)' } }, w.tokens.admin);
  // unit A's criterion 1.4: evidence and a question that carry long links
  const on14 = { assessmentId: w.assessmentA, criterionId: w.criteria['1.4'] };
  await ok(t.url, `mutation($i:AttachEvidenceLinkInput!){attachEvidenceLink(input:$i){id}}`, { i: { ...on14, url: LONG_URL } }, w.tokens.staffA);
  await ok(t.url, `mutation($i:PostCommentInput!){postComment(input:$i){id}}`, { i: { ...on14, kind: 'QUESTION', body: `Số liệu quý IV đã cập nhật chưa? Xem ${LONG_URL}` } }, w.tokens.leaderA);
  published = await publishedPeriod();
  // the appraiser sits on unit A's council of the open period: "my units" lists it
  const appraiserId = (await ok(t.url, `{users{id email}}`, {}, w.tokens.admin)).users.find((u: any) => u.email === 'appraiser@test').id;
  await ok(t.url, `mutation($i:AssignAppraisersInput!){assignAppraisers(input:$i){id}}`, { i: { periodId: w.periodId, unitIds: [w.units.A], members: [{ userId: appraiserId, chair: true }] } }, w.tokens.admin);
  browser = await launch();
});

afterEach(closeContexts);

afterAll(async () => {
  await closeContexts();
  await browser?.close().catch(() => undefined);
  await t?.close();
});

describe('the web client on a phone (390 × 844)', () => {
  it('should fit the sign-in page and every page of a STAFF member to the screen with 44 px touch targets', async () => {
    const page = await phone();
    await go(page, t.url);
    await ready(page, '#signin-title');
    expect([await sideways(page, 'sign-in'), await smallTargets(page, 'sign-in')].filter(Boolean)).toEqual([]);
    await closeContexts();
    expect(await visitAll('STAFF', w.tokens.staffA)).toEqual([]);
  });

  it('should fit every page of a LEADER to the screen with 44 px touch targets', async () => {
    expect(await visitAll('LEADER', w.tokens.leaderA)).toEqual([]);
  });

  it('should fit every page of an ADMIN to the screen with 44 px touch targets', async () => {
    expect(await visitAll('ADMIN', w.tokens.admin)).toEqual([]);
  });

  it('should fit every page of an APPRAISER to the screen with 44 px touch targets', async () => {
    expect(await visitAll('APPRAISER', appraiserToken)).toEqual([]);
  });

  it('should fit every page of a VIEWER to the screen with 44 px touch targets', async () => {
    expect(await visitAll('VIEWER', w.tokens.viewer)).toEqual([]);
  });

  it('should let a STAFF member score with one thumb: the tree as a drawer, 44 px buttons, the bell panel on the screen', async () => {
    const page = await phone();
    await openAs(page, t.url, w.tokens.staffA, '/my');
    await ready(page, '#my-title');
    await shot(page, 'phone-my-criteria');

    await go(page, `${t.url}/assessments/${w.assessmentA}?c=${w.criteria['1.4']}`);
    await ready(page, '#ws-title');
    const save = page.getByRole('button', { name: 'Lưu', exact: true });
    const drawer = page.getByRole('button', { name: /^Chọn tiêu chí/ });
    for (const [what, button] of [['save', save], ['the drawer button', drawer]] as const) {
      const box = await button.boundingBox();
      expect({ what, tall: (box?.height ?? 0) >= 44 }).toEqual({ what, tall: true });
    }
    expect(await drawer.textContent()).toContain('1.4');
    await page.getByLabel('Tử số').fill('912');
    await page.getByLabel('Mẫu số').fill('1000');
    const rate = page.getByTestId('ratio-rate');
    await rate.getByText('91,2%').waitFor();
    await rate.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, 'phone-workspace');

    // the tree slides up over the editor; choosing a criterion closes it and opens that criterion
    await drawer.click();
    const tree = page.getByTestId('nav-2.3');
    await tree.waitFor();
    expect(await sideways(page, 'the workspace with its criteria drawer open')).toBeNull();
    expect(await smallTargets(page, 'the criteria drawer')).toBeNull();
    await shot(page, 'phone-criteria-drawer');
    await tree.click();
    await tree.waitFor({ state: 'hidden' });
    expect(await drawer.textContent()).toContain('2.3');

    // the bell's panel, over the page
    await page.getByTestId('bell').click();
    await page.getByTestId('bell-panel').waitFor();
    expect(await sideways(page, 'the workspace with the notification panel open')).toBeNull();
    expect(await smallTargets(page, 'the notification panel')).toBeNull();
    const panel = await page.getByTestId('bell-panel').boundingBox();
    expect(panel!.x >= 0 && panel!.x + panel!.width <= PHONE.width).toBe(true);
  });

  it('should show the published results on a phone, the ranking scrolling inside its own box', async () => {
    const page = await phone();
    await openAs(page, t.url, w.tokens.viewer, `/periods/${published.periodId}/results`);
    await ready(page, '#results-title');
    const ranking = page.getByTestId('ranking');
    await ranking.waitFor();
    expect(await sideways(page, 'results')).toBeNull();
    await ranking.getByRole('button', { name: UNIT_NAMES.B }).click();
    await page.getByTestId('group-chart').waitFor();
    expect(await sideways(page, 'results with a unit chosen')).toBeNull();
    await shot(page, 'phone-results');
  });
});
