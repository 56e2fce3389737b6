import { Criterion } from '../../server/src/modules/framework/criterion.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { errorCode, gql, ok } from '../helpers/gql';
import { buildWorld, smallFramework, type World } from '../helpers/world';

const IMPORT = `mutation($d:JSONObject!){importFramework(document:$d){
  id code version status year unitKind maxScore publishedAt
  criteria{ id code title depth ordinal parentId parent{ id code } maxScore method isLeaf }
}}`;
const PUBLISH = `mutation($id:ID!){publishFramework(id:$id){id status publishedAt version}}`;
const FRAMEWORKS = `{frameworks{id code version status}}`;
const FRAMEWORK = `query($id:ID!){framework(id:$id){id status criteria{code}}}`;
const CREATE_PERIOD = `mutation($i:CreatePeriodInput!){createPeriod(input:$i){
  id phase
  assessments{ id status unit{ id }
    entries{ criterion{ code } state version selfScore }
    progress{ criterion{ code } leaves leavesScored maxScore selfTotal } }
}}`;
const PERIODS = `{periods{id}}`;

/** The small framework's codes in pre-order (parents before children, siblings in order). */
const PRE_ORDER = ['1', '1.1', '1.2', '1.3', '1.4', '1.5', '2', '2.1', '2.2', '2.2.1', '2.2.2', '2.3', '2.4'];
const LEAVES = ['1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2.1', '2.2.2', '2.3', '2.4'];

/** A document with one of each problem, each on its own criterion code where possible. */
const brokenDocument = () =>
  smallFramework({
    code: 'BROKEN',
    criteria: [
      {
        // children's maxima add up to 6, over the group's 5
        code: '1', title: 'Over', maxScore: 5, children: [
          { code: '1.1', title: 'a', maxScore: 3, method: 'MANUAL' },
          { code: '1.2', title: 'b', maxScore: 3, method: 'BOOLEAN' },
        ],
      },
      {
        code: '2', title: 'Group', maxScore: 20, children: [
          { code: '2.1', title: 'Unknown method', maxScore: 1, method: 'GUESS' },
          { code: '2.2', title: 'Bad tiers', maxScore: 1, method: 'TIERS', tiers: [{ label: 'Full', share: 1.5 }, { label: 'Full', share: 0 }] },
          { code: '2.3', title: 'Bad thresholds', maxScore: 1, method: 'RATIO', thresholds: [{ minPercent: 150, share: 1 }, { minPercent: 50, share: 'half' }] },
          { code: '2.4', title: 'Negative max', maxScore: -2, method: 'MANUAL' },
          { code: '2.5', title: 'First', maxScore: 1, method: 'BOOLEAN' },
          { code: '2.5', title: 'Duplicate', maxScore: 1, method: 'BOOLEAN' },
          { code: '7.1', title: 'Orphan under 2', maxScore: 1, method: 'BOOLEAN' },
        ],
      },
      { code: '8.1', title: 'Orphan at the top', maxScore: 1, method: 'BOOLEAN' },
    ],
  });

describe('importing and publishing frameworks, opening periods', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  const nonAdmins = () => Object.entries(w.tokens).filter(([name]) => name !== 'admin');
  const criterionRows = () => t.orm.em.fork().count(Criterion, {});

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    admin = w.tokens.admin;
  });
  afterAll(() => t?.close());

  describe('a document with many problems', () => {
    it('should be refused with one BAD_USER_INPUT listing every problem by criterion code, writing nothing', async () => {
      const frameworksBefore = (await ok(t.url, FRAMEWORKS, {}, admin)).frameworks.length;
      const rowsBefore = await criterionRows();

      const r = await gql(t.url, IMPORT, { d: brokenDocument() }, admin);
      expect(r.data).toBeNull();
      expect(r.errors).toHaveLength(1);
      const [error] = r.errors!;
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      const problems = error.extensions?.problems as { path: string; message: string }[];
      expect(Array.isArray(problems)).toBe(true);
      const expected: [string, RegExp][] = [
        ['1', /regular children's maxima add up to 6, more than its maxScore 5/],
        ['2.1', /unknown method 'GUESS'/],
        ['2.2', /duplicate tier label 'Full'/],
        ['2.2', /tiers\[0\]\.share must be a number from 0 to 1/],
        ['2.3', /thresholds\[0\]\.minPercent must be a number from 0 to 100/],
        ['2.3', /thresholds\[1\]\.share must be "ratio" or a number from 0 to 1/],
        ['2.4', /maxScore must not be negative/],
        ['2.5', /duplicate code \(first at criteria\[1\]\.children\[4\]\)/],
        ['7.1', /code must be '2\.<n>' under '2'/],
        ['8.1', /a top-level code has no dot/],
      ];
      for (const [path, message] of expected) {
        expect(problems).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
      }
      // nothing else, and every problem is in the message too
      expect(problems).toHaveLength(expected.length);
      expect(error.message).toMatch(new RegExp(`^${expected.length} problems: `));
      for (const p of problems) expect(error.message).toContain(`${p.path}: ${p.message}`);

      expect((await ok(t.url, FRAMEWORKS, {}, admin)).frameworks).toHaveLength(frameworksBefore);
      expect(await criterionRows()).toBe(rowsBefore);
    });

    it('should report top-level problems of the document with the field as path', async () => {
      const r = await gql(t.url, IMPORT, { d: smallFramework({ code: 'TOP', year: 1990, unitKind: 'PROVINCE', bands: [{ label: 'A', minPercent: 90 }], extra: 1 }) }, admin);
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const paths = (r.errors![0].extensions!.problems as { path: string }[]).map((p) => p.path);
      expect(paths).toEqual(expect.arrayContaining(['year', 'unitKind', 'bands', 'extra']));
      expect((await ok(t.url, FRAMEWORKS, {}, admin)).frameworks.map((f: any) => f.code)).not.toContain('TOP');
    });
  });

  describe('a valid document', () => {
    let draft: any;

    beforeAll(async () => {
      draft = (await ok(t.url, IMPORT, { d: smallFramework({ code: 'IMPORTED' }) }, admin)).importFramework;
    });

    it('should become a DRAFT, version 1, with its criteria flat in pre-order', async () => {
      expect(draft).toMatchObject({ code: 'IMPORTED', version: 1, status: 'DRAFT', year: 2025, unitKind: 'DISTRICT', maxScore: 20, publishedAt: null });
      const criteria = draft.criteria as any[];
      expect(criteria.map((c) => c.code)).toEqual(PRE_ORDER);
      expect(criteria.map((c) => c.ordinal)).toEqual(PRE_ORDER.map((_, i) => i));
      const byCode = new Map(criteria.map((c) => [c.code, c]));
      for (const c of criteria) {
        const parentCode = c.code.includes('.') ? c.code.slice(0, c.code.lastIndexOf('.')) : null;
        if (parentCode === null) {
          expect(c.parentId).toBeNull();
          expect(c.parent).toBeNull();
        } else {
          expect(c.parentId).toBe(byCode.get(parentCode).id);
          expect(c.parent).toEqual({ id: byCode.get(parentCode).id, code: parentCode });
        }
        expect(c.depth).toBe(c.code.split('.').length);
        expect(c.isLeaf).toBe(LEAVES.includes(c.code));
      }
      expect(criteria.map((c) => [c.code, c.maxScore, c.method])).toEqual([
        ['1', 10, null],
        ['1.1', 2, 'MANUAL'],
        ['1.2', 1, 'BOOLEAN'],
        ['1.3', 3, 'TIERS'],
        ['1.4', 4, 'RATIO'],
        ['1.5', 1, 'DEDUCTION'],
        ['2', 10, null],
        ['2.1', 0.5, 'RATIO'],
        ['2.2', 7.5, null],
        ['2.2.1', 4.5, 'MANUAL'],
        ['2.2.2', 3, 'RELATIVE'],
        ['2.3', 2, 'MANUAL'],
        ['2.4', 1, 'BONUS'],
      ]);
      expect(await t.orm.em.fork().count(Criterion, { framework: draft.id })).toBe(PRE_ORDER.length);
    });

    it('should give the same code a new version on a second import, leaving the first as it was', async () => {
      const second = (await ok(t.url, IMPORT, { d: smallFramework({ code: 'IMPORTED', name: 'Second' }) }, admin)).importFramework;
      expect(second).toMatchObject({ code: 'IMPORTED', version: 2, status: 'DRAFT' });
      expect(second.id).not.toBe(draft.id);
      expect(new Set(second.criteria.map((c: any) => c.id)).size).toBe(PRE_ORDER.length);
      expect(second.criteria.map((c: any) => c.id)).not.toContain(draft.criteria[0].id);
      const versions = (await ok(t.url, FRAMEWORKS, {}, admin)).frameworks.filter((f: any) => f.code === 'IMPORTED').map((f: any) => f.version);
      expect(versions.sort()).toEqual([1, 2]);
      const first = (await ok(t.url, FRAMEWORK, { id: draft.id }, admin)).framework;
      expect(first.criteria.map((c: any) => c.code)).toEqual(PRE_ORDER);
    });

    it('should be invisible to non-admins while it is a draft', async () => {
      for (const [name, token] of nonAdmins()) {
        const ids = (await ok(t.url, FRAMEWORKS, {}, token)).frameworks.map((f: any) => f.id);
        expect([name, ids]).toEqual([name, [w.frameworkId]]);
        expect([name, await errorCode(t.url, FRAMEWORK, { id: draft.id }, token)]).toEqual([name, 'FORBIDDEN']);
      }
      expect((await ok(t.url, FRAMEWORKS, {}, admin)).frameworks.map((f: any) => f.id)).toContain(draft.id);
    });

    it('should refuse importFramework and publishFramework to every non-admin with FORBIDDEN', async () => {
      const before = (await ok(t.url, FRAMEWORKS, {}, admin)).frameworks.length;
      for (const [name, token] of nonAdmins()) {
        expect([name, await errorCode(t.url, IMPORT, { d: smallFramework({ code: `BY-${name}` }) }, token)]).toEqual([name, 'FORBIDDEN']);
        expect([name, await errorCode(t.url, PUBLISH, { id: draft.id }, token)]).toEqual([name, 'FORBIDDEN']);
      }
      const after = (await ok(t.url, FRAMEWORKS, {}, admin)).frameworks;
      expect(after).toHaveLength(before);
      expect(after.find((f: any) => f.id === draft.id).status).toBe('DRAFT');
    });

    it('should refuse a period on the unpublished framework, writing nothing', async () => {
      const periodsBefore = (await ok(t.url, PERIODS, {}, admin)).periods.length;
      const r = await gql(t.url, CREATE_PERIOD, { i: { name: 'Too early', frameworkId: draft.id, year: 2025, unitIds: [w.units.A] } }, admin);
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.problems).toMatchObject([{ path: 'frameworkId', message: expect.stringMatching(/publish/) }]);
      expect((await ok(t.url, PERIODS, {}, admin)).periods).toHaveLength(periodsBefore);
    });

    it('should publish once: PUBLISHED with a date, visible to everyone, and a second publish is PHASE_CLOSED', async () => {
      const published = (await ok(t.url, PUBLISH, { id: draft.id }, admin)).publishFramework;
      expect(published).toMatchObject({ id: draft.id, status: 'PUBLISHED', version: 1 });
      expect(Number.isNaN(Date.parse(published.publishedAt))).toBe(false);
      const again = await gql(t.url, PUBLISH, { id: draft.id }, admin);
      expect(again.errors?.[0].extensions?.code).toBe('PHASE_CLOSED');
      const still = (await ok(t.url, `query($id:ID!){framework(id:$id){status publishedAt criteria{code}}}`, { id: draft.id }, w.tokens.viewer)).framework;
      expect(still).toEqual({ status: 'PUBLISHED', publishedAt: published.publishedAt, criteria: PRE_ORDER.map((code) => ({ code })) });
      expect((await ok(t.url, FRAMEWORKS, {}, w.tokens.staffB)).frameworks.map((f: any) => f.id)).toContain(draft.id);
    });

    it('should refuse units of another kind, listing each of them, writing nothing', async () => {
      const dept = (await ok(t.url, `mutation($i:CreateUnitInput!){createUnit(input:$i){id}}`, { i: { code: 'D1', name: 'Sở Nội vụ', kind: 'DEPARTMENT' } }, admin)).createUnit.id;
      const periodsBefore = (await ok(t.url, PERIODS, {}, admin)).periods.length;
      const r = await gql(t.url, CREATE_PERIOD, { i: { name: 'Mixed', frameworkId: draft.id, year: 2025, unitIds: [w.units.A, w.units.commune, dept] } }, admin);
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
      const problems = r.errors![0].extensions!.problems as { path: string; message: string }[];
      expect(problems).toMatchObject([
        { path: 'unitIds', message: expect.stringMatching(/Unit C1 is a COMMUNE, the framework is for DISTRICT/) },
        { path: 'unitIds', message: expect.stringMatching(/Sở Nội vụ is a DEPARTMENT, the framework is for DISTRICT/) },
      ]);
      expect((await ok(t.url, PERIODS, {}, admin)).periods).toHaveLength(periodsBefore);
    });

    it('should create a DRAFT period with one assessment per unit, one entry per leaf and one progress row per node', async () => {
      const period = (await ok(t.url, CREATE_PERIOD, { i: { name: 'Kỳ mới', frameworkId: draft.id, year: 2026, unitIds: [w.units.A, w.units.B] } }, admin)).createPeriod;
      expect(period.phase).toBe('DRAFT');
      expect(period.assessments).toHaveLength(2);
      expect(period.assessments.map((a: any) => a.unit.id).sort()).toEqual([w.units.A, w.units.B].sort());
      const leavesUnder = (code: string) => LEAVES.filter((l) => l === code || l.startsWith(code + '.')).length;
      const maxByCode = new Map<string, number>(draft.criteria.map((c: any) => [c.code, c.maxScore]));
      for (const a of period.assessments) {
        expect(a.status).toBe('NOT_STARTED');
        expect(a.entries.map((e: any) => e.criterion.code)).toEqual(LEAVES);
        for (const e of a.entries) expect(e).toMatchObject({ state: 'TODO', version: 0, selfScore: null });
        expect(a.progress.map((p: any) => p.criterion.code)).toEqual(PRE_ORDER);
        for (const p of a.progress) {
          expect(p).toEqual({ criterion: { code: p.criterion.code }, leaves: leavesUnder(p.criterion.code), leavesScored: 0, maxScore: maxByCode.get(p.criterion.code), selfTotal: 0 });
        }
      }
      // the period is readable afterwards with the same assessments
      const again = (await ok(t.url, `query($id:ID!){period(id:$id){assessments{id}}}`, { id: period.id }, admin)).period;
      expect(again.assessments.map((a: any) => a.id).sort()).toEqual(period.assessments.map((a: any) => a.id).sort());
    });
  });
});
