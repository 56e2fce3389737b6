import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, save, type World } from '../helpers/world';

const COMPARE = `query($l:ID!,$r:ID!){compareAssessments(leftId:$l,rightId:$r){
  left{assessmentId unitCode periodName year basis total maxScore}
  right{assessmentId unitCode periodName year basis total maxScore}
  rows{code depth isLeaf left{score maxScore} right{score maxScore} change} changed}}`;
const PROGRESS = `query($id:ID!){assessment(id:$id){selfTotal progress{criterion{code} selfTotal maxScore}}}`;

/** Two assessments criterion by criterion (issue 17): two units of a period, or a unit in two periods. */
describe('compareAssessments', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    expect((await save(t, w, w.tokens.staffA, '1.1', { points: 1.5 })).errors).toBeUndefined();
    expect((await save(t, w, w.tokens.staffA, '1.3', { tier: 'Full' })).errors).toBeUndefined();
    expect((await save(t, w, w.tokens.staffB, '1.1', { points: 0.5 }, { assessmentId: w.assessmentB })).errors).toBeUndefined();
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('should set two units side by side with the change of every criterion, from the figures the assessments show', async () => {
    const c = (await ok(t.url, COMPARE, { l: w.assessmentA, r: w.assessmentB }, w.tokens.admin)).compareAssessments;
    expect(c.left).toMatchObject({ assessmentId: w.assessmentA, unitCode: 'A', basis: 'SELF', total: 4.5 });
    expect(c.right).toMatchObject({ assessmentId: w.assessmentB, unitCode: 'B', basis: 'SELF', total: 0.5 });
    const row = (code: string) => c.rows.find((r: any) => r.code === code);
    expect(row('1.1')).toMatchObject({ depth: 2, isLeaf: true, left: { score: 1.5, maxScore: 2 }, right: { score: 0.5, maxScore: 2 }, change: -1 });
    expect(row('1.3')).toMatchObject({ left: { score: 3 }, right: { score: 0 }, change: -3 });
    expect(row('1')).toMatchObject({ depth: 1, isLeaf: false, left: { score: 4.5 }, right: { score: 0.5 }, change: -4 });
    expect(row('2.1')).toMatchObject({ change: 0 });
    expect(c.changed).toBe(c.rows.filter((r: any) => r.change !== 0).length);
    expect(c.changed).toBe(3);
    // every figure is the one the assessment itself shows (one path: its progress rows)
    for (const [id, side] of [[w.assessmentA, 'left'], [w.assessmentB, 'right']] as const) {
      const a = (await ok(t.url, PROGRESS, { id }, w.tokens.admin)).assessment;
      for (const p of a.progress) expect([p.criterion.code, row(p.criterion.code)[side]]).toEqual([p.criterion.code, { score: p.selfTotal, maxScore: p.maxScore }]);
      expect(c[side].total).toBe(a.selfTotal);
    }
    // the rows keep the framework's order
    expect(c.rows.map((r: any) => r.code).slice(0, 3)).toEqual(['1', '1.1', '1.2']);
  });

  it('should set one unit in two periods side by side, for the unit’s own leader', async () => {
    const created = (await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id unit{code}}}}`, { i: { name: 'Kỳ 2026', frameworkId: w.frameworkId, year: 2026, unitIds: [w.units.A] } }, w.tokens.admin)).createPeriod;
    const next = created.assessments.find((a: any) => a.unit.code === 'A').id;
    const c = (await ok(t.url, COMPARE, { l: w.assessmentA, r: next }, w.tokens.leaderA)).compareAssessments;
    expect([c.left.year, c.right.year, c.right.periodName]).toEqual([2025, 2026, 'Kỳ 2026']);
    expect(c.rows.find((r: any) => r.code === '1.1')).toMatchObject({ left: { score: 1.5 }, right: { score: 0 }, change: -1.5 });
  });

  it('should refuse a side the caller may not read, and an assessment compared with itself', async () => {
    for (const token of [w.tokens.leaderA, w.tokens.staffB]) {
      const r = await gql(t.url, COMPARE, { l: w.assessmentA, r: w.assessmentB }, token);
      expect([r.errors?.[0]?.extensions?.code, r.data?.compareAssessments ?? null]).toEqual(['FORBIDDEN', null]);
    }
    const same = await gql(t.url, COMPARE, { l: w.assessmentA, r: w.assessmentA }, w.tokens.admin);
    expect(same.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ code: 'SAME_ASSESSMENT' })]);
    const unknown = await gql(t.url, COMPARE, { l: w.assessmentA, r: '00000000-0000-4000-8000-000000000000' }, w.tokens.admin);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
