import { clock, DAY_MS } from '../../server/src/common/clock';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, save, type World } from '../helpers/world';

const NOTIFICATIONS = `query($first:Int,$after:String,$unread:Boolean){notifications(first:$first,after:$after,unreadOnly:$unread){totalCount unreadCount pageInfo{hasNextPage endCursor} edges{cursor node{id kind title body link data readAt}}}}`;
const DEADLINES = `mutation($id:ID!,$i:PeriodDeadlinesInput!){setPeriodDeadlines(id:$id,input:$i){id selfAssessmentDeadline timeZone}}`;
const GRANT = `mutation($a:ID!,$p:Phase!,$u:DateTimeISO!,$r:String!){grantExtension(assessmentId:$a,phase:$p,until:$u,reason:$r){id phase until reason grantedAt grantedBy{name}}}`;

describe('deadlines, notifications and e-mail', () => {
  let t: TestApp;
  let w: World;
  let smtp: TestSmtp;
  const clients: LiveClient[] = [];

  const mine = async (token: string, unread = false) => (await ok(t.url, NOTIFICATIONS, { first: 100, unread }, token)).notifications;
  const kinds = async (token: string) => (await mine(token)).edges.map((e: any) => e.node.kind) as string[];
  const setDeadline = (at: Date) => ok(t.url, DEADLINES, { id: w.periodId, i: { selfAssessmentDeadline: at.toISOString() } }, w.tokens.admin);
  const mailsTo = (email: string) => smtp.messages.filter((m) => (m.to as any)?.text === email);

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ smtpUrl: smtp.url, workers: false, publicUrl: 'http://chamdiem.test', outbox: { pollMs: 50, leaseMs: 10_000, retryBaseMs: 60_000, retryMaxMs: 600_000, maxAttempts: 5, batch: 10 } });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    clock.reset();
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
    await smtp?.close();
  });

  it('should tell a person of the criteria assigned to them, in the app and by e-mail in Vietnamese with a link to the page', async () => {
    const list = await mine(w.tokens.staffA);
    const assigned = list.edges.find((e: any) => e.node.kind === 'ASSIGNED').node;
    expect(assigned.title).toMatch(/Bạn được giao \d+ tiêu chí/);
    expect(assigned.link).toBe(`/assessments/${w.assessmentA}`);
    expect(list.unreadCount).toBeGreaterThan(0);
    await t.app.workers.outbox.runOnce();
    const [mail] = mailsTo('staff.a@test');
    expect(mail.subject).toMatch(/^\[Chấm điểm\] Bạn được giao/);
    expect(mail.text).toContain(`http://chamdiem.test/assessments/${w.assessmentA}`);
    expect(mail.html).toContain(`href="http://chamdiem.test/assessments/${w.assessmentA}"`);
    expect(mail.text).toContain('Chào staff.a@test');
    // sent once: a second run finds nothing due
    expect(await t.app.workers.outbox.runOnce()).toBe(0);
    expect(mailsTo('staff.a@test')).toHaveLength(1);
  });

  it('should remind the leader and the assignees 7 days and 1 day before the deadline and once it is missed, each once, with the moved clock', async () => {
    await setDeadline(new Date(clock.nowMs() + 10 * DAY_MS));
    const { scheduler } = t.app.workers;
    await scheduler.runDue();
    expect(await kinds(w.tokens.leaderA)).not.toContain('DEADLINE_IN_7_DAYS');
    clock.advance(3.5 * DAY_MS); // 6.5 days left
    await scheduler.runDue();
    clock.advance(120_000);
    await scheduler.runDue(); // looked again: nobody is told twice
    const seven = (await mine(w.tokens.leaderA)).edges.filter((e: any) => e.node.kind === 'DEADLINE_IN_7_DAYS');
    expect(seven).toHaveLength(1);
    expect(seven[0].node.body).toMatch(/\(Asia\/Ho_Chi_Minh\)/);
    expect((await kinds(w.tokens.staffA)).filter((k) => k === 'DEADLINE_IN_7_DAYS')).toHaveLength(1);
    // staffA2 has no criteria, the other unit's people hear of their own unit only
    expect(await kinds(w.tokens.staffA2)).not.toContain('DEADLINE_IN_7_DAYS');
    expect((await mine(w.tokens.leaderB)).edges.filter((e: any) => e.node.kind === 'DEADLINE_IN_7_DAYS').map((e: any) => e.node.data.assessmentId)).toEqual([w.assessmentB]);
    clock.advance(6 * DAY_MS); // 0.5 days left
    await scheduler.runDue();
    expect((await kinds(w.tokens.leaderA)).filter((k) => k === 'DEADLINE_IN_1_DAY')).toHaveLength(1);
    clock.advance(DAY_MS); // missed
    await scheduler.runDue();
    clock.advance(120_000);
    await scheduler.runDue();
    expect((await kinds(w.tokens.leaderA)).filter((k) => k === 'DEADLINE_MISSED')).toHaveLength(1);
    expect((await kinds(w.tokens.staffA)).filter((k) => k === 'DEADLINE_MISSED')).toHaveLength(1);
  });

  it('should refuse a late save with PHASE_CLOSED naming the deadline in the period’s time zone, and let it through after an extension', async () => {
    clock.reset();
    // 10:00 UTC is 17:00 in Hà Nội, the same day
    const day = new Date(Date.now() + 30 * DAY_MS);
    const deadline = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 10, 0));
    const pad = (n: number) => String(n).padStart(2, '0');
    const text = `17:00 ${pad(deadline.getUTCDate())}/${pad(deadline.getUTCMonth() + 1)}/${deadline.getUTCFullYear()} (Asia/Ho_Chi_Minh)`;
    clock.set(new Date(deadline.getTime() - 60_000));
    await setDeadline(deadline);
    expect((await save(t, w, w.tokens.staffA, '1.1', { points: 1 })).errors).toBeUndefined();
    clock.set(new Date(deadline.getTime() + 60_000));
    const late = await save(t, w, w.tokens.staffA, '1.1', { points: 1.5 });
    expect(late.errors?.[0].extensions?.code).toBe('PHASE_CLOSED');
    expect(late.errors?.[0].message).toContain(text);
    expect(late.errors?.[0].extensions?.deadline).toBe(deadline.toISOString());
    // nothing changed
    const a = (await ok(t.url, `query($id:ID!){assessment(id:$id){deadline{passed closesAtText} entries{criterion{code} selfScore}}}`, { id: w.assessmentA }, w.tokens.staffA)).assessment;
    expect(a.entries.find((e: any) => e.criterion.code === '1.1').selfScore).toBe(1);
    expect(a.deadline).toEqual({ passed: true, closesAtText: text });
    // submission is a write of the phase too
    expect((await gql(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){id}}`, { id: w.assessmentA }, w.tokens.leaderA)).errors?.[0].extensions?.code).toBe('PHASE_CLOSED');

    const until = new Date(deadline.getTime() + 3 * DAY_MS);
    const byLeader = await gql(t.url, GRANT, { a: w.assessmentA, p: 'SELF_ASSESSMENT', u: until.toISOString(), r: 'Lũ lụt' }, w.tokens.leaderA);
    expect(byLeader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const noReason = await gql(t.url, GRANT, { a: w.assessmentA, p: 'SELF_ASSESSMENT', u: until.toISOString(), r: '  ' }, w.tokens.admin);
    expect(noReason.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const sub = connect(t.url, w.tokens.staffA);
    const other = connect(t.url, w.tokens.staffB);
    clients.push(sub, other);
    const mineLive = sub.subscribe<any>(`subscription{notificationAdded{notifications{kind title data}}}`);
    const othersLive = other.subscribe<any>(`subscription{notificationAdded{notifications{kind title}}}`);
    await eventually(() => t.app.live.hub.liveSubscriptionCount === 2, 5000, 'both subscriptions');

    const granted = (await ok(t.url, GRANT, { a: w.assessmentA, p: 'SELF_ASSESSMENT', u: until.toISOString(), r: 'Lũ lụt làm gián đoạn công việc' }, w.tokens.admin)).grantExtension;
    expect(granted).toMatchObject({ phase: 'SELF_ASSESSMENT', until: until.toISOString(), reason: 'Lũ lụt làm gián đoạn công việc', grantedBy: { name: 'Admin' } });
    expect((await save(t, w, w.tokens.staffA, '1.1', { points: 1.5 })).errors).toBeUndefined();
    // unit B has no extension
    const b = await gql(t.url, `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`, { i: { assessmentId: w.assessmentB, criterionId: w.criteria['1.1'], value: { points: 1 }, expectedVersion: 0 } }, w.tokens.staffB);
    expect(b.errors?.[0].extensions?.code).toBe('PHASE_CLOSED');

    const shown = (await ok(t.url, `query($id:ID!){assessment(id:$id){deadline{passed extendedUntil} extensions{reason grantedBy{name} grantedAt}}}`, { id: w.assessmentA }, w.tokens.leaderA)).assessment;
    expect(shown.deadline).toEqual({ passed: false, extendedUntil: until.toISOString() });
    expect(shown.extensions[0]).toMatchObject({ reason: 'Lũ lụt làm gián đoạn công việc', grantedBy: { name: 'Admin' } });
    const audit = (await ok(t.url, `query{auditLog(first:5,filter:{action:"deadline.extend"}){edges{node{actorLabel objectId}}}}`, {}, w.tokens.admin)).auditLog.edges;
    expect(audit.map((e: any) => e.node)).toEqual([{ actorLabel: 'Admin', objectId: w.assessmentA }]);

    // the unit's people are told live, and only they
    await mineLive.until((ev) => ev.some((e) => e.notificationAdded.notifications.some((n: any) => n.kind === 'EXTENSION_GRANTED')));
    await new Promise((r) => setTimeout(r, 200));
    expect(othersLive.events).toEqual([]);
  });

  it('should let nobody read or mark another person’s notifications', async () => {
    const theirs = (await mine(w.tokens.staffA)).edges.map((e: any) => e.node.id);
    const marked = (await ok(t.url, `mutation($ids:[ID!]){markNotificationsRead(ids:$ids){marked unreadCount}}`, { ids: theirs }, w.tokens.staffB)).markNotificationsRead;
    expect(marked.marked).toBe(0);
    expect((await mine(w.tokens.staffA, true)).totalCount).toBe(theirs.length);
    const ids = new Set(theirs);
    for (const token of [w.tokens.staffB, w.tokens.leaderB, w.tokens.viewer, w.tokens.admin]) {
      expect((await mine(token)).edges.some((e: any) => ids.has(e.node.id))).toBe(false);
    }
  });

  it('should page with a cursor and mark one or all read', async () => {
    const all = await mine(w.tokens.staffA);
    const first = (await ok(t.url, NOTIFICATIONS, { first: 2 }, w.tokens.staffA)).notifications;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await ok(t.url, NOTIFICATIONS, { first: 2, after: first.pageInfo.endCursor }, w.tokens.staffA)).notifications;
    expect([...first.edges, ...second.edges].map((e: any) => e.node.id)).toEqual(all.edges.slice(0, 4).map((e: any) => e.node.id));
    const one = all.edges[0].node.id;
    expect((await ok(t.url, `mutation($ids:[ID!]){markNotificationsRead(ids:$ids){marked unreadCount}}`, { ids: [one] }, w.tokens.staffA)).markNotificationsRead).toEqual({ marked: 1, unreadCount: all.totalCount - 1 });
    expect((await ok(t.url, `mutation{markNotificationsRead(all:true){marked unreadCount}}`, {}, w.tokens.staffA)).markNotificationsRead).toEqual({ marked: all.totalCount - 1, unreadCount: 0 });
    expect((await mine(w.tokens.staffA, true)).totalCount).toBe(0);
  });

  it('should tell a person @mentioned in a comment who may read the assessment, and nobody of another unit', async () => {
    const before = (await kinds(w.tokens.leaderA)).filter((k) => k === 'MENTIONED').length;
    expect((await save(t, w, w.tokens.staffA, '1.2', { met: true }, { comment: 'Nhờ @leader.a@test và @staff.b@test xem giúp' })).errors).toBeUndefined();
    const mentions = (await mine(w.tokens.leaderA)).edges.filter((e: any) => e.node.kind === 'MENTIONED');
    expect(mentions).toHaveLength(before + 1);
    expect(mentions[0].node.title).toContain('tiêu chí 1.2');
    expect(await kinds(w.tokens.staffB)).not.toContain('MENTIONED');
  });

  it('should follow each person’s e-mail choice per kind: never, or one daily digest', async () => {
    await ok(t.url, `mutation{setNotificationPreference(kind:ASSIGNED,email:NEVER){kind email}}`, {}, w.tokens.staffA2);
    await ok(t.url, `mutation{setNotificationPreference(kind:UNASSIGNED,email:DAILY_DIGEST){kind email}}`, {}, w.tokens.staffA);
    const prefs = (await ok(t.url, `query{notificationPreferences{kind email}}`, {}, w.tokens.staffA2)).notificationPreferences;
    expect(prefs).toContainEqual({ kind: 'ASSIGNED', email: 'NEVER' });
    expect(prefs).toContainEqual({ kind: 'MENTIONED', email: 'IMMEDIATE' });
    await t.app.workers.outbox.runOnce();
    const sentBefore = smtp.messages.length;
    // 1.1 and 1.2 move from staffA to staffA2
    await ok(t.url, `mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){id}}`, { i: { assessmentId: w.assessmentA, criterionIds: [w.criteria['1.1'], w.criteria['1.2']], assigneeId: w.userIds.staffA2 } }, w.tokens.leaderA);
    expect(await kinds(w.tokens.staffA2)).toContain('ASSIGNED');
    expect(await kinds(w.tokens.staffA)).toContain('UNASSIGNED');
    await t.app.workers.outbox.runOnce();
    expect(smtp.messages.length).toBe(sentBefore); // NEVER for one, a digest for the other
    clock.advance(DAY_MS + 60_000); // past the next digest hour
    await t.app.workers.scheduler.runDue();
    await t.app.workers.outbox.runOnce();
    const digest = mailsTo('staff.a@test').filter((m) => /Tổng hợp/.test(m.subject ?? ''));
    expect(digest).toHaveLength(1);
    expect(digest[0].text).toContain('không còn giao cho bạn');
  });

  it('should retry a message the mail server refused, after the backoff, and send it once', async () => {
    await ok(t.url, `mutation{setNotificationPreference(kind:UNASSIGNED,email:NEVER){kind}}`, {}, w.tokens.staffA2);
    await t.app.workers.outbox.runOnce();
    smtp.failNext = 1;
    const sentBefore = smtp.messages.length;
    await ok(t.url, `mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){id}}`, { i: { assessmentId: w.assessmentA, criterionIds: [w.criteria['1.1']], assigneeId: w.userIds.staffA } }, w.tokens.leaderA);
    expect(await t.app.workers.outbox.runOnce()).toBe(0); // refused (451)
    expect(await t.app.workers.outbox.runOnce()).toBe(0); // not due yet: backoff
    clock.advance(61_000);
    expect(await t.app.workers.outbox.runOnce()).toBe(1);
    expect(smtp.messages.length).toBe(sentBefore + 1);
    expect(smtp.messages[smtp.messages.length - 1].subject).toMatch(/Bạn được giao 1 tiêu chí/);
  });
});
