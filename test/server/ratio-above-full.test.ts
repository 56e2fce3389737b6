/**
 * Issue 16, point 2: a numerator above its denominator is refused with a clear problem, never
 * capped silently, unless the criterion allows rates above 100 % (`allowAboveFull`).
 */
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, save, smallFramework, type World } from '../helpers/world';

const ENTRY = `query($id:ID!){assessment(id:$id){selfTotal entries{criterion{code allowAboveFull} version selfScore value{numerator denominator}}}}`;
const PUSH = `mutation($i:PushStatisticInput!){pushStatistic(input:$i){entry{selfScore version}}}`;

describe('a rate above 100 %', () => {
  let t: TestApp;
  let w: World;
  const entryOf = async (code: string) => {
    const a = (await ok(t.url, ENTRY, { id: w.assessmentA }, w.tokens.staffA)).assessment;
    return { ...a.entries.find((e: any) => e.criterion.code === code), selfTotal: a.selfTotal };
  };

  beforeAll(async () => {
    t = await startTestApp();
    // 2.1 is a plain ratio that may exceed its target; 1.4 may not
    const fw = smallFramework();
    (fw.criteria[1] as any).children[0].allowAboveFull = true;
    w = await buildWorld(t, fw);
  });
  afterAll(() => t?.close());

  it('should refuse 1500 / 1000 on a criterion that does not allow it, saying why, and change nothing', async () => {
    const before = await entryOf('1.4');
    expect(before.criterion.allowAboveFull).toBe(false);
    const r = await save(t, w, w.tokens.staffA, '1.4', { numerator: 1500, denominator: 1000 });
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.problems).toEqual([
      {
        path: '1.4.numerator',
        code: 'RATIO_ABOVE_FULL',
        params: { field: 'numerator', numerator: 1500, denominator: 1000 },
        message: 'numerator 1500 is above denominator 1000; this criterion does not allow a rate above 100 %',
      },
    ]);
    const after = await entryOf('1.4');
    expect(after).toEqual(before);
  });

  it('should accept exactly 100 % with full points', async () => {
    const r = await save(t, w, w.tokens.staffA, '1.4', { numerator: 1000, denominator: 1000 });
    expect(r.errors).toBeUndefined();
    expect(r.data.saveSelfScore.entry.selfScore).toBe(4);
  });

  it('should accept it where the criterion allows rates above 100 %, the score capped at the max', async () => {
    const r = await save(t, w, w.tokens.staffA, '2.1', { numerator: 1500, denominator: 1000 });
    expect(r.errors).toBeUndefined();
    expect(r.data.saveSelfScore.entry).toMatchObject({ selfScore: 0.5, value: { numerator: 1500, denominator: 1000 } });
    expect((await entryOf('2.1')).criterion.allowAboveFull).toBe(true);
  });

  it('should refuse a pushed statistic above 100 % the same way', async () => {
    const { secret } = (await ok(t.url, `mutation{issueApiToken(name:"Thống kê",scope:STATISTICS){secret}}`, {}, w.tokens.admin)).issueApiToken;
    const before = await entryOf('1.4');
    const r = await gql(t.url, PUSH, { i: { periodId: w.periodId, unitCode: 'A', criterionCode: '1.4', numerator: 12, denominator: 10 } }, secret);
    expect(r.errors?.[0].extensions?.problems).toMatchObject([{ code: 'RATIO_ABOVE_FULL', params: { numerator: 12, denominator: 10 } }]);
    expect(await entryOf('1.4')).toEqual(before);
  });

  it('should refuse allowAboveFull on anything but a RATIO leaf when importing', async () => {
    const fw = smallFramework({ code: 'BAD-ABOVE' });
    (fw.criteria[0] as any).children[0].allowAboveFull = true;
    const r = await gql(t.url, `mutation($d:JSONObject!){importFramework(document:$d){id}}`, { d: fw }, w.tokens.admin);
    expect(r.errors?.[0].extensions?.problems).toMatchObject([{ path: '1.1', message: 'allowAboveFull is only for RATIO leaves' }]);
  });
});
