import { ApiToken } from '../../server/src/modules/integrator/api-token.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, save, type World } from '../helpers/world';

const ISSUE = `mutation($n:String!,$s:TokenScope!){issueApiToken(name:$n,scope:$s){secret token{id name scope prefix revokedAt lastUsedAt createdBy{email}}}}`;
const TOKENS = `{apiTokens{id name scope prefix revokedAt lastUsedAt}}`;
const REVOKE = `mutation($id:ID!){revokeApiToken(id:$id){id revokedAt}}`;
const PUSH = `mutation($i:PushStatisticInput!){pushStatistic(input:$i){seq
  entry{id version selfScore state source comment updatedBy{id} value{numerator denominator figure} criterion{code} history{round actor{id} new}}
  progress{criterion{code} selfTotal maxScore leaves leavesScored}}}`;
const ASSESSMENT = `query($id:ID!){assessment(id:$id){selfTotal entries{criterion{code} selfScore source state version} progress{criterion{code} selfTotal leavesScored}}}`;
const EVENTS = `subscription($id:ID!){assessmentEvents(assessmentId:$id){seq kinds actor{id name} entry{code selfScore version} progress{code selfTotal}}}`;

describe('integrators: API tokens and pushed statistics', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  const clients: LiveClient[] = [];
  const issue = async (name: string, scope: 'READ' | 'STATISTICS') => (await ok(t.url, ISSUE, { n: name, s: scope }, admin)).issueApiToken;

  beforeAll(async () => {
    t = await startTestApp({ liveWindowMs: 20 });
    w = await buildWorld(t);
    admin = w.tokens.admin;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  describe('issuing and revoking', () => {
    it('should show the secret once, keep only its hash and prefix, and list tokens without it', async () => {
      const issued = await issue('Cổng dịch vụ công tỉnh', 'READ');
      expect(issued.secret).toMatch(/^cdk_[0-9A-Za-z]{40}$/);
      expect(issued.token).toMatchObject({ name: 'Cổng dịch vụ công tỉnh', scope: 'READ', prefix: issued.secret.slice(0, 12), revokedAt: null, lastUsedAt: null, createdBy: { email: 'admin@test' } });
      const listed = await gql(t.url, TOKENS, {}, admin);
      expect(listed.data!.apiTokens).toContainEqual({ id: issued.token.id, name: 'Cổng dịch vụ công tỉnh', scope: 'READ', prefix: issued.secret.slice(0, 12), revokedAt: null, lastUsedAt: null });
      expect(JSON.stringify(listed)).not.toContain(issued.secret);
      const stored = await t.orm.em.fork().findOneOrFail(ApiToken, { id: issued.token.id });
      expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(issued.secret.slice(4));
      // two tokens never share a secret
      expect((await issue('Another', 'READ')).secret).not.toBe(issued.secret);
    });

    it('should let only ADMIN issue, list and revoke tokens', async () => {
      const { token } = await issue('Only admin', 'READ');
      for (const who of ['leaderA', 'staffA', 'appraiser', 'viewer'] as const) {
        expect((await gql(t.url, ISSUE, { n: 'x', s: 'READ' }, w.tokens[who])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect((await gql(t.url, TOKENS, {}, w.tokens[who])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect((await gql(t.url, REVOKE, { id: token.id }, w.tokens[who])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      expect((await gql(t.url, ISSUE, { n: '  ', s: 'READ' }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('a READ token', () => {
    let secret: string;
    let id: string;
    beforeAll(async () => {
      ({ secret, token: { id } } = await issue('Hệ thống báo cáo', 'READ'));
    });

    it('should query like a VIEWER and record when it was last used', async () => {
      const data = await ok(t.url, `query($id:ID!){periods{id} assessment(id:$id){id} me{id}}`, { id: w.assessmentA }, secret);
      expect(data.periods.map((p: any) => p.id)).toContain(w.periodId);
      expect(data.assessment.id).toBe(w.assessmentA);
      expect(data.me).toBeNull();
      const listed = (await ok(t.url, TOKENS, {}, admin)).apiTokens.find((x: any) => x.id === id);
      expect(listed.lastUsedAt).not.toBeNull();
      // within the minute, further use does not write again
      await ok(t.url, `{periods{id}}`, {}, secret);
      expect((await ok(t.url, TOKENS, {}, admin)).apiTokens.find((x: any) => x.id === id).lastUsedAt).toBe(listed.lastUsedAt);
    });

    it('should download spreadsheets as a reader', async () => {
      const res = await fetch(`${t.url}/export/assessment/${w.assessmentB}.csv`, { headers: { authorization: `Bearer ${secret}` } });
      expect(res.status).toBe(200);
    });

    it('should be refused every mutation, whole, with FORBIDDEN', async () => {
      const version = 0;
      const attempts: [string, Record<string, unknown>][] = [
        [`mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], value: { points: 1 }, expectedVersion: version } }],
        [`mutation{issueApiToken(name:"mine",scope:STATISTICS){secret}}`, {}],
        [`mutation{login(email:"admin@test",password:"wrong-password"){token}}`, {}],
        [`mutation($i:PushStatisticInput!){pushStatistic(input:$i){seq}}`, { i: { periodId: w.periodId, unitCode: 'A', criterionCode: '1.4', numerator: 1, denominator: 2 } }],
      ];
      for (const [query, variables] of attempts) {
        const r = await gql(t.url, query, variables, secret);
        expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect(r.status).toBe(403);
        expect(r.data).toBeUndefined();
      }
      const a = (await ok(t.url, ASSESSMENT, { id: w.assessmentA }, admin)).assessment;
      // version 1 is the world's assignment of every leaf
      expect(a.entries.every((e: any) => e.version === 1)).toBe(true);
    });

    it('should be refused mutations on the socket too, even those open to every reader', async () => {
      const c = connect(t.url, secret);
      clients.push(c);
      const sub = c.subscribe(`mutation($a:ID!){updatePresence(assessmentId:$a,sessionId:"integrator-1",criterionId:null)}`, { a: w.assessmentA });
      await eventually(() => sub.errors.length > 0 || sub.completed, 5000, 'the answer');
      expect(sub.events).toEqual([]);
      expect(sub.errors[0]?.extensions?.code ?? sub.errors[0]?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // the same on HTTP is refused before it runs
      const r = await gql(t.url, `mutation($a:ID!){updatePresence(assessmentId:$a,sessionId:"integrator-1",criterionId:null)}`, { a: w.assessmentA }, secret);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('should stop at once when revoked: UNAUTHENTICATED, on HTTP and downloads', async () => {
      const revoked = (await ok(t.url, REVOKE, { id }, admin)).revokeApiToken;
      expect(revoked.revokedAt).not.toBeNull();
      const r = await gql(t.url, `{periods{id}}`, {}, secret);
      expect(r.status).toBe(401);
      expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const res = await fetch(`${t.url}/export/assessment/${w.assessmentB}.csv`, { headers: { authorization: `Bearer ${secret}` } });
      expect(res.status).toBe(401);
      // revoking again changes nothing
      expect((await ok(t.url, REVOKE, { id }, admin)).revokeApiToken.revokedAt).toBe(revoked.revokedAt);
    });

    it('should refuse unknown and malformed cdk_ tokens as UNAUTHENTICATED', async () => {
      for (const bad of [`cdk_${'A'.repeat(40)}`, 'cdk_short', `${secret}x`]) {
        const r = await gql(t.url, `{periods{id}}`, {}, bad);
        expect(r.status).toBe(401);
        expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      }
    });
  });

  describe('a STATISTICS token', () => {
    let secret: string;
    let tokenId: string;
    const NAME = 'Hệ thống một cửa điện tử';
    beforeAll(async () => {
      ({ secret, token: { id: tokenId } } = await issue(NAME, 'STATISTICS'));
    });

    it('should push a RATIO figure: scored like a self save, with its source, its progress and a live event', async () => {
      const c = connect(t.url, w.tokens.leaderA);
      clients.push(c);
      const sub = c.subscribe<any>(EVENTS, { id: w.assessmentA });
      await eventually(() => t.app.live.hub.liveSubscriptionCount === 1, 5000, 'the subscription');

      // 1.4: 4 points, ≥ 90 % → full, ≥ 70 % → half; 912 / 1000 = 91.2 % → 4.00
      const r = await ok(t.url, PUSH, { i: { periodId: w.periodId, unitCode: 'A', criterionCode: '1.4', numerator: 912, denominator: 1000 } }, secret);
      const { entry, progress, seq } = r.pushStatistic;
      // version 1 was the assignment
      expect(entry).toMatchObject({ version: 2, selfScore: 4, state: 'DONE', source: NAME, updatedBy: null, value: { numerator: 912, denominator: 1000, figure: null }, criterion: { code: '1.4' } });
      expect(entry.history).toHaveLength(2);
      expect(entry.history[1]).toEqual({ round: 'SELF', actor: null, new: expect.objectContaining({ selfScore: 4, state: 'DONE', source: NAME }) });
      expect(progress).toEqual([
        { criterion: { code: '1.4' }, selfTotal: 4, maxScore: 4, leaves: 1, leavesScored: 1 },
        { criterion: { code: '1' }, selfTotal: 4, maxScore: 10, leaves: 5, leavesScored: 1 },
      ]);
      const events = await sub.until((ev) => ev.some((e) => e.assessmentEvents.seq === seq));
      const event = events.find((e) => e.assessmentEvents.seq === seq).assessmentEvents;
      expect(event).toMatchObject({ kinds: ['SCORE_SAVED'], actor: { id: tokenId, name: NAME }, entry: { code: '1.4', selfScore: 4, version: 2 } });
      expect(event.progress).toEqual([{ code: '1.4', selfTotal: 4 }, { code: '1', selfTotal: 4 }]);
      sub.unsubscribe();
    });

    it('should push by unit id, to a plain ratio and to a RELATIVE indicator, and show them in the assessment', async () => {
      // 2.1: 0.5 × 2/3 = 0.333… → 0.33
      const r1 = await ok(t.url, PUSH, { i: { periodId: w.periodId, unitId: w.units.A, criterionCode: '2.1', numerator: 2, denominator: 3 } }, secret);
      expect(r1.pushStatistic.entry).toMatchObject({ selfScore: 0.33, source: NAME });
      // RELATIVE: the figure is kept, the score comes with the period's results
      const r2 = await ok(t.url, PUSH, { i: { periodId: w.periodId, unitId: w.units.A, criterionCode: '2.2.2', figure: 75 } }, secret);
      expect(r2.pushStatistic.entry).toMatchObject({ selfScore: null, state: 'DONE', source: NAME, value: { figure: 75 } });
      // a second push of the same leaf is a new version
      const r3 = await ok(t.url, PUSH, { i: { periodId: w.periodId, unitCode: 'A', criterionCode: '1.4', numerator: 75, denominator: 100 } }, secret);
      expect(r3.pushStatistic.entry).toMatchObject({ version: 3, selfScore: 2 });

      const a = (await ok(t.url, ASSESSMENT, { id: w.assessmentA }, w.tokens.leaderA)).assessment;
      const entry = (code: string) => a.entries.find((e: any) => e.criterion.code === code);
      expect(entry('1.4')).toMatchObject({ selfScore: 2, source: NAME, version: 3 });
      expect(entry('2.1')).toMatchObject({ selfScore: 0.33, source: NAME });
      expect(entry('1.1')).toMatchObject({ selfScore: null, source: null });
      const row = (code: string) => a.progress.find((p: any) => p.criterion.code === code);
      expect(row('2')).toMatchObject({ selfTotal: 0.33, leavesScored: 2 });
      expect(row('2.2')).toMatchObject({ selfTotal: 0, leavesScored: 1 });
      // 2 + 0.33 of 20
      expect(a.selfTotal).toBe(2.33);
    });

    it('should refuse other methods, groups, unknown codes and fields of another method', async () => {
      const push = (i: Record<string, unknown>) => gql(t.url, PUSH, { i: { periodId: w.periodId, unitCode: 'A', ...i } }, secret);
      const manual = await push({ criterionCode: '1.1', numerator: 1, denominator: 2 });
      expect(manual.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(manual.errors?.[0].extensions?.problems).toMatchObject([{ path: 'criterionCode', message: '1.1 is a MANUAL indicator; statistics are pushed to RATIO and RELATIVE indicators only' }]);
      expect((await push({ criterionCode: '2', figure: 1 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await push({ criterionCode: '2.1', figure: 1 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await push({ criterionCode: '2.1', numerator: 1, denominator: 0 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await push({ criterionCode: '9.9', figure: 1 })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await push({ unitCode: 'NOPE', criterionCode: '2.1', numerator: 1, denominator: 2 })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await push({ unitCode: 'C1', criterionCode: '2.1', numerator: 1, denominator: 2 })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await push({ unitId: w.units.A, criterionCode: '2.1', numerator: 1, denominator: 2 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const a = (await ok(t.url, ASSESSMENT, { id: w.assessmentA }, admin)).assessment;
      expect(a.entries.find((e: any) => e.criterion.code === '1.1').version).toBe(1);
    });

    it('should not run other mutations, and nobody but a STATISTICS token may push', async () => {
      const r = await gql(t.url, `mutation($id:ID!){publishFramework(id:$id){id}}`, { id: w.frameworkId }, secret);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      for (const who of ['admin', 'leaderA', 'staffA'] as const) {
        const p = await gql(t.url, PUSH, { i: { periodId: w.periodId, unitCode: 'A', criterionCode: '2.1', numerator: 1, denominator: 2 } }, w.tokens[who]);
        expect(p.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('should give the entry back to people: a manual save clears the source', async () => {
      const r = await save(t, w, w.tokens.staffA, '1.4', { numerator: 95, denominator: 100 });
      expect(r.errors).toBeUndefined();
      const a = (await ok(t.url, ASSESSMENT, { id: w.assessmentA }, admin)).assessment;
      expect(a.entries.find((e: any) => e.criterion.code === '1.4')).toMatchObject({ selfScore: 4, source: null, version: 4 });
      expect(a.entries.find((e: any) => e.criterion.code === '2.1').source).toBe(NAME);
    });

    it('should refuse pushes once the assessment is submitted or the period has left SELF_ASSESSMENT', async () => {
      // unit B submits: every leaf scored by its staff
      const values: Record<string, Record<string, unknown>> = {
        '1.1': { points: 1 }, '1.2': { met: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 1, denominator: 1 }, '1.5': { points: 0 },
        '2.1': { numerator: 1, denominator: 1 }, '2.2.1': { points: 1 }, '2.2.2': { figure: 3 }, '2.3': { points: 1 }, '2.4': { points: 0 },
      };
      for (const [code, value] of Object.entries(values)) {
        const r = await save(t, w, w.tokens.staffB, code, value, { assessmentId: w.assessmentB });
        expect(r.errors).toBeUndefined();
      }
      const submitted = await gql(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: w.assessmentB }, w.tokens.leaderB);
      expect(submitted.errors).toBeUndefined();
      const toB = await gql(t.url, PUSH, { i: { periodId: w.periodId, unitCode: 'B', criterionCode: '2.1', numerator: 1, denominator: 2 } }, secret);
      expect(toB.errors?.[0].extensions).toMatchObject({ code: 'PHASE_CLOSED', status: 'SUBMITTED' });

      await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:APPRAISAL,acknowledgeIncomplete:true){id}}`, { id: w.periodId }, admin);
      const toA = await gql(t.url, PUSH, { i: { periodId: w.periodId, unitCode: 'A', criterionCode: '2.1', numerator: 1, denominator: 2 } }, secret);
      expect(toA.errors?.[0].extensions).toMatchObject({ code: 'PHASE_CLOSED', phase: 'APPRAISAL' });
      const a = (await ok(t.url, ASSESSMENT, { id: w.assessmentA }, admin)).assessment;
      expect(a.entries.find((e: any) => e.criterion.code === '2.1')).toMatchObject({ selfScore: 0.33, version: 2 });
    });

    it('should stop at once when revoked', async () => {
      await ok(t.url, REVOKE, { id: tokenId }, admin);
      const r = await gql(t.url, PUSH, { i: { periodId: w.periodId, unitCode: 'A', criterionCode: '2.1', numerator: 1, denominator: 2 } }, secret);
      expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
