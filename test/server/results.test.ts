import { ScoreEntry } from '../../server/src/modules/assessment/score-entry.entity';
import { entryRowOf, loadEntryRows, type EntryRow } from '../../server/src/modules/results/entry.rows';
import { RESULT_READS } from '../../server/src/modules/results/results.service';
import type { Em } from '../../server/src/orm';
import { startTestApp, type TestApp } from '../helpers/app';
import { errorCode, gql, ok } from '../helpers/gql';
import { buildWorld, save, type World } from '../helpers/world';

/**
 * Results of the small framework of test/helpers/world.ts (20 points, N/A RESCALE, a RELATIVE
 * leaf 2.2.2 of max 3) for units A and B, computed by hand in the comments.
 */
const APPRAISE = `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){seq}}`;
const PHASE = `mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:true){phase}}`;
const ROW = `assessmentId unit{code} maxScore selfTotal round1Total finalTotal basis total index rank band previousTotal previousRank totalChange rankChange groups{code maxScore selfTotal round1Total finalTotal total rank}`;
const RANKING = `query($id:ID!,$k:UnitKind!){ranking(periodId:$id,unitKind:$k){${ROW}}}`;
const COMPUTE = `mutation($id:ID!){computeResults(periodId:$id){${ROW}}}`;
const PUBLISH = `mutation($id:ID!){publishResults(periodId:$id,acknowledgeIncomplete:true){id phase}}`;
const IMPROVE = `query($id:ID!){improvementList(assessmentId:$id){code maxScore score pointsLost basis}}`;

const SELF: Record<'A' | 'B', Record<string, Record<string, unknown>>> = {
  // group 1 = 1.5 + 1 + 1.5 + 2 − 0.5 = 5.5; group 2 = 0.45 + (4 + 3 × 60 / 80 = 2.25) + 2 + 0.5 = 9.2; total 14.70
  A: {
    '1.1': { points: 1.5 }, '1.2': { met: true }, '1.3': { tier: 'Partial' }, '1.4': { numerator: 80, denominator: 100 }, '1.5': { points: -0.5 },
    '2.1': { numerator: 45, denominator: 50 }, '2.2.1': { points: 4 }, '2.2.2': { figure: 60 }, '2.3': { points: 2 }, '2.4': { points: 0.5 },
  },
  // group 1 = 2 + 0 + 3 + 4 + 0 = 9; group 2 = min(0.5 + (4.5 + 3) + 2, 10) + 1 = 11; root min(20, 20) = 20.00
  B: {
    '1.1': { points: 2 }, '1.2': { met: false }, '1.3': { tier: 'Full' }, '1.4': { numerator: 100, denominator: 100 }, '1.5': { points: 0 },
    '2.1': { numerator: 50, denominator: 50 }, '2.2.1': { points: 4.5 }, '2.2.2': { figure: 80 }, '2.3': { points: 2 }, '2.4': { points: 1 },
  },
};
const ROUND1: Record<'A' | 'B', Record<string, Record<string, unknown>>> = {
  // 1.2 N/A: max 19. group 1 = min(1.25 + 3 + 4, 9) − 1 = 7.25; 2.2.2 = 3 × 60 / 75 = 2.4;
  // group 2 = 0.45 + (3.5 + 2.4) + 1.5 + 1 = 8.85; root 16.10 → 16.10 × 20 / 19 = 16.947… → 16.95
  A: {
    '1.1': { points: 1.25 }, '1.2': { notApplicable: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 95, denominator: 100 }, '1.5': { points: -1 },
    '2.1': { numerator: 45, denominator: 50 }, '2.2.1': { points: 3.5 }, '2.2.2': { figure: 60 }, '2.3': { points: 1.5 }, '2.4': { points: 1 },
  },
  // group 1 = 1.75 + 0 + 3 + 4 + 0 = 8.75; group 2 = 0.5 + (4 + 3 × 75 / 75) + 2 + 0.5 = 10; total 18.75
  B: {
    '1.1': { points: 1.75 }, '1.2': { met: false }, '1.3': { tier: 'Full' }, '1.4': { numerator: 100, denominator: 100 }, '1.5': { points: 0 },
    '2.1': { numerator: 50, denominator: 50 }, '2.2.1': { points: 4 }, '2.2.2': { figure: 75 }, '2.3': { points: 2 }, '2.4': { points: 0.5 },
  },
};

describe('results and rankings', () => {
  let t: TestApp;
  let w: World;
  const id = (u: 'A' | 'B') => (u === 'A' ? w.assessmentA : w.assessmentB);
  const ranking = async (token: string, kind = 'DISTRICT') => (await ok(t.url, RANKING, { id: w.periodId, k: kind }, token)).ranking;
  const byUnit = (rows: any[]) => Object.fromEntries(rows.map((r) => [r.unit.code, r]));
  const appraise = async (u: 'A' | 'B', code: string, value: object) => {
    const a = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: id(u) }, w.tokens.appraiser)).assessment;
    const version = a.entries.find((e: any) => e.criterion.code === code).version;
    await ok(t.url, APPRAISE, { i: { assessmentId: id(u), criterionId: w.criteria[code], value, expectedVersion: version } }, w.tokens.appraiser);
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    for (const u of ['A', 'B'] as const) {
      const token = u === 'A' ? w.tokens.staffA : w.tokens.staffB;
      for (const [code, value] of Object.entries(SELF[u])) {
        const r = await save(t, w, token, code, value, { assessmentId: id(u) });
        expect(r.errors).toBeUndefined();
      }
    }
  });
  afterAll(() => t?.close());

  /** The results read entries as plain SQL rows: they must be what the entities hold, on either database. */
  const expectRowsAsEntities = async () => {
    const em = t.orm.em.fork() as Em;
    const key = (r: EntryRow) => `${r.assessmentId} ${r.criterionId}`;
    const sorted = (rows: EntryRow[]) => [...rows].sort((x, y) => key(x).localeCompare(key(y)));
    const entities = await em.find(ScoreEntry, { assessment: { period: w.periodId } });
    const rows = await em.transactional((tx) => loadEntryRows(tx as Em, w.periodId, true));
    expect(rows).toHaveLength(20);
    expect(sorted(rows)).toEqual(sorted(entities.map(entryRowOf)));
    return rows;
  };

  describe('during self-assessment', () => {
    it('should let only an ADMIN compute results', async () => {
      for (const token of [w.tokens.leaderA, w.tokens.appraiser, w.tokens.viewer]) {
        expect(await errorCode(t.url, COMPUTE, { id: w.periodId }, token)).toBe('FORBIDDEN');
      }
    });

    const FIGURES = `query($id:ID!){assessment(id:$id){selfTotal pendingMaxScore entries{criterion{code} selfScore} progress{criterion{code} selfTotal pendingMaxScore}}}`;

    it('should say how many RELATIVE points are pending before results exist, never count them as 0 silently', async () => {
      const a = (await ok(t.url, FIGURES, { id: w.assessmentA }, w.tokens.leaderA)).assessment;
      expect(a.pendingMaxScore).toBe(3); // 2.2.2, max 3, figure 60: waits for the other units
      expect(a.entries.find((e: any) => e.criterion.code === '2.2.2').selfScore).toBeNull();
      const pending = Object.fromEntries(a.progress.map((p: any) => [p.criterion.code, p.pendingMaxScore]));
      expect([pending['2.2.2'], pending['2.2'], pending['2'], pending['1']]).toEqual([3, 3, 3, 0]);
    });

    it('should leave a RELATIVE leaf out of the improvement list until results exist: its points are pending, and no other unit is compared', async () => {
      const list = (await ok(t.url, IMPROVE, { id: w.assessmentA }, w.tokens.leaderA)).improvementList;
      expect(list.map((i: any) => i.code)).not.toContain('2.2.2');
      // the rest as after the results (the figure's 0.75 aside)
      expect(list.map((i: any) => i.code)).toEqual(['1.4', '1.3', '1.1', '1.5', '2.2.1', '2.4', '2.1']);
    });

    it('should compute self totals with RELATIVE leaves against the best figure of the period', async () => {
      const rows = (await ok(t.url, COMPUTE, { id: w.periodId }, w.tokens.admin)).computeResults;
      expect(rows.map((r: any) => [r.unit.code, r.rank])).toEqual([['B', 1], ['A', 2]]);
      const { A, B } = byUnit(rows);
      expect(A).toMatchObject({ basis: 'SELF', selfTotal: 14.7, round1Total: null, finalTotal: null, total: 14.7, index: 0.735, band: 'C', maxScore: 20 });
      expect(B).toMatchObject({ basis: 'SELF', selfTotal: 20, total: 20, index: 1, band: 'A', previousTotal: null, previousRank: null, rankChange: null, totalChange: null });
      expect(A.groups).toEqual([
        { code: '1', maxScore: 10, selfTotal: 5.5, round1Total: null, finalTotal: null, total: 5.5, rank: 2 },
        { code: '2', maxScore: 10, selfTotal: 9.2, round1Total: null, finalTotal: null, total: 9.2, rank: 2 },
      ]);
    });

    it('should write the RELATIVE scores into every entry and tree once results are computed: the totals agree', async () => {
      const rows = (await ok(t.url, RANKING, { id: w.periodId, k: 'DISTRICT' }, w.tokens.admin)).ranking;
      for (const u of ['A', 'B'] as const) {
        const a = (await ok(t.url, FIGURES, { id: id(u) }, u === 'A' ? w.tokens.leaderA : w.tokens.admin)).assessment;
        expect([u, a.selfTotal, a.pendingMaxScore]).toEqual([u, byUnit(rows)[u].selfTotal, 0]);
        expect(a.progress.every((p: any) => p.pendingMaxScore === 0)).toBe(true);
        const group = (code: string) => a.progress.find((p: any) => p.criterion.code === code).selfTotal;
        expect([group('1'), group('2')]).toEqual(byUnit(rows)[u].groups.map((g: any) => g.selfTotal));
      }
    });

    it('should read the self scores and RELATIVE figures as the entities have them', async () => {
      const rows = await expectRowsAsEntities();
      const relative = rows.find((r) => r.assessmentId === w.assessmentA && r.criterionId === w.criteria['2.2.2'])!;
      // written into the entry when the results were computed: 3 × 60 / the best self figure 80 = 2.25
      expect(relative).toMatchObject({ figure: 60, selfScoreH: 225, round1Held: false, round2Held: false });
    });

    it('should list what A lost on its self scores, most points first', async () => {
      const list = (await ok(t.url, IMPROVE, { id: w.assessmentA }, w.tokens.leaderA)).improvementList;
      expect(list).toEqual([
        { code: '1.4', maxScore: 4, score: 2, pointsLost: 2, basis: 'SELF' },
        { code: '1.3', maxScore: 3, score: 1.5, pointsLost: 1.5, basis: 'SELF' },
        { code: '2.2.2', maxScore: 3, score: 2.25, pointsLost: 0.75, basis: 'SELF' },
        { code: '1.1', maxScore: 2, score: 1.5, pointsLost: 0.5, basis: 'SELF' },
        { code: '1.5', maxScore: 1, score: -0.5, pointsLost: 0.5, basis: 'SELF' },
        { code: '2.2.1', maxScore: 4.5, score: 4, pointsLost: 0.5, basis: 'SELF' },
        { code: '2.4', maxScore: 1, score: 0.5, pointsLost: 0.5, basis: 'SELF' },
        { code: '2.1', maxScore: 0.5, score: 0.45, pointsLost: 0.05, basis: 'SELF' },
      ]);
      expect(await errorCode(t.url, IMPROVE, { id: w.assessmentA }, w.tokens.leaderB)).toBe('FORBIDDEN');
    });

    it('should show a unit’s people only their own row before publishing', async () => {
      expect((await ranking(w.tokens.leaderA)).map((r: any) => r.unit.code)).toEqual(['A']);
      expect((await ranking(w.tokens.staffB)).map((r: any) => r.unit.code)).toEqual(['B']);
      for (const token of [w.tokens.viewer, w.tokens.appraiser, w.tokens.admin]) {
        expect((await ranking(token)).map((r: any) => r.unit.code)).toEqual(['B', 'A']);
      }
      expect(await ranking(w.tokens.admin, 'COMMUNE')).toEqual([]);
      const own = await ok(t.url, `query($id:ID!){assessment(id:$id){result{rank total band}}}`, { id: w.assessmentA }, w.tokens.staffA);
      expect(own.assessment.result).toEqual({ rank: 2, total: 14.7, band: 'C' });
    });

    it('should refuse publishing before the period is FINALIZED', async () => {
      const r = await gql(t.url, PUBLISH, { id: w.periodId }, w.tokens.admin);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'PHASE_CLOSED', phase: 'SELF_ASSESSMENT' });
    });
  });

  describe('after round 1', () => {
    beforeAll(async () => {
      await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.leaderA);
      await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: w.assessmentB }, w.tokens.leaderB);
      await ok(t.url, PHASE, { id: w.periodId, p: 'APPRAISAL' }, w.tokens.admin);
      for (const u of ['A', 'B'] as const) for (const [code, value] of Object.entries(ROUND1[u])) await appraise(u, code, value);
    });

    it('should rank on the round-1 totals, with RELATIVE against the best round-1 figure', async () => {
      const { A, B } = byUnit((await ok(t.url, COMPUTE, { id: w.periodId }, w.tokens.admin)).computeResults);
      expect(A).toMatchObject({ basis: 'ROUND_1', selfTotal: 14.7, round1Total: 16.95, finalTotal: null, total: 16.95, index: 0.848, band: 'B', rank: 2 });
      expect(B).toMatchObject({ basis: 'ROUND_1', selfTotal: 20, round1Total: 18.75, total: 18.75, index: 0.938, band: 'A', rank: 1 });
      expect(A.groups.map((g: any) => [g.code, g.round1Total, g.rank])).toEqual([['1', 7.25, 2], ['2', 8.85, 2]]);
    });

    it('should give the same results whether the entries of a period are read at once or one assessment at a time', async () => {
      const atOnce = (await ok(t.url, COMPUTE, { id: w.periodId }, w.tokens.admin)).computeResults;
      const usual = { ...RESULT_READS };
      Object.assign(RESULT_READS, { assessments: 1, ids: 1 });
      try {
        const sliced = (await ok(t.url, COMPUTE, { id: w.periodId }, w.tokens.admin)).computeResults;
        expect(sliced).toEqual(atOnce);
        expect(sliced.length).toBeGreaterThanOrEqual(2);
      } finally {
        Object.assign(RESULT_READS, usual);
      }
    });

    it('should read round 1 (N/A included) as the entities have it', async () => {
      const rows = await expectRowsAsEntities();
      const na = rows.find((r) => r.assessmentId === w.assessmentA && r.criterionId === w.criteria['1.2'])!;
      expect(na).toMatchObject({ round1Held: true, round1NotApplicable: true, round2Held: false });
    });
  });

  describe('after round 2 and finalization', () => {
    beforeAll(async () => {
      await ok(t.url, `mutation($id:ID!){returnForExplanation(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.appraiser);
      await ok(t.url, PHASE, { id: w.periodId, p: 'EXPLANATION' }, w.tokens.admin);
      await ok(t.url, PHASE, { id: w.periodId, p: 'FINAL_APPRAISAL' }, w.tokens.admin);
      // the unit's figure was 90 after all; 2.3 accepted in full
      await appraise('A', '2.2.2', { figure: 90 });
      await appraise('A', '2.3', { points: 2 });
      for (const u of ['A', 'B'] as const) {
        await ok(t.url, `mutation($id:ID!){finalizeAssessment(assessmentId:$id){status}}`, { id: id(u) }, w.tokens.appraiser);
      }
    });

    it('should publish only as an ADMIN from FINALIZED', async () => {
      expect(await errorCode(t.url, PUBLISH, { id: w.periodId }, w.tokens.admin)).toBe('PHASE_CLOSED');
      await ok(t.url, PHASE, { id: w.periodId, p: 'FINALIZED' }, w.tokens.admin);
      expect(await errorCode(t.url, PUBLISH, { id: w.periodId }, w.tokens.leaderA)).toBe('FORBIDDEN');
      expect((await ok(t.url, PUBLISH, { id: w.periodId }, w.tokens.admin)).publishResults.phase).toBe('PUBLISHED');
      // the units' people and the watchers are told, once
      for (const token of [w.tokens.leaderA, w.tokens.staffB, w.tokens.viewer]) {
        const kinds = (await ok(t.url, `{notifications(first:50){edges{node{kind link}}}}`, {}, token)).notifications.edges.filter((e: any) => e.node.kind === 'RESULTS_PUBLISHED');
        expect(kinds.map((e: any) => e.node.link)).toEqual([`/periods/${w.periodId}/results`]);
      }
    });

    it('should rank on the final totals: round 2 where held, RELATIVE against the best final figure', async () => {
      // best final figure 90: A 2.2.2 = 3; group 2 = 0.45 + 6.5 + 2 + 1 = 9.95; root 17.20 of 19 → 18.105… → 18.11
      // B 2.2.2 = 3 × 75 / 90 = 2.5; group 2 = 0.5 + 6.5 + 2 + 0.5 = 9.5; total 8.75 + 9.5 = 18.25
      const rows = await ranking(w.tokens.staffA);
      expect(rows.map((r: any) => r.unit.code)).toEqual(['B', 'A']);
      const { A, B } = byUnit(rows);
      // 18.11 / 20 = 0.9055 → 0.906; 18.25 / 20 = 0.9125 → 0.913 (half-up)
      // round 1 uses the same best as every appraised figure, the best latest one (90): A's round-1
      // figure 60 → 2.00 (not 2.40 against 75), 0.40 of 19 → 0.42 less than before; B's 75 → 2.50
      expect(A).toMatchObject({ basis: 'FINAL', selfTotal: 14.7, round1Total: 16.53, finalTotal: 18.11, total: 18.11, index: 0.906, band: 'A', rank: 2 });
      expect(B).toMatchObject({ basis: 'FINAL', selfTotal: 20, round1Total: 18.25, finalTotal: 18.25, total: 18.25, index: 0.913, band: 'A', rank: 1 });
      expect(A.groups.map((g: any) => [g.code, g.finalTotal, g.rank])).toEqual([['1', 7.25, 2], ['2', 9.95, 1]]);
      expect(B.groups.map((g: any) => [g.code, g.finalTotal, g.rank])).toEqual([['1', 8.75, 1], ['2', 9.5, 2]]);
    });

    it('should replace the stored results when computed again', async () => {
      const before = await ranking(w.tokens.viewer);
      await ok(t.url, COMPUTE, { id: w.periodId }, w.tokens.admin);
      expect(await ranking(w.tokens.viewer)).toEqual(before);
    });

    it('should store exactly what computeResults returns, one row per assessment', async () => {
      const query = (q: string) => `${q}{${ROW} computedAt}`;
      const computed = (await ok(t.url, `mutation($id:ID!){${query('computeResults(periodId:$id)')}}`, { id: w.periodId }, w.tokens.admin)).computeResults;
      const stored = (await ok(t.url, `query($id:ID!){${query('ranking(periodId:$id,unitKind:DISTRICT)')}}`, { id: w.periodId }, w.tokens.viewer)).ranking;
      expect(stored).toEqual(computed);
      const [n] = await t.orm.em.fork().getConnection().execute('select count(*) as n from result where period_id = ?', [w.periodId]);
      expect(Number(n.n)).toBe(2);
    });

    it('should read round 2 as the entities have it', async () => {
      const rows = await expectRowsAsEntities();
      const relative = rows.find((r) => r.assessmentId === w.assessmentA && r.criterionId === w.criteria['2.2.2'])!;
      expect(relative).toMatchObject({ figure: 60, round1Figure: 60, round2Held: true, round2Figure: 90 });
    });

    it('should list the final points lost: deductions by their penalty, N/A left out', async () => {
      const a = (await ok(t.url, IMPROVE, { id: w.assessmentA }, w.tokens.leaderA)).improvementList;
      expect(a).toEqual([
        { code: '1.5', maxScore: 1, score: -1, pointsLost: 1, basis: 'FINAL' },
        { code: '2.2.1', maxScore: 4.5, score: 3.5, pointsLost: 1, basis: 'FINAL' },
        { code: '1.1', maxScore: 2, score: 1.25, pointsLost: 0.75, basis: 'FINAL' },
        { code: '2.1', maxScore: 0.5, score: 0.45, pointsLost: 0.05, basis: 'FINAL' },
      ]);
      const b = (await ok(t.url, IMPROVE, { id: w.assessmentB }, w.tokens.viewer)).improvementList;
      expect(b.map((i: any) => [i.code, i.score, i.pointsLost])).toEqual([
        ['1.2', 0, 1],
        ['2.2.1', 4, 0.5],
        ['2.2.2', 2.5, 0.5],
        ['2.4', 0.5, 0.5],
        ['1.1', 1.75, 0.25],
      ]);
    });
  });
});
