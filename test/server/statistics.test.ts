import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, save, type World } from '../helpers/world';

const ISSUE = `mutation($n:String!,$s:TokenScope!){issueApiToken(name:$n,scope:$s){secret}}`;
const PUSH = `mutation($i:PushStatisticsInput!){pushStatistics(input:$i){idempotencyKey replayed selfScores sourceFigures figures{index unitId criterionCode entryId keptAs score}}}`;
const ENTRIES = `query($id:ID!){assessment(id:$id){selfTotal entries{criterion{code} selfScore source version value{numerator denominator figure} sourceFigure{numerator denominator figure score source sourceRef}}}}`;
const NAME = 'Hệ thống một cửa';

describe('pushStatistics: many figures in one call', () => {
  let t: TestApp;
  let w: World;
  let secret: string;
  const entry = async (assessmentId: string, code: string) =>
    (await ok(t.url, ENTRIES, { id: assessmentId }, w.tokens.admin)).assessment.entries.find((e: any) => e.criterion.code === code);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    secret = (await ok(t.url, ISSUE, { n: NAME, s: 'STATISTICS' }, w.tokens.admin)).issueApiToken.secret;
    // a fresh PostgreSQL database and its world take long on a busy machine
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('should refuse the whole call, listing every problem by its index, and write nothing', async () => {
    const r = await gql(t.url, PUSH, {
      i: {
        periodId: w.periodId,
        idempotencyKey: 'bad-1',
        figures: [
          { unitCode: 'A', criterionCode: '1.4', numerator: 9, denominator: 10 },
          { unitCode: 'A', criterionCode: '1.4', numerator: 5, denominator: 0 },
          { unitCode: 'ZZ', criterionCode: '2.1', numerator: 1, denominator: 2 },
          { unitCode: 'B', criterionCode: '1.1', numerator: 1, denominator: 2 },
          { unitCode: 'B', criterionCode: '9.9', numerator: 1, denominator: 2 },
        ],
      },
    }, secret);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const paths = r.errors![0].extensions!.problems.map((p: any) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['figures[1].criterionCode', 'figures[2].unitCode', 'figures[3].criterionCode', 'figures[4].criterionCode']));
    expect(paths.some((p: string) => p.startsWith('figures[0]'))).toBe(false);
    // each problem with its code, for the integrator's own wording
    const coded = r.errors![0].extensions!.problems.map((p: any) => `${p.path} ${p.code}`);
    expect(coded).toEqual(
      expect.arrayContaining(['figures[1].criterionCode DUPLICATE', 'figures[2].unitCode UNKNOWN_REFERENCE', 'figures[3].criterionCode NOT_A_STATISTIC', 'figures[4].criterionCode UNKNOWN_REFERENCE']),
    );
    expect(coded.filter((c: string) => c.endsWith(' INVALID'))).toEqual([]);
    // figure 0 was valid, but nothing was written
    expect(await entry(w.assessmentA, '1.4')).toMatchObject({ selfScore: null, source: null, version: 1 });
  });

  it('should write every figure as the units’ self scores, and count a retried call once', async () => {
    const input = {
      periodId: w.periodId,
      idempotencyKey: 'batch-2026-12-02',
      figures: [
        { unitCode: 'A', criterionCode: '1.4', numerator: 95, denominator: 100, sourceRef: 'report 12/2026' },
        { unitId: w.units.B, criterionCode: '1.4', numerator: 60, denominator: 100 },
        { unitCode: 'A', criterionCode: '2.1', numerator: 1, denominator: 2 },
      ],
    };
    const first = (await ok(t.url, PUSH, { i: input }, secret)).pushStatistics;
    expect(first).toMatchObject({ replayed: false, selfScores: 3, sourceFigures: 0 });
    expect(first.figures.map((f: any) => [f.index, f.criterionCode, f.keptAs, f.score])).toEqual([
      [0, '1.4', 'SELF_SCORE', 4],
      [1, '1.4', 'SELF_SCORE', 0],
      [2, '2.1', 'SELF_SCORE', 0.25],
    ]);
    expect(await entry(w.assessmentA, '1.4')).toMatchObject({ selfScore: 4, source: NAME, version: 2 });
    const again = (await ok(t.url, PUSH, { i: input }, secret)).pushStatistics;
    expect(again).toMatchObject({ replayed: true, selfScores: 3, figures: first.figures });
    // counted once: the entry's version did not move
    expect(await entry(w.assessmentA, '1.4')).toMatchObject({ selfScore: 4, version: 2 });
    // the same key with other figures is a mistake, said plainly
    const other = await gql(t.url, PUSH, { i: { ...input, figures: [input.figures[0]] } }, secret);
    expect(other.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(other.errors?.[0].extensions?.problems[0]).toMatchObject({ path: 'idempotencyKey', code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('should keep a figure that arrives after the unit submitted as the council’s source figure, beside the unit’s own', async () => {
    const values: Record<string, Record<string, unknown>> = {
      '1.1': { points: 1 }, '1.2': { met: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 1, denominator: 1 }, '1.5': { points: 0 },
      '2.1': { numerator: 1, denominator: 1 }, '2.2.1': { points: 1 }, '2.2.2': { figure: 3 }, '2.3': { points: 1 }, '2.4': { points: 0 },
    };
    for (const [code, value] of Object.entries(values)) expect((await save(t, w, w.tokens.staffB, code, value, { assessmentId: w.assessmentB })).errors).toBeUndefined();
    expect((await gql(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: w.assessmentB }, w.tokens.leaderB)).errors).toBeUndefined();
    const before = await entry(w.assessmentB, '2.1');

    const r = (await ok(t.url, PUSH, { i: { periodId: w.periodId, idempotencyKey: 'late-1', figures: [
      { unitCode: 'B', criterionCode: '2.1', numerator: 40, denominator: 100, sourceRef: 'dossier system, Dec' },
      { unitCode: 'A', criterionCode: '2.1', numerator: 3, denominator: 4 },
    ] } }, secret)).pushStatistics;
    expect(r).toMatchObject({ selfScores: 1, sourceFigures: 1 });
    expect(r.figures[0]).toMatchObject({ keptAs: 'SOURCE_FIGURE', score: 0.2 });
    const after = await entry(w.assessmentB, '2.1');
    // the unit's own figure is untouched, the system's beside it
    expect(after).toMatchObject({ selfScore: before.selfScore, version: before.version, value: before.value });
    expect(after.sourceFigure).toEqual({ numerator: 40, denominator: 100, figure: null, score: 0.2, source: NAME, sourceRef: 'dossier system, Dec' });
    // the appraiser sees it too
    const seen = (await ok(t.url, ENTRIES, { id: w.assessmentB }, w.tokens.appraiser)).assessment.entries.find((e: any) => e.criterion.code === '2.1');
    expect(seen.sourceFigure.numerator).toBe(40);

    // in appraisal, every figure goes to the council
    await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:APPRAISAL,acknowledgeIncomplete:true){id}}`, { id: w.periodId }, w.tokens.admin);
    const late = (await ok(t.url, PUSH, { i: { periodId: w.periodId, idempotencyKey: 'late-2', figures: [{ unitCode: 'A', criterionCode: '2.1', numerator: 1, denominator: 4 }] } }, secret)).pushStatistics;
    expect(late).toMatchObject({ selfScores: 0, sourceFigures: 1 });
    expect(await entry(w.assessmentA, '2.1')).toMatchObject({ selfScore: 0.38, sourceFigure: { numerator: 1, denominator: 4 } });
  });

  it('should be refused to READ tokens and people', async () => {
    const read = (await ok(t.url, ISSUE, { n: 'reader', s: 'READ' }, w.tokens.admin)).issueApiToken.secret;
    const input = { periodId: w.periodId, idempotencyKey: 'x', figures: [{ unitCode: 'A', criterionCode: '2.1', numerator: 1, denominator: 2 }] };
    expect((await gql(t.url, PUSH, { i: input }, read)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(t.url, PUSH, { i: input }, w.tokens.admin)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
  it('should take a body over the usual 1 MiB from a STATISTICS token only (10,000 figures with their references do not fit in 1 MiB)', async () => {
    const read = (await ok(t.url, ISSUE, { n: 'Báo cáo tỉnh', s: 'READ' }, w.tokens.admin)).issueApiToken.secret;
    // a valid operation padded with whitespace past the usual limit (JSON allows it)
    const body = JSON.stringify({ query: `query { me { id } }${' '.repeat(1_200_000)}` });
    expect(Buffer.byteLength(body)).toBeGreaterThan(t.config.limits.maxPayloadBytes);
    const post = async (token: string) => {
      const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
    };
    const big = await post(secret);
    expect(big.status).toBe(200);
    expect(big.body.errors).toBeUndefined();
    for (const token of [read, w.tokens.admin, 'cdk_' + 'x'.repeat(40)]) {
      const refused = await post(token);
      expect(refused.status).toBe(413);
      expect(refused.body.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    }
  });
});
