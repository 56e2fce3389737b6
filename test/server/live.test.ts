import { startTestApp, type TestApp } from '../helpers/app';
import { errorCode, gql, ok } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, SAVE, type World } from '../helpers/world';

const EVENTS = `subscription($id:ID!){assessmentEvents(assessmentId:$id){assessmentId fromSeq seq kinds actor{id name} entry{code version selfScore} entries{id code version selfScore assigneeId} progress{criterionId code selfTotal maxScore leaves leavesScored} status selfTotal}}`;
const PROGRESS = `query($id:ID!){assessment(id:$id){seq selfTotal progress{criterionId selfTotal maxScore leaves leavesScored}}}`;
const ASSIGN = `mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){id version criterion{code} assignee{id}}}`;

describe('live collaboration', () => {
  let t: TestApp;
  let w: World;
  const clients: LiveClient[] = [];
  const client = (token?: string) => {
    const c = connect(t.url, token);
    clients.push(c);
    return c;
  };
  const subs = () => t.app.live.hub.liveSubscriptionCount;

  beforeAll(async () => {
    t = await startTestApp({ presenceTtlMs: 1500, liveWindowMs: 30 });
    w = await buildWorld(t);
    // group 2 goes to the second staff member: two people, two parts of the tree
    await ok(t.url, ASSIGN, { i: { assessmentId: w.assessmentA, criterionIds: [w.criteria['2']], assigneeId: w.userIds.staffA2 } }, w.tokens.leaderA);
  });
  // every test ends its subscriptions; start each from a quiet server (a test that failed
  // half-way leaves its sockets open: close them here, so that one failure stays one)
  beforeEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await eventually(() => subs() === 0, 5000, 'earlier subscriptions to end');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  const saveAs = async (token: string, code: string, value: object) => {
    const a = await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: w.assessmentA }, token);
    const version = a.assessment.entries.find((e: any) => e.criterion.code === code).version;
    return gql(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value, expectedVersion: version } }, token);
  };

  describe('connect', () => {
    it('should close a socket that does not authenticate', async () => {
      const c = client();
      const sub = c.subscribe(EVENTS, { id: w.assessmentA });
      await eventually(() => sub.errors.length > 0 || sub.completed, 5000, 'the socket to be refused');
      expect(sub.events).toHaveLength(0);
      expect(String(sub.errors[0]?.code ?? sub.errors[0]?.reason ?? '')).toMatch(/4403|Forbidden/);
    });

    it('should close a socket with a forged token', async () => {
      const c = client('not-a-token');
      const sub = c.subscribe(EVENTS, { id: w.assessmentA });
      await eventually(() => sub.errors.length > 0, 5000, 'the socket to be refused');
      expect(sub.events).toHaveLength(0);
    });
  });

  describe('subscribe', () => {
    it('should refuse another unit’s assessment with FORBIDDEN and deliver nothing', async () => {
      const c = client(w.tokens.leaderB);
      const sub = c.subscribe(EVENTS, { id: w.assessmentA });
      await eventually(() => sub.errors.length > 0, 5000, 'the refusal');
      expect(sub.errors[0].extensions?.code ?? sub.errors[0]?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await saveAs(w.tokens.staffA, '1.2', { met: true })).errors).toBeUndefined();
      await new Promise((r) => setTimeout(r, 200));
      expect(sub.events).toHaveLength(0);
    });

    it('should give the leader every event of two staff saving at once, in seq order, and a tree equal to the database', async () => {
      const before = (await ok(t.url, PROGRESS, { id: w.assessmentA }, w.tokens.leaderA)).assessment;
      const tree = new Map<string, any>(before.progress.map((p: any) => [p.criterionId, p]));
      const c = client(w.tokens.leaderA);
      const n0 = subs();
      const sub = c.subscribe<any>(EVENTS, { id: w.assessmentA });
      await eventually(() => subs() === n0 + 1, 5000, 'the subscription');

      const staff1 = ['1.1', '1.3', '1.4', '1.5'].map((code, i) => [code, [{ points: 0.5 * (i + 1) }, { tier: 'Partial' }, { numerator: 8, denominator: 10 }, { points: -0.5 }][i]] as const);
      const staff2 = [['2.1', { numerator: 1, denominator: 3 }], ['2.2.1', { points: 4 }], ['2.3', { points: 1.25 }], ['2.4', { points: 1 }]] as const;
      const run = async (token: string, list: readonly (readonly [string, object])[]) => {
        for (const [code, value] of list) expect((await saveAs(token, code, value)).errors).toBeUndefined();
      };
      await Promise.all([run(w.tokens.staffA, staff1), run(w.tokens.staffA2, staff2)]);
      const after = (await ok(t.url, PROGRESS, { id: w.assessmentA }, w.tokens.leaderA)).assessment;
      await sub.until((ev) => ev.length > 0 && ev[ev.length - 1].assessmentEvents.seq === after.seq);

      // contiguous, increasing seq from the one the leader fetched
      let last = before.seq;
      for (const { assessmentEvents: e } of sub.events) {
        expect(e.fromSeq).toBe(last + 1);
        expect(e.seq).toBeGreaterThanOrEqual(e.fromSeq);
        last = e.seq;
        for (const row of e.progress) tree.set(row.criterionId, { ...tree.get(row.criterionId), ...row });
      }
      expect(last).toBe(after.seq);
      for (const row of after.progress) {
        const mine = tree.get(row.criterionId);
        expect({ selfTotal: mine.selfTotal, maxScore: mine.maxScore, leavesScored: mine.leavesScored }).toEqual({
          selfTotal: row.selfTotal,
          maxScore: row.maxScore,
          leavesScored: row.leavesScored,
        });
      }
      expect(sub.events[sub.events.length - 1].assessmentEvents.selfTotal).toBe(after.selfTotal);
      // an event carries only the path from the leaf to the top, never the whole tree
      const single = sub.events.find((e: any) => e.assessmentEvents.entries.length === 1);
      if (single) expect(single.assessmentEvents.progress.length).toBeLessThan(after.progress.length);
      sub.unsubscribe();
      await eventually(() => subs() === n0, 5000, 'the subscription to end');
    });

    it('should coalesce a burst into fewer events than saves, with nothing lost', async () => {
      const c = client(w.tokens.viewer);
      const n0 = subs();
      const sub = c.subscribe<any>(EVENTS, { id: w.assessmentA });
      await eventually(() => subs() === n0 + 1);
      const start = (await ok(t.url, PROGRESS, { id: w.assessmentA }, w.tokens.viewer)).assessment.seq;
      const saves = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];
      for (const p of saves) expect((await saveAs(w.tokens.staffA, '1.1', { points: p })).errors).toBeUndefined();
      await sub.until((ev) => ev.length > 0 && ev[ev.length - 1].assessmentEvents.seq === start + saves.length);
      const events = sub.events.map((e: any) => e.assessmentEvents);
      expect(events[0].fromSeq).toBe(start + 1);
      expect(events.reduce((n: number, e: any) => n + (e.seq - e.fromSeq + 1), 0)).toBe(saves.length);
      expect(events[events.length - 1].entry).toMatchObject({ code: '1.1', selfScore: 2 });
      sub.unsubscribe();
      await eventually(() => subs() === n0, 5000, 'the subscription to end');
    });

    it('should deliver exactly one event when twenty clients save the same entry with the same version', async () => {
      const c = client(w.tokens.leaderA);
      const n0 = subs();
      const sub = c.subscribe<any>(EVENTS, { id: w.assessmentA });
      await eventually(() => subs() === n0 + 1);
      const a = (await ok(t.url, `query($id:ID!){assessment(id:$id){seq entries{criterion{code} version history{version}}}}`, { id: w.assessmentA }, w.tokens.leaderA)).assessment;
      const entry = a.entries.find((e: any) => e.criterion.code === '2.3');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          gql(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['2.3'], value: { points: 0.05 * (i + 1) }, expectedVersion: entry.version } }, i % 2 ? w.tokens.staffA2 : w.tokens.leaderA),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(19);
      const after = (await ok(t.url, `query($id:ID!){assessment(id:$id){seq entries{criterion{code} history{version}}}}`, { id: w.assessmentA }, w.tokens.leaderA)).assessment;
      expect(after.seq).toBe(a.seq + 1);
      expect(after.entries.find((e: any) => e.criterion.code === '2.3').history).toHaveLength(entry.history.length + 1);
      await sub.until((ev) => ev.some((e: any) => e.assessmentEvents.seq === after.seq));
      await new Promise((r) => setTimeout(r, 200));
      expect(sub.events).toHaveLength(1);
      sub.unsubscribe();
      await eventually(() => subs() === n0, 5000, 'the subscription to end');
    });
    it('should give each subscriber its own selection, the same bytes to those that asked for the same', async () => {
      const [c1, c2, c3] = [client(w.tokens.leaderA), client(w.tokens.viewer), client(w.tokens.staffA)];
      const n0 = subs();
      const full = c1.subscribe<any>(EVENTS, { id: w.assessmentA });
      const small = c2.subscribe<any>(`subscription($id:ID!){assessmentEvents(assessmentId:$id){seq entry{code}}}`, { id: w.assessmentA });
      const same = c3.subscribe<any>(EVENTS, { id: w.assessmentA });
      await eventually(() => subs() === n0 + 3);
      expect((await saveAs(w.tokens.staffA, '1.4', { numerator: 3, denominator: 10 })).errors).toBeUndefined();
      for (const s of [full, small, same]) await s.until((ev) => ev.length > 0);
      expect(same.events).toEqual(full.events);
      expect(full.events[0].assessmentEvents).toMatchObject({ entry: { code: '1.4' }, kinds: ['SCORE_SAVED'] });
      expect(small.events[0]).toEqual({ assessmentEvents: { seq: full.events[0].assessmentEvents.seq, entry: { code: '1.4' } } });
      [full, small, same].forEach((s) => s.unsubscribe());
      await eventually(() => subs() === n0, 5000, 'the subscriptions to end');
    });
  });

  describe('assignments', () => {
    it('should show a reassignment to both people at once and stop the old assignee from saving', async () => {
      const c1 = client(w.tokens.staffA);
      const c2 = client(w.tokens.staffA2);
      const n0 = subs();
      const s1 = c1.subscribe<any>(EVENTS, { id: w.assessmentA });
      const s2 = c2.subscribe<any>(EVENTS, { id: w.assessmentA });
      await eventually(() => subs() === n0 + 2);
      const r = await ok(t.url, ASSIGN, { i: { assessmentId: w.assessmentA, criterionIds: [w.criteria['1.2']], assigneeId: w.userIds.staffA2 } }, w.tokens.leaderA);
      expect(r.assignCriteria).toHaveLength(1);
      for (const s of [s1, s2]) {
        await s.until((ev) => ev.some((e: any) => e.assessmentEvents.kinds.includes('ASSIGNED')));
        const ev = s.events.find((e: any) => e.assessmentEvents.kinds.includes('ASSIGNED')).assessmentEvents;
        expect(ev.entries).toEqual([expect.objectContaining({ code: '1.2', assigneeId: w.userIds.staffA2 })]);
      }
      const denied = await saveAs(w.tokens.staffA, '1.2', { met: false });
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await saveAs(w.tokens.staffA2, '1.2', { met: false })).errors).toBeUndefined();
      const mine = await ok(t.url, `{myAssignments{criterion{code} state assessment{id}}}`, {}, w.tokens.staffA2);
      expect(mine.myAssignments.map((e: any) => e.criterion.code)).toContain('1.2');
      s1.unsubscribe();
      s2.unsubscribe();
      await eventually(() => subs() === n0, 5000, 'the subscriptions to end');
    });

    it('should refuse assignment by staff, to another unit’s people, and of a subtree into FORBIDDEN/BAD_USER_INPUT', async () => {
      expect(await errorCode(t.url, ASSIGN, { i: { assessmentId: w.assessmentA, criterionIds: [w.criteria['1']], assigneeId: w.userIds.staffA } }, w.tokens.staffA)).toBe('FORBIDDEN');
      expect(await errorCode(t.url, ASSIGN, { i: { assessmentId: w.assessmentA, criterionIds: [w.criteria['1']], assigneeId: w.userIds.staffB } }, w.tokens.leaderA)).toBe('BAD_USER_INPUT');
      expect(await errorCode(t.url, ASSIGN, { i: { assessmentId: w.assessmentB, criterionIds: [w.criteria['1']], assigneeId: w.userIds.staffA } }, w.tokens.leaderA)).toBe('FORBIDDEN');
    });
  });

  describe('period progress and presence', () => {
    it('should show every unit’s completion live to a viewer, and refuse a leader', async () => {
      const c = client(w.tokens.viewer);
      const n0 = subs();
      const sub = c.subscribe<any>(`subscription($id:ID!){periodProgress(periodId:$id){periodId units{assessmentId unitName leaves leavesDone selfTotal seq}}}`, { id: w.periodId });
      await eventually(() => subs() === n0 + 1);
      expect((await saveAs(w.tokens.staffA, '1.1', { points: 1 })).errors).toBeUndefined();
      await sub.until((ev) => ev.length > 0);
      const row = sub.events[0].periodProgress.units[0];
      const a = (await ok(t.url, PROGRESS, { id: w.assessmentA }, w.tokens.viewer)).assessment;
      expect(row).toMatchObject({ assessmentId: w.assessmentA, unitName: 'Unit A', selfTotal: a.selfTotal, leaves: 10 });
      sub.unsubscribe();
      const refused = client(w.tokens.leaderA).subscribe(`subscription($id:ID!){periodProgress(periodId:$id){periodId}}`, { id: w.periodId });
      await eventually(() => refused.errors.length > 0);
      expect(refused.errors[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('should show who is where, and drop a closed tab', async () => {
      const watcher = client(w.tokens.leaderA);
      const sub = watcher.subscribe<any>(`subscription($id:ID!){presence(assessmentId:$id){members{userId name criterionId}}}`, { id: w.assessmentA });
      await sub.until((ev) => ev.length > 0);
      const tab = client(w.tokens.staffA);
      const mine = tab.subscribe<any>(`subscription($id:ID!,$s:String){presence(assessmentId:$id,sessionId:$s){members{userId}}}`, { id: w.assessmentA, s: 'tab-staffA-1' });
      await mine.until((ev) => ev.length > 0);
      await ok(t.url, `mutation($id:ID!,$s:String!,$c:ID){updatePresence(assessmentId:$id,sessionId:$s,criterionId:$c)}`, { id: w.assessmentA, s: 'tab-staffA-1', c: w.criteria['1.3'] }, w.tokens.staffA);
      await sub.until((ev) => ev.some((e: any) => e.presence.members.some((m: any) => m.userId === w.userIds.staffA && m.criterionId === w.criteria['1.3'])));
      await tab.close(); // the tab closes: its subscription ends and it leaves
      await sub.until((ev) => ev[ev.length - 1].presence.members.every((m: any) => m.userId !== w.userIds.staffA), 5000);
      // a presence refreshed by mutation only lapses by its time-to-live
      await ok(t.url, `mutation($id:ID!,$s:String!){updatePresence(assessmentId:$id,sessionId:$s,criterionId:null)}`, { id: w.assessmentA, s: 'tab-staffA2-1' }, w.tokens.staffA2);
      await sub.until((ev) => ev[ev.length - 1].presence.members.some((m: any) => m.userId === w.userIds.staffA2));
      await sub.until((ev) => ev[ev.length - 1].presence.members.every((m: any) => m.userId !== w.userIds.staffA2), 5000);
      sub.unsubscribe();
    });
  });

  describe('close', () => {
    it('should end a disabled user’s stream with FORBIDDEN', async () => {
      const c = client(w.tokens.staffB);
      const n0 = subs();
      const sub = c.subscribe<any>(EVENTS, { id: w.assessmentB });
      await eventually(() => subs() === n0 + 1);
      await ok(t.url, `mutation($id:ID!){setUserActive(id:$id,active:false){id}}`, { id: w.userIds.staffB }, w.tokens.admin);
      await eventually(() => sub.errors.length > 0 || sub.completed, 5000, 'the stream to end');
      expect(sub.errors[0]?.extensions?.code).toBe('FORBIDDEN');
      await eventually(() => subs() === n0, 5000, 'the subscription to be cleaned up');
    });

    it('should clean up every subscription when sockets drop', async () => {
      const many = Array.from({ length: 10 }, () => client(w.tokens.leaderA));
      const n0 = subs();
      many.forEach((c) => c.subscribe(EVENTS, { id: w.assessmentA }));
      await eventually(() => subs() === n0 + 10, 5000, 'ten subscriptions');
      await Promise.all(many.map((c) => c.close()));
      await eventually(() => subs() === n0, 5000, 'the count to return');
      await Promise.all(clients.map((c) => c.close()));
      await eventually(() => subs() === 0 && t.app.live.hub.topicCount === 0, 5000, 'zero subscriptions and topics');
    });
  });
});


describe('live coalescing window', () => {
  // long enough that waiting for it cannot be mistaken for the time a save takes
  const WINDOW = 1500;
  let t: TestApp;
  let w: World;
  let c: LiveClient;

  beforeAll(async () => {
    t = await startTestApp({ liveWindowMs: WINDOW });
    w = await buildWorld(t);
    c = connect(t.url, w.tokens.leaderA);
  });
  afterAll(async () => {
    await c?.close();
    await t?.close();
  });

  const save = async (code: string, value: object) => {
    const a = await ok(t.url, `query($id:ID!){assessment(id:$id){seq entries{criterion{code} version}}}`, { id: w.assessmentA }, w.tokens.staffA);
    const version = a.assessment.entries.find((e: any) => e.criterion.code === code).version;
    const r = await gql(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value, expectedVersion: version } }, w.tokens.staffA);
    expect(r.errors).toBeUndefined();
    return a.assessment.seq + 1;
  };

  it('should deliver an isolated save at once, and a burst after it as one event covering every seq at the end of the window', async () => {
    const sub = c.subscribe<any>(EVENTS, { id: w.assessmentA });
    await eventually(() => t.app.live.hub.liveSubscriptionCount === 1, 5000, 'the subscription');

    const started = Date.now();
    const first = await save('1.1', { points: 0.25 });
    await sub.until((ev) => ev.length === 1, WINDOW * 2);
    expect(Date.now() - started).toBeLessThan(WINDOW);
    expect(sub.events[0].assessmentEvents).toMatchObject({ fromSeq: first, seq: first });

    // quiet for a window, then a burst: the first save goes out at once, the rest wait for the window
    await new Promise((r) => setTimeout(r, WINDOW + 200));
    const points = [0.5, 0.75, 1, 1.25, 1.5];
    const burstStarted = Date.now();
    for (const p of points) await save('1.1', { points: p });
    const burstTook = Date.now() - burstStarted;
    await sub.until((ev) => ev.length > 0 && ev[ev.length - 1].assessmentEvents.seq === first + points.length, WINDOW * 3);
    await new Promise((r) => setTimeout(r, 200));
    const events = sub.events.map((e: any) => e.assessmentEvents);
    if (burstTook < WINDOW) {
      expect(events.map((e: any) => [e.fromSeq, e.seq])).toEqual([
        [first, first],
        [first + 1, first + 1],
        [first + 2, first + points.length],
      ]);
      // the coalesced event holds the latest value of what changed in it
      expect(events[2].entries).toEqual([expect.objectContaining({ code: '1.1', selfScore: 1.5 })]);
      expect(events[2].kinds).toEqual(['SCORE_SAVED']);
    }
    // whatever the timing: contiguous, and every seq covered once
    let last = first - 1;
    for (const e of events) {
      expect(e.fromSeq).toBe(last + 1);
      last = e.seq;
    }
    expect(last).toBe(first + points.length);
    sub.unsubscribe();
    await eventually(() => t.app.live.hub.liveSubscriptionCount === 0, 5000, 'the subscription to end');
  });
});
