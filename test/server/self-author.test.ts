import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, type World } from '../helpers/world';

/**
 * "Updated by" names the person of the round (issue 11): a self score reads as changed by whoever
 * scored it in the self round, not by the appraiser who changed the entry after, nor by the
 * results' write-back of a RELATIVE score; a pushed statistic has no person.
 */
const VALUES: Record<string, Record<string, unknown>> = {
  '1.1': { points: 2 }, '1.2': { met: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 9, denominator: 10 }, '1.5': { points: -0.5 },
  '2.1': { numerator: 1, denominator: 2 }, '2.2.1': { points: 4 }, '2.2.2': { figure: 10 }, '2.3': { points: 1.5 }, '2.4': { points: 1 },
};
const ENTRY = `query($id:ID!){assessment(id:$id){entries{criterion{code} version updatedBy{email} selfUpdatedBy{email} selfUpdatedAt}}}`;

describe('the self round’s author', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  const entry = async (code: string) => (await ok(t.url, ENTRY, { id: w.assessmentA }, w.tokens.admin)).assessment.entries.find((e: any) => e.criterion.code === code);
  const save = async (token: string, code: string, value: Record<string, unknown>) =>
    ok(t.url, `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], expectedVersion: (await entry(code)).version, value } }, token);

  // a save's and an appraisal's answers are made from the rows just written (not ORM-managed
  // entities): the fields that read the entry's revisions must answer as a fresh read does
  const FIELDS = `id version selfScore state comment updatedAt criterion{code} updatedBy{email} selfUpdatedBy{email} selfUpdatedAt history{version round actor{email}} assignee{email}`;
  it('should answer a save with the entry as a fresh read gives it, revisions included', async () => {
    const world = w;
    const read = async (code: string) =>
      (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{${FIELDS}} progress{criterion{code} selfTotal leavesScored}}}`, { id: world.assessmentB }, world.tokens.admin)).assessment;
    const first = (await read('1.1')).entries.find((e: any) => e.criterion.code === '1.1');
    const saved = (
      await ok(t.url, `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){entry{${FIELDS}} progress{criterion{code} selfTotal leavesScored}}}`, { i: { assessmentId: world.assessmentB, criterionId: world.criteria['1.1'], expectedVersion: first.version, value: { points: 2 }, comment: 'ghi chú' } }, world.tokens.staffB)
    ).saveSelfScore;
    const fresh = await read('1.1');
    expect(saved.entry).toEqual(fresh.entries.find((e: any) => e.criterion.code === '1.1'));
    expect(saved.entry).toMatchObject({ selfUpdatedBy: { email: 'staff.b@test' }, comment: 'ghi chú' });
    expect(saved.entry.history.length).toBeGreaterThan(0);
    for (const p of saved.progress) expect(fresh.progress).toContainEqual(p);
  });

  it('should name the self scorer, then no one after a pushed statistic, and keep the self scorer through appraisal and results', async () => {
    expect(await entry('1.1')).toMatchObject({ selfUpdatedBy: null, selfUpdatedAt: null });
    for (const [code, value] of Object.entries(VALUES)) await save(w.tokens.staffA, code, value);
    expect(await entry('1.1')).toMatchObject({ updatedBy: { email: 'staff.a@test' }, selfUpdatedBy: { email: 'staff.a@test' } });
    expect(typeof (await entry('1.1')).selfUpdatedAt).toBe('string');

    // a statistic pushed by an integrator: the self score is no person's now
    const secret = (await ok(t.url, `mutation{issueApiToken(name:"thống kê",scope:STATISTICS){secret}}`, {}, w.tokens.admin)).issueApiToken.secret;
    await ok(t.url, `mutation($i:PushStatisticInput!){pushStatistic(input:$i){seq}}`, { i: { periodId: w.periodId, unitCode: 'A', criterionCode: '1.4', numerator: 8, denominator: 10 } }, secret);
    expect(await entry('1.4')).toMatchObject({ updatedBy: null, selfUpdatedBy: null });

    await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.leaderA);
    await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:APPRAISAL,acknowledgeIncomplete:true){phase}}`, { id: w.periodId }, w.tokens.admin);
    const before = await entry('1.1');
    const appraised = await ok(t.url, `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){entry{${FIELDS}}}}`, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], expectedVersion: before.version, value: { points: 1 } } }, w.tokens.appraiser);
    const after = await entry('1.1');
    const freshA = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{${FIELDS}}}}`, { id: w.assessmentA }, w.tokens.admin)).assessment.entries.find((e: any) => e.criterion.code === '1.1');
    expect(appraised.saveAppraisal.entry).toEqual(freshA);
    expect(after.updatedBy.email).not.toBe('staff.a@test');
    expect(after).toMatchObject({ selfUpdatedBy: { email: 'staff.a@test' }, selfUpdatedAt: before.selfUpdatedAt });

    // the results write the RELATIVE leaf's score back: its self round's author stays
    const unscored = await entry('2.2.2');
    await ok(t.url, `mutation($id:ID!){computeResults(periodId:$id){rank}}`, { id: w.periodId }, w.tokens.admin);
    const relative = await entry('2.2.2');
    expect(relative.version).toBeGreaterThan(unscored.version);
    expect(relative).toMatchObject({ selfUpdatedBy: { email: 'staff.a@test' } });
  });
});
