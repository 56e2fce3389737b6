import { clock, DAY_MS } from '../../server/src/common/clock';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, type World } from '../helpers/world';

/** The scheduler's other jobs, with the clock moved: API tokens about to expire, automatic phase moves. */
describe('scheduled jobs', () => {
  let t: TestApp;
  let w: World;
  const kinds = async (token: string) => (await ok(t.url, `{notifications(first:50){edges{node{kind title}}}}`, {}, token)).notifications.edges.map((e: any) => e.node.kind) as string[];
  const phase = async () => (await ok(t.url, `query($id:ID!){period(id:$id){phase}}`, { id: w.periodId }, w.tokens.admin)).period.phase as string;

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    clock.reset();
    await t?.close();
  });

  it('should tell the ADMIN who issued an API token once before it expires, and refuse it after', async () => {
    const issued = (await ok(t.url, `mutation($e:DateTimeISO){issueApiToken(name:"Cổng dịch vụ công",scope:READ,expiresAt:$e){secret token{expiresAt}}}`, { e: new Date(clock.nowMs() + 10 * DAY_MS).toISOString() }, w.tokens.admin)).issueApiToken;
    expect((await gql(t.url, `{periods{id}}`, {}, issued.secret)).errors).toBeUndefined();
    await t.app.workers.scheduler.runDue();
    expect(await kinds(w.tokens.admin)).not.toContain('TOKEN_EXPIRING');
    clock.advance(4 * DAY_MS); // 6 days left: within the 7 days of notice
    await t.app.workers.scheduler.runDue();
    clock.advance(120_000);
    await t.app.workers.scheduler.runDue();
    expect((await kinds(w.tokens.admin)).filter((k) => k === 'TOKEN_EXPIRING')).toHaveLength(1);
    clock.advance(7 * DAY_MS);
    expect((await gql(t.url, `{periods{id}}`, {}, issued.secret)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const past = await gql(t.url, `mutation($e:DateTimeISO){issueApiToken(name:"x",scope:READ,expiresAt:$e){secret}}`, { e: new Date(clock.nowMs() - 1000).toISOString() }, w.tokens.admin);
    expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should move a period on at its deadline only as a manual move may: waiting while units are behind (IF_COMPLETE), going ahead with ALWAYS', async () => {
    const set = (i: Record<string, unknown>) => ok(t.url, `mutation($id:ID!,$i:PeriodDeadlinesInput!){setPeriodDeadlines(id:$id,input:$i){id autoAdvance}}`, { id: w.periodId, i }, w.tokens.admin);
    await set({ selfAssessmentDeadline: new Date(clock.nowMs() + DAY_MS).toISOString(), autoAdvance: 'IF_COMPLETE' });
    await t.app.workers.scheduler.runDue();
    clock.advance(2 * DAY_MS);
    await t.app.workers.scheduler.runDue();
    expect(await phase()).toBe('SELF_ASSESSMENT'); // both units are behind: it waits, as setPeriodPhase would refuse
    // an extension still running holds the move back
    await set({ autoAdvance: 'ALWAYS' });
    await ok(t.url, `mutation($a:ID!,$u:DateTimeISO!){grantExtension(assessmentId:$a,phase:SELF_ASSESSMENT,until:$u,reason:"Bão"){id}}`, { a: w.assessmentA, u: new Date(clock.nowMs() + DAY_MS).toISOString() }, w.tokens.admin);
    clock.advance(120_000);
    await t.app.workers.scheduler.runDue();
    expect(await phase()).toBe('SELF_ASSESSMENT');
    clock.advance(DAY_MS + 60_000);
    await t.app.workers.scheduler.runDue();
    expect(await phase()).toBe('APPRAISAL');
    const audit = (await ok(t.url, `query{auditLog(first:5,filter:{action:"period.autoAdvance"}){edges{node{actorLabel objectId}}}}`, {}, w.tokens.admin)).auditLog.edges;
    expect(audit.map((e: any) => e.node)).toEqual([{ actorLabel: 'scheduler', objectId: w.periodId }]);
  });
});
