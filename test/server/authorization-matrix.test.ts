import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, PASSWORD, type World } from '../helpers/world';

/**
 * Every query, mutation and subscription of the schema × every role, on its own unit's data and
 * on another unit's, written down in one table. U = UNAUTHENTICATED, F = FORBIDDEN, o = let
 * through (the answer may still be BAD_USER_INPUT, NOT_FOUND or PHASE_CLOSED, which are not
 * about who asks). The calls act on unit A's assessment: leaderA/staffA are its own people,
 * leaderB/staffB another unit's. An operation of the schema without a row fails the test.
 */
const ACTORS = ['anon', 'admin', 'leaderA', 'staffA', 'leaderB', 'staffB', 'appraiser', 'viewer'] as const;
type Actor = (typeof ACTORS)[number];
const RUN_ORDER: Actor[] = ['anon', 'admin', 'leaderB', 'staffB', 'appraiser', 'viewer', 'staffA', 'leaderA'];

interface Ids {
  w: World;
  evidenceId: string;
  /** staffA's comment on A's entry 1.3 */
  commentId: string;
}
type Call = (ids: Ids) => { query: string; variables?: Record<string, unknown> };

const READ_A = 'U o o o F F F o'; // an unsubmitted assessment: its unit, ADMIN and VIEWER
const ADMIN_ONLY = 'U o F F F F F F';
const SIGNED_IN = 'U o o o o o o o';
const UNIT_A_WRITE = 'U F o o F F F F';
const APPRAISER_ONLY = 'U F F F F F o F';

const A = (w: World) => w.assessmentA;
const MATRIX: Record<string, [string, Call]> = {
  // queries
  me: ['o o o o o o o o', () => ({ query: '{ me { id } }' })],
  units: [SIGNED_IN, () => ({ query: '{ units { id } }' })],
  users: [SIGNED_IN, () => ({ query: '{ users { id } }' })],
  frameworks: [SIGNED_IN, () => ({ query: '{ frameworks { id } }' })],
  framework: [SIGNED_IN, ({ w }) => ({ query: 'query($id:ID!){ framework(id:$id){ id } }', variables: { id: w.frameworkId } })],
  periods: [SIGNED_IN, () => ({ query: '{ periods { id } }' })],
  period: [SIGNED_IN, ({ w }) => ({ query: 'query($id:ID!){ period(id:$id){ id assessments { id } } }', variables: { id: w.periodId } })],
  myAssignments: [SIGNED_IN, () => ({ query: '{ myAssignments { id } }' })],
  assessment: [READ_A, ({ w }) => ({ query: 'query($id:ID!){ assessment(id:$id){ id entries { id } progress { criterionId } } }', variables: { id: A(w) } })],
  discussion: [READ_A, ({ w }) => ({ query: 'query($id:ID!,$c:ID!){ discussion(assessmentId:$id, criterionId:$c){ id comments { id } } }', variables: { id: A(w), c: w.criteria['1.3'] } })],
  improvementList: [READ_A, ({ w }) => ({ query: 'query($id:ID!){ improvementList(assessmentId:$id){ __typename } }', variables: { id: A(w) } })],
  ranking: [SIGNED_IN, ({ w }) => ({ query: 'query($id:ID!){ ranking(periodId:$id, unitKind: DISTRICT){ __typename } }', variables: { id: w.periodId } })],
  // pages (common/paging.ts): the same rights as the whole lists they page
  assessments: [SIGNED_IN, ({ w }) => ({ query: 'query($id:ID!){ assessments(periodId:$id, first: 5){ totalCount edges { node { id } } } }', variables: { id: w.periodId } })],
  entries: [READ_A, ({ w }) => ({ query: 'query($id:ID!){ entries(assessmentId:$id, first: 5){ totalCount edges { node { id } } } }', variables: { id: A(w) } })],
  entryHistory: [READ_A, ({ w }) => ({ query: 'query($id:ID!,$c:ID!){ entryHistory(assessmentId:$id, criterionId:$c, first: 5){ totalCount } }', variables: { id: A(w), c: w.criteria['1.1'] } })],
  evidence: [READ_A, ({ w }) => ({ query: 'query($id:ID!){ evidence(assessmentId:$id, first: 5){ totalCount edges { node { id } } } }', variables: { id: A(w) } })],
  // both assessments must be readable: A and another unit's B, so only ADMIN and VIEWER
  compareAssessments: ['U o F F F F F o', ({ w }) => ({ query: 'query($l:ID!,$r:ID!){ compareAssessments(leftId:$l, rightId:$r){ changed } }', variables: { l: A(w), r: w.assessmentB } })],
  unitHistory: [SIGNED_IN, ({ w }) => ({ query: 'query($id:ID!){ unitHistory(unitId:$id){ year } }', variables: { id: w.units.A } })],
  // published results, for anyone (modules/public): NOT_FOUND here, as the period is not published
  publicPeriods: ['o o o o o o o o', () => ({ query: '{ publicPeriods { id } }' })],
  publicPeriod: ['o o o o o o o o', ({ w }) => ({ query: 'query($id:ID!){ publicPeriod(id:$id){ id } }', variables: { id: w.periodId } })],
  publicRanking: ['o o o o o o o o', ({ w }) => ({ query: 'query($id:ID!){ publicRanking(periodId:$id, unitKind: DISTRICT){ rows { rank } } }', variables: { id: w.periodId } })],
  publicUnitResult: ['o o o o o o o o', ({ w }) => ({ query: 'query($id:ID!,$u:ID!){ publicUnitResult(periodId:$id, unitId:$u){ row { rank } } }', variables: { id: w.periodId, u: w.units.A } })],
  rankingPage: [SIGNED_IN, ({ w }) => ({ query: 'query($id:ID!){ rankingPage(periodId:$id, unitKind: DISTRICT, first: 5){ totalCount } }', variables: { id: w.periodId } })],
  apiTokens: [ADMIN_ONLY, () => ({ query: '{ apiTokens { id } }' })],
  webhooks: [ADMIN_ONLY, () => ({ query: '{ webhooks { id deliveries(first: 5) { id status } } }' })],
  auditLog: [ADMIN_ONLY, () => ({ query: '{ auditLog(first: 5) { totalCount edges { node { id action } } } }' })],
  // mutations of accounts and setup
  login: ['o o o o o o o o', () => ({ query: `mutation { login(email: "viewer@test", password: "${PASSWORD}") { token } }` })],
  createUnit: [ADMIN_ONLY, () => ({ query: 'mutation { createUnit(input: { code: "", name: "", kind: OTHER }) { id } }' })],
  updateUnit: [ADMIN_ONLY, () => ({ query: 'mutation { updateUnit(id: "00000000-0000-4000-8000-000000000000", input: { name: "x" }) { id } }' })],
  importPeopleSheet: [ADMIN_ONLY, () => ({ query: 'mutation { importPeopleSheet(input: { units: { fileBase64: "", format: CSV }, dryRun: true }) { applied } }' })],
  createUser: [ADMIN_ONLY, () => ({ query: 'mutation { createUser(input: { email: "x", name: "", role: VIEWER, password: "" }) { id } }' })],
  updateUser: [ADMIN_ONLY, () => ({ query: 'mutation { updateUser(id: "00000000-0000-4000-8000-000000000000", input: {}) { id } }' })],
  setUserActive: [ADMIN_ONLY, () => ({ query: 'mutation { setUserActive(id: "00000000-0000-4000-8000-000000000000", active: true) { id } }' })],
  importFramework: [ADMIN_ONLY, () => ({ query: 'mutation { importFramework(document: {}) { id } }' })],
  importFrameworkSheet: [ADMIN_ONLY, () => ({ query: 'mutation { importFrameworkSheet(input: { fileBase64: "", format: CSV, code: "", name: "", year: 1, unitKind: OTHER, notApplicable: FULL, bands: [] }) { id } }' })],
  publishFramework: [ADMIN_ONLY, ({ w }) => ({ query: 'mutation($id:ID!){ publishFramework(id:$id){ id } }', variables: { id: w.frameworkId } })],
  createPeriod: [ADMIN_ONLY, ({ w }) => ({ query: 'mutation($f:ID!){ createPeriod(input: { name: "", frameworkId: $f, year: 1, unitIds: [] }){ id } }', variables: { f: w.frameworkId } })],
  // each person's own notifications only: the rows are the caller's (deadlines.test.ts shows nobody reaches another's)
  notifications: [SIGNED_IN, () => ({ query: '{ notifications(first: 5) { totalCount unreadCount edges { node { id kind } } } }' })],
  markNotificationsRead: [SIGNED_IN, () => ({ query: 'mutation { markNotificationsRead(all: true) { marked unreadCount } }' })],
  notificationPreferences: [SIGNED_IN, () => ({ query: '{ notificationPreferences { kind email } }' })],
  setNotificationPreference: [SIGNED_IN, () => ({ query: 'mutation { setNotificationPreference(kind: MENTIONED, email: DAILY_DIGEST) { kind email } }' })],
  grantExtension: [ADMIN_ONLY, ({ w }) => ({ query: 'mutation($a:ID!){ grantExtension(assessmentId:$a, phase: SELF_ASSESSMENT, until: "2000-01-01T00:00:00Z", reason: ""){ id } }', variables: { a: A(w) } })],
  setPeriodDeadlines: [ADMIN_ONLY, ({ w }) => ({ query: 'mutation($id:ID!){ setPeriodDeadlines(id:$id, input: { timeZone: "Asia/Ho_Chi_Minh" }){ id } }', variables: { id: w.periodId } })],
  updatePeriod: [ADMIN_ONLY, ({ w }) => ({ query: 'mutation($id:ID!){ updatePeriod(id:$id, input: { name: "" }){ id } }', variables: { id: w.periodId } })],
  setPeriodPhase: [ADMIN_ONLY, ({ w }) => ({ query: 'mutation($id:ID!){ setPeriodPhase(id:$id, phase: PUBLISHED){ id } }', variables: { id: w.periodId } })],
  computeResults: [ADMIN_ONLY, () => ({ query: 'mutation { computeResults(periodId: "00000000-0000-4000-8000-000000000000") { __typename } }' })],
  publishResults: [ADMIN_ONLY, ({ w }) => ({ query: 'mutation($id:ID!){ publishResults(periodId:$id){ __typename } }', variables: { id: w.periodId } })],
  issueApiToken: [ADMIN_ONLY, () => ({ query: 'mutation { issueApiToken(name: "", scope: READ) { secret } }' })],
  // passwords: a wrong current password is BAD_USER_INPUT (changes nothing); a made-up code likewise
  changePassword: [SIGNED_IN, () => ({ query: 'mutation { changePassword(currentPassword: "not-it", newPassword: "x") { token } }' })],
  resetPassword: [ADMIN_ONLY, () => ({ query: 'mutation { resetPassword(userId: "00000000-0000-4000-8000-000000000000") { code } }' })],
  completePasswordReset: ['o o o o o o o o', () => ({ query: 'mutation { completePasswordReset(code: "rst_made-up", newPassword: "x") }' })],
  revokeApiToken: [ADMIN_ONLY, () => ({ query: 'mutation { revokeApiToken(id: "00000000-0000-4000-8000-000000000000") { id } }' })],
  createWebhook: [ADMIN_ONLY, () => ({ query: 'mutation { createWebhook(url: "", events: [], secret: "") { id } }' })],
  updateWebhook: [ADMIN_ONLY, () => ({ query: 'mutation { updateWebhook(id: "00000000-0000-4000-8000-000000000000", active: false) { id } }' })],
  deleteWebhook: [ADMIN_ONLY, () => ({ query: 'mutation { deleteWebhook(id: "00000000-0000-4000-8000-000000000000") }' })],
  redeliverWebhook: [ADMIN_ONLY, () => ({ query: 'mutation { redeliverWebhook(deliveryId: "00000000-0000-4000-8000-000000000000") { id } }' })],
  // the unit's own work
  assignCriteria: ['U F o F F F F F', ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ assignCriteria(input:{ assessmentId:$a, criterionIds:[$c], assigneeId: "00000000-0000-4000-8000-000000000000" }){ id } }', variables: { a: A(w), c: w.criteria['1'] } })],
  saveSelfScore: [UNIT_A_WRITE, ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ saveSelfScore(input:{ assessmentId:$a, criterionId:$c, expectedVersion: 999, value: { met: true } }){ seq } }', variables: { a: A(w), c: w.criteria['1.2'] } })],
  submitAssessment: ['U F o F F F F F', ({ w }) => ({ query: 'mutation($a:ID!){ submitAssessment(assessmentId:$a){ id } }', variables: { a: A(w) } })],
  saveExplanation: [UNIT_A_WRITE, ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ saveExplanation(input:{ assessmentId:$a, criterionId:$c, explanation:"x", expectedVersion: 999 }){ __typename } }', variables: { a: A(w), c: w.criteria['1.2'] } })],
  attachEvidenceLink: [UNIT_A_WRITE, ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ attachEvidenceLink(input:{ assessmentId:$a, criterionId:$c, url:"https://example.org/matrix.pdf", title:"Matrix" }){ __typename } }', variables: { a: A(w), c: w.criteria['1.1'] } })],
  removeEvidence: [UNIT_A_WRITE, ({ evidenceId }) => ({ query: 'mutation($id:ID!){ removeEvidence(id:$id){ __typename } }', variables: { id: evidenceId } })],
  updatePresence: [READ_A, ({ w }) => ({ query: 'mutation($a:ID!){ updatePresence(assessmentId:$a, sessionId:"matrix-session", criterionId:null) }', variables: { a: A(w) } })],
  leavePresence: [READ_A, ({ w }) => ({ query: 'mutation($a:ID!){ leavePresence(assessmentId:$a, sessionId:"matrix-session") }', variables: { a: A(w) } })],
  // the appraisal council
  saveAppraisal: [APPRAISER_ONLY, ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ saveAppraisal(input:{ assessmentId:$a, criterionId:$c, expectedVersion: 999, value: { met: true } }){ __typename } }', variables: { a: A(w), c: w.criteria['1.2'] } })],
  returnForExplanation: [APPRAISER_ONLY, ({ w }) => ({ query: 'mutation($a:ID!){ returnForExplanation(assessmentId:$a){ id } }', variables: { a: A(w) } })],
  // councils (in this world's period there is none: see 'council matrix' below for a council-run one)
  assignAppraisers: [ADMIN_ONLY, ({ w }) => ({ query: 'mutation($p:ID!){ assignAppraisers(input:{ periodId:$p, unitIds:[], members:[] }){ id } }', variables: { p: w.periodId } })],
  myCouncilUnits: ['U F F F F F o F', () => ({ query: '{ myCouncilUnits { assessmentId } }' })],
  signFinalization: ['U F F F F F F F', ({ w }) => ({ query: 'mutation($a:ID!){ signFinalization(assessmentId:$a){ id } }', variables: { a: A(w) } })],
  reopenAssessment: [ADMIN_ONLY, ({ w }) => ({ query: 'mutation($a:ID!){ reopenAssessment(assessmentId:$a, reason:"matrix"){ id } }', variables: { a: A(w) } })],
  recordInspection: ['U F F F F F F F', ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ recordInspection(input:{ assessmentId:$a, date:"2025-01-01", place:"x", memberIds:[], findings:[{ criterionId:$c, text:"x" }] }){ id } }', variables: { a: A(w), c: w.criteria['1.1'] } })],
  // discussion: the unit's people (and the council, once the assessment is submitted)
  postComment: [UNIT_A_WRITE, ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ postComment(input:{ assessmentId:$a, criterionId:$c, body:"matrix" }){ id } }', variables: { a: A(w), c: w.criteria['1.3'] } })],
  resolveThread: [UNIT_A_WRITE, ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ resolveThread(assessmentId:$a, criterionId:$c){ resolved } }', variables: { a: A(w), c: w.criteria['1.3'] } })],
  editComment: ['U F F o F F F F', ({ commentId }) => ({ query: 'mutation($id:ID!){ editComment(commentId:$id, body:"matrix edit"){ id } }', variables: { id: commentId } })],
  finalizeAssessment: ['U o F F F F o F', ({ w }) => ({ query: 'mutation($a:ID!){ finalizeAssessment(assessmentId:$a){ id } }', variables: { a: A(w) } })],
  // integrators only (a user of any role is refused)
  pushStatistic: ['U F F F F F F F', ({ w }) => ({ query: 'mutation($p:ID!,$u:ID!){ pushStatistic(input:{ periodId:$p, unitId:$u, criterionCode:"1.4", numerator: 1, denominator: 2 }){ __typename } }', variables: { p: w.periodId, u: w.units.A } })],
  pushStatistics: ['U F F F F F F F', ({ w }) => ({ query: 'mutation($p:ID!,$u:ID!){ pushStatistics(input:{ periodId:$p, idempotencyKey:"matrix", figures:[{ unitId:$u, criterionCode:"1.4", numerator: 1, denominator: 2 }] }){ __typename } }', variables: { p: w.periodId, u: w.units.A } })],
  // subscriptions
  assessmentEvents: [READ_A, ({ w }) => ({ query: 'subscription($a:ID!){ assessmentEvents(assessmentId:$a){ seq } }', variables: { a: A(w) } })],
  presence: [READ_A, ({ w }) => ({ query: 'subscription($a:ID!){ presence(assessmentId:$a){ assessmentId } }', variables: { a: A(w) } })],
  notificationAdded: [SIGNED_IN, () => ({ query: 'subscription { notificationAdded { notifications { id } } }' })],
  periodProgress: ['U o F F F F F o', ({ w }) => ({ query: 'subscription($p:ID!){ periodProgress(periodId:$p){ periodId } }', variables: { p: w.periodId } })],
};

const classify = (code: unknown) => (code === 'FORBIDDEN' ? 'F' : code === 'UNAUTHENTICATED' ? 'U' : 'o');

describe('authorization matrix', () => {
  let t: TestApp;
  let ids: Ids;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    const w = await buildWorld(t);
    const link = await gql(t.url, 'mutation($a:ID!,$c:ID!){ attachEvidenceLink(input:{ assessmentId:$a, criterionId:$c, url:"https://example.org/a.pdf", title:"Biên bản" }){ id } }', { a: w.assessmentA, c: w.criteria['1.3'] }, w.tokens.leaderA);
    if (link.errors) throw new Error(`setup: ${JSON.stringify(link.errors)}`);
    const comment = await gql(t.url, 'mutation($a:ID!,$c:ID!){ postComment(input:{ assessmentId:$a, criterionId:$c, body:"Hỏi" }){ id } }', { a: w.assessmentA, c: w.criteria['1.3'] }, w.tokens.staffA);
    if (comment.errors) throw new Error(`setup: ${JSON.stringify(comment.errors)}`);
    ids = { w, evidenceId: link.data.attachEvidenceLink.id, commentId: comment.data.postComment.id };
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  it('should have a row for every operation of the schema', () => {
    const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
    const operations = ['Query', 'Mutation', 'Subscription'].flatMap((t) => Object.keys((schema.getType(t) as any)?.getFields() ?? {}));
    expect(operations.filter((op) => !(op in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((op) => !operations.includes(op))).toEqual([]);
  });

  it('should answer every operation × role as the table says', async () => {
    const token = (a: Actor) => (a === 'anon' ? undefined : ids.w.tokens[a]);
    const got: Record<string, string> = {};
    for (const [op, [, call]] of Object.entries(MATRIX)) {
      const { query, variables } = call(ids);
      const answers: string[] = new Array(ACTORS.length);
      // outsiders first, the unit's own people last: an allowed change (removing evidence) must
      // not turn the refusals that come after it into NOT_FOUND
      for (const actor of RUN_ORDER) {
        const col = ACTORS.indexOf(actor);
        if (query.startsWith('subscription')) {
          if (actor === 'anon') {
            answers[col] = 'U'; // a socket without a token is closed before any operation (live.test.ts)
            continue;
          }
          const c = connect(t.url, token(actor));
          clients.push(c);
          const live = () => t.app.live.hub.liveSubscriptionCount;
          const before = live();
          const sub = c.subscribe(query, variables);
          // refused: an error comes; allowed: the server holds one more live subscription
          await eventually(() => sub.errors.length > 0 || sub.events.length > 0 || live() > before, 15000, `${op} as ${actor}`);
          answers[col] = classify(sub.errors.flat()[0]?.extensions?.code);
          sub.unsubscribe();
          await eventually(() => live() === before, 15000, 'the subscription to end');
        } else {
          const r = await gql(t.url, query, variables ?? {}, token(actor));
          answers[col] = classify(r.errors?.[0]?.extensions?.code);
        }
      }
      got[op] = answers.join(' ');
    }
    const expected = Object.fromEntries(Object.entries(MATRIX).map(([op, [row]]) => [op, row]));
    expect(got).toEqual(expected);
  }, 120_000);
});


/**
 * The same, in a council-run period: unit A submitted and in APPRAISAL, with a council of a chair
 * and a member limited to criteria group 2; `outsider` is an appraiser on no council. Columns:
 * chair, member, outsider, leaderA, leaderB, admin (F = FORBIDDEN, o = let through).
 */
const COUNCIL_ACTORS = ['chair', 'member', 'outsider', 'leaderA', 'leaderB', 'admin'] as const;
type CouncilActor = (typeof COUNCIL_ACTORS)[number];
const COUNCIL_RUN_ORDER: CouncilActor[] = ['leaderB', 'outsider', 'admin', 'leaderA', 'member', 'chair'];
const COUNCIL_READS = 'o o F o F o';
const COUNCIL_MATRIX: Record<string, [string, Call]> = {
  assessment: [COUNCIL_READS, ({ w }) => ({ query: 'query($id:ID!){ assessment(id:$id){ id council { id } signature { id } inspections { id } entries { id discussion { id } } } }', variables: { id: A(w) } })],
  myCouncilUnits: ['o o o F F F', () => ({ query: '{ myCouncilUnits { assessmentId } }' })],
  'saveAppraisal (group 1)': ['o F F F F F', ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ saveAppraisal(input:{ assessmentId:$a, criterionId:$c, expectedVersion: 999, value: { met: true } }){ __typename } }', variables: { a: A(w), c: w.criteria['1.2'] } })],
  'saveAppraisal (group 2)': ['o o F F F F', ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ saveAppraisal(input:{ assessmentId:$a, criterionId:$c, expectedVersion: 999, value: { points: 1 } }){ __typename } }', variables: { a: A(w), c: w.criteria['2.3'] } })],
  signFinalization: ['o F F F F F', ({ w }) => ({ query: 'mutation($a:ID!){ signFinalization(assessmentId:$a){ id } }', variables: { a: A(w) } })],
  finalizeAssessment: ['F F F F F F', ({ w }) => ({ query: 'mutation($a:ID!){ finalizeAssessment(assessmentId:$a){ id } }', variables: { a: A(w) } })],
  reopenAssessment: ['F F F F F o', ({ w }) => ({ query: 'mutation($a:ID!){ reopenAssessment(assessmentId:$a, reason:"matrix"){ id } }', variables: { a: A(w) } })],
  postComment: ['o o F o F F', ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ postComment(input:{ assessmentId:$a, criterionId:$c, body:"" }){ id } }', variables: { a: A(w), c: w.criteria['1.3'] } })],
  recordInspection: ['o o F F F F', ({ w }) => ({ query: 'mutation($a:ID!,$c:ID!){ recordInspection(input:{ assessmentId:$a, date:"2025-01-01", place:"x", memberIds:[], findings:[{ criterionId:$c, text:"x" }] }){ id } }', variables: { a: A(w), c: w.criteria['1.1'] } })],
  assessmentEvents: [COUNCIL_READS, ({ w }) => ({ query: 'subscription($a:ID!){ assessmentEvents(assessmentId:$a){ seq } }', variables: { a: A(w) } })],
  presence: [COUNCIL_READS, ({ w }) => ({ query: 'subscription($a:ID!){ presence(assessmentId:$a){ assessmentId } }', variables: { a: A(w) } })],
  // last: the first member let through returns the assessment, which later callers find RETURNED
  returnForExplanation: ['o o F F F F', ({ w }) => ({ query: 'mutation($a:ID!){ returnForExplanation(assessmentId:$a){ id } }', variables: { a: A(w) } })],
};

describe('council matrix', () => {
  let t: TestApp;
  let w: World;
  const tokens: Record<string, string> = {};
  const clients: LiveClient[] = [];
  const SELF: Record<string, Record<string, unknown>> = {
    '1.1': { points: 1 }, '1.2': { met: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 1, denominator: 2 }, '1.5': { points: 0 },
    '2.1': { numerator: 1, denominator: 2 }, '2.2.1': { points: 1 }, '2.2.2': { figure: 1 }, '2.3': { points: 1 }, '2.4': { points: 0 },
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    Object.assign(tokens, { leaderA: w.tokens.leaderA, leaderB: w.tokens.leaderB, admin: w.tokens.admin });
    const ids: Record<string, string> = {};
    for (const who of ['chair', 'member', 'outsider']) {
      const r = await gql(t.url, 'mutation($i:CreateUserInput!){createUser(input:$i){id}}', { i: { email: `${who}@test`, name: who, role: 'APPRAISER', unitId: null, password: PASSWORD } }, w.tokens.admin);
      ids[who] = r.data.createUser.id;
      tokens[who] = (await gql(t.url, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}', { e: `${who}@test`, p: PASSWORD })).data.login.token;
    }
    const versions = async () => Object.fromEntries((await gql(t.url, 'query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}', { id: w.assessmentA }, w.tokens.admin)).data.assessment.entries.map((e: any) => [e.criterion.code, e.version]));
    const v = await versions();
    for (const [code, value] of Object.entries(SELF)) {
      const r = await gql(t.url, 'mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}', { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value, expectedVersion: v[code] } }, w.tokens.staffA);
      if (r.errors) throw new Error(`setup: ${JSON.stringify(r.errors)}`);
    }
    for (const [q, vars, token] of [
      ['mutation($id:ID!){submitAssessment(assessmentId:$id){status}}', { id: w.assessmentA }, w.tokens.leaderA],
      ['mutation($id:ID!){setPeriodPhase(id:$id,phase:APPRAISAL,acknowledgeIncomplete:true){phase}}', { id: w.periodId }, w.tokens.admin],
      ['mutation($i:AssignAppraisersInput!){assignAppraisers(input:$i){id}}', { i: { periodId: w.periodId, unitIds: [w.units.A, w.units.B], members: [{ userId: ids.chair, chair: true }, { userId: ids.member, criterionIds: [w.criteria['2']] }] } }, w.tokens.admin],
    ] as const) {
      const r = await gql(t.url, q, vars, token);
      if (r.errors) throw new Error(`setup: ${JSON.stringify(r.errors)}`);
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  it('should answer every council operation × council seat as the table says', async () => {
    const got: Record<string, string> = {};
    const ids = { w, evidenceId: '', commentId: '' };
    for (const [op, [, call]] of Object.entries(COUNCIL_MATRIX)) {
      const { query, variables } = call(ids);
      const answers: string[] = new Array(COUNCIL_ACTORS.length);
      for (const actor of COUNCIL_RUN_ORDER) {
        const col = COUNCIL_ACTORS.indexOf(actor);
        if (query.startsWith('subscription')) {
          const c = connect(t.url, tokens[actor]);
          clients.push(c);
          const live = () => t.app.live.hub.liveSubscriptionCount;
          const before = live();
          const sub = c.subscribe(query, variables);
          await eventually(() => sub.errors.length > 0 || sub.events.length > 0 || live() > before, 15000, `${op} as ${actor}`);
          answers[col] = classify(sub.errors.flat()[0]?.extensions?.code);
          sub.unsubscribe();
          await eventually(() => live() === before, 15000, 'the subscription to end');
        } else {
          const r = await gql(t.url, query, variables ?? {}, tokens[actor]);
          answers[col] = classify(r.errors?.[0]?.extensions?.code);
        }
      }
      got[op] = answers.join(' ');
    }
    expect(got).toEqual(Object.fromEntries(Object.entries(COUNCIL_MATRIX).map(([op, [row]]) => [op, row])));
  }, 120_000);
});
