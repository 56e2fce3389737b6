/**
 * A whole yearly cycle through the API, as the province runs it: import a framework, publish it,
 * open a period for 19 districts, every district scores itself (staff, on what the leader
 * assigned) and submits, the council appraises, returns three districts for explanation, they
 * explain, the council appraises again, finalizes, and the results are published — compared with
 * totals, indices, ranks, bands and the change against last year worked out by hand below.
 */
import { Role } from '../../server/src/modules/user/user.entity';
import { UserService } from '../../server/src/modules/user/user.service';
import type { Em } from '../../server/src/orm';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';

const PASSWORD = 'password-123';
/** A step takes 1–20 s; the generous limit only keeps a heavily loaded machine from failing it. */
const STEP_MS = 240_000;

/**
 * 100 points, N/A RESCALE. Group 1 (40): 1.1 RELATIVE 10 (the unit's figure against the best of
 * the period), 1.2 TIERS 20 (Full 100 %, Partial 50 %, None 0 %; may be N/A), 1.3 BOOLEAN 10,
 * 1.4 DEDUCTION 5. Group 2 (60): 2.1 MANUAL 30 on a 0.5 step, 2.2 RATIO 30, 2.3 BONUS 5.
 */
const framework = (year: number) => ({
  code: 'CQDT-HUYEN',
  name: 'Đánh giá Chính quyền điện tử cấp huyện',
  year,
  unitKind: 'DISTRICT',
  notApplicable: 'RESCALE',
  bands: [
    { label: 'A', minPercent: 90 },
    { label: 'B', minPercent: 80 },
    { label: 'C', minPercent: 65 },
    { label: 'D', minPercent: 0 },
  ],
  criteria: [
    {
      code: '1', title: 'Hạ tầng và nền tảng', maxScore: 40, children: [
        { code: '1.1', title: 'Số hồ sơ trực tuyến toàn trình', maxScore: 10, method: 'RELATIVE' },
        { code: '1.2', title: 'Trung tâm dữ liệu', maxScore: 20, method: 'TIERS', allowNotApplicable: true,
          tiers: [{ label: 'Full', share: 1 }, { label: 'Partial', share: 0.5 }, { label: 'None', share: 0 }] },
        { code: '1.3', title: 'Hệ thống quản lý văn bản liên thông', maxScore: 10, method: 'BOOLEAN' },
        { code: '1.4', title: 'Sự cố an toàn thông tin', maxScore: 5, method: 'DEDUCTION' },
      ],
    },
    {
      code: '2', title: 'Dịch vụ công trực tuyến', maxScore: 60, children: [
        { code: '2.1', title: 'Mức độ cung cấp dịch vụ công', maxScore: 30, method: 'MANUAL', step: 0.5 },
        { code: '2.2', title: 'Tỷ lệ hồ sơ giải quyết đúng hạn', maxScore: 30, method: 'RATIO' },
        { code: '2.3', title: 'Sáng kiến chuyển đổi số', maxScore: 5, method: 'BONUS' },
      ],
    },
  ],
});

/** One district's input: 1.1 figure, 1.2 tier ('NA' = not applicable), 1.3 met, 1.4 points, 2.1 points, 2.2 numerator/denominator, 2.3 points. */
type Input = [figure: number, tier: string, met: boolean, deduction: number, points: number, numerator: number, denominator: number, bonus: number];

const SELF: Record<string, Input> = {
  H01: [100, 'Full', true, 0, 26, 85, 100, 3],
  H02: [90, 'Full', true, 0, 24, 80, 100, 2],
  H03: [120, 'Partial', true, -1, 25, 80, 100, 3],
  H04: [60, 'Full', false, 0, 27.5, 1, 1, 5],
  H05: [80, 'NA', true, 0, 20, 70, 100, 2],
  H06: [110, 'Full', true, -2.5, 22, 88, 100, 5],
  H07: [70, 'Partial', true, 0, 15, 60, 100, 0],
  H08: [70, 'Partial', false, 0, 25, 60, 100, 0],
  H09: [50, 'None', true, 0, 22, 45, 90, 1],
  H10: [80, 'Full', true, 0, 21, 75, 100, 1],
  H11: [40, 'Partial', false, -1, 15, 30, 100, 0],
  H12: [95, 'NA', true, 0, 18.5, 3, 4, 1],
  H13: [105, 'Full', true, 0, 28, 100, 100, 5],
  H14: [65, 'None', false, -5, 10, 20, 100, 0],
  H15: [85, 'Full', true, -2.5, 27, 85, 100, 3],
  H16: [75, 'Partial', true, 0, 23.5, 2, 3, 2],
  H17: [30, 'None', true, 0, 12, 50, 100, 0],
  H18: [100, 'Full', true, 0, 25, 75, 100, 4],
  H19: [55, 'Partial', false, 0, 19, 66, 100, 1],
};
/** Round 1: the council agrees with the self input except for these leaves. */
const ROUND1: Record<string, Record<string, object>> = {
  H02: { '2.1': { points: 26 } },
  H03: { '2.1': { points: 10 } },
  H04: { '1.2': { tier: 'Partial' } },
  H06: { '2.3': { points: 2 } },
  H09: { '2.2': { numerator: 40, denominator: 90 } },
  H10: { '1.1': { figure: 70 } },
  H12: { '1.2': { tier: 'Partial' } }, // not N/A after all: the max is 100 again
  H15: { '1.4': { points: -5 } },
  H18: { '1.3': { met: false } },
};
/** Returned for explanation: H03, H10, H15. Round 2 accepts H03's and H10's explanations (H10's figure 130 is now the best). */
const RETURNED = ['H03', 'H10', 'H15'];
const EXPLANATIONS: Record<string, [string, string]> = {
  H03: ['2.1', 'Đã cung cấp 25 dịch vụ toàn trình, danh mục kèm theo'],
  H10: ['1.1', 'Số liệu đúng là 130 nghìn hồ sơ theo hệ thống một cửa'],
  H15: ['1.4', 'Sự cố đã khắc phục trong ngày'],
};
const ROUND2: Record<string, Record<string, object>> = {
  H03: { '2.1': { points: 25 } },
  H10: { '1.1': { figure: 130 } },
};
/** Last year (2024, version 1 of the same code): ten districts, self scores of 2.1 and 1.3 only; total = points + (met ? 10 : 0). */
const PREVIOUS: Record<string, [points: number, met: boolean]> = {
  H01: [20, true], H02: [25, true], H03: [15, false], H04: [28, true], H05: [22, true],
  H06: [30, false], H07: [18, true], H08: [24, true], H09: [12, false], H10: [25, true],
};
// → H04 38 (1); H02 35, H10 35 (2, tied); H08 34 (4); H05 32 (5); H01 30, H06 30 (6, tied); H07 28 (8); H03 15 (9); H09 12 (10)

/**
 * The published results, by hand. Best figure of 1.1: self 120 (H03); every appraised figure
 * (round 1 and final alike) is scored against the best latest appraised figure, 130 (H10's
 * round 2). Leaf scores are rounded once, then summed; groups are capped; RESCALE divides
 * by the applicable max. Examples:
 * - H01 final: 1.1 = 10 × 100 / 130 = 7.692… → 7.69; group 1 = 7.69 + 20 + 10 + 0 = 37.69;
 *   group 2 = min(26 + 30 × 85 % = 25.5, 60) + 3 = 54.50; total 92.19; index 0.922 → A.
 *   Self (best 120): 1.1 = 10 × 100 / 120 = 8.333… → 8.33; group 1 = 38.33; total 38.33 + 54.50 = 92.83.
 * - H05 (1.2 N/A): applicable max 80. Final 1.1 = 10 × 80 / 130 = 6.15; group 1 = min(6.15 + 10, 20) = 16.15;
 *   group 2 = 20 + 21 + 2 = 43; (16.15 + 43) × 100 / 80 = 73.9375 → 73.94.
 * - H13: group 1 = 10 × 105 / 130 = 8.08 + 30 = 38.08; group 2 = min(28 + 30, 60) + 5 = 63; total 101.08, not
 *   capped (the bonus lifts it above the framework's 100; the index is capped at 1), round 1 the
 *   same; self (best 120): 1.1 = 8.75, 38.75 + 63 = 101.75.
 * - H14: group 1 = max(0, 5 + 0 + 0 − 5) = 0 (1.1 = 10 × 65 / 130 = 5).
 * - H07 and H08 tie at 58.38 (H07 has 1.3 met and 2.1 = 15; H08 the opposite and 2.1 = 25): both 13th, H19 15th.
 * - H10: round 1 figure 70 → 1.1 = 10 × 70 / 130 = 5.38, total 79.88; round 2 figure 130 → 10, total 84.50.
 * - Changes: H01 92.19 − 30 = 62.19, rank 6 → 2 (+4); H04 77.12 − 38 = 39.12, rank 1 → 9 (−8).
 * Columns: unit, self, round 1, final, index, rank, band, group 1 final, its rank, group 2 final,
 * its rank, previous total, previous rank, total change, rank change.
 */
type Row = [string, number, number, number, number, number, string, number, number, number, number, number | null, number | null, number | null, number | null];
const EXPECTED: Row[] = [
  ['H13', 101.75, 101.08, 101.08, 1.0, 1, 'A', 38.08, 2, 63.0, 1, null, null, null, null],
  ['H01', 92.83, 92.19, 92.19, 0.922, 2, 'A', 37.69, 3, 54.5, 4, 30.0, 6, 62.19, 4],
  ['H02', 87.5, 88.92, 88.92, 0.889, 3, 'B', 36.92, 4, 52.0, 5, 35.0, 2, 53.92, -1],
  ['H15', 90.08, 87.04, 87.04, 0.87, 4, 'B', 31.54, 6, 55.5, 3, null, null, null, null],
  ['H06', 90.07, 86.36, 86.36, 0.864, 5, 'B', 35.96, 5, 50.4, 8, 30.0, 6, 56.36, 1],
  ['H10', 81.17, 79.88, 84.5, 0.845, 6, 'B', 40.0, 1, 44.5, 10, 35.0, 2, 49.5, -4],
  ['H03', 81.0, 65.23, 80.23, 0.802, 7, 'B', 28.23, 7, 52.0, 5, 15.0, 9, 65.23, 2],
  ['H18', 89.83, 79.19, 79.19, 0.792, 8, 'C', 27.69, 8, 51.5, 7, null, null, null, null],
  ['H04', 87.5, 77.12, 77.12, 0.771, 9, 'C', 14.62, 14, 62.5, 2, 38.0, 1, 39.12, -8],
  ['H05', 74.59, 73.94, 73.94, 0.739, 10, 'C', 16.15, 12, 43.0, 11, 32.0, 5, 41.94, -5],
  ['H16', 71.75, 71.27, 71.27, 0.713, 11, 'C', 25.77, 10, 45.5, 9, null, null, null, null],
  ['H12', 74.9, 69.31, 69.31, 0.693, 12, 'C', 27.31, 9, 42.0, 13, null, null, null, null],
  ['H07', 58.83, 58.38, 58.38, 0.584, 13, 'D', 25.38, 11, 33.0, 16, 28.0, 8, 30.38, -5],
  ['H08', 58.83, 58.38, 58.38, 0.584, 13, 'D', 15.38, 13, 43.0, 11, 34.0, 4, 24.38, -9],
  ['H19', 54.38, 54.03, 54.03, 0.54, 15, 'D', 14.23, 15, 39.8, 14, null, null, null, null],
  ['H09', 52.17, 50.18, 50.18, 0.502, 16, 'D', 13.85, 16, 36.33, 15, 12.0, 10, 38.18, -6],
  ['H17', 39.5, 39.31, 39.31, 0.393, 17, 'D', 12.31, 17, 27.0, 17, null, null, null, null],
  ['H11', 36.33, 36.08, 36.08, 0.361, 18, 'D', 12.08, 18, 24.0, 18, null, null, null, null],
  ['H14', 16.42, 16.0, 16.0, 0.16, 19, 'D', 0.0, 19, 16.0, 19, null, null, null, null],
];

const LEAVES = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3'];
function values([figure, tier, met, deduction, points, numerator, denominator, bonus]: Input): Record<string, object> {
  return {
    '1.1': { figure },
    '1.2': tier === 'NA' ? { notApplicable: true } : { tier },
    '1.3': { met },
    '1.4': { points: deduction },
    '2.1': { points },
    '2.2': { numerator, denominator },
    '2.3': { points: bonus },
  };
}

describe('a full yearly cycle for 19 districts', () => {
  let t: TestApp;
  let admin: string;
  let appraiser: string;
  const codes = Object.keys(SELF);
  const unitId: Record<string, string> = {};
  const leader: Record<string, string> = {};
  const staff: Record<string, string> = {};
  const staffId: Record<string, string> = {};
  const call = (token: string, query: string, variables: Record<string, unknown> = {}) => ok(t.url, query, variables, token);
  const login = async (email: string) => (await ok(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e: email, p: PASSWORD })).login.token as string;
  const phase = (periodId: string, p: string) => call(admin, `mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:true){phase}}`, { id: periodId, p });
  /**
   * Runs one async step per district, four districts at a time: people of several districts work
   * at once, and a loaded test machine stays below the database pool (10 connections).
   */
  const each = async (fn: (code: string) => Promise<unknown>, list = codes) => {
    const queue = [...list];
    await Promise.all(Array.from({ length: Math.min(4, queue.length) }, async () => {
      for (let code = queue.shift(); code !== undefined; code = queue.shift()) await fn(code);
    }));
  };

  /** Imports and publishes a framework version; returns its id and criterion ids by code. */
  async function importFramework(year: number) {
    const fw = (await call(admin, `mutation($d:JSONObject!){importFramework(document:$d){id version criteria{id code}}}`, { d: framework(year) })).importFramework;
    await call(admin, `mutation($id:ID!){publishFramework(id:$id){id}}`, { id: fw.id });
    return { id: fw.id as string, version: fw.version as number, criteria: Object.fromEntries(fw.criteria.map((c: any) => [c.code, c.id])) as Record<string, string> };
  }

  async function openPeriod(name: string, frameworkId: string, year: number, units: string[]) {
    const p = (
      await call(admin, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id unit{code}}}}`, {
        i: { name, frameworkId, year, unitIds: units.map((c) => unitId[c]) },
      })
    ).createPeriod;
    await phase(p.id, 'SELF_ASSESSMENT');
    return { id: p.id as string, assessment: Object.fromEntries(p.assessments.map((a: any) => [a.unit.code, a.id])) as Record<string, string> };
  }

  /** The entries' versions of one assessment, by criterion code. */
  async function versions(token: string, assessmentId: string): Promise<Record<string, number>> {
    const a = (await call(token, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: assessmentId })).assessment;
    return Object.fromEntries(a.entries.map((e: any) => [e.criterion.code, e.version]));
  }

  beforeAll(async () => {
    t = await startTestApp({ liveWindowMs: 20 });
    // Nineteen districts work at once over many keep-alive sockets; on a loaded machine the
    // client's idle timer can lag behind the server's 5 s and reuse a socket the server is closing
    // (ECONNRESET). Idle sockets are kept longer here, past the end of the test.
    t.app.server.keepAliveTimeout = 120_000;
    await new UserService(t.orm.em.fork() as Em, t.config).insert({ email: 'admin@tinh.test', name: 'Sở TT&TT', role: Role.ADMIN, unit: null, password: PASSWORD });
    admin = await login('admin@tinh.test');
    const createUser = `mutation($i:CreateUserInput!){createUser(input:$i){id}}`;
    await call(admin, createUser, { i: { email: 'hoidong@tinh.test', name: 'Hội đồng thẩm định', role: 'APPRAISER', unitId: null, password: PASSWORD } });
    appraiser = await login('hoidong@tinh.test');
    for (const code of codes) {
      const u = await call(admin, `mutation($i:CreateUnitInput!){createUnit(input:$i){id}}`, { i: { code, name: `Huyện ${code.slice(1)}`, kind: 'DISTRICT' } });
      unitId[code] = u.createUnit.id;
    }
    await each(async (code) => {
      const lower = code.toLowerCase();
      await call(admin, createUser, { i: { email: `lanhdao.${lower}@tinh.test`, name: `Lãnh đạo ${code}`, role: 'LEADER', unitId: unitId[code], password: PASSWORD } });
      const s = await call(admin, createUser, { i: { email: `canbo.${lower}@tinh.test`, name: `Cán bộ ${code}`, role: 'STAFF', unitId: unitId[code], password: PASSWORD } });
      staffId[code] = s.createUser.id;
      leader[code] = await login(`lanhdao.${lower}@tinh.test`);
      staff[code] = await login(`canbo.${lower}@tinh.test`);
    });
  }, STEP_MS);
  afterAll(() => t?.close());

  it('should publish last year’s results for ten districts (version 1 of the framework)', async () => {
    const fw = await importFramework(2024);
    expect(fw.version).toBe(1);
    const prevUnits = Object.keys(PREVIOUS);
    const period = await openPeriod('Đánh giá CQĐT cấp huyện năm 2024', fw.id, 2024, prevUnits);
    const save = `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`;
    await each(async (code) => {
      const [points, met] = PREVIOUS[code];
      const v = await versions(leader[code], period.assessment[code]);
      await call(leader[code], save, { i: { assessmentId: period.assessment[code], criterionId: fw.criteria['2.1'], value: { points }, expectedVersion: v['2.1'] } });
      await call(leader[code], save, { i: { assessmentId: period.assessment[code], criterionId: fw.criteria['1.3'], value: { met }, expectedVersion: v['1.3'] } });
    }, prevUnits);
    await phase(period.id, 'APPRAISAL');
    await phase(period.id, 'FINALIZED');
    expect((await call(admin, `mutation($id:ID!){publishResults(periodId:$id,acknowledgeIncomplete:true){phase}}`, { id: period.id })).publishResults.phase).toBe('PUBLISHED');
    const rows = (await call(leader.H01, `query($id:ID!){ranking(periodId:$id,unitKind:DISTRICT){unit{code} total rank basis}}`, { id: period.id })).ranking;
    expect(rows.map((r: any) => [r.unit.code, r.total, r.rank, r.basis])).toEqual([
      ['H04', 38, 1, 'SELF'], ['H02', 35, 2, 'SELF'], ['H10', 35, 2, 'SELF'], ['H08', 34, 4, 'SELF'], ['H05', 32, 5, 'SELF'],
      ['H01', 30, 6, 'SELF'], ['H06', 30, 6, 'SELF'], ['H07', 28, 8, 'SELF'], ['H03', 15, 9, 'SELF'], ['H09', 12, 10, 'SELF'],
    ]);
  }, STEP_MS);

  describe('this year (version 2 of the framework, 19 districts)', () => {
    let fw: Awaited<ReturnType<typeof importFramework>>;
    let period: Awaited<ReturnType<typeof openPeriod>>;
    /** every entry's version as the last response gave it: district → leaf → version */
    const version: Record<string, Record<string, number>> = {};
    const aid = (code: string) => period.assessment[code];
    const track = (code: string, leaf: string, v: number) => ((version[code] ??= {})[leaf] = v);

    const appraise = async (code: string, leaves: Record<string, object>) => {
      for (const [leaf, value] of Object.entries(leaves)) {
        const r = await call(appraiser, `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){entry{version}}}`, {
          i: { assessmentId: aid(code), criterionId: fw.criteria[leaf], value, expectedVersion: version[code][leaf], comment: ROUND1[code]?.[leaf] ? 'Điều chỉnh theo hồ sơ' : null },
        });
        track(code, leaf, r.saveAppraisal.entry.version);
      }
    };

    beforeAll(async () => {
      fw = await importFramework(2025);
      period = await openPeriod('Đánh giá CQĐT cấp huyện năm 2025', fw.id, 2025, codes);
    }, STEP_MS);

    it('should be a new version of the same framework code', () => {
      expect(fw.version).toBe(2);
    });

    it('should let each district’s staff score what the leader assigned, and the leader submit', async () => {
      await each(async (code) => {
        const assigned = await call(leader[code], `mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){criterion{code} version}}`, {
          i: { assessmentId: aid(code), criterionIds: [fw.criteria['1'], fw.criteria['2']], assigneeId: staffId[code] },
        });
        for (const e of assigned.assignCriteria) track(code, e.criterion.code, e.version);
        const input = values(SELF[code]);
        for (const leaf of LEAVES) {
          const r = await call(staff[code], `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){entry{version}}}`, {
            i: { assessmentId: aid(code), criterionId: fw.criteria[leaf], value: input[leaf], expectedVersion: version[code][leaf] },
          });
          track(code, leaf, r.saveSelfScore.entry.version);
        }
        expect((await call(leader[code], `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: aid(code) })).submitAssessment.status).toBe('SUBMITTED');
      });
    }, STEP_MS);

    it('should appraise every leaf in round 1', async () => {
      await phase(period.id, 'APPRAISAL');
      await each((code) => appraise(code, { ...values(SELF[code]), ...ROUND1[code] }));
      const statuses = (await call(admin, `query($id:ID!){period(id:$id){assessments{status}}}`, { id: period.id })).period.assessments.map((a: any) => a.status);
      expect(statuses).toEqual(codes.map(() => 'APPRAISED'));
    }, STEP_MS);

    it('should return three districts, which explain while the others wait', async () => {
      await each((code) => call(appraiser, `mutation($id:ID!){returnForExplanation(assessmentId:$id){status}}`, { id: aid(code) }), RETURNED);
      await phase(period.id, 'EXPLANATION');
      await each(async (code) => {
        const [leaf, explanation] = EXPLANATIONS[code];
        const r = await call(staff[code], `mutation($i:SaveExplanationInput!){saveExplanation(input:$i){entry{version}}}`, {
          i: { assessmentId: aid(code), criterionId: fw.criteria[leaf], explanation, expectedVersion: version[code][leaf] },
        });
        track(code, leaf, r.saveExplanation.entry.version);
      }, RETURNED);
      const statuses = (await call(admin, `query($id:ID!){period(id:$id){assessments{unit{code} status}}}`, { id: period.id })).period.assessments;
      expect(statuses.filter((a: any) => a.status === 'RETURNED').map((a: any) => a.unit.code).sort()).toEqual(RETURNED);
    }, STEP_MS);

    it('should appraise again in round 2, finalize every district and publish', async () => {
      await phase(period.id, 'FINAL_APPRAISAL');
      await each((code) => appraise(code, ROUND2[code]), Object.keys(ROUND2));
      await each((code) => call(appraiser, `mutation($id:ID!){finalizeAssessment(assessmentId:$id){status}}`, { id: aid(code) }));
      await phase(period.id, 'FINALIZED');
      expect((await call(admin, `mutation($id:ID!){publishResults(periodId:$id,acknowledgeIncomplete:true){phase}}`, { id: period.id })).publishResults.phase).toBe('PUBLISHED');
    }, STEP_MS);

    it('should publish the totals, indices, ranks, bands and changes computed by hand', async () => {
      // published: every signed-in user sees the whole ranking (here a staff member of the last district)
      const rows = (
        await call(staff.H14, `query($id:ID!,$k:UnitKind!){ranking(periodId:$id,unitKind:$k){unit{code} basis selfTotal round1Total finalTotal total index rank band
          groups{code total rank} previousTotal previousRank totalChange rankChange}}`, { id: period.id, k: 'DISTRICT' })
      ).ranking;
      const got: Row[] = rows.map((r: any) => [
        r.unit.code, r.selfTotal, r.round1Total, r.finalTotal, r.index, r.rank, r.band,
        r.groups[0].total, r.groups[0].rank, r.groups[1].total, r.groups[1].rank,
        r.previousTotal, r.previousRank, r.totalChange, r.rankChange,
      ]);
      expect(got).toEqual(EXPECTED);
      expect(rows.every((r: any) => r.basis === 'FINAL' && r.total === r.finalTotal)).toBe(true);
      expect(rows.map((r: any) => r.groups.map((g: any) => g.code))).toEqual(codes.map(() => ['1', '2']));

      // the explanation stays on the entry; the self score never moved; the history keeps the rounds apart
      const h03 = (await call(leader.H03, `query($id:ID!){assessment(id:$id){status result{rank total} entries{criterion{code} selfScore round1Score round2Score finalScore explanation history{round}}}}`, { id: aid('H03') })).assessment;
      const e21 = h03.entries.find((e: any) => e.criterion.code === '2.1');
      expect(e21).toMatchObject({ selfScore: 25, round1Score: 10, round2Score: 25, finalScore: 25, explanation: EXPLANATIONS.H03[1] });
      expect(e21.history.map((h: any) => h.round)).toEqual(['SELF', 'SELF', 'APPRAISAL_1', 'EXPLANATION', 'APPRAISAL_2']);
      expect({ status: h03.status, result: h03.result }).toEqual({ status: 'FINAL', result: { rank: 7, total: 80.23 } });
    }, STEP_MS);

    it('should give each district its history over both published years, from the rankings, beside the averages of each year’s ranking', async () => {
      const history = `query($id:ID!){unitHistory(unitId:$id){periodId year frameworkCode total maxScore index rank rankedUnits band averageIndex groups{code total maxScore periodAverage}}}`;
      const rankingOf = async (periodId: string) =>
        (await call(staff.H14, `query($id:ID!){ranking(periodId:$id,unitKind:DISTRICT){unit{code} submitted total maxScore index rank band groups{code total maxScore}}}`, { id: periodId })).ranking;
      const points = (await call(staff.H14, history, { id: unitId.H03 })).unitHistory;
      // H03 took part in both years (a unit of last year's ten); H14 only in this one
      expect(points.map((p: any) => p.year)).toEqual([2024, 2025]);
      expect((await call(staff.H14, history, { id: unitId.H14 })).unitHistory.map((p: any) => p.year)).toEqual([2025]);
      for (const p of points) {
        const rows = await rankingOf(p.periodId);
        const own = rows.find((r: any) => r.unit.code === 'H03');
        // the same figures as the period's ranking: one path
        expect(p).toMatchObject({ total: own.total, maxScore: own.maxScore, index: own.index, rank: own.rank, band: own.band, rankedUnits: rows.length, frameworkCode: expect.any(String) });
        expect(p.groups.map((g: any) => [g.code, g.total, g.maxScore])).toEqual(own.groups.map((g: any) => [g.code, g.total, g.maxScore]));
        const mean = (xs: number[], places: number) => Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10 ** places) / 10 ** places;
        expect(p.averageIndex).toBe(mean(rows.map((r: any) => r.index), 3));
        for (const g of p.groups) expect([g.code, g.periodAverage]).toEqual([g.code, mean(rows.map((r: any) => r.groups.find((x: any) => x.code === g.code).total), 2)]);
      }
      expect(points[1]).toMatchObject({ rank: 7, total: 80.23 });
      expect(points[0].frameworkCode).toBe(points[1].frameworkCode);
    }, STEP_MS);

    it('should show every district the same figures on its entries, tree, totals, ranking and score sheet (RELATIVE written back)', async () => {
      const byCode = new Map(EXPECTED.map((r) => [r[0], r]));
      await each(async (code) => {
        const a = (
          await call(leader[code], `query($id:ID!){assessment(id:$id){selfTotal appraisedTotal pendingMaxScore
            entries{criterion{code} selfScore round1Score round2Score finalScore} progress{criterion{code} selfTotal appraisedTotal pendingMaxScore}}}`, { id: aid(code) })
        ).assessment;
        const [, self, round1, final] = byCode.get(code)!;
        expect([code, a.selfTotal, a.appraisedTotal, a.pendingMaxScore]).toEqual([code, self, final, 0]);
        const e11 = a.entries.find((e: any) => e.criterion.code === '1.1');
        const [figure] = SELF[code];
        const latest = ROUND2[code]?.['1.1'] ?? ROUND1[code]?.['1.1'];
        const appraisedFigure = latest ? (latest as { figure: number }).figure : figure;
        const round1Figure = ROUND1[code]?.['1.1'] ? (ROUND1[code]['1.1'] as { figure: number }).figure : figure;
        // 10 × figure / best, rounded half-up: self best 120, every appraised figure against 130
        const rel = (f: number, best: number) => Math.round((1000 * f) / best) / 100;
        expect([code, e11.selfScore, e11.round1Score, e11.finalScore]).toEqual([code, rel(figure, 120), rel(round1Figure, 130), rel(appraisedFigure, 130)]);
        expect(a.progress.every((p: any) => p.pendingMaxScore === 0)).toBe(true);
        // the score sheet's totals row: self, round 1, round 2, final
        const res = await fetch(`${t.url}/export/assessment/${aid(code)}.csv`, { headers: { authorization: `Bearer ${leader[code]}` } });
        const lines = (await res.text()).trim().split(/\r?\n/);
        const total = lines[lines.length - 1].split(',');
        expect([code, Number(total[3]), Number(total[4]), Number(total[6])]).toEqual([code, self, round1, final]);
      }, codes);
    }, STEP_MS);
  });
});
