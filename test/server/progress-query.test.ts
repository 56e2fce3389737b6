/**
 * `assessment { progress }` is read with one SQL statement into plain rows (progress.query.ts),
 * while a save answers with the stored entities: both must give the same `Progress` fields, and
 * the rows of a fresh and of a scored assessment must equal a hand computation (DESIGN.md
 * "Arithmetic"), in the framework's order.
 */
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, entryVersion, type World } from '../helpers/world';

const FIELDS = `id criterionId criterion{id code} selfTotal maxScore appraisedTotal appraisedMaxScore
  leaves leavesScored leavesWithEvidence leavesAppraised createdAt updatedAt`;
const READ = `query($id:ID!){assessment(id:$id){progress{${FIELDS}}}}`;
const SAVE = `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){progress{${FIELDS}}}}`;

/** code → [selfTotal, maxScore, leaves, leavesScored] */
type Want = Record<string, [number, number, number, number]>;
const FRESH: Want = {
  '1': [0, 10, 5, 0],
  '1.1': [0, 2, 1, 0],
  '1.2': [0, 1, 1, 0],
  '1.3': [0, 3, 1, 0],
  '1.4': [0, 4, 1, 0],
  '1.5': [0, 1, 1, 0],
  '2': [0, 10, 5, 0],
  '2.1': [0, 0.5, 1, 0],
  '2.2': [0, 7.5, 2, 0],
  '2.2.1': [0, 4.5, 1, 0],
  '2.2.2': [0, 3, 1, 0],
  '2.3': [0, 2, 1, 0],
  '2.4': [0, 1, 1, 0],
};
/** the small framework's order (world.ts); not Object.keys(FRESH), which puts "1" and "2" first */
const CODES = ['1', '1.1', '1.2', '1.3', '1.4', '1.5', '2', '2.1', '2.2', '2.2.1', '2.2.2', '2.3', '2.4'];

describe('the progress tree query', () => {
  let t: TestApp;
  let w: World;
  const read = async () => (await ok(t.url, READ, { id: w.assessmentA }, w.tokens.leaderA)).assessment.progress as any[];
  const save = async (code: string, value: Record<string, unknown>) => {
    const expectedVersion = await entryVersion(t, w, w.tokens.leaderA, code);
    const i = { assessmentId: w.assessmentA, criterionId: w.criteria[code], value, expectedVersion };
    return (await ok(t.url, SAVE, { i }, w.tokens.leaderA)).saveSelfScore.progress as any[];
  };
  const expectRows = (rows: any[], want: Want) => {
    expect(rows.map((p) => p.criterion.code)).toEqual(CODES);
    for (const p of rows) {
      const [selfTotal, maxScore, leaves, leavesScored] = want[p.criterion.code];
      expect({ code: p.criterion.code, selfTotal: p.selfTotal, maxScore: p.maxScore, leaves: p.leaves, leavesScored: p.leavesScored }).toEqual({
        code: p.criterion.code,
        selfTotal,
        maxScore,
        leaves,
        leavesScored,
      });
      expect(p.criterionId).toBe(w.criteria[p.criterion.code]);
      expect(p.criterion.id).toBe(p.criterionId);
      expect({ appraisedTotal: p.appraisedTotal, appraisedMaxScore: p.appraisedMaxScore, leavesWithEvidence: p.leavesWithEvidence, leavesAppraised: p.leavesAppraised }).toEqual({
        appraisedTotal: 0,
        appraisedMaxScore: FRESH[p.criterion.code][1],
        leavesWithEvidence: 0,
        leavesAppraised: 0,
      });
      expect(Number.isNaN(Date.parse(p.createdAt))).toBe(false);
      expect(Date.parse(p.updatedAt)).toBeGreaterThanOrEqual(Date.parse(p.createdAt));
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it('should list every node of a fresh assessment, in the framework order, as computed by hand', async () => {
    expectRows(await read(), FRESH);
  });

  it('should give, after saves, the rows a hand computation gives, and the same fields as the saved entities', async () => {
    const saved = [
      ...(await save('1.1', { points: 1.5 })),
      ...(await save('1.5', { points: -0.5 })), // deduction: on top of the group's cap
      ...(await save('2.2.1', { notApplicable: true })), // RESCALE: 4.5 out of 2.2.1, 2.2 and 2
      ...(await save('2.4', { points: 0.75 })), // bonus
      ...(await save('2.3', { points: 1.25 })),
    ];
    const rows = await read();
    expectRows(rows, {
      ...FRESH,
      '1': [1.5 - 0.5, 10, 5, 2],
      '1.1': [1.5, 2, 1, 1],
      '1.5': [-0.5, 1, 1, 1],
      '2': [1.25 + 0.75, 5.5, 5, 3],
      '2.2': [0, 3, 2, 1],
      '2.2.1': [0, 0, 1, 1],
      '2.3': [1.25, 2, 1, 1],
      '2.4': [0.75, 1, 1, 1],
    });
    // each save answers with the entities of the leaf and its ancestors: the latest of each row
    // must equal the query's row, field for field (updatedAt too: the time the save wrote)
    const latest = new Map(saved.map((p) => [p.id, p]));
    expect(latest.size).toBe(8);
    for (const p of latest.values()) expect(rows.find((r) => r.id === p.id)).toEqual(p);
  });

  it('should give the same rows whether or not the times are asked for, and the times through a fragment too', async () => {
    const full = await read();
    const lean = (await ok(t.url, `query($id:ID!){assessment(id:$id){progress{id criterionId selfTotal maxScore leaves leavesScored}}}`, { id: w.assessmentA }, w.tokens.leaderA)).assessment.progress;
    expect(lean).toEqual(full.map((p) => ({ id: p.id, criterionId: p.criterionId, selfTotal: p.selfTotal, maxScore: p.maxScore, leaves: p.leaves, leavesScored: p.leavesScored })));
    const viaFragment = (
      await ok(t.url, `query($id:ID!){assessment(id:$id){progress{id ...Times}}} fragment Times on Progress { ... on Progress { updatedAt } }`, { id: w.assessmentA }, w.tokens.leaderA)
    ).assessment.progress;
    expect(viaFragment).toEqual(full.map((p) => ({ id: p.id, updatedAt: p.updatedAt })));
    expect(viaFragment.every((p: { updatedAt: string }) => !Number.isNaN(Date.parse(p.updatedAt)))).toBe(true);
  });
});
