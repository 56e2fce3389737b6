import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, save, type World } from '../helpers/world';

const EVENTS = `subscription($id:ID!){assessmentEvents(assessmentId:$id){fromSeq seq kinds phase status actor{name} selfTotal pendingMaxScore}}`;
const PERIOD = `subscription($id:ID!){periodProgress(periodId:$id){phase units{unitName seq status selfTotal leavesDone}}}`;
const PHASE = `mutation($id:ID!,$p:Phase!,$ack:Boolean){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:$ack){phase}}`;
const SEQ = `query($id:ID!){assessment(id:$id){seq}}`;
const TOTALS = `query($id:ID!){assessment(id:$id){selfTotal pendingMaxScore}}`;

/**
 * Pages follow the period live: a phase move reaches every open page of the period over the socket
 * it already has (PHASE_CHANGED on assessmentEvents, the new phase on periodProgress), in seq order
 * with the assessment's other changes, and a save that comes after the move is refused.
 */
describe('phase changes, live', () => {
  let t: TestApp;
  let w: World;
  const clients: LiveClient[] = [];
  /** the subscriptions opened so far are in place upstream (nothing published after is missed) */
  let opened = 0;
  const started = () => eventually(() => t.app.live.hub.liveSubscriptionCount >= opened, 10_000, 'the subscriptions to start');
  const client = (token: string) => {
    opened++;
    const c = connect(t.url, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await t?.close();
  });

  it('should tell every open assessment and the period’s watchers of a phase move, with the next seq', async () => {
    expect((await save(t, w, w.tokens.staffA, '1.1', { points: 1 })).errors).toBeUndefined();
    const seqA = (await ok(t.url, SEQ, { id: w.assessmentA }, w.tokens.leaderA)).assessment.seq;
    const seqB = (await ok(t.url, SEQ, { id: w.assessmentB }, w.tokens.leaderB)).assessment.seq;
    const a = client(w.tokens.staffA).subscribe<any>(EVENTS, { id: w.assessmentA });
    const b = client(w.tokens.leaderB).subscribe<any>(EVENTS, { id: w.assessmentB });
    const watch = client(w.tokens.viewer).subscribe<any>(PERIOD, { id: w.periodId });
    await started();
    await save(t, w, w.tokens.staffA, '1.2', { met: true });
    await a.until((e) => e.length === 1);
    await watch.until((e) => e.length >= 1);

    expect((await ok(t.url, PHASE, { id: w.periodId, p: 'APPRAISAL', ack: true }, w.tokens.admin)).setPeriodPhase.phase).toBe('APPRAISAL');
    const [, moved] = await a.until((e) => e.length === 2);
    expect(moved).toMatchObject({ assessmentEvents: { kinds: ['PHASE_CHANGED'], phase: 'APPRAISAL', fromSeq: seqA + 2, seq: seqA + 2, status: 'IN_PROGRESS', actor: { name: 'Admin' } } });
    // the event's figures are the assessment's, as the query gives them (one figure, every surface)
    const totalsA = (await ok(t.url, TOTALS, { id: w.assessmentA }, w.tokens.leaderA)).assessment;
    expect(totalsA.selfTotal).toBe(2); // 1.1: 1 point, 1.2: met (max 1)
    expect({ selfTotal: moved.assessmentEvents.selfTotal, pendingMaxScore: moved.assessmentEvents.pendingMaxScore }).toEqual(totalsA);
    const [movedB] = await b.until((e) => e.length === 1);
    expect(movedB).toMatchObject({ assessmentEvents: { kinds: ['PHASE_CHANGED'], phase: 'APPRAISAL', fromSeq: seqB + 1 } });
    // each unit's row comes with the new phase (a burst may be one batch or several)
    const movedUnits = (events: any[]) => [...new Set(events.filter((x) => x.periodProgress.phase === 'APPRAISAL').flatMap((x) => x.periodProgress.units.map((u: any) => u.unitName)))].sort();
    await watch.until((e) => movedUnits(e).length === 2);
    expect(movedUnits(watch.events)).toEqual(['Unit A', 'Unit B']);
    const rowA = watch.events.filter((x) => x.periodProgress.phase === 'APPRAISAL').flatMap((x) => x.periodProgress.units).find((u: any) => u.unitName === 'Unit A');
    expect(rowA).toMatchObject({ selfTotal: 2, leavesDone: 2 });
    // a page that refetches after the event finds the same seq: nothing is applied twice
    expect((await ok(t.url, SEQ, { id: w.assessmentA }, w.tokens.leaderA)).assessment.seq).toBe(seqA + 2);

    // what the event told the page is what the server does: a save is refused now
    const refused = await save(t, w, w.tokens.staffA, '1.3', { tier: 'Full' });
    expect(refused.errors?.[0].extensions?.code).toBe('PHASE_CLOSED');
    expect(a.events).toHaveLength(2);
    expect(a.errors).toEqual([]);
  });

  it('should send nothing and move nothing when the move is refused', async () => {
    const a = client(w.tokens.staffA).subscribe<any>(EVENTS, { id: w.assessmentA });
    await started();
    const before = (await ok(t.url, SEQ, { id: w.assessmentA }, w.tokens.leaderA)).assessment.seq;
    // units not appraised: refused without the acknowledgement
    const r = await gql(t.url, PHASE, { id: w.periodId, p: 'FINALIZED' }, w.tokens.admin);
    expect(r.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await ok(t.url, SEQ, { id: w.assessmentA }, w.tokens.leaderA)).assessment.seq).toBe(before);
    // an event that does come is the next move, not the refused one
    await ok(t.url, PHASE, { id: w.periodId, p: 'FINALIZED', ack: true }, w.tokens.admin);
    const events = await a.until((e) => e.length >= 1);
    expect(events.map((e) => [e.assessmentEvents.phase, e.assessmentEvents.fromSeq])).toEqual([['FINALIZED', before + 1]]);
  });

  it('should tell the unit of publishing, after the results are written', async () => {
    const a = client(w.tokens.leaderA).subscribe<any>(EVENTS, { id: w.assessmentA });
    const watch = client(w.tokens.admin).subscribe<any>(PERIOD, { id: w.periodId });
    const before = (await ok(t.url, SEQ, { id: w.assessmentA }, w.tokens.leaderA)).assessment.seq;
    await started();
    await ok(t.url, `mutation($id:ID!){publishResults(periodId:$id,acknowledgeIncomplete:true){phase}}`, { id: w.periodId }, w.tokens.admin);
    const events = await a.until((e) => e.some((x) => x.assessmentEvents.kinds.includes('PHASE_CHANGED')));
    const last = events[events.length - 1].assessmentEvents;
    expect(last).toMatchObject({ phase: 'PUBLISHED' });
    expect(last.seq).toBeGreaterThan(before);
    await watch.until((e) => e.some((x) => x.periodProgress.phase === 'PUBLISHED'));
  });
});
