import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { finalFiguresHash } from '../../server/src/modules/council/figures.hash';
import { mentionedEmails } from '../../server/src/modules/discussion/mentions';
import { startTestApp, type TestApp } from '../helpers/app';
import { errorCode, gql, ok } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, PASSWORD, save, type World } from '../helpers/world';

/**
 * Appraisal councils (issue 15): who appraises which unit, the chair's signed finalization and
 * the ADMIN's reopening, each entry's discussion, and on-site inspections with their files.
 */
const ASSIGN = `mutation($i:AssignAppraisersInput!){assignAppraisers(input:$i){id chair unit{id} user{id email} groups{code}}}`;
const PHASE = `mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:true){phase}}`;
const SUBMIT = `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`;
const APPRAISE = `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){entry{version round1Score}}}`;
const READ = `query($id:ID!){assessment(id:$id){id status entries{criterion{code} version finalScore}}}`;
const MY_UNITS = `query{myCouncilUnits{unit{id} assessmentId status chair groups{code} leaves leavesAppraised signed}}`;
const SIGN = `mutation($id:ID!){signFinalization(assessmentId:$id){id status signature{signedAt figuresHash valid signedBy{email}}}}`;
const REOPEN = `mutation($id:ID!,$r:String!){reopenAssessment(assessmentId:$id,reason:$r){id status signature{id} signatures{voidedAt voidReason valid voidedBy{email}}}}`;
const FINALIZE = `mutation($id:ID!){finalizeAssessment(assessmentId:$id){status}}`;
const POST = `mutation($i:PostCommentInput!){postComment(input:$i){id kind body author{email} mentions{email} edits{body}}}`;
const EDIT = `mutation($id:ID!,$b:String!){editComment(commentId:$id,body:$b){id body editedAt edits{body replacedAt} mentions{email}}}`;
const RESOLVE = `mutation($a:ID!,$c:ID!,$r:Boolean){resolveThread(assessmentId:$a,criterionId:$c,resolved:$r){resolved resolvedBy{email}}}`;
const THREAD = `query($id:ID!){assessment(id:$id){entries{criterion{code} discussion{resolved comments{kind body author{email} mentions{email}}}}}}`;
const INSPECT = `mutation($i:RecordInspectionInput!){recordInspection(input:$i){id date place members{email} findings{code text entryId} recordedBy{email}}}`;
const INSPECTIONS = `query($id:ID!){assessment(id:$id){inspections{id place members{email} findings{code text} files{name size sha256 url}} entries{criterion{code} inspectionFindings{text date}}}}`;
const EVENTS = `subscription($id:ID!){assessmentEvents(assessmentId:$id){seq kinds entry{criterionId}}}`;
const FULL: Record<string, Record<string, unknown>> = {
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

describe('appraisal councils', () => {
  let t: TestApp;
  let w: World;
  const clients: LiveClient[] = [];
  /** chair: chairs A and B; member: sits on A and B for group 2 only; outsider: on no council */
  const tok: Record<'chair' | 'member' | 'outsider', string> = { chair: '', member: '', outsider: '' };
  const ids: Record<'chair' | 'member' | 'outsider', string> = { chair: '', member: '', outsider: '' };

  const version = async (code: string, id = w.assessmentA) =>
    (await ok(t.url, READ, { id }, w.tokens.admin)).assessment.entries.find((e: any) => e.criterion.code === code).version as number;
  const appraise = async (token: string, code: string, value: object, id = w.assessmentA) =>
    gql(t.url, APPRAISE, { i: { assessmentId: id, criterionId: w.criteria[code], value, expectedVersion: await version(code, id) } }, token);
  const subs = () => t.app.live.hub.liveSubscriptionCount;
  const assign = (i: Record<string, unknown>, token = w.tokens.admin) => gql(t.url, ASSIGN, { i }, token);

  beforeAll(async () => {
    t = await startTestApp({ liveWindowMs: 20 });
    w = await buildWorld(t);
    for (const who of ['chair', 'member', 'outsider'] as const) {
      const created = await ok(t.url, `mutation($i:CreateUserInput!){createUser(input:$i){id}}`, { i: { email: `${who}@test`, name: `Appraiser ${who}`, role: 'APPRAISER', unitId: null, password: PASSWORD } }, w.tokens.admin);
      ids[who] = created.createUser.id;
      tok[who] = (await ok(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e: `${who}@test`, p: PASSWORD })).login.token;
    }
    for (const [code, value] of Object.entries(FULL)) {
      expect((await save(t, w, w.tokens.staffA, code, value)).errors).toBeUndefined();
      expect((await save(t, w, w.tokens.staffB, code, value, { assessmentId: w.assessmentB })).errors).toBeUndefined();
    }
    await ok(t.url, SUBMIT, { id: w.assessmentA }, w.tokens.leaderA);
    await ok(t.url, SUBMIT, { id: w.assessmentB }, w.tokens.leaderB);
    await ok(t.url, PHASE, { id: w.periodId, p: 'APPRAISAL' }, w.tokens.admin);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  describe('before any council', () => {
    it('should let every appraiser read and appraise a submitted unit, as before councils existed', async () => {
      expect((await appraise(tok.outsider, '1.1', { points: 1 })).errors).toBeUndefined();
      expect((await ok(t.url, READ, { id: w.assessmentB }, w.tokens.appraiser)).assessment.status).toBe('SUBMITTED');
      expect((await ok(t.url, MY_UNITS, {}, tok.chair)).myCouncilUnits).toEqual([]);
    });
  });

  describe('assignAppraisers', () => {
    it('should refuse anyone but the ADMIN, and bad councils with every problem at once', async () => {
      expect(await errorCode(t.url, ASSIGN, { i: { periodId: w.periodId, unitIds: [w.units.A], members: [{ userId: ids.chair, chair: true }] } }, w.tokens.appraiser)).toBe('FORBIDDEN');
      const bad = await assign({
        periodId: w.periodId,
        unitIds: [w.units.A, w.units.commune],
        members: [
          { userId: ids.chair, chair: true },
          { userId: ids.member, chair: true, criterionIds: [w.criteria['2.1']] },
          { userId: w.userIds.staffA },
        ],
      });
      expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const paths = bad.errors![0].extensions.problems.map((p: any) => p.path);
      expect(paths).toEqual(expect.arrayContaining(['unitIds.1', 'members.2.userId', 'members', 'members.1.criterionIds.0']));
      // nothing changed: the period is still open to every appraiser
      expect((await ok(t.url, READ, { id: w.assessmentA }, tok.outsider)).assessment.id).toBe(w.assessmentA);
    });

    it('should give many units one council in one call, and end an unassigned appraiser’s live stream', async () => {
      const live = connect(t.url, w.tokens.appraiser);
      clients.push(live);
      const n0 = subs();
      const stream = live.subscribe(EVENTS, { id: w.assessmentA });
      await eventually(() => subs() === n0 + 1, 5000, 'the subscription');
      // the stream is open: a save reaches it
      expect((await appraise(tok.chair, '1.2', { met: true })).errors).toBeUndefined();
      await stream.until((e) => e.length > 0);

      const r = await assign({
        periodId: w.periodId,
        unitIds: [w.units.A, w.units.B],
        members: [
          { userId: ids.chair, chair: true },
          { userId: ids.member, criterionIds: [w.criteria['2']] },
        ],
      });
      expect(r.errors).toBeUndefined();
      expect(r.data.assignAppraisers).toHaveLength(4);
      expect(r.data.assignAppraisers.filter((m: any) => m.chair).map((m: any) => m.unit.id).sort()).toEqual([w.units.A, w.units.B].sort());
      expect(r.data.assignAppraisers.find((m: any) => m.user.id === ids.member).groups).toEqual([{ code: '2' }]);
      // the appraiser outside the council loses the stream
      await expect(stream.until(() => false, 3000)).rejects.toThrow(/FORBIDDEN|another unit|subscription error/);
    });
  });

  describe('who appraises', () => {
    it('should refuse an appraiser outside the council on HTTP and on the socket', async () => {
      expect(await errorCode(t.url, READ, { id: w.assessmentA }, tok.outsider)).toBe('FORBIDDEN');
      expect((await appraise(tok.outsider, '1.1', { points: 2 })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const periods = await ok(t.url, `query($id:ID!){period(id:$id){assessments{id}}}`, { id: w.periodId }, tok.outsider);
      expect(periods.period.assessments).toEqual([]);
      const live = connect(t.url, tok.outsider);
      clients.push(live);
      const sub = live.subscribe(EVENTS, { id: w.assessmentA });
      await expect(sub.until(() => false, 3000)).rejects.toThrow(/subscription error/);
      expect(JSON.stringify(sub.errors)).toMatch(/FORBIDDEN|another unit/);
    });

    it('should let a member appraise only the groups the seat names, and the chair all of them', async () => {
      expect((await appraise(tok.member, '2.3', { points: 1.5 })).errors).toBeUndefined();
      const refused = await appraise(tok.member, '1.1', { points: 2 });
      expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(refused.errors?.[0].message).toMatch(/group 1/);
      expect((await appraise(tok.chair, '1.1', { points: 2 })).errors).toBeUndefined();
    });

    it('should list exactly my units with their progress', async () => {
      const mine = (await ok(t.url, MY_UNITS, {}, tok.member)).myCouncilUnits;
      expect(mine.map((u: any) => u.unit.id).sort()).toEqual([w.units.A, w.units.B].sort());
      const a = mine.find((u: any) => u.unit.id === w.units.A);
      expect(a).toMatchObject({ assessmentId: w.assessmentA, chair: false, groups: [{ code: '2' }], leaves: 10, signed: false });
      expect(a.leavesAppraised).toBe(3); // 1.1, 1.2 and 2.3
      expect((await ok(t.url, MY_UNITS, {}, tok.outsider)).myCouncilUnits).toEqual([]);
      expect((await ok(t.url, MY_UNITS, {}, tok.chair)).myCouncilUnits.every((u: any) => u.chair)).toBe(true);
    });
  });

  describe('discussion', () => {
    it('should carry questions, answers and @mentions between the unit and its council, live', async () => {
      const live = connect(t.url, w.tokens.staffA);
      clients.push(live);
      const n0 = subs();
      const events = live.subscribe(EVENTS, { id: w.assessmentA });
      await eventually(() => subs() === n0 + 1, 5000, 'the subscription');
      const q = await gql(t.url, POST, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], kind: 'QUESTION', body: 'Vì sao 1.1 bị hạ điểm? @chair@test' } }, w.tokens.staffA);
      expect(q.errors).toBeUndefined();
      expect(q.data.postComment).toMatchObject({ kind: 'QUESTION', author: { email: 'staff.a@test' }, mentions: [{ email: 'chair@test' }] });
      await events.until((e) => e.some((x: any) => x.assessmentEvents.kinds.includes('DISCUSSION') && x.assessmentEvents.entry?.criterionId === w.criteria["1.1"]));
      const a = await gql(t.url, POST, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], kind: 'ANSWER', body: 'Thiếu văn bản kèm theo, @leader.a@test bổ sung giúp.' } }, tok.chair);
      expect(a.errors).toBeUndefined();
      const thread = (await ok(t.url, THREAD, { id: w.assessmentA }, w.tokens.leaderA)).assessment.entries.find((e: any) => e.criterion.code === '1.1').discussion;
      expect(thread.comments.map((c: any) => c.kind)).toEqual(['QUESTION', 'ANSWER']);
      expect(thread.comments[1].mentions).toEqual([{ email: 'leader.a@test' }]);
    });

    it('should refuse mentions of people who may not see the entry, and posts from outside', async () => {
      const r = await gql(t.url, POST, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], body: 'hỏi @staff.b@test và @outsider@test' } }, w.tokens.staffA);
      expect(r.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions.problems).toHaveLength(2);
      expect(await errorCode(t.url, POST, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], body: 'xin chào' } }, tok.outsider)).toBe('FORBIDDEN');
      expect(await errorCode(t.url, POST, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], body: 'xin chào' } }, w.tokens.staffB)).toBe('FORBIDDEN');
      expect(await errorCode(t.url, POST, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], body: '   ' } }, w.tokens.staffA)).toBe('BAD_USER_INPUT');
      // unit B's people see none of A's threads, and A's none of B's
      expect(await errorCode(t.url, THREAD, { id: w.assessmentA }, w.tokens.staffB)).toBe('FORBIDDEN');
    });

    it('should keep edits as history, for the author only', async () => {
      const c = (await ok(t.url, POST, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['2.3'], body: 'Bản nháp' } }, tok.member)).postComment;
      expect(await errorCode(t.url, EDIT, { id: c.id, b: 'sửa hộ' }, tok.chair)).toBe('FORBIDDEN');
      const edited = (await ok(t.url, EDIT, { id: c.id, b: 'Bản sửa' }, tok.member)).editComment;
      expect(edited.body).toBe('Bản sửa');
      expect(edited.edits.map((e: any) => e.body)).toEqual(['Bản nháp']);
      expect(edited.editedAt).toBeTruthy();
    });

    it('should mark a thread resolved, and open it again on a new comment', async () => {
      const r = await ok(t.url, RESOLVE, { a: w.assessmentA, c: w.criteria['1.1'], r: true }, w.tokens.leaderA);
      expect(r.resolveThread).toEqual({ resolved: true, resolvedBy: { email: 'leader.a@test' } });
      await ok(t.url, POST, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], body: 'Thêm một ý' } }, tok.chair);
      const thread = (await ok(t.url, THREAD, { id: w.assessmentA }, w.tokens.staffA)).assessment.entries.find((e: any) => e.criterion.code === '1.1').discussion;
      expect(thread.resolved).toBe(false);
    });
  });

  describe('on-site inspections', () => {
    let inspectionId: string;
    const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(300)]);
    const upload = async (token: string, id: string, bytes = png(), name = 'một cửa.png') => {
      const fd = new FormData();
      fd.append('inspectionId', id);
      fd.append('file', new Blob([bytes], { type: 'image/png' }), name);
      const res = await fetch(`${t.url}/inspection-files`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as any };
    };

    it('should record the visit by the council, with members and findings per criterion', async () => {
      const input = {
        assessmentId: w.assessmentA,
        date: '2025-11-20',
        place: 'Bộ phận một cửa UBND huyện',
        memberIds: [ids.chair, w.userIds.leaderA],
        findings: [{ criterionId: w.criteria['1.3'], text: 'Tường lửa chưa bật trên 2 máy' }],
      };
      expect(await errorCode(t.url, INSPECT, { i: input }, tok.outsider)).toBe('FORBIDDEN');
      const bad = await gql(t.url, INSPECT, { i: { ...input, date: '2025-13-40', memberIds: [w.userIds.staffB], findings: [{ criterionId: w.criteria['1'], text: '' }] } }, tok.chair);
      expect(bad.errors?.[0].extensions.problems.map((p: any) => [p.path, p.code, p.params])).toEqual(
        expect.arrayContaining([
          ['date', 'INVALID_DATE', { field: 'date' }],
          ['memberIds.0', 'NOT_UNIT_OR_COUNCIL', {}],
          ['findings.0.criterionId', 'NOT_A_LEAF', {}],
          ['findings.0.text', 'REQUIRED', { field: 'text' }],
        ]),
      );
      const later = await gql(t.url, INSPECT, { i: { ...input, date: '2999-01-01', place: ' ' } }, tok.chair);
      expect(later.errors?.[0].extensions.problems.map((p: any) => [p.path, p.code])).toEqual([['date', 'MUST_BE_PAST'], ['place', 'REQUIRED']]);
      const r = (await ok(t.url, INSPECT, { i: input }, tok.chair)).recordInspection;
      inspectionId = r.id;
      expect(r.members.map((m: any) => m.email).sort()).toEqual(['chair@test', 'leader.a@test']);
      expect(r.findings).toMatchObject([{ code: '1.3', text: 'Tường lửa chưa bật trên 2 máy' }]);
    });

    it('should take photos under the evidence rules, and show them to those who read the assessment only', async () => {
      expect((await upload(tok.outsider, inspectionId)).status).toBe(403);
      const refused = await upload(tok.chair, inspectionId, Buffer.from('MZ not an image'), 'virus.exe');
      expect(refused.status).toBe(415);
      expect(refused.body.problems).toEqual([expect.objectContaining({ path: 'file', code: 'FILE_TYPE_REFUSED', params: { ext: '.exe', accepted: expect.stringContaining('png') } })]);
      const empty = await upload(tok.chair, inspectionId, Buffer.alloc(0), 'trống.png');
      expect([empty.status, empty.body.problems?.[0]?.code]).toEqual([400, 'FILE_EMPTY']);
      const up = await upload(tok.chair, inspectionId);
      expect(up.status).toBe(201);
      const a = (await ok(t.url, INSPECTIONS, { id: w.assessmentA }, w.tokens.leaderA)).assessment;
      expect(a.inspections).toHaveLength(1);
      expect(a.inspections[0].files).toEqual([expect.objectContaining({ name: 'một cửa.png', size: 308, sha256: up.body.sha256 })]);
      expect(a.entries.find((e: any) => e.criterion.code === '1.3').inspectionFindings).toEqual([{ text: 'Tường lửa chưa bật trên 2 máy', date: '2025-11-20' }]);
      const url = a.inspections[0].files[0].url;
      expect((await fetch(t.url + url, { headers: { authorization: `Bearer ${w.tokens.leaderA}` } })).status).toBe(200);
      expect((await fetch(t.url + url, { headers: { authorization: `Bearer ${w.tokens.staffB}` } })).status).toBe(403);
      expect((await fetch(t.url + url, { headers: { authorization: `Bearer ${tok.outsider}` } })).status).toBe(403);
    });

    it('should be in the assessment’s exported workbook, on a sheet of its own', async () => {
      const res = await fetch(`${t.url}/export/assessment/${w.assessmentA}.xlsx`, { headers: { authorization: `Bearer ${w.tokens.leaderA}` } });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      const ws = wb.getWorksheet('Kiểm tra thực tế')!;
      expect(ws).toBeDefined();
      const row = (ws.getRow(2).values as unknown[]).slice(1);
      expect(row[0]).toBe('2025-11-20');
      expect(row[1]).toBe('Bộ phận một cửa UBND huyện');
      expect(String(row[2])).toContain('leader.a@test');
      expect(row.slice(3)).toEqual(['1.3', 'Tường lửa chưa bật trên 2 máy', 'một cửa.png']);
    });
  });

  describe('signed finalization', () => {
    it('should be signed by the chair alone, once every leaf is appraised', async () => {
      expect(await errorCode(t.url, FINALIZE, { id: w.assessmentA }, w.tokens.admin)).toBe('FORBIDDEN');
      expect(await errorCode(t.url, SIGN, { id: w.assessmentA }, tok.member)).toBe('FORBIDDEN');
      expect(await errorCode(t.url, SIGN, { id: w.assessmentA }, tok.outsider)).toBe('FORBIDDEN');
      expect(await errorCode(t.url, SIGN, { id: w.assessmentA }, tok.chair)).toBe('BAD_USER_INPUT');
      for (const [code, value] of Object.entries(FULL)) expect((await appraise(tok.chair, code, value)).errors).toBeUndefined();
      const signed = (await ok(t.url, SIGN, { id: w.assessmentA }, tok.chair)).signFinalization;
      expect(signed.status).toBe('FINAL');
      expect(signed.signature).toMatchObject({ valid: true, signedBy: { email: 'chair@test' } });
      expect(signed.signature.figuresHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await ok(t.url, MY_UNITS, {}, tok.chair)).myCouncilUnits.find((u: any) => u.unit.id === w.units.A).signed).toBe(true);
    });

    it('should refuse any change of the signed figures', async () => {
      expect((await appraise(tok.chair, '1.1', { points: 0.5 })).errors?.[0].extensions.code).toBe('PHASE_CLOSED');
      expect(await errorCode(t.url, POST, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], body: 'muộn' } }, tok.chair)).toBe('PHASE_CLOSED');
    });

    it('should be reopened by the ADMIN alone, with a reason, voiding the signature in the audit log', async () => {
      expect(await errorCode(t.url, REOPEN, { id: w.assessmentA, r: 'sai sót' }, tok.chair)).toBe('FORBIDDEN');
      expect(await errorCode(t.url, REOPEN, { id: w.assessmentA, r: '  ' }, w.tokens.admin)).toBe('BAD_USER_INPUT');
      const r = (await ok(t.url, REOPEN, { id: w.assessmentA, r: 'Đơn vị khiếu nại tiêu chí 1.1' }, w.tokens.admin)).reopenAssessment;
      expect(r.status).toBe('APPRAISED');
      expect(r.signature).toBeNull();
      expect(r.signatures).toEqual([{ voidedAt: expect.any(String), voidReason: 'Đơn vị khiếu nại tiêu chí 1.1', valid: false, voidedBy: { email: 'admin@test' } }]);
      const log = await ok(t.url, `query{auditLog(first:10,filter:{action:"assessment.reopen"}){edges{node{objectId after}}}}`, {}, w.tokens.admin);
      expect(log.auditLog.edges).toHaveLength(1);
      expect(JSON.stringify(log.auditLog.edges[0].node.after)).toContain('Đơn vị khiếu nại tiêu chí 1.1');
      // the council may change the figures again, and the chair signs anew
      expect((await appraise(tok.chair, '1.1', { points: 0.5 })).errors).toBeUndefined();
      const again = (await ok(t.url, SIGN, { id: w.assessmentA }, tok.chair)).signFinalization;
      expect(again.signature.valid).toBe(true);
    });
  });
});

describe('mentions in a comment', () => {
  it('should find each @e-mail once, without the punctuation after it, and not a bare address', () => {
    expect(mentionedEmails('Nhờ @Leader.A@Test, và @chair@test. Cc @leader.a@test; thư gửi staff@test không phải nhắc tên.')).toEqual(['leader.a@test', 'chair@test']);
    expect(mentionedEmails('không nhắc ai')).toEqual([]);
  });
});

describe('the hash of the final figures', () => {
  const entry = (code: string, method: string, finalScoreH: number | null, points: number) =>
    ({ criterion: { code, method }, finalScoreH, round1Input: { points }, round1ScoreH: finalScoreH, round1NotApplicable: false, round2Input: null }) as any;
  it('should not depend on the order of the entries, and change with any final figure', () => {
    const a = [entry('1.1', 'MANUAL', 150, 1.5), entry('1.2', 'MANUAL', 100, 1)];
    const h = finalFiguresHash('a', a);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(finalFiguresHash('a', [...a].reverse())).toBe(h);
    expect(finalFiguresHash('a', [entry('1.1', 'MANUAL', 151, 1.5), a[1]])).not.toBe(h);
    expect(finalFiguresHash('b', a)).not.toBe(h);
    // a RELATIVE leaf's final score follows the other units: only its figure is signed
    const rel = [entry('2.2', 'RELATIVE', 300, 60)];
    expect(finalFiguresHash('a', rel)).toBe(finalFiguresHash('a', [entry('2.2', 'RELATIVE', 250, 60)]));
    expect(finalFiguresHash('a', rel)).not.toBe(finalFiguresHash('a', [entry('2.2', 'RELATIVE', 300, 61)]));
  });
});
