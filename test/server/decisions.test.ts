import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, entryVersion, save, smallFramework, type World } from '../helpers/world';

/** The small framework with evidence required on 1.1, 1.2 (which allows N/A) and 2.3. */
function frameworkNeedingEvidence() {
  const fw = smallFramework({ code: 'TEST-DECISIONS' });
  const required = new Set(['1.1', '1.2', '2.3']);
  const mark = (nodes: any[]): any[] =>
    nodes.map((n) => ({ ...n, ...(required.has(n.code) ? { evidenceRequired: true } : {}), ...(n.children ? { children: mark(n.children) } : {}) }));
  return { ...fw, criteria: mark(fw.criteria as any[]) };
}

const SCORES: Record<string, Record<string, unknown>> = {
  '1.1': { points: 2 },
  '1.2': { notApplicable: true },
  '1.3': { tier: 'Full' },
  '1.4': { numerator: 9, denominator: 10 },
  '1.5': { points: 0 },
  '2.1': { numerator: 1, denominator: 2 },
  '2.2.1': { points: 4 },
  '2.2.2': { figure: 10 },
  '2.3': { points: 2 },
  '2.4': { points: 1 },
};
const LEAVES = Object.keys(SCORES);

const BLOCKERS = `query($id:ID!){assessment(id:$id){status blockers{criterionId code title reason message}}}`;
const SUBMIT = `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`;
const PHASE = `mutation($id:ID!,$p:Phase!,$ack:Boolean){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:$ack){phase}}`;
const PUBLISH = `mutation($id:ID!,$ack:Boolean){publishResults(periodId:$id,acknowledgeIncomplete:$ack){phase}}`;
const LINK = `mutation($i:AttachEvidenceLinkInput!){attachEvidenceLink(input:$i){id}}`;
const APPRAISE = `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){round}}`;
const EXPLAIN = `mutation($i:SaveExplanationInput!){saveExplanation(input:$i){seq}}`;
const ITEMS = `query($id:ID!){assessment(id:$id){explanationItems{code title selfScore appraisedScore pointsAtStake councilComment explanation version evidenceCount entryId}}}`;

describe('decisions: one blockers list, the acknowledgement rule, the explanation list', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, frameworkNeedingEvidence());
  });
  afterAll(() => t?.close());

  const blockers = async (token = w.tokens.leaderA) => (await ok(t.url, BLOCKERS, { id: w.assessmentA }, token)).assessment.blockers as any[];
  const phaseOf = async () => (await ok(t.url, `query($id:ID!){period(id:$id){phase}}`, { id: w.periodId }, w.tokens.admin)).period.phase;
  const reasons = (list: any[]) => list.map((b) => `${b.code}:${b.reason}`);

  describe('Assessment.blockers', () => {
    it('should list every leaf not scored and every missing required evidence, with code and title, in the framework’s order', async () => {
      const list = await blockers();
      expect(reasons(list)).toEqual([
        '1.1:NOT_SCORED', '1.1:EVIDENCE_MISSING', '1.2:NOT_SCORED', '1.2:EVIDENCE_MISSING', '1.3:NOT_SCORED', '1.4:NOT_SCORED', '1.5:NOT_SCORED',
        '2.1:NOT_SCORED', '2.2.1:NOT_SCORED', '2.2.2:NOT_SCORED', '2.3:NOT_SCORED', '2.3:EVIDENCE_MISSING', '2.4:NOT_SCORED',
      ]);
      expect(list[0]).toMatchObject({ code: '1.1', title: 'Manual', criterionId: w.criteria['1.1'], message: 'not scored' });
      // staff of the unit see the same list
      expect(await blockers(w.tokens.staffA)).toEqual(list);
    });

    it('should refuse another unit’s people with FORBIDDEN', async () => {
      const r = await gql(t.url, BLOCKERS, { id: w.assessmentA }, w.tokens.leaderB);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('should be exactly what submitAssessment refuses with, drafts and missing evidence named', async () => {
      for (const code of LEAVES) expect([code, (await save(t, w, w.tokens.staffA, code, SCORES[code], code === '1.3' ? { draft: true } : {})).errors]).toEqual([code, undefined]);
      const list = await blockers();
      // 1.2 is N/A: it needs no evidence
      expect(reasons(list)).toEqual(['1.1:EVIDENCE_MISSING', '1.3:DRAFT', '2.3:EVIDENCE_MISSING']);
      const r = await gql(t.url, SUBMIT, { id: w.assessmentA }, w.tokens.leaderA);
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.blockers).toEqual(list);
      expect(r.errors![0].extensions!.problems).toMatchObject(list.map((b) => ({ path: b.code, message: b.message })));
      expect(r.errors![0].message).toContain('needs evidence');
      expect((await ok(t.url, BLOCKERS, { id: w.assessmentA }, w.tokens.leaderA)).assessment.status).toBe('IN_PROGRESS');
    });

    it('should empty as the causes go, and then the leader can submit', async () => {
      for (const code of ['1.1', '2.3']) {
        await ok(t.url, LINK, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], url: `https://example.org/${code}.pdf` } }, w.tokens.staffA);
      }
      expect(reasons(await blockers())).toEqual(['1.3:DRAFT']);
      expect((await save(t, w, w.tokens.staffA, '1.3', SCORES['1.3'])).errors).toBeUndefined();
      expect(await blockers()).toEqual([]);
      expect((await ok(t.url, SUBMIT, { id: w.assessmentA }, w.tokens.leaderA)).submitAssessment.status).toBe('SUBMITTED');
      expect(await blockers()).toEqual([]);
    });
  });

  describe('the acknowledgement rule', () => {
    it('should refuse a phase move that leaves units behind with CONFLICT naming them, and change nothing', async () => {
      const r = await gql(t.url, PHASE, { id: w.periodId, p: 'APPRAISAL' }, w.tokens.admin);
      expect(r.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(r.errors![0].extensions!.incomplete).toEqual([
        { assessmentId: w.assessmentB, unitId: w.units.B, unitName: 'Unit B', status: 'NOT_STARTED', reason: 'NOT_SUBMITTED' },
      ]);
      expect(r.errors![0].message).toContain('Unit B');
      expect(await phaseOf()).toBe('SELF_ASSESSMENT');
    });

    it('should show the same list before the move (Period.incompleteUnits), to ADMIN and VIEWER only', async () => {
      const q = `query($id:ID!){period(id:$id){incompleteUnits(phase:APPRAISAL){unitName status reason}}}`;
      expect((await ok(t.url, q, { id: w.periodId }, w.tokens.viewer)).period.incompleteUnits).toEqual([{ unitName: 'Unit B', status: 'NOT_STARTED', reason: 'NOT_SUBMITTED' }]);
      expect((await gql(t.url, q, { id: w.periodId }, w.tokens.leaderA)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('should move when the ADMIN acknowledges the incomplete units', async () => {
      expect((await ok(t.url, PHASE, { id: w.periodId, p: 'APPRAISAL', ack: true }, w.tokens.admin)).setPeriodPhase.phase).toBe('APPRAISAL');
    });
  });

  describe('Assessment.explanationItems', () => {
    const appraise = async (code: string, value: Record<string, unknown>, comment: string | null) => {
      const version = await entryVersion(t, w, w.tokens.appraiser, code);
      return ok(t.url, APPRAISE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value, comment, expectedVersion: version } }, w.tokens.appraiser);
    };

    it('should list the criteria commented on or scored below the self score, with the points at stake', async () => {
      await appraise('1.1', { points: 1.25 }, 'Thiếu quyết định ban hành');
      await appraise('1.3', { tier: 'Full' }, 'Đề nghị bổ sung ảnh chụp');
      await appraise('1.4', { numerator: 9, denominator: 10 }, null);
      const items = (await ok(t.url, ITEMS, { id: w.assessmentA }, w.tokens.leaderA)).assessment.explanationItems;
      expect(items.map((i: any) => [i.code, i.selfScore, i.appraisedScore, i.pointsAtStake, i.councilComment, i.explanation])).toEqual([
        ['1.1', 2, 1.25, 0.75, 'Thiếu quyết định ban hành', null],
        ['1.3', 3, 3, 0, 'Đề nghị bổ sung ảnh chụp', null],
      ]);
    });

    it('should make every unanswered item a blocker once returned, and clear it when answered', async () => {
      await ok(t.url, `mutation($id:ID!){returnForExplanation(assessmentId:$id){status}}`, { id: w.assessmentA }, w.tokens.appraiser);
      await ok(t.url, PHASE, { id: w.periodId, p: 'EXPLANATION', ack: true }, w.tokens.admin);
      expect(reasons(await blockers())).toEqual(['1.1:EXPLANATION_MISSING', '1.3:EXPLANATION_MISSING']);
      const item = (await ok(t.url, ITEMS, { id: w.assessmentA }, w.tokens.staffA)).assessment.explanationItems[0];
      await ok(t.url, EXPLAIN, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], explanation: 'Đã bổ sung quyết định', expectedVersion: item.version } }, w.tokens.staffA);
      expect(reasons(await blockers())).toEqual(['1.3:EXPLANATION_MISSING']);
      const after = (await ok(t.url, ITEMS, { id: w.assessmentA }, w.tokens.staffA)).assessment.explanationItems[0];
      expect(after).toMatchObject({ code: '1.1', explanation: 'Đã bổ sung quyết định' });
    });
  });

  describe('publishing with units that never submitted', () => {
    it('should refuse FINALIZED and publishResults with CONFLICT listing every incomplete unit by name', async () => {
      let r = await gql(t.url, PHASE, { id: w.periodId, p: 'FINALIZED' }, w.tokens.admin);
      expect(r.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(r.errors![0].extensions!.incomplete.map((u: any) => [u.unitName, u.reason])).toEqual([
        ['Unit A', 'NOT_FINALIZED'],
        ['Unit B', 'NOT_SUBMITTED'],
      ]);
      expect(await phaseOf()).toBe('EXPLANATION');
      await ok(t.url, PHASE, { id: w.periodId, p: 'FINALIZED', ack: true }, w.tokens.admin);

      r = await gql(t.url, PUBLISH, { id: w.periodId }, w.tokens.admin);
      expect(r.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(r.errors![0].extensions!.incomplete.map((u: any) => u.unitName)).toEqual(['Unit A', 'Unit B']);
      expect(await phaseOf()).toBe('FINALIZED');
      expect((await ok(t.url, PUBLISH, { id: w.periodId, ack: true }, w.tokens.admin)).publishResults.phase).toBe('PUBLISHED');
    });

    it('should rank a unit that never submitted as not submitted, without a band', async () => {
      const rows = (await ok(t.url, `query($id:ID!){ranking(periodId:$id,unitKind:DISTRICT){unit{name} submitted total band}}`, { id: w.periodId }, w.tokens.leaderB)).ranking;
      const byName = Object.fromEntries(rows.map((r: any) => [r.unit.name, r]));
      expect(byName['Unit B']).toMatchObject({ submitted: false, band: null });
      expect(byName['Unit A'].submitted).toBe(true);
      expect(byName['Unit A'].band).not.toBeNull();
    });
  });
});
