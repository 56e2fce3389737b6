/**
 * Optimistic concurrency of saveSelfScore over HTTP: a stale expectedVersion gets CONFLICT with the
 * current entry and changes nothing; concurrent saves of one entry let exactly one through; saves
 * of different entries of one assessment all land, and the shared ancestors' rows add up.
 */
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, SAVE, type World } from '../helpers/world';

const READ = `query($id:ID!){assessment(id:$id){seq selfTotal
  entries{id criterion{code} version selfScore state comment
    value{points met tier numerator denominator figure notApplicable} history{version old new}}
  progress{criterion{code} selfTotal maxScore leaves leavesScored}}}`;

describe('saving concurrently', () => {
  let t: TestApp;
  let w: World;

  const read = async (token = w.tokens.leaderA) => (await ok(t.url, READ, { id: w.assessmentA }, token)).assessment;
  const entryOf = (a: any, code: string) => a.entries.find((e: any) => e.criterion.code === code);
  const rowOf = (a: any, code: string) => a.progress.find((p: any) => p.criterion.code === code);
  const send = (token: string, code: string, value: Record<string, unknown> | null, expectedVersion: number, extra: Record<string, unknown> = {}) =>
    gql(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value, expectedVersion, ...extra } }, token);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it('should refuse a stale expectedVersion with CONFLICT carrying the current entry', async () => {
    const start = await read();
    const v0 = entryOf(start, '1.1').version; // buildWorld's assignment is already a revision
    expect((await send(w.tokens.staffA, '1.1', { points: 1 }, v0)).errors).toBeUndefined();
    expect((await send(w.tokens.leaderA, '1.1', { points: 1.5 }, v0 + 1, { comment: 'Theo báo cáo quý IV' })).errors).toBeUndefined();
    const before = await read();
    expect(before.seq).toBe(start.seq + 2);

    const r = await send(w.tokens.staffA, '1.1', { points: 0.5 }, v0 + 1);
    expect(r.data?.saveSelfScore ?? null).toBeNull();
    expect(r.errors).toHaveLength(1);
    const e = r.errors![0];
    expect(e.extensions?.code).toBe('CONFLICT');
    expect(e.extensions?.current).toMatchObject({
      id: entryOf(before, '1.1').id,
      version: v0 + 2,
      value: { points: 1.5 },
      selfScore: 1.5,
      comment: 'Theo báo cáo quý IV',
      notApplicable: false,
      state: 'DONE',
    });

    const after = await read();
    expect(entryOf(after, '1.1')).toEqual(entryOf(before, '1.1'));
    const versions = entryOf(after, '1.1').history.map((h: any) => h.version);
    expect(versions.slice(-2)).toEqual([v0 + 1, v0 + 2]);
    expect(versions).toHaveLength(entryOf(start, '1.1').history.length + 2);
    expect(after.seq).toBe(before.seq);
    expect(after.progress).toEqual(before.progress);
  });

  it('should refuse a version from the future and a clear or comment at a stale version alike', async () => {
    const before = await read();
    const v = entryOf(before, '1.1').version;
    for (const [value, extra] of [
      [{ points: 2 }, {}],
      [null, {}],
      [undefined, { comment: 'x' }],
    ] as const) {
      const r = await send(w.tokens.staffA, '1.1', value as any, 99, extra);
      expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(r.errors?.[0]?.extensions?.current?.version).toBe(v);
    }
    const after = await read();
    expect(after).toEqual(before);
  });

  it('should let exactly one of 10 concurrent saves at the same version through', async () => {
    const before = await read();
    const v = entryOf(before, '2.3').version;
    const tokens = [w.tokens.staffA, w.tokens.leaderA]; // the assignee and the leader may both save
    const values = Array.from({ length: 10 }, (_, i) => (i + 1) / 10); // 0.1 … 1 (2.3: MANUAL, max 2)
    const results = await Promise.all(values.map((points, i) => send(tokens[i % 2], '2.3', { points }, v)));

    const wins = results.map((r, i) => ({ r, points: values[i] })).filter(({ r }) => !r.errors);
    const losses = results.filter((r) => r.errors);
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(9);
    for (const l of losses) {
      expect(l.errors![0].extensions?.code).toBe('CONFLICT');
      expect(l.errors![0].extensions?.current).toMatchObject({ version: v + 1, value: { points: wins[0].points }, selfScore: wins[0].points });
    }
    const win = wins[0].r.data.saveSelfScore;
    expect(win.seq).toBe(before.seq + 1);
    expect(win.entry).toMatchObject({ version: v + 1, selfScore: wins[0].points });

    const after = await read();
    expect(after.seq).toBe(before.seq + 1);
    const h = entryOf(after, '2.3').history;
    expect(h).toHaveLength(entryOf(before, '2.3').history.length + 1);
    expect(h[h.length - 1]).toMatchObject({ version: v + 1, new: { selfScore: wins[0].points, value: { points: wins[0].points } } });
    expect(entryOf(after, '2.3').selfScore).toBe(wins[0].points);
    expect(rowOf(after, '2.3')).toMatchObject({ selfTotal: wins[0].points, leavesScored: 1 });
    // group 2 holds 2.3 alone so far
    expect(rowOf(after, '2')).toMatchObject({ selfTotal: wins[0].points, leavesScored: 1 });
  });

  it('should land concurrent saves of different entries by two staff and keep the shared rows right', async () => {
    // group 1 stays with staffA; the leader hands group 2 to staffA2
    await ok(t.url, `mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){id}}`, { i: { assessmentId: w.assessmentA, criterionIds: [w.criteria['2']], assigneeId: w.userIds.staffA2 } }, w.tokens.leaderA);
    /** one concurrent round over all 10 leaves, each at its current version */
    async function round(plan: [string, string, Record<string, unknown> | null][]) {
      const before = await read();
      const results = await Promise.all(plan.map(([who, code, value]) => send((w.tokens as any)[who], code, value, entryOf(before, code).version)));
      for (const r of results) expect(r.errors).toBeUndefined();
      const seqs = results.map((r) => r.data.saveSelfScore.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(plan.map((_, i) => before.seq + 1 + i)); // one each, no gaps, no repeats
      const after = await read();
      expect(after.seq).toBe(before.seq + plan.length);
      for (const [, code] of plan) {
        expect(entryOf(after, code).version).toBe(entryOf(before, code).version + 1);
        expect(entryOf(after, code).history).toHaveLength(entryOf(before, code).history.length + 1);
      }
      return after;
    }

    let a = await round([
      ['staffA', '1.1', { points: 1.75 }],
      ['staffA', '1.2', { met: true }],
      ['staffA', '1.3', { tier: 'Partial' }],
      ['staffA', '1.4', { numerator: 7, denominator: 10 }],
      ['staffA', '1.5', { points: -0.5 }],
      ['staffA2', '2.1', { numerator: 1, denominator: 3 }],
      ['staffA2', '2.2.1', { points: 4.5 }],
      ['staffA2', '2.2.2', { figure: 10 }],
      ['staffA2', '2.3', { points: 1.25 }],
      ['staffA2', '2.4', { points: 0.5 }],
    ]);
    // group 1: min(1.75 + 1 + 1.5 + 2, 10) − 0.5 = 5.75
    // 2.2: 4.5 + 0 (RELATIVE) = 4.5; group 2: min(0.17 + 4.5 + 1.25, 10) + 0.5 = 6.42; total 12.17
    const expected1: Record<string, [number, number, number, number]> = {
      // code: selfTotal, maxScore, leaves, leavesScored
      '1': [5.75, 10, 5, 5],
      '1.1': [1.75, 2, 1, 1],
      '1.2': [1, 1, 1, 1],
      '1.3': [1.5, 3, 1, 1],
      '1.4': [2, 4, 1, 1],
      '1.5': [-0.5, 1, 1, 1],
      '2': [6.42, 10, 5, 5],
      '2.1': [0.17, 0.5, 1, 1],
      '2.2': [4.5, 7.5, 2, 2],
      '2.2.1': [4.5, 4.5, 1, 1],
      '2.2.2': [0, 3, 1, 1],
      '2.3': [1.25, 2, 1, 1],
      '2.4': [0.5, 1, 1, 1],
    };
    const check = (got: any, want: Record<string, [number, number, number, number]>) => {
      expect(got.progress).toHaveLength(Object.keys(want).length);
      for (const [code, [selfTotal, maxScore, leaves, leavesScored]] of Object.entries(want)) {
        expect({ code, ...rowOf(got, code) }).toEqual({ code, criterion: { code }, selfTotal, maxScore, leaves, leavesScored });
      }
    };
    check(a, expected1);
    expect(a.selfTotal).toBe(12.17);

    a = await round([
      ['staffA', '1.1', { points: 2 }],
      ['staffA', '1.2', { notApplicable: true }],
      ['staffA', '1.3', { tier: 'Full' }],
      ['staffA', '1.4', { numerator: 95, denominator: 100 }],
      ['staffA', '1.5', { points: -1 }],
      ['staffA2', '2.1', null],
      ['staffA2', '2.2.1', { notApplicable: true }],
      ['staffA2', '2.2.2', { figure: 3 }],
      ['staffA2', '2.3', { points: 2 }],
      ['staffA2', '2.4', { points: 1 }],
    ]);
    // RESCALE: 1.2 (1) and 2.2.1 (4.5) leave the maxima. group 1: max 9, min(2 + 3 + 4, 9) − 1 = 8
    // 2.2: max 3, 0; group 2: max 5.5, min(0 + 0 + 2, 5.5) + 1 = 3 (2.1 cleared: not scored)
    // applicable max 14.5: (8 + 3) × 20 / 14.5 = 15.1724… → 15.17
    check(a, {
      '1': [8, 9, 5, 5],
      '1.1': [2, 2, 1, 1],
      '1.2': [0, 0, 1, 1],
      '1.3': [3, 3, 1, 1],
      '1.4': [4, 4, 1, 1],
      '1.5': [-1, 1, 1, 1],
      '2': [3, 5.5, 5, 4],
      '2.1': [0, 0.5, 1, 0],
      '2.2': [0, 3, 2, 2],
      '2.2.1': [0, 0, 1, 1],
      '2.2.2': [0, 3, 1, 1],
      '2.3': [2, 2, 1, 1],
      '2.4': [1, 1, 1, 1],
    });
    expect(a.selfTotal).toBe(15.17);
  });
});
