import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, save, SAVE, type World } from '../helpers/world';

const PHASES = ['DRAFT', 'SELF_ASSESSMENT', 'APPRAISAL', 'EXPLANATION', 'FINAL_APPRAISAL', 'FINALIZED', 'PUBLISHED'] as const;
type PhaseName = (typeof PHASES)[number];

/** What DESIGN.md allows: forward only, EXPLANATION and FINAL_APPRAISAL may be skipped. */
const ALLOWED: Record<PhaseName, PhaseName[]> = {
  DRAFT: ['SELF_ASSESSMENT'],
  SELF_ASSESSMENT: ['APPRAISAL'],
  APPRAISAL: ['EXPLANATION', 'FINAL_APPRAISAL', 'FINALIZED'],
  EXPLANATION: ['FINAL_APPRAISAL', 'FINALIZED'],
  FINAL_APPRAISAL: ['FINALIZED'],
  FINALIZED: ['PUBLISHED'],
  PUBLISHED: [],
};

const SET_PHASE = `mutation($id:ID!,$phase:Phase!){setPeriodPhase(id:$id,phase:$phase,acknowledgeIncomplete:true){id phase}}`;
const SUBMIT = `mutation($id:ID!){submitAssessment(assessmentId:$id){id status submittedAt}}`;
const ASSESSMENT = `query($id:ID!){assessment(id:$id){
  status seq submittedAt selfTotal
  entries{ criterion{ code } version state selfScore notApplicable comment value{ points met tier numerator denominator figure notApplicable } }
  progress{ criterion{ code } selfTotal maxScore leavesScored }
}}`;

/** A value for every leaf of the small framework; N/A where the leaf allows it. */
const FULL_SCORES: Record<string, Record<string, unknown>> = {
  '1.1': { points: 1.5 },
  '1.2': { notApplicable: true },
  '1.3': { tier: 'Partial' },
  '1.4': { numerator: 8, denominator: 10 },
  '1.5': { points: -0.5 },
  '2.1': { numerator: 1, denominator: 4 },
  '2.2.1': { notApplicable: true },
  '2.2.2': { figure: 12 },
  '2.3': { points: 2 },
  '2.4': { points: 1 },
};
const LEAVES = Object.keys(FULL_SCORES);

describe('the phases of a period', () => {
  let t: TestApp;
  let w: World;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    admin = w.tokens.admin;
  });
  afterAll(() => t?.close());

  /** A new DRAFT period of the world's framework; returns its id and its assessments by unit. */
  async function newPeriod(unitIds = [w.units.A]): Promise<{ id: string; assessment: Record<string, string> }> {
    const p = (
      await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id phase assessments{id unit{id}}}}`, { i: { name: `P ${Math.random()}`, frameworkId: w.frameworkId, year: 2025, unitIds } }, admin)
    ).createPeriod;
    expect(p.phase).toBe('DRAFT');
    return { id: p.id, assessment: Object.fromEntries(p.assessments.map((a: any) => [a.unit.id, a.id])) };
  }

  const phaseOf = async (id: string): Promise<string> => (await ok(t.url, `query($id:ID!){period(id:$id){phase}}`, { id }, admin)).period.phase;

  /** From the period's current phase, every move but the allowed ones is PHASE_CLOSED and changes nothing. */
  async function expectOnlyAllowedMoves(id: string, from: PhaseName) {
    for (const to of PHASES) {
      if (ALLOWED[from].includes(to)) continue;
      const r = await gql(t.url, SET_PHASE, { id, phase: to }, admin);
      expect([from, to, r.errors?.[0]?.extensions?.code]).toEqual([from, to, 'PHASE_CLOSED']);
      expect(r.errors![0].extensions).toMatchObject({ phase: from, allowed: ALLOWED[from] });
      expect(await phaseOf(id)).toBe(from);
    }
  }

  async function walk(path: PhaseName[]) {
    const { id } = await newPeriod();
    for (let i = 0; i < path.length; i++) {
      await expectOnlyAllowedMoves(id, path[i]);
      if (i + 1 < path.length) {
        const moved = (await ok(t.url, SET_PHASE, { id, phase: path[i + 1] }, admin)).setPeriodPhase;
        expect(moved).toEqual({ id, phase: path[i + 1] });
        expect(await phaseOf(id)).toBe(path[i + 1]);
      }
    }
  }

  describe('setPeriodPhase', () => {
    it('should walk the whole way DRAFT → … → PUBLISHED, refusing every other move with PHASE_CLOSED', () =>
      walk(['DRAFT', 'SELF_ASSESSMENT', 'APPRAISAL', 'EXPLANATION', 'FINAL_APPRAISAL', 'FINALIZED', 'PUBLISHED']));

    it('should allow skipping both EXPLANATION and FINAL_APPRAISAL', () => walk(['DRAFT', 'SELF_ASSESSMENT', 'APPRAISAL', 'FINALIZED', 'PUBLISHED']));

    it('should allow skipping EXPLANATION alone', () => walk(['DRAFT', 'SELF_ASSESSMENT', 'APPRAISAL', 'FINAL_APPRAISAL', 'FINALIZED', 'PUBLISHED']));

    it('should allow skipping FINAL_APPRAISAL alone', () => walk(['DRAFT', 'SELF_ASSESSMENT', 'APPRAISAL', 'EXPLANATION', 'FINALIZED', 'PUBLISHED']));

    it('should refuse a period that does not exist with NOT_FOUND', async () => {
      const r = await gql(t.url, SET_PHASE, { id: '00000000-0000-4000-8000-000000000000', phase: 'SELF_ASSESSMENT' }, admin);
      expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('saveSelfScore outside SELF_ASSESSMENT', () => {
    let period: { id: string; assessment: Record<string, string> };
    let aid: string;
    const state = async () => (await ok(t.url, ASSESSMENT, { id: aid }, admin)).assessment;
    const attempt = (token: string, code: string, value: Record<string, unknown> | null, expectedVersion: number) =>
      gql(t.url, SAVE, { i: { assessmentId: aid, criterionId: w.criteria[code], value, expectedVersion, comment: 'late' } }, token);

    beforeAll(async () => {
      period = await newPeriod([w.units.A]);
      aid = period.assessment[w.units.A];
    });

    it('should be PHASE_CLOSED in DRAFT with nothing changed', async () => {
      const before = await state();
      expect(before.status).toBe('NOT_STARTED');
      for (const token of [w.tokens.leaderA, w.tokens.staffA]) {
        const r = await attempt(token, '1.1', { points: 1 }, 0);
        expect(r.errors?.[0].extensions).toMatchObject({ code: 'PHASE_CLOSED', phase: 'DRAFT' });
      }
      expect(await state()).toEqual(before);
    });

    it('should be PHASE_CLOSED in APPRAISAL with nothing changed', async () => {
      await ok(t.url, SET_PHASE, { id: period.id, phase: 'SELF_ASSESSMENT' }, admin);
      const saved = await save(t, w, w.tokens.leaderA, '1.1', { points: 1 }, { assessmentId: aid });
      expect(saved.errors).toBeUndefined();
      await ok(t.url, SET_PHASE, { id: period.id, phase: 'APPRAISAL' }, admin);
      const before = await state();
      expect(before.entries.find((e: any) => e.criterion.code === '1.1')).toMatchObject({ version: 1, selfScore: 1, state: 'DONE' });
      for (const [token, code, value, version] of [
        [w.tokens.staffA, '1.1', { points: 2 }, 1],
        [w.tokens.leaderA, '1.1', null, 1],
        [w.tokens.leaderA, '2.3', { points: 1 }, 0],
      ] as const) {
        const r = await attempt(token, code, value as Record<string, unknown> | null, version);
        expect(r.errors?.[0].extensions).toMatchObject({ code: 'PHASE_CLOSED', phase: 'APPRAISAL' });
      }
      expect(await state()).toEqual(before);
    });
  });

  describe('submitting', () => {
    const state = async () => (await ok(t.url, ASSESSMENT, { id: w.assessmentA }, w.tokens.leaderA)).assessment;
    const submit = (token = w.tokens.leaderA) => gql(t.url, SUBMIT, { id: w.assessmentA }, token);

    it('should be refused with every leaf listed while none is DONE', async () => {
      const r = await submit();
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions?.blocking).toEqual(LEAVES);
      expect(r.errors![0].extensions?.problems).toMatchObject(LEAVES.map((path) => ({ path, message: 'not scored' })));
      expect((await state()).status).toBe('NOT_STARTED');
    });

    it('should list every leaf that is not DONE, drafts included, until all are scored', async () => {
      expect((await save(t, w, w.tokens.staffA, '1.1', FULL_SCORES['1.1'])).errors).toBeUndefined();
      expect((await save(t, w, w.tokens.staffA, '1.3', FULL_SCORES['1.3'], { draft: true })).errors).toBeUndefined();
      expect((await save(t, w, w.tokens.leaderA, '2.3', null, { comment: 'working on it' })).errors).toBeUndefined();
      let r = await submit();
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.blocking).toEqual(LEAVES.filter((c) => c !== '1.1'));
      const problems = r.errors![0].extensions!.problems as { path: string; message: string }[];
      expect(problems.find((p) => p.path === '1.3')?.message).toBe('still a draft');
      expect(problems.find((p) => p.path === '2.3')?.message).toBe('still a draft');
      expect(problems.find((p) => p.path === '1.2')?.message).toBe('not scored');

      // all but the last leaf
      for (const code of LEAVES.slice(0, -1)) {
        const s = await save(t, w, code.startsWith('1') ? w.tokens.staffA : w.tokens.leaderA, code, FULL_SCORES[code]);
        expect([code, s.errors]).toEqual([code, undefined]);
      }
      r = await submit();
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.blocking).toEqual(['2.4']);
      expect((await state()).status).toBe('IN_PROGRESS');
    });

    it('should refuse STAFF with FORBIDDEN even when every leaf is DONE', async () => {
      expect((await save(t, w, w.tokens.leaderA, '2.4', FULL_SCORES['2.4'])).errors).toBeUndefined();
      const before = await state();
      expect(before.entries.every((e: any) => e.state === 'DONE')).toBe(true);
      for (const token of [w.tokens.staffA, w.tokens.staffA2]) {
        expect((await submit(token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      expect(await state()).toEqual(before);
    });

    it('should let the leader submit once every leaf is DONE, N/A included', async () => {
      const before = await state();
      expect(before.entries.filter((e: any) => e.notApplicable).map((e: any) => e.criterion.code)).toEqual(['1.2', '2.2.1']);
      const r = await ok(t.url, SUBMIT, { id: w.assessmentA }, w.tokens.leaderA);
      expect(r.submitAssessment).toMatchObject({ id: w.assessmentA, status: 'SUBMITTED' });
      expect(Number.isNaN(Date.parse(r.submitAssessment.submittedAt))).toBe(false);
      const after = await state();
      expect(after.status).toBe('SUBMITTED');
      expect(after.seq).toBe(before.seq + 1);
      expect(after.entries).toEqual(before.entries);
    });

    it('should close self scoring once submitted: saveSelfScore is PHASE_CLOSED and changes nothing', async () => {
      const before = await state();
      for (const [token, code, value] of [
        [w.tokens.staffA, '1.1', { points: 2 }],
        [w.tokens.leaderA, '2.3', null],
        [w.tokens.staffA, '2.4', { points: 0 }],
      ] as const) {
        const version = before.entries.find((e: any) => e.criterion.code === code).version;
        const r = await gql(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value, expectedVersion: version } }, token);
        expect([code, r.errors?.[0].extensions?.code, r.errors?.[0].extensions?.status]).toEqual([code, 'PHASE_CLOSED', 'SUBMITTED']);
      }
      expect(await state()).toEqual(before);
    });

    it('should refuse a second submission with PHASE_CLOSED', async () => {
      expect((await submit()).errors?.[0].extensions?.code).toBe('PHASE_CLOSED');
    });

    it('should refuse submission outside SELF_ASSESSMENT with PHASE_CLOSED', async () => {
      const p = await newPeriod([w.units.A]);
      const r = await gql(t.url, SUBMIT, { id: p.assessment[w.units.A] }, w.tokens.leaderA);
      expect(r.errors?.[0].extensions?.code).toBe('PHASE_CLOSED');
    });
  });
});
