import { Role } from '../../server/src/modules/user/user.entity';
import { UserService } from '../../server/src/modules/user/user.service';
import type { Em } from '../../server/src/orm';
import type { TestApp } from './app';
import { gql, ok } from './gql';

export const PASSWORD = 'password-123';

/** A small framework that uses every method: 20 points in two groups. */
export const smallFramework = (overrides: Record<string, unknown> = {}) => ({
  code: 'TEST-FW',
  name: 'Test framework',
  year: 2025,
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
      code: '1', title: 'Sẵn sàng', maxScore: 10, children: [
        { code: '1.1', title: 'Manual', maxScore: 2, method: 'MANUAL', step: 0.25 },
        { code: '1.2', title: 'Boolean', maxScore: 1, method: 'BOOLEAN', allowNotApplicable: true },
        { code: '1.3', title: 'Tiers', maxScore: 3, method: 'TIERS', tiers: [{ label: 'Full', share: 1 }, { label: 'Partial', share: 0.5 }, { label: 'None', share: 0 }] },
        { code: '1.4', title: 'Ratio', maxScore: 4, method: 'RATIO', thresholds: [{ minPercent: 90, share: 1 }, { minPercent: 70, share: 0.5 }, { minPercent: 0, share: 0 }] },
        { code: '1.5', title: 'Deduction', maxScore: 1, method: 'DEDUCTION' },
      ],
    },
    {
      code: '2', title: 'Kết quả', maxScore: 10, children: [
        { code: '2.1', title: 'Plain ratio', maxScore: 0.5, method: 'RATIO' },
        { code: '2.2', title: 'Group', maxScore: 7.5, children: [
          { code: '2.2.1', title: 'Manual default step', maxScore: 4.5, method: 'MANUAL', allowNotApplicable: true },
          { code: '2.2.2', title: 'Relative', maxScore: 3, method: 'RELATIVE' },
        ] },
        { code: '2.3', title: 'Manual', maxScore: 2, method: 'MANUAL' },
        { code: '2.4', title: 'Bonus', maxScore: 1, method: 'BONUS' },
      ],
    },
  ],
  ...overrides,
});

export interface World {
  tokens: Record<'admin' | 'leaderA' | 'staffA' | 'staffA2' | 'leaderB' | 'staffB' | 'appraiser' | 'viewer', string>;
  units: { A: string; B: string; commune: string };
  /** user ids of the people tests act on */
  userIds: Record<'staffA' | 'staffA2' | 'staffB' | 'leaderA' | 'viewer', string>;
  frameworkId: string;
  periodId: string;
  assessmentA: string;
  assessmentB: string;
  /** criterion id by code */
  criteria: Record<string, string>;
}

const FRAGMENT = `id code`;

/**
 * Units, users of every role, the small framework published, a period in SELF_ASSESSMENT, and
 * every leaf of A assigned to staffA (of B to staffB). staffA2 has nothing until a test assigns.
 */
export async function buildWorld(t: TestApp, framework: Record<string, unknown> = smallFramework()): Promise<World> {
  const em = t.orm.em.fork() as Em;
  const users = new UserService(em, t.config);
  await users.insert({ email: 'admin@test', name: 'Admin', role: Role.ADMIN, unit: null, password: PASSWORD });
  const login = async (email: string) => (await ok(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e: email, p: PASSWORD })).login.token as string;
  const admin = await login('admin@test');
  const unit = async (code: string, kind: string) =>
    (await ok(t.url, `mutation($i:CreateUnitInput!){createUnit(input:$i){${FRAGMENT}}}`, { i: { code, name: `Unit ${code}`, kind } }, admin)).createUnit.id as string;
  const units = { A: await unit('A', 'DISTRICT'), B: await unit('B', 'DISTRICT'), commune: await unit('C1', 'COMMUNE') };
  const userIds: Record<string, string> = {};
  const user = async (email: string, role: string, unitId: string | null) => {
    const created = await ok(t.url, `mutation($i:CreateUserInput!){createUser(input:$i){id}}`, { i: { email, name: email, role, unitId, password: PASSWORD } }, admin);
    userIds[email] = created.createUser.id;
    return login(email);
  };
  const tokens = {
    admin,
    leaderA: await user('leader.a@test', 'LEADER', units.A),
    staffA: await user('staff.a@test', 'STAFF', units.A),
    staffA2: await user('staff2.a@test', 'STAFF', units.A),
    leaderB: await user('leader.b@test', 'LEADER', units.B),
    staffB: await user('staff.b@test', 'STAFF', units.B),
    appraiser: await user('appraiser@test', 'APPRAISER', null),
    viewer: await user('viewer@test', 'VIEWER', null),
  };
  const fw = (await ok(t.url, `mutation($d:JSONObject!){importFramework(document:$d){id criteria{id code}}}`, { d: framework }, admin)).importFramework;
  await ok(t.url, `mutation($id:ID!){publishFramework(id:$id){id}}`, { id: fw.id }, admin);
  const period = (
    await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id unit{id}}}}`, { i: { name: 'Kỳ 2025', frameworkId: fw.id, year: 2025, unitIds: [units.A, units.B] } }, admin)
  ).createPeriod;
  await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:SELF_ASSESSMENT){id}}`, { id: period.id }, admin);
  const byUnit = (u: string) => period.assessments.find((a: any) => a.unit.id === u).id as string;
  const criteria: Record<string, string> = Object.fromEntries(fw.criteria.map((c: any) => [c.code, c.id]));
  const topLevel = fw.criteria.filter((c: any) => !c.code.includes('.')).map((c: any) => c.id);
  // Each unit's first staff member has every leaf, so that tests can save as STAFF by default.
  const assign = `mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){id}}`;
  await ok(t.url, assign, { i: { assessmentId: byUnit(units.A), criterionIds: topLevel, assigneeId: userIds['staff.a@test'] } }, tokens.leaderA);
  await ok(t.url, assign, { i: { assessmentId: byUnit(units.B), criterionIds: topLevel, assigneeId: userIds['staff.b@test'] } }, tokens.leaderB);
  return {
    tokens,
    userIds: {
      staffA: userIds['staff.a@test'],
      staffA2: userIds['staff2.a@test'],
      staffB: userIds['staff.b@test'],
      leaderA: userIds['leader.a@test'],
      viewer: userIds['viewer@test'],
    },
    units,
    frameworkId: fw.id,
    periodId: period.id,
    assessmentA: byUnit(units.A),
    assessmentB: byUnit(units.B),
    criteria,
  };
}

export const SAVE = `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq entry{id version selfScore state notApplicable comment value{points met tier numerator denominator figure notApplicable}} progress{criterion{code} selfTotal maxScore leaves leavesScored}}}`;

/** Saves through the API at the entry's current version. */
export async function save(t: TestApp, w: World, token: string, code: string, value: Record<string, unknown> | null, extra: Record<string, unknown> = {}) {
  const version = await entryVersion(t, w, token, code, (extra.assessmentId as string) ?? w.assessmentA);
  return gql(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value, expectedVersion: version, ...extra } }, token);
}

export async function entryVersion(t: TestApp, w: World, token: string, code: string, assessmentId = w.assessmentA): Promise<number> {
  const a = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: assessmentId }, token)).assessment;
  return a.entries.find((e: any) => e.criterion.code === code).version;
}
