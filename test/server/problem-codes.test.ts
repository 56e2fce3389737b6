import { startTestApp, type TestApp } from '../helpers/app';
import { gql } from '../helpers/gql';
import { buildWorld, PASSWORD, type World } from '../helpers/world';

/**
 * The problems people meet in the web client's forms carry a code and its parameters (issue 16),
 * so that the client words them in Vietnamese or English instead of showing the server's
 * English; test/client/problem-wording.test.tsx checks that every code has both wordings.
 */
const problemsOf = async (t: TestApp, query: string, variables: Record<string, unknown>, token: string) => {
  const r = await gql(t.url, query, variables, token);
  expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  return r.errors![0].extensions!.problems as { path: string; code: string; params: Record<string, unknown> }[];
};

describe('problem codes of the forms', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should code every problem of a new period', async () => {
    const q = `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id}}`;
    const problems = await problemsOf(t, q, { i: { name: ' ', frameworkId: w.frameworkId, year: 1999, unitIds: [w.units.A, w.units.A, w.units.commune], timeZone: 'Mars/Olympus' } }, w.tokens.admin);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name', code: 'REQUIRED', params: { field: 'name' } }),
        expect.objectContaining({ path: 'year', code: 'OUT_OF_RANGE', params: { field: 'year', min: 2000, max: 2100 } }),
        expect.objectContaining({ path: 'unitIds', code: 'LISTED_TWICE' }),
        expect.objectContaining({ path: 'unitIds', code: 'UNIT_KIND_MISMATCH', params: { unit: 'Unit C1', kind: 'COMMUNE', expected: 'DISTRICT' } }),
        expect.objectContaining({ path: 'timeZone', code: 'INVALID_TIME_ZONE', params: { value: 'Mars/Olympus' } }),
      ]),
    );
    expect(problems.every((p) => p.code !== 'INVALID')).toBe(true);
  });

  it('should code a link that is not http(s), one with credentials and a title too long', async () => {
    const q = `mutation($i:AttachEvidenceLinkInput!){attachEvidenceLink(input:$i){id}}`;
    const base = { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'] };
    expect(await problemsOf(t, q, { i: { ...base, url: 'ftp://files.example/a.pdf' } }, w.tokens.staffA)).toEqual([
      expect.objectContaining({ path: 'url', code: 'INVALID_URL', params: { value: 'ftp://files.example/a.pdf' } }),
    ]);
    const both = await problemsOf(t, q, { i: { ...base, url: 'https://user:pw@files.example/a.pdf', title: 'x'.repeat(400) } }, w.tokens.staffA);
    expect(both.map((p) => p.code).sort()).toEqual(['TOO_LONG', 'URL_CREDENTIALS']);
  });

  it('should code a wrong current password and a new one equal to it', async () => {
    const q = `mutation($c:String!,$n:String!){changePassword(currentPassword:$c,newPassword:$n){token}}`;
    expect(await problemsOf(t, q, { c: 'not-my-password', n: 'a-new-long-password-1' }, w.tokens.staffB)).toEqual([expect.objectContaining({ path: 'currentPassword', code: 'WRONG_PASSWORD' })]);
    expect(await problemsOf(t, q, { c: PASSWORD, n: PASSWORD }, w.tokens.staffB)).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'newPassword' })]));
  });

  it('should code an empty comment and a mention of nobody', async () => {
    const q = `mutation($i:PostCommentInput!){postComment(input:$i){id}}`;
    const base = { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'] };
    expect(await problemsOf(t, q, { i: { ...base, body: '   ' } }, w.tokens.staffA)).toEqual([expect.objectContaining({ code: 'REQUIRED', params: { field: 'body' } })]);
    expect(await problemsOf(t, q, { i: { ...base, body: 'Nhờ @nobody@test xem' } }, w.tokens.staffA)).toEqual([
      expect.objectContaining({ code: 'MENTION_UNKNOWN', params: { email: 'nobody@test' } }),
    ]);
  });

  it('should code an extension in the past and without a reason', async () => {
    const q = `mutation($a:ID!,$u:DateTimeISO!,$r:String!){grantExtension(assessmentId:$a,phase:SELF_ASSESSMENT,until:$u,reason:$r){id}}`;
    const problems = await problemsOf(t, q, { a: w.assessmentA, u: '2001-01-01T00:00:00Z', r: '' }, w.tokens.admin);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'reason', code: 'REQUIRED' }),
        expect.objectContaining({ path: 'until', code: 'MUST_BE_FUTURE', params: { field: 'until' } }),
      ]),
    );
  });
  it('should code marking notifications without ids, a presence session id and an API token without a name', async () => {
    expect(await problemsOf(t, `mutation{markNotificationsRead{__typename}}`, {}, w.tokens.staffA)).toEqual([expect.objectContaining({ path: 'ids', code: 'REQUIRED', params: { field: 'ids' } })]);
    const presence = `mutation($a:ID!){updatePresence(assessmentId:$a,sessionId:"x"):Boolean}`;
    expect(await problemsOf(t, presence.replace(':Boolean', ''), { a: w.assessmentA }, w.tokens.staffA)).toEqual([expect.objectContaining({ path: 'sessionId', code: 'INVALID_SESSION_ID' })]);
    const issue = `mutation($n:String!){issueApiToken(name:$n,scope:READ){secret}}`;
    expect(await problemsOf(t, issue, { n: '  ' }, w.tokens.admin)).toEqual([expect.objectContaining({ path: 'name', code: 'REQUIRED', params: { field: 'name' } })]);
    expect(await problemsOf(t, issue, { n: 'x'.repeat(201) }, w.tokens.admin)).toEqual([expect.objectContaining({ path: 'name', code: 'TOO_LONG', params: { field: 'name', max: 200 } })]);
  });
  it('should code each criterion that keeps an assessment from being submitted', async () => {
    const problems = await problemsOf(t, `mutation($id:ID!){submitAssessment(assessmentId:$id){id}}`, { id: w.assessmentB }, w.tokens.leaderB);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => ['LEAF_NOT_SCORED', 'LEAF_STILL_DRAFT', 'EVIDENCE_MISSING'].includes(p.code) && p.params.criterion === p.path)).toBe(true);
  });
});
