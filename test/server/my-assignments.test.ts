import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, type World } from '../helpers/world';

/** Every field of an entry and of its criterion that needs no collection. */
const FIELDS = `id version state createdAt updatedAt comment notApplicable explanation evidenceCount source
  selfScore round1Score round2Score finalScore round1Comment round2Comment criterionId
  value { points met tier numerator denominator figure notApplicable }
  round1Value { points met tier } round2Value { points }
  assignee { id name } updatedBy { id name }
  criterion { id code title guidance maxScore method step depth ordinal isLeaf evidenceRequired allowNotApplicable allowAboveFull
    createdAt updatedAt parentId parent { id code } tierOptions { label share } thresholdOptions { minPercent share } }
  assessment { id status unit { id name } period { id name } }
  evidence { id } discussion { id } sourceFigure { figure }`;

const SAVE = `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){entry{version}}}`;

describe('myAssignments', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    // entries that differ from a fresh one in every way a self save can make them
    await ok(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], value: { points: 1.75 }, comment: 'Đã có nghị quyết', expectedVersion: 1 } }, w.tokens.staffA);
    await ok(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.2'], value: { notApplicable: true }, expectedVersion: 1 } }, w.tokens.staffA);
    await ok(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.3'], value: { tier: 'Partial' }, expectedVersion: 1 } }, w.tokens.staffA);
    await ok(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.4'], value: { numerator: 8, denominator: 10 }, expectedVersion: 1 } }, w.tokens.staffA);
    await ok(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['2.2.2'], value: { figure: 42.5 }, expectedVersion: 1 } }, w.tokens.staffA);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should answer from plain rows exactly what the ORM answers, field for field and in the same order', async () => {
    // with `history` selected the entries come from the ORM (they need their revisions)
    const plain = (await ok(t.url, `{ myAssignments { ${FIELDS} } }`, {}, w.tokens.staffA)).myAssignments;
    const orm = (await ok(t.url, `{ myAssignments { ${FIELDS} history { version } } }`, {}, w.tokens.staffA)).myAssignments;
    expect(plain.length).toBe(10);
    expect(plain).toEqual(orm.map(({ history: _h, ...rest }: Record<string, unknown>) => rest));
    const byCode = new Map(plain.map((e: any) => [e.criterion.code, e]));
    expect(byCode.get('1.1')).toMatchObject({ selfScore: 1.75, comment: 'Đã có nghị quyết', state: 'DONE', version: 2, value: { points: 1.75 } });
    expect(byCode.get('1.2')).toMatchObject({ notApplicable: true, value: { notApplicable: true } });
    expect(byCode.get('1.3')).toMatchObject({ value: { tier: 'Partial' }, criterion: { tierOptions: [{ label: 'Full', share: 1 }, { label: 'Partial', share: 0.5 }, { label: 'None', share: 0 }] } });
    expect(byCode.get('2.2.2')).toMatchObject({ value: { figure: 42.5 }, criterion: { parent: { code: '2.2' } } });
  });

  it('should give each caller only their own entries, none of another unit', async () => {
    const a = (await ok(t.url, `{ myAssignments { id assessment { id } } }`, {}, w.tokens.staffA)).myAssignments;
    const b = (await ok(t.url, `{ myAssignments { id assessment { id } } }`, {}, w.tokens.staffB)).myAssignments;
    expect(new Set(a.map((e: any) => e.assessment.id))).toEqual(new Set([w.assessmentA]));
    expect(new Set(b.map((e: any) => e.assessment.id))).toEqual(new Set([w.assessmentB]));
    expect((await ok(t.url, `{ myAssignments { id } }`, {}, w.tokens.staffA2)).myAssignments).toEqual([]);
  });

  it('should show a save at once (nothing kept between requests)', async () => {
    const before = (await ok(t.url, `{ myAssignments { criterion { code } version selfScore } }`, {}, w.tokens.staffA)).myAssignments.find((e: any) => e.criterion.code === '2.3');
    await ok(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['2.3'], value: { points: 2 }, expectedVersion: before.version } }, w.tokens.staffA);
    const after = (await ok(t.url, `{ myAssignments { criterion { code } version selfScore } }`, {}, w.tokens.staffA)).myAssignments.find((e: any) => e.criterion.code === '2.3');
    expect(after).toEqual({ criterion: { code: '2.3' }, version: before.version + 1, selfScore: 2 });
  });
});
