import { startTestApp, type TestApp } from '../helpers/app';
import { errorCode, gql, ok } from '../helpers/gql';
import { connect, type LiveClient } from '../helpers/socket';
import { buildWorld, save, type World } from '../helpers/world';

/**
 * The appraisal council's rounds through the API: round 1 in APPRAISAL, the return for
 * explanation, the unit's answers in EXPLANATION, round 2 in FINAL_APPRAISAL, finalization.
 * Expected totals are computed by hand in the comments (small framework of test/helpers/world.ts).
 */
const APPRAISE = `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){round seq entry{version selfScore round1Score round1Comment round2Score round1Value{points tier notApplicable}} progress{criterion{code} appraisedTotal appraisedMaxScore leavesAppraised}}}`;
const EXPLAIN = `mutation($i:SaveExplanationInput!){saveExplanation(input:$i){seq entry{version explanation selfScore}}}`;
const RETURN = `mutation($id:ID!){returnForExplanation(assessmentId:$id){id status}}`;
const FINALIZE = `mutation($id:ID!){finalizeAssessment(assessmentId:$id){id status}}`;
const PHASE = `mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:true){phase}}`;
const SUBMIT = `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`;
const READ = `query($id:ID!){assessment(id:$id){status seq selfTotal appraisedTotal entries{criterion{code} version selfScore round1Score round2Score finalScore explanation history{round version old new actor{email}}}}}`;

/** A's self scores: group 1 = min(1.5 + 1 + 1.5 + 2, 10) − 0.5 = 5.5; group 2 = 0.45 + (4 + 0) + 2 + 0.5 = 6.95; total 12.45. */
const SELF_A: Record<string, Record<string, unknown>> = {
  '1.1': { points: 1.5 },
  '1.2': { met: true },
  '1.3': { tier: 'Partial' },
  '1.4': { numerator: 80, denominator: 100 },
  '1.5': { points: -0.5 },
  '2.1': { numerator: 45, denominator: 50 },
  '2.2.1': { points: 4 },
  '2.2.2': { figure: 60 },
  '2.3': { points: 2 },
  '2.4': { points: 0.5 },
};

/**
 * Round 1 of A: 1.2 N/A (RESCALE: group 1's max 10 → 9, the root's 20 → 19).
 * group 1 = min(1.25 + 0 + 3 + 4, 9) − 1 = 7.25; 2.2 = 3.5 + 0 (RELATIVE waits for the results);
 * group 2 = 0.45 + 3.5 + 1.5 + 1 = 6.45; root 13.70 of 19 → 13.70 × 20 / 19 = 14.421… → 14.42.
 */
const ROUND1_A: Record<string, Record<string, unknown>> = {
  '1.1': { points: 1.25 },
  '1.2': { notApplicable: true },
  '1.3': { tier: 'Full' },
  '1.4': { numerator: 95, denominator: 100 },
  '1.5': { points: -1 },
  '2.1': { numerator: 45, denominator: 50 },
  '2.2.1': { points: 3.5 },
  '2.2.2': { figure: 60 },
  '2.3': { points: 1.5 },
  '2.4': { points: 1 },
};

describe('appraisal rounds', () => {
  let t: TestApp;
  let w: World;
  const clients: LiveClient[] = [];

  const read = async (token = w.tokens.admin, id = w.assessmentA) => (await ok(t.url, READ, { id }, token)).assessment;
  const entry = async (code: string, token = w.tokens.admin, id = w.assessmentA) => (await read(token, id)).entries.find((e: any) => e.criterion.code === code);
  const appraise = async (code: string, value: object | null | undefined, extra: Record<string, unknown> = {}, token = w.tokens.appraiser, id = w.assessmentA) => {
    const version = (await entry(code, w.tokens.admin, id)).version;
    const i: Record<string, unknown> = { assessmentId: id, criterionId: w.criteria[code], expectedVersion: version, ...extra };
    if (value !== undefined) i.value = value;
    return gql(t.url, APPRAISE, { i }, token);
  };
  const explain = async (code: string, explanation: string | null, token = w.tokens.staffA) => {
    const version = (await entry(code)).version;
    return gql(t.url, EXPLAIN, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], explanation, expectedVersion: version } }, token);
  };
  const phase = (p: string) => ok(t.url, PHASE, { id: w.periodId, p }, w.tokens.admin);

  beforeAll(async () => {
    t = await startTestApp({ liveWindowMs: 20 });
    w = await buildWorld(t);
    for (const [code, value] of Object.entries(SELF_A)) {
      const r = await save(t, w, w.tokens.staffA, code, value);
      expect(r.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  describe('before the appraisal phase', () => {
    it('should refuse appraised scores while the period is in SELF_ASSESSMENT', async () => {
      await ok(t.url, SUBMIT, { id: w.assessmentA }, w.tokens.leaderA);
      const r = await appraise('1.1', { points: 1 });
      expect(r.errors?.[0].extensions?.code).toBe('PHASE_CLOSED');
      expect(r.errors?.[0].extensions?.phase).toBe('SELF_ASSESSMENT');
    });
  });

  describe('round 1 (APPRAISAL)', () => {
    beforeAll(() => phase('APPRAISAL'));

    it('should let only appraisers record appraised scores: units get FORBIDDEN', async () => {
      for (const token of [w.tokens.leaderA, w.tokens.staffA, w.tokens.admin, w.tokens.viewer]) {
        expect((await appraise('1.1', { points: 1 }, {}, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      expect((await entry('1.1')).round1Score).toBeNull();
    });

    it('should never let an appraiser change a self score', async () => {
      const r = await save(t, w, w.tokens.appraiser, '1.1', { points: 0 });
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await entry('1.1')).selfScore).toBe(1.5);
    });

    it('should refuse an assessment that was not submitted with PHASE_CLOSED', async () => {
      const r = await appraise('1.1', { points: 1 }, {}, w.tokens.appraiser, w.assessmentB);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'PHASE_CLOSED', status: 'NOT_STARTED' });
    });

    it('should record a round-1 score with the self score untouched, and update the ancestors’ appraised totals', async () => {
      const live = connect(t.url, w.tokens.leaderA);
      clients.push(live);
      const sub = live.subscribe(
        `subscription($id:ID!){assessmentEvents(assessmentId:$id){kinds status appraisedTotal entry{code round1Score round1Comment selfScore} progress{code appraisedTotal leavesAppraised}}}`,
        { id: w.assessmentA },
      );
      await new Promise((r) => setTimeout(r, 200));
      const r = await appraise('1.1', ROUND1_A['1.1'], { comment: 'Thiếu biên bản' });
      expect(r.errors).toBeUndefined();
      const p = r.data.saveAppraisal;
      expect(p.round).toBe('ROUND_1');
      expect(p.entry).toMatchObject({ selfScore: 1.5, round1Score: 1.25, round1Comment: 'Thiếu biên bản', round2Score: null });
      // only the leaf and its ancestor (group 1) change
      expect(p.progress).toEqual([
        { criterion: { code: '1.1' }, appraisedTotal: 1.25, appraisedMaxScore: 2, leavesAppraised: 1 },
        { criterion: { code: '1' }, appraisedTotal: 1.25, appraisedMaxScore: 10, leavesAppraised: 1 },
      ]);
      const [ev] = await sub.until((evs) => evs.some((e: any) => e.assessmentEvents.kinds.includes('APPRAISED')));
      const e = sub.events.find((x: any) => x.assessmentEvents.kinds.includes('APPRAISED')).assessmentEvents;
      expect(ev).toBeDefined();
      expect(e).toMatchObject({
        status: 'SUBMITTED',
        appraisedTotal: 1.25,
        entry: { code: '1.1', round1Score: 1.25, round1Comment: 'Thiếu biên bản', selfScore: 1.5 },
        progress: [{ code: '1.1', appraisedTotal: 1.25, leavesAppraised: 1 }, { code: '1', appraisedTotal: 1.25, leavesAppraised: 1 }],
      });
      sub.unsubscribe();
      const a = await read();
      expect({ selfTotal: a.selfTotal, appraisedTotal: a.appraisedTotal, status: a.status }).toEqual({ selfTotal: 12.45, appraisedTotal: 1.25, status: 'SUBMITTED' });
    });

    it('should check the value with the same rules as the self score', async () => {
      const r = await appraise('1.1', { points: 1.3 });
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].extensions?.problems).toMatchObject([{ path: '1.1.points', message: 'points must be a multiple of 0.25' }]);
      const r2 = await appraise('1.3', { notApplicable: true });
      expect(r2.errors?.[0].extensions?.problems).toMatchObject([{ path: '1.3.notApplicable', message: 'this criterion cannot be marked not applicable' }]);
    });

    it('should refuse a stale version with CONFLICT and the entry as it is', async () => {
      const e = await entry('1.1');
      const r = await gql(t.url, APPRAISE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], expectedVersion: e.version - 1, value: { points: 2 } } }, w.tokens.appraiser);
      expect(r.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(r.errors?.[0].extensions?.current).toMatchObject({ version: e.version, round1Score: 1.25, selfScore: 1.5, round1Comment: 'Thiếu biên bản' });
      expect((await entry('1.1')).round1Score).toBe(1.25);
    });

    it('should become APPRAISED when every leaf has a round-1 score, with the rescaled appraised total', async () => {
      for (const [code, value] of Object.entries(ROUND1_A)) {
        if (code === '1.1') continue;
        const r = await appraise(code, value);
        expect(r.errors).toBeUndefined();
      }
      const a = await read();
      // 13.70 of 19 applicable points → 13.70 × 20 / 19 = 14.42; the self total stays 12.45
      expect({ status: a.status, appraisedTotal: a.appraisedTotal, selfTotal: a.selfTotal }).toEqual({ status: 'APPRAISED', appraisedTotal: 14.42, selfTotal: 12.45 });
      const p = (await ok(t.url, `query($id:ID!){assessment(id:$id){progress{criterion{code} appraisedTotal appraisedMaxScore leavesAppraised selfTotal}}}`, { id: w.assessmentA }, w.tokens.admin)).assessment.progress;
      const row = (code: string) => p.find((x: any) => x.criterion.code === code);
      expect(row('1')).toEqual({ criterion: { code: '1' }, appraisedTotal: 7.25, appraisedMaxScore: 9, leavesAppraised: 5, selfTotal: 5.5 });
      expect(row('2')).toEqual({ criterion: { code: '2' }, appraisedTotal: 6.45, appraisedMaxScore: 10, leavesAppraised: 5, selfTotal: 6.95 });
      expect(row('1.2')).toMatchObject({ appraisedTotal: 0, appraisedMaxScore: 0 });
    });

    it('should refuse explanations before the council returns the assessment', async () => {
      expect((await explain('1.1', 'Đã bổ sung')).errors?.[0].extensions?.code).toBe('PHASE_CLOSED');
    });

    it('should return the assessment for explanation and then close round 1 for it', async () => {
      expect(await errorCode(t.url, RETURN, { id: w.assessmentA }, w.tokens.leaderA)).toBe('FORBIDDEN');
      const r = await ok(t.url, RETURN, { id: w.assessmentA }, w.tokens.appraiser);
      expect(r.returnForExplanation.status).toBe('RETURNED');
      // the unit's leader is told (notifications), nobody of another unit
      const told = async (token: string) => (await ok(t.url, `{notifications(first:50){edges{node{kind data}}}}`, {}, token)).notifications.edges.filter((e: any) => e.node.kind === 'RETURNED');
      expect((await told(w.tokens.leaderA)).map((e: any) => e.node.data.assessmentId)).toEqual([w.assessmentA]);
      expect(await told(w.tokens.leaderB)).toEqual([]);
      expect(await errorCode(t.url, RETURN, { id: w.assessmentA }, w.tokens.appraiser)).toBe('PHASE_CLOSED');
      const again = await appraise('2.3', { points: 2 });
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'PHASE_CLOSED', status: 'RETURNED' });
    });
  });

  describe('explanation (EXPLANATION)', () => {
    beforeAll(() => phase('EXPLANATION'));

    it('should refuse appraised scores in the EXPLANATION phase', async () => {
      expect((await appraise('2.3', { points: 2 })).errors?.[0].extensions).toMatchObject({ code: 'PHASE_CLOSED', phase: 'EXPLANATION' });
    });

    it('should let the assigned staff explain without changing the self score', async () => {
      const r = await explain('2.3', '  Đã đủ hồ sơ, xem văn bản số 12  ');
      expect(r.errors).toBeUndefined();
      expect(r.data.saveExplanation.entry).toMatchObject({ explanation: 'Đã đủ hồ sơ, xem văn bản số 12', selfScore: 2 });
      const byLeader = await explain('1.1', 'Biên bản đính kèm', w.tokens.leaderA);
      expect(byLeader.errors).toBeUndefined();
    });

    it('should refuse explanations from staff not assigned, another unit and appraisers', async () => {
      expect((await explain('2.3', 'x', w.tokens.staffA2)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await explain('2.3', 'x', w.tokens.leaderB)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await explain('2.3', 'x', w.tokens.appraiser)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await entry('2.3')).explanation).toBe('Đã đủ hồ sơ, xem văn bản số 12');
    });

    it('should keep self scores closed while the unit explains', async () => {
      const r = await save(t, w, w.tokens.staffA, '2.3', { points: 1 });
      expect(r.errors?.[0].extensions?.code).toBe('PHASE_CLOSED');
      expect((await entry('2.3')).selfScore).toBe(2);
    });
  });

  describe('round 2 (FINAL_APPRAISAL)', () => {
    beforeAll(() => phase('FINAL_APPRAISAL'));

    it('should refuse explanations once the period left EXPLANATION', async () => {
      expect((await explain('2.3', 'muộn')).errors?.[0].extensions).toMatchObject({ code: 'PHASE_CLOSED', phase: 'FINAL_APPRAISAL' });
    });

    it('should record round 2 beside round 1, the latest round counting in the appraised total', async () => {
      const r = await appraise('2.3', { points: 2 }, { comment: 'Chấp nhận giải trình' });
      expect(r.errors).toBeUndefined();
      expect(r.data.saveAppraisal.round).toBe('ROUND_2');
      expect(r.data.saveAppraisal.entry).toMatchObject({ round1Score: 1.5, round2Score: 2, selfScore: 2 });
      const a = await read();
      // group 2 = 0.45 + 3.5 + 2 + 1 = 6.95; root 14.20 of 19 → 14.20 × 20 / 19 = 14.947… → 14.95
      expect({ status: a.status, appraisedTotal: a.appraisedTotal }).toEqual({ status: 'APPRAISED', appraisedTotal: 14.95 });
    });

    it('should never let units change appraised scores', async () => {
      expect((await appraise('2.3', { points: 0 }, {}, w.tokens.leaderA)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await appraise('2.3', { points: 0 }, {}, w.tokens.staffA)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await entry('2.3')).round2Score).toBe(2);
    });

    it('should withdraw a round-2 score with null, falling back to round 1', async () => {
      await appraise('1.1', { points: 2 });
      expect((await read()).appraisedTotal).toBe(15.74); // group 1: 2 + 3 + 4 − 1 = 8; root 14.95 of 19 → 15.736… → 15.74
      const r = await appraise('1.1', null);
      expect(r.data.saveAppraisal.entry).toMatchObject({ round1Score: 1.25, round2Score: null });
      expect((await read()).appraisedTotal).toBe(14.95);
    });

    it('should keep every round apart in the history', async () => {
      const e = await entry('2.3');
      const rounds = e.history.map((h: any) => h.round);
      expect(rounds).toEqual(['SELF', 'SELF', 'APPRAISAL_1', 'EXPLANATION', 'APPRAISAL_2']);
      const [, self, r1, expl, r2] = e.history;
      expect(self.new).toMatchObject({ selfScore: 2, value: { points: 2 } });
      expect({ old: r1.old, new: r1.new, actor: r1.actor.email }).toEqual({
        old: { value: null, score: null, notApplicable: false, comment: null },
        new: { value: { points: 1.5 }, score: 1.5, notApplicable: false, comment: null },
        actor: 'appraiser@test',
      });
      expect({ old: expl.old, new: expl.new, actor: expl.actor.email }).toEqual({
        old: { explanation: null },
        new: { explanation: 'Đã đủ hồ sơ, xem văn bản số 12' },
        actor: 'staff.a@test',
      });
      expect({ old: r2.old, new: r2.new }).toEqual({
        old: { value: null, score: null, notApplicable: false, comment: null },
        new: { value: { points: 2 }, score: 2, notApplicable: false, comment: 'Chấp nhận giải trình' },
      });
      expect(e.history.map((h: any) => h.version)).toEqual([1, 2, 3, 4, 5]);
    });
  });

  describe('finalization', () => {
    it('should refuse to finalize an assessment that was never submitted, and units may not finalize', async () => {
      expect(await errorCode(t.url, FINALIZE, { id: w.assessmentB }, w.tokens.appraiser)).toBe('PHASE_CLOSED');
      expect(await errorCode(t.url, FINALIZE, { id: w.assessmentA }, w.tokens.leaderA)).toBe('FORBIDDEN');
      expect(await errorCode(t.url, FINALIZE, { id: w.assessmentA }, w.tokens.viewer)).toBe('FORBIDDEN');
    });

    it('should fix the final scores: round 2 where held, else round 1', async () => {
      const r = await ok(t.url, FINALIZE, { id: w.assessmentA }, w.tokens.appraiser);
      expect(r.finalizeAssessment.status).toBe('FINAL');
      const a = await read(w.tokens.leaderA);
      const finals = Object.fromEntries(a.entries.map((e: any) => [e.criterion.code, e.finalScore]));
      expect(finals).toEqual({ '1.1': 1.25, '1.2': 0, '1.3': 3, '1.4': 4, '1.5': -1, '2.1': 0.45, '2.2.1': 3.5, '2.2.2': null, '2.3': 2, '2.4': 1 });
      expect(a.appraisedTotal).toBe(14.95);
    });

    it('should let nobody edit anything of a finalized assessment', async () => {
      const before = await read();
      expect((await appraise('2.3', { points: 1 })).errors?.[0].extensions).toMatchObject({ code: 'PHASE_CLOSED', status: 'FINAL' });
      expect(await errorCode(t.url, RETURN, { id: w.assessmentA }, w.tokens.appraiser)).toBe('PHASE_CLOSED');
      expect(await errorCode(t.url, FINALIZE, { id: w.assessmentA }, w.tokens.admin)).toBe('PHASE_CLOSED');
      expect((await explain('2.3', 'sau cùng')).errors?.[0].extensions?.code).toBe('PHASE_CLOSED');
      expect((await save(t, w, w.tokens.staffA, '2.3', { points: 1 })).errors?.[0].extensions?.code).toBe('PHASE_CLOSED');
      const assign = await gql(t.url, `mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){id}}`, { i: { assessmentId: w.assessmentA, criterionIds: [w.criteria['2']], assigneeId: w.userIds.staffA2 } }, w.tokens.leaderA);
      expect(assign.errors?.[0].extensions?.code).toBe('PHASE_CLOSED');
      const after = await read();
      expect(after).toEqual(before);
    });
  });
});

describe('finalizing before every leaf is appraised', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    for (const [code, value] of Object.entries(SELF_A)) await save(t, w, w.tokens.staffA, code, value);
    await ok(t.url, SUBMIT, { id: w.assessmentA }, w.tokens.leaderA);
    await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:APPRAISAL,acknowledgeIncomplete:true){phase}}`, { id: w.periodId }, w.tokens.admin);
  });
  afterAll(() => t?.close());

  it('should refuse with BAD_USER_INPUT listing every leaf not appraised', async () => {
    for (const code of ['1.1', '1.3', '2.3']) {
      const a = (await ok(t.url, READ, { id: w.assessmentA }, w.tokens.appraiser)).assessment;
      const version = a.entries.find((e: any) => e.criterion.code === code).version;
      await ok(t.url, APPRAISE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value: (ROUND1_A as any)[code], expectedVersion: version } }, w.tokens.appraiser);
    }
    const r = await gql(t.url, FINALIZE, { id: w.assessmentA }, w.tokens.appraiser);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.problems.map((p: any) => p.path)).toEqual(['1.2', '1.4', '1.5', '2.1', '2.2.1', '2.2.2', '2.4']);
    const a = (await ok(t.url, READ, { id: w.assessmentA }, w.tokens.appraiser)).assessment;
    expect(a.status).toBe('SUBMITTED');
  });

  it('should let an ADMIN finalize once every leaf is appraised, with the period still in APPRAISAL', async () => {
    for (const code of ['1.2', '1.4', '1.5', '2.1', '2.2.1', '2.2.2', '2.4']) {
      const a = (await ok(t.url, READ, { id: w.assessmentA }, w.tokens.appraiser)).assessment;
      const version = a.entries.find((e: any) => e.criterion.code === code).version;
      await ok(t.url, APPRAISE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value: (ROUND1_A as any)[code], expectedVersion: version } }, w.tokens.appraiser);
    }
    expect((await ok(t.url, FINALIZE, { id: w.assessmentA }, w.tokens.admin)).finalizeAssessment.status).toBe('FINAL');
    const a = (await ok(t.url, READ, { id: w.assessmentA }, w.tokens.viewer)).assessment;
    expect(a.appraisedTotal).toBe(14.42);
    expect(a.entries.find((e: any) => e.criterion.code === '2.3').finalScore).toBe(1.5);
  });
});
