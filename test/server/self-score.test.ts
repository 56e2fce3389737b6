/**
 * saveSelfScore through the HTTP API, one scoring method at a time, with edge values. Every
 * expected score is computed by hand in the comments. After every rejected save the entry, its
 * history and the assessment's seq must be exactly as before.
 */
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok, type GqlResult } from '../helpers/gql';
import { buildWorld, PASSWORD, SAVE, type World } from '../helpers/world';

/** Where saves go: one assessment, its criteria by code, and who saves. */
interface Target {
  assessmentId: string;
  criteria: Record<string, string>;
  token: string;
}

const READ = `query($id:ID!){assessment(id:$id){seq selfTotal
  entries{id criterion{code} version selfScore state notApplicable comment
    value{points met tier numerator denominator figure notApplicable} history{version}}
  progress{criterion{code} selfTotal maxScore leaves leavesScored}}}`;

const bands = [
  { label: 'A', minPercent: 90 },
  { label: 'B', minPercent: 80 },
  { label: 'C', minPercent: 65 },
  { label: 'D', minPercent: 0 },
];

describe('saveSelfScore', () => {
  let t: TestApp;
  let w: World;
  let A: Target; // unit A, staff A
  let B: Target; // unit B, staff B: a clean assessment for the N/A arithmetic

  const read = async (x: Target) => (await ok(t.url, READ, { id: x.assessmentId }, x.token)).assessment;
  const entryOf = (a: any, code: string) => a.entries.find((e: any) => e.criterion.code === code);
  const rowOf = (a: any, code: string) => a.progress.find((p: any) => p.criterion.code === code);

  /** Saves at the entry's current version; `value: undefined` omits the field (keep the score). */
  async function saveAt(x: Target, code: string, value: Record<string, unknown> | null | undefined, extra: Record<string, unknown> = {}): Promise<GqlResult> {
    const version = entryOf(await read(x), code).version;
    return gql(t.url, SAVE, { i: { assessmentId: x.assessmentId, criterionId: x.criteria[code], value, expectedVersion: version, ...extra } }, x.token);
  }

  /** A save that must succeed; returns its payload. */
  async function accept(x: Target, code: string, value: Record<string, unknown> | null | undefined, extra: Record<string, unknown> = {}) {
    const r = await saveAt(x, code, value, extra);
    expect(r.errors).toBeUndefined();
    return r.data.saveSelfScore;
  }

  /** A save that must fail with `errorCode`, leaving the entry, its history and seq untouched. */
  async function reject(x: Target, code: string, value: Record<string, unknown> | null | undefined, errorCode = 'BAD_USER_INPUT', extra: Record<string, unknown> = {}) {
    const before = await read(x);
    const r = await saveAt(x, code, value, extra);
    expect(r.errors?.[0]?.extensions?.code).toBe(errorCode);
    expect(r.data?.saveSelfScore ?? null).toBeNull();
    const after = await read(x);
    const e0 = entryOf(before, code);
    const e1 = entryOf(after, code);
    expect(e1.version).toBe(e0.version);
    expect(e1.selfScore).toBe(e0.selfScore);
    expect(e1.value).toEqual(e0.value);
    expect(e1.state).toBe(e0.state);
    expect(e1.comment).toBe(e0.comment);
    expect(e1.history).toEqual(e0.history); // no revision added
    expect(after.seq).toBe(before.seq);
    expect(after.progress).toEqual(before.progress);
    return r.errors![0];
  }

  /** The score an accepted save gives, with the leaf's own progress row checked too. */
  async function scoreOf(x: Target, code: string, value: Record<string, unknown> | null) {
    const p = await accept(x, code, value);
    const leafRow = p.progress.find((r: any) => r.criterion.code === code);
    expect(leafRow.selfTotal).toBe(p.entry.selfScore ?? 0);
    return p.entry.selfScore;
  }

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    A = { assessmentId: w.assessmentA, criteria: w.criteria, token: w.tokens.staffA };
    B = { assessmentId: w.assessmentB, criteria: w.criteria, token: w.tokens.staffB };
  });
  afterAll(() => t?.close());

  describe('MANUAL', () => {
    it('should accept 0 and the max on a 0.25 step (1.1, max 2)', async () => {
      const v = entryOf(await read(A), '1.1').version;
      const p = await accept(A, '1.1', { points: 0 });
      expect(p.entry).toMatchObject({ selfScore: 0, state: 'DONE', version: v + 1, value: { points: 0, met: null } });
      expect(await scoreOf(A, '1.1', { points: 2 })).toBe(2);
      expect(await scoreOf(A, '1.1', { points: 1.75 })).toBe(1.75);
    });

    it('should reject above the max, off the step, 3 decimals, negative and 1e308', async () => {
      const above = await reject(A, '1.1', { points: 2.25 });
      expect(above.message).toMatch(/between 0 and 2/);
      const offStep = await reject(A, '1.1', { points: 1.3 });
      expect(offStep.message).toMatch(/multiple of 0\.25/);
      expect((await reject(A, '1.1', { points: 1.125 })).message).toMatch(/2 decimal places/);
      expect((await reject(A, '1.1', { points: -0.25 })).message).toMatch(/between 0 and 2/);
      await reject(A, '1.1', { points: 1e308 });
      await reject(A, '2.3', { points: 1.555 }); // default step 0.01: still 3 decimals
      await reject(A, '2.3', { points: 2.01 });
      await reject(A, '2.3', { points: -0.01 });
      await reject(A, '2.3', { points: 1e308 });
      expect(entryOf(await read(A), '1.1').selfScore).toBe(1.75); // the last accepted value
    });

    it('should keep values like 0.29, 0.57 and 4.35 exact on the default step', async () => {
      // binary floats: 0.57 × 100 = 56.999…, 4.35 × 100 = 434.999…; the score must still be exact
      expect(await scoreOf(A, '2.3', { points: 0.29 })).toBe(0.29);
      expect(await scoreOf(A, '2.3', { points: 0.57 })).toBe(0.57);
      expect(await scoreOf(A, '2.2.1', { points: 4.35 })).toBe(4.35);
      const a = await read(A);
      expect(rowOf(a, '2.2')).toMatchObject({ selfTotal: 4.35, maxScore: 7.5 });
      expect(rowOf(a, '2')).toMatchObject({ selfTotal: 4.92, maxScore: 10 }); // 0.57 + 4.35
    });
  });

  describe('BOOLEAN', () => {
    it('should score max for true and 0 for false (1.2, max 1)', async () => {
      expect(await scoreOf(A, '1.2', { met: true })).toBe(1);
      expect(await scoreOf(A, '1.2', { met: false })).toBe(0);
      expect(await scoreOf(A, '1.2', { met: true })).toBe(1);
      // group 1 = 1.75 + 1
      expect(rowOf(await read(A), '1')).toMatchObject({ selfTotal: 2.75, leavesScored: 2, leaves: 5 });
    });
  });

  describe('TIERS', () => {
    it('should score max × the tier share for each tier (1.3, max 3)', async () => {
      expect(await scoreOf(A, '1.3', { tier: 'Partial' })).toBe(1.5);
      expect(await scoreOf(A, '1.3', { tier: 'None' })).toBe(0);
      expect(await scoreOf(A, '1.3', { tier: 'Full' })).toBe(3);
    });

    it('should reject an unknown tier label, naming the tiers', async () => {
      const e = await reject(A, '1.3', { tier: 'Excellent' });
      expect(e.message).toMatch(/"Full", "Partial", "None"/);
      await reject(A, '1.3', { tier: 'full' }); // labels are exact
      await reject(A, '1.3', { tier: '' });
    });
  });

  describe('RATIO with thresholds (1.4, max 4: ≥ 90 % → 1, ≥ 70 % → 0.5, else 0)', () => {
    it.each([
      [9, 10, 4], // exactly 90 %
      [0.09, 0.1, 4], // exactly 90 % (a float division would say 89.999… %)
      [63, 70, 4], // 90 %
      [899, 1000, 2], // 89.9 %
      [7, 10, 2], // exactly 70 %
      [0.14, 0.2, 2], // exactly 70 %
      [69, 100, 0], // 69 %
      [0, 5, 0],
      [10, 10, 4], // exactly 100 %
    ])('should score %p / %p as %p', async (numerator, denominator, expected) => {
      expect(await scoreOf(A, '1.4', { numerator, denominator })).toBe(expected);
    });

    it('should reject a zero denominator with a clear message', async () => {
      const e = await reject(A, '1.4', { numerator: 0, denominator: 0 });
      expect(e.message).toMatch(/denominator must be greater than 0/);
      expect(e.extensions?.problems).toMatchObject([{ path: '1.4.denominator', message: 'denominator must be greater than 0', code: 'DENOMINATOR_ZERO' }]);
      await reject(A, '1.4', { numerator: 5, denominator: 0 });
    });

    it('should refuse 15 / 10, not cap it silently: the criterion does not allow a rate above 100 %', async () => {
      const e = await reject(A, '1.4', { numerator: 15, denominator: 10 });
      expect(e.extensions?.problems).toMatchObject([{ path: '1.4.numerator', code: 'RATIO_ABOVE_FULL', params: { numerator: 15, denominator: 10 } }]);
    });

    it('should reject a missing or negative figure', async () => {
      expect((await reject(A, '1.4', { numerator: 5 })).message).toMatch(/denominator is required/);
      expect((await reject(A, '1.4', { numerator: -1, denominator: 10 })).message).toMatch(/must not be negative/);
    });
  });

  describe('plain RATIO (2.1, max 0.5)', () => {
    it.each([
      [1, 3, 0.17], // 0.1666… → 0.17
      [2, 3, 0.33], // 0.3333… → 0.33
      [1, 4, 0.13], // 0.125 → 0.13 (half-up)
      [1, 8, 0.06], // 0.0625 → 0.06
      [0, 7, 0],
      [1, 1, 0.5],
    ])('should score %p / %p as %p', async (numerator, denominator, expected) => {
      expect(await scoreOf(A, '2.1', { numerator, denominator })).toBe(expected);
    });
  });

  describe('RELATIVE (2.2.2, max 3)', () => {
    it('should store the figure and leave the score null until results', async () => {
      const p = await accept(A, '2.2.2', { figure: 42.5 });
      expect(p.entry).toMatchObject({ selfScore: null, state: 'DONE', value: { figure: 42.5, points: null } });
      expect(p.progress.find((r: any) => r.criterion.code === '2.2.2')).toMatchObject({ selfTotal: 0, maxScore: 3, leavesScored: 1 });
      // 2.2 = 4.35 + 0
      expect(p.progress.find((r: any) => r.criterion.code === '2.2')).toMatchObject({ selfTotal: 4.35, leavesScored: 2 });
      await reject(A, '2.2.2', { figure: -1 });
      await reject(A, '2.2.2', { points: 3 });
    });
  });

  describe('DEDUCTION (1.5, max 1)', () => {
    it('should accept −1 and 0 and subtract below the group cap', async () => {
      // group 1 before: 1.75 + 1 + 3 + 4 (1.4 at 10/10) = 9.75
      expect(rowOf(await read(A), '1').selfTotal).toBe(9.75);
      expect(await scoreOf(A, '1.5', { points: -1 })).toBe(-1);
      expect(rowOf(await read(A), '1').selfTotal).toBe(8.75);
      expect(await scoreOf(A, '1.5', { points: 0 })).toBe(0);
      expect(rowOf(await read(A), '1').selfTotal).toBe(9.75);
      expect(await scoreOf(A, '1.5', { points: -0.5 })).toBe(-0.5);
      expect(rowOf(await read(A), '1')).toMatchObject({ selfTotal: 9.25, maxScore: 10 });
    });

    it('should reject −1.01, +0.5 and −1e308', async () => {
      expect((await reject(A, '1.5', { points: -1.01 })).message).toMatch(/between -1 and 0/);
      expect((await reject(A, '1.5', { points: 0.5 })).message).toMatch(/between -1 and 0/);
      await reject(A, '1.5', { points: -1e308 });
      expect(entryOf(await read(A), '1.5').selfScore).toBe(-0.5);
    });
  });

  describe('BONUS (2.4, max 1)', () => {
    it('should accept 0..1 and reject outside', async () => {
      expect(await scoreOf(A, '2.4', { points: 0 })).toBe(0);
      expect(await scoreOf(A, '2.4', { points: 0.5 })).toBe(0.5);
      await reject(A, '2.4', { points: 1.01 });
      await reject(A, '2.4', { points: -0.25 });
      await reject(A, '2.4', { points: 1e308 });
    });

    it('should add the bonus on top of the regular children of group 2', async () => {
      // Group 2 can reach 7 of its 10 during self-assessment (2.2.2 is RELATIVE, scored only with
      // the results): 2.1 = 0.5 (1/1), 2.2.1 = 4.5, 2.3 = 2 → 7; + bonus 1 = 8
      await accept(A, '2.1', { numerator: 1, denominator: 1 });
      await accept(A, '2.2.1', { points: 4.5 });
      await accept(A, '2.3', { points: 2 });
      const p = await accept(A, '2.4', { points: 1 });
      expect(p.progress.find((r: any) => r.criterion.code === '2')).toMatchObject({ selfTotal: 8, maxScore: 10 });
      // 9.25 + 8
      expect((await read(A)).selfTotal).toBe(17.25);
    });
  });

  describe('N/A under RESCALE (unit B)', () => {
    it('should take an N/A leaf’s max out of its ancestors and rescale the total', async () => {
      await accept(B, '1.1', { points: 2 });
      await accept(B, '1.3', { tier: 'Full' });
      await accept(B, '2.3', { points: 2 });
      let a = await read(B);
      expect(a.selfTotal).toBe(7); // 5 + 2 of 20

      const p = await accept(B, '2.2.1', { notApplicable: true });
      expect(p.entry).toMatchObject({ notApplicable: true, selfScore: 0, state: 'DONE', value: { notApplicable: true, points: null } });
      a = await read(B);
      expect(rowOf(a, '2.2.1')).toMatchObject({ maxScore: 0, selfTotal: 0, leavesScored: 1 });
      expect(rowOf(a, '2.2')).toMatchObject({ maxScore: 3, selfTotal: 0 }); // 7.5 − 4.5
      expect(rowOf(a, '2')).toMatchObject({ maxScore: 5.5, selfTotal: 2 }); // 10 − 4.5
      expect(rowOf(a, '1')).toMatchObject({ maxScore: 10, selfTotal: 5 });
      // applicable max 15.5: 7 × 20 / 15.5 = 9.0322… → 9.03
      expect(a.selfTotal).toBe(9.03);

      await accept(B, '1.2', { notApplicable: true });
      a = await read(B);
      expect(rowOf(a, '1')).toMatchObject({ maxScore: 9, selfTotal: 5 });
      // applicable max 9 + 5.5 = 14.5: 7 × 20 / 14.5 = 9.6551… → 9.66
      expect(a.selfTotal).toBe(9.66);

      await accept(B, '1.4', { numerator: 9, denominator: 10 });
      // group 1 = 2 + 3 + 4 = 9 (its reduced max): 11 × 20 / 14.5 = 15.1724… → 15.17
      expect((await read(B)).selfTotal).toBe(15.17);

      // back from N/A to a score: 2.2 = 4.5 of 7.5; group 2 = 6.5 of 10; 15.5 × 20 / 19 = 16.3157… → 16.32
      const back = await accept(B, '2.2.1', { points: 4.5 });
      expect(back.entry).toMatchObject({ notApplicable: false, selfScore: 4.5 });
      a = await read(B);
      expect(rowOf(a, '2.2')).toMatchObject({ maxScore: 7.5, selfTotal: 4.5 });
      expect(rowOf(a, '2')).toMatchObject({ maxScore: 10, selfTotal: 6.5 });
      expect(a.selfTotal).toBe(16.32);
    });

    it('should reject N/A where the leaf does not allow it, or with a score beside it', async () => {
      expect((await reject(B, '1.1', { notApplicable: true })).message).toMatch(/cannot be marked not applicable/);
      await reject(B, '1.3', { notApplicable: true });
      await reject(B, '2.2.1', { notApplicable: true, points: 1 });
    });
  });

  describe('malformed values', () => {
    it('should reject the fields of another method', async () => {
      await reject(A, '1.1', { met: true });
      await reject(A, '1.1', { points: 1, met: true });
      await reject(A, '1.2', { points: 1 });
      await reject(A, '1.3', { tier: 'Full', points: 3 });
      await reject(A, '1.4', { points: 4 });
      await reject(A, '2.4', { tier: 'Full' });
      await reject(A, '2.2.2', { numerator: 1, denominator: 2 });
      await reject(A, '1.1', {}); // nothing at all
    });

    it('should reject a save of an inner node or by another unit’s staff', async () => {
      const version = entryOf(await read(A), '1.1').version;
      const inner = await gql(t.url, SAVE, { i: { assessmentId: A.assessmentId, criterionId: w.criteria['2.2'], value: { points: 1 }, expectedVersion: 0 } }, A.token);
      expect(inner.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const other = await gql(t.url, SAVE, { i: { assessmentId: A.assessmentId, criterionId: w.criteria['1.1'], value: { points: 1 }, expectedVersion: version } }, w.tokens.staffB);
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(entryOf(await read(A), '1.1').version).toBe(version);
    });
  });

  describe('clear, comment and draft', () => {
    it('should clear a score with value: null', async () => {
      const before = await read(A);
      const p = await accept(A, '2.3', null);
      expect(p.entry).toMatchObject({ selfScore: null, value: null, state: 'TODO', version: entryOf(before, '2.3').version + 1 });
      const a = await read(A);
      expect(entryOf(a, '2.3').history).toHaveLength(entryOf(before, '2.3').history.length + 1);
      expect(rowOf(a, '2.3')).toMatchObject({ selfTotal: 0, leavesScored: 0 });
      expect(rowOf(a, '2').leavesScored).toBe(rowOf(before, '2').leavesScored - 1);
      // group 2 = 0.5 + 4.5 + bonus 1 = 6
      expect(rowOf(a, '2').selfTotal).toBe(6);
    });

    it('should save a comment alone and keep the score', async () => {
      const before = entryOf(await read(A), '1.3');
      const p = await accept(A, '1.3', undefined, { comment: '  Có biên bản kiểm tra  ' });
      expect(p.entry).toMatchObject({ selfScore: 3, value: { tier: 'Full' }, state: 'DONE', comment: 'Có biên bản kiểm tra', version: before.version + 1 });
      // a comment on an unscored entry makes it a DRAFT
      const c = await accept(A, '2.3', undefined, { comment: 'Chờ số liệu' });
      expect(c.entry).toMatchObject({ selfScore: null, value: null, state: 'DRAFT', comment: 'Chờ số liệu' });
      // and clearing that comment makes it TODO again
      const cleared = await accept(A, '2.3', undefined, { comment: null });
      expect(cleared.entry).toMatchObject({ state: 'TODO', comment: null });
    });

    it('should keep a draft as DRAFT and not count it as scored', async () => {
      const before = await read(A);
      const p = await accept(A, '2.3', { points: 1 }, { draft: true });
      expect(p.entry).toMatchObject({ selfScore: 1, state: 'DRAFT' });
      let a = await read(A);
      expect(rowOf(a, '2.3')).toMatchObject({ selfTotal: 1, leavesScored: 0 });
      expect(rowOf(a, '2').leavesScored).toBe(rowOf(before, '2').leavesScored);
      const done = await accept(A, '2.3', { points: 1 });
      expect(done.entry.state).toBe('DONE');
      a = await read(A);
      expect(rowOf(a, '2.3').leavesScored).toBe(1);
      expect(rowOf(a, '2').leavesScored).toBe(rowOf(before, '2').leavesScored + 1);
    });
  });

  describe('commune frameworks', () => {
    let staffC: string;
    let leaderC: string;
    let staffCId: string;
    /** imports, publishes and opens a one-unit period of a commune framework */
    async function openCommunePeriod(doc: Record<string, unknown>): Promise<Target> {
      const admin = w.tokens.admin;
      const fw = (await ok(t.url, `mutation($d:JSONObject!){importFramework(document:$d){id notApplicable criteria{id code}}}`, { d: doc }, admin)).importFramework;
      expect(fw.notApplicable).toBe(doc.notApplicable);
      await ok(t.url, `mutation($id:ID!){publishFramework(id:$id){id}}`, { id: fw.id }, admin);
      const period = (
        await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id}}}`, { i: { name: `Kỳ ${doc.code}`, frameworkId: fw.id, year: 2025, unitIds: [w.units.commune] } }, admin)
      ).createPeriod;
      await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:SELF_ASSESSMENT){id}}`, { id: period.id }, admin);
      // the commune's leader hands every leaf to its staff member
      const top = fw.criteria.filter((c: any) => !c.code.includes('.')).map((c: any) => c.id);
      await ok(t.url, `mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){id}}`, { i: { assessmentId: period.assessments[0].id, criterionIds: top, assigneeId: staffCId } }, leaderC);
      return { assessmentId: period.assessments[0].id, criteria: Object.fromEntries(fw.criteria.map((c: any) => [c.code, c.id])), token: staffC };
    }

    beforeAll(async () => {
      const ids: Record<string, string> = {};
      for (const [email, role] of [['leader.c@test', 'LEADER'], ['staff.c@test', 'STAFF']]) {
        ids[email] = (await ok(t.url, `mutation($i:CreateUserInput!){createUser(input:$i){id}}`, { i: { email, name: email, role, unitId: w.units.commune, password: PASSWORD } }, w.tokens.admin)).createUser.id;
      }
      staffCId = ids['staff.c@test'];
      const login = async (e: string) => (await ok(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e, p: PASSWORD })).login.token as string;
      staffC = await login('staff.c@test');
      leaderC = await login('leader.c@test');
    });

    it('should score an N/A leaf its max under FULL and let a bonus go above a full group', async () => {
      const C = await openCommunePeriod({
        code: 'TEST-FW-FULL', name: 'Commune, N/A scores full', year: 2025, unitKind: 'COMMUNE', notApplicable: 'FULL', bands,
        criteria: [
          { code: '1', title: 'G1', maxScore: 6, children: [
            { code: '1.1', title: 'Manual', maxScore: 2, method: 'MANUAL', allowNotApplicable: true },
            { code: '1.2', title: 'Boolean', maxScore: 4, method: 'BOOLEAN', allowNotApplicable: true },
            { code: '1.3', title: 'Bonus', maxScore: 1, method: 'BONUS' },
          ] },
          { code: '2', title: 'G2', maxScore: 4, children: [
            { code: '2.1', title: 'Tiers', maxScore: 4, method: 'TIERS', allowNotApplicable: true, tiers: [{ label: 'Full', share: 1 }, { label: 'Half', share: 0.5 }] },
            { code: '2.2', title: 'Deduction', maxScore: 1, method: 'DEDUCTION' },
          ] },
        ],
      });
      const na = await accept(C, '1.1', { notApplicable: true });
      expect(na.entry).toMatchObject({ notApplicable: true, selfScore: 2, state: 'DONE' });
      let a = await read(C);
      expect(rowOf(a, '1.1')).toMatchObject({ selfTotal: 2, maxScore: 2 });
      expect(rowOf(a, '1')).toMatchObject({ selfTotal: 2, maxScore: 6 }); // the max stays under FULL
      expect(a.selfTotal).toBe(2);

      await accept(C, '1.2', { met: true });
      expect(rowOf(await read(C), '1').selfTotal).toBe(6); // full: 2 + 4
      await accept(C, '1.3', { points: 0.75 });
      a = await read(C);
      expect(rowOf(a, '1')).toMatchObject({ selfTotal: 6.75, maxScore: 6 }); // max + bonus
      expect(a.selfTotal).toBe(6.75);

      await accept(C, '2.1', { notApplicable: true });
      a = await read(C);
      expect(rowOf(a, '2')).toMatchObject({ selfTotal: 4, maxScore: 4 });
      expect(a.selfTotal).toBe(10.75); // 6.75 + 4: the bonus lifts the total above the framework's 10 (no capTotal)

      await accept(C, '2.2', { points: -0.5 });
      await accept(C, '1.3', { points: 0 });
      a = await read(C);
      expect(rowOf(a, '2').selfTotal).toBe(3.5);
      expect(a.selfTotal).toBe(9.5); // 6 + 3.5

      await accept(C, '1.1', { points: 1 });
      a = await read(C);
      expect(rowOf(a, '1').selfTotal).toBe(5);
      expect(a.selfTotal).toBe(8.5);
      expect(rowOf(a, '1').leavesScored).toBe(3);
    });

    it.each([
      [false, 11.25],
      [true, 10],
    ])('should rescale the sum of the groups, capped only when capTotal is %p (a bonus tops a full group)', async (capTotal, expected) => {
      const C = await openCommunePeriod({
        code: `TEST-FW-RESCALE-${capTotal}`, name: 'Commune, N/A rescaled', year: 2025, unitKind: 'COMMUNE', notApplicable: 'RESCALE', capTotal, bands,
        criteria: [
          { code: '1', title: 'G1', maxScore: 6, children: [
            { code: '1.1', title: 'Manual', maxScore: 2, method: 'MANUAL' },
            { code: '1.2', title: 'Boolean', maxScore: 4, method: 'BOOLEAN' },
            { code: '1.3', title: 'Bonus', maxScore: 1, method: 'BONUS' },
          ] },
          { code: '2', title: 'G2', maxScore: 4, children: [
            { code: '2.1', title: 'Manual N/A', maxScore: 2, method: 'MANUAL', allowNotApplicable: true },
            { code: '2.2', title: 'Manual', maxScore: 2, method: 'MANUAL' },
          ] },
        ],
      });
      await accept(C, '1.1', { points: 2 });
      await accept(C, '1.2', { met: true });
      await accept(C, '1.3', { points: 1 });
      await accept(C, '2.2', { points: 2 });
      let a = await read(C);
      expect(rowOf(a, '1').selfTotal).toBe(7); // 6 + bonus 1
      expect(a.selfTotal).toBe(9); // 7 + 2 of 10

      await accept(C, '2.1', { notApplicable: true });
      a = await read(C);
      expect(rowOf(a, '2')).toMatchObject({ selfTotal: 2, maxScore: 2 });
      // The applicable max is 10 − 2 = 8 (N/A is taken out of every ancestor's max). The groups
      // sum to 7 + 2 = 9, reported as 9 × 10 / 8 = 11.25 (the bonus lifts the total); with
      // capTotal the sum is capped at 8 first: 8 × 10 / 8 = 10.
      expect(a.selfTotal).toBe(expected);
    });
  });
});
