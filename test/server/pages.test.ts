import { AssessmentStatus } from '../../server/src/modules/assessment/assessment.entity';
import { Assessment } from '../../server/src/modules/assessment/assessment.entity';
import { loadConfig } from '../../server/src/config';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, save, type World } from '../helpers/world';

/** Pages for integrators (issue 18): first/after cursors, totalCount, a largest page, the same rights as the whole lists. */
const ASSESSMENTS = `query($p:ID!,$first:Int!,$after:String,$kind:UnitKind,$status:AssessmentStatus){
  assessments(periodId:$p, first:$first, after:$after, unitKind:$kind, status:$status){
    totalCount pageInfo{ hasNextPage endCursor } edges{ cursor node{ id status unit{ id name } } } } }`;
const ENTRIES = `query($a:ID!,$first:Int!,$after:String){ entries(assessmentId:$a, first:$first, after:$after){
  totalCount pageInfo{ hasNextPage endCursor } edges{ node{ id criterion{ code } } } } }`;

/** Every page of a connection, `first` at a time: the nodes in order and each page's answer. */
async function walk(read: (after: string | null) => Promise<any>) {
  const nodes: any[] = [];
  const pages: any[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page = await read(after);
    pages.push(page);
    nodes.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { nodes, pages };
}

describe('pages of the lists that grow with the data', () => {
  let t: TestApp;
  let w: World;
  let bigPeriod: string;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const more: string[] = [];
    for (const code of ['D5', 'D3', 'D1', 'D4', 'D2']) {
      more.push((await ok(t.url, `mutation($i:CreateUnitInput!){createUnit(input:$i){id}}`, { i: { code, name: `Unit ${code}`, kind: 'DISTRICT' } }, w.tokens.admin)).createUnit.id);
    }
    bigPeriod = (
      await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id}}`, { i: { name: 'Kỳ 2026', frameworkId: w.frameworkId, year: 2026, unitIds: [w.units.A, w.units.B, ...more] } }, w.tokens.admin)
    ).createPeriod.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should give a period’s assessments page by page, by unit name, each once, with the total on every page', async () => {
    const { nodes, pages } = await walk(async (after) => (await ok(t.url, ASSESSMENTS, { p: bigPeriod, first: 3, after }, w.tokens.admin)).assessments);
    expect(pages.map((p) => p.edges.length)).toEqual([3, 3, 1]);
    expect(pages.every((p) => p.totalCount === 7)).toBe(true);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(nodes.map((n) => n.unit.name)).toEqual(['Unit A', 'Unit B', 'Unit D1', 'Unit D2', 'Unit D3', 'Unit D4', 'Unit D5']);
    // the same assessments as the whole list of the period
    const whole = (await ok(t.url, `query($id:ID!){period(id:$id){assessments{id}}}`, { id: bigPeriod }, w.tokens.admin)).period.assessments.map((a: any) => a.id);
    expect(nodes.map((n) => n.id).sort()).toEqual([...whole].sort());
  });

  it('should filter by unit kind and status, counting only what matches', async () => {
    const none = (await ok(t.url, ASSESSMENTS, { p: bigPeriod, first: 10, kind: 'COMMUNE' }, w.tokens.admin)).assessments;
    expect(none).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    const em = t.orm.em.fork();
    const a = await em.findOneOrFail(Assessment, { period: bigPeriod, unit: w.units.B });
    await em.nativeUpdate(Assessment, { id: a.id }, { status: AssessmentStatus.SUBMITTED });
    const submitted = (await ok(t.url, ASSESSMENTS, { p: bigPeriod, first: 10, status: 'SUBMITTED' }, w.tokens.admin)).assessments;
    expect(submitted.totalCount).toBe(1);
    expect(submitted.edges.map((e: any) => e.node.unit.name)).toEqual(['Unit B']);
  });

  it('should show a unit’s people only their own assessment, and an appraiser of a council-run period only its council’s units', async () => {
    const own = (await ok(t.url, ASSESSMENTS, { p: bigPeriod, first: 100 }, w.tokens.staffA)).assessments;
    expect(own.totalCount).toBe(1);
    expect(own.edges.map((e: any) => e.node.unit.id)).toEqual([w.units.A]);

    // A and B submitted; the appraiser sits on A's council only
    const em = t.orm.em.fork();
    await em.nativeUpdate(Assessment, { period: bigPeriod, unit: { $in: [w.units.A, w.units.B] } }, { status: AssessmentStatus.SUBMITTED });
    const before = (await ok(t.url, ASSESSMENTS, { p: bigPeriod, first: 100 }, w.tokens.appraiser)).assessments;
    expect(before.edges.map((e: any) => e.node.unit.name)).toEqual(['Unit A', 'Unit B']);
    const appraiserId = (await ok(t.url, `{ me { id } }`, {}, w.tokens.appraiser)).me.id;
    await ok(t.url, `mutation($i:AssignAppraisersInput!){assignAppraisers(input:$i){id}}`, { i: { periodId: bigPeriod, unitIds: [w.units.A], members: [{ userId: appraiserId, chair: true }] } }, w.tokens.admin);
    const after = (await ok(t.url, ASSESSMENTS, { p: bigPeriod, first: 100 }, w.tokens.appraiser)).assessments;
    expect(after.totalCount).toBe(1);
    expect(after.edges.map((e: any) => e.node.unit.id)).toEqual([w.units.A]);
    // the whole list of the period agrees with the pages
    const whole = (await ok(t.url, `query($id:ID!){period(id:$id){assessments{unit{id}}}}`, { id: bigPeriod }, w.tokens.appraiser)).period.assessments;
    expect(whole.map((a: any) => a.unit.id)).toEqual([w.units.A]);
  });

  it('should give an assessment’s entries in the framework’s order, page by page, and refuse another unit’s people', async () => {
    const whole = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{id criterion{code}}}}`, { id: w.assessmentA }, w.tokens.staffA)).assessment.entries;
    const { nodes, pages } = await walk(async (after) => (await ok(t.url, ENTRIES, { a: w.assessmentA, first: 4, after }, w.tokens.staffA)).entries);
    expect(nodes.map((n) => n.criterion.code)).toEqual(whole.map((e: any) => e.criterion.code));
    expect(pages.length).toBe(Math.ceil(whole.length / 4));
    expect(pages.every((p) => p.totalCount === whole.length)).toBe(true);
    const r = await gql(t.url, ENTRIES, { a: w.assessmentA, first: 4 }, w.tokens.staffB);
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('should give one entry’s changes oldest first, page by page', async () => {
    for (const points of [0.5, 1, 1.5]) expect((await save(t, w, w.tokens.staffA, '1.1', { points })).errors).toBeUndefined();
    const HISTORY = `query($a:ID!,$c:ID!,$after:String){ entryHistory(assessmentId:$a, criterionId:$c, first:2, after:$after){ totalCount pageInfo{hasNextPage endCursor} edges{ node{ version } } } }`;
    const { nodes, pages } = await walk(async (after) => (await ok(t.url, HISTORY, { a: w.assessmentA, c: w.criteria['1.1'], after }, w.tokens.leaderA)).entryHistory);
    const versions = nodes.map((n) => n.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(versions.length).toBe(pages[0].totalCount);
    expect(versions.length).toBeGreaterThanOrEqual(3);
  });

  it('should give an assessment’s evidence oldest first, of one leaf when asked', async () => {
    const ATTACH = `mutation($i:AttachEvidenceLinkInput!){attachEvidenceLink(input:$i){id}}`;
    const added: string[] = [];
    for (const [code, n] of [['1.1', 1], ['1.2', 2], ['1.1', 3]] as const) {
      added.push((await ok(t.url, ATTACH, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], url: `https://proof.example/${n}`, title: `Proof ${n}` } }, w.tokens.staffA)).attachEvidenceLink.id);
    }
    const EVIDENCE = `query($a:ID!,$c:ID,$after:String){ evidence(assessmentId:$a, criterionId:$c, first:2, after:$after){ totalCount pageInfo{hasNextPage endCursor} edges{ node{ id } } } }`;
    const all = await walk(async (after) => (await ok(t.url, EVIDENCE, { a: w.assessmentA, after }, w.tokens.staffA)).evidence);
    expect(all.nodes.map((n) => n.id)).toEqual(added);
    expect(all.pages.map((p) => p.edges.length)).toEqual([2, 1]);
    const one = (await ok(t.url, EVIDENCE, { a: w.assessmentA, c: w.criteria['1.1'] }, w.tokens.staffA)).evidence;
    expect(one.totalCount).toBe(2);
    expect(one.edges.map((e: any) => e.node.id)).toEqual([added[0], added[2]]);
    expect((await gql(t.url, EVIDENCE, { a: w.assessmentA }, w.tokens.leaderB)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('should page the ranking in its order, with the same rows as the whole ranking', async () => {
    await ok(t.url, `mutation($id:ID!){ computeResults(periodId:$id){ rank } }`, { id: w.periodId }, w.tokens.admin);
    const whole = (await ok(t.url, `query($id:ID!){ ranking(periodId:$id, unitKind: DISTRICT){ rank unit{ id } } }`, { id: w.periodId }, w.tokens.admin)).ranking;
    expect(whole.length).toBe(2);
    const RANKING = `query($id:ID!,$after:String){ rankingPage(periodId:$id, unitKind: DISTRICT, first: 1, after:$after){ totalCount pageInfo{hasNextPage endCursor} edges{ node{ rank unit{ id } } } } }`;
    const { nodes, pages } = await walk(async (after) => (await ok(t.url, RANKING, { id: w.periodId, after }, w.tokens.admin)).rankingPage);
    expect(nodes).toEqual(whole);
    expect(pages.map((p) => p.totalCount)).toEqual([2, 2]);
  });

  it('should refuse a page size outside 1…max and a cursor of another list, with codes, before reading anything', async () => {
    for (const first of [0, -1, 101]) {
      const r = await gql(t.url, ASSESSMENTS, { p: bigPeriod, first }, w.tokens.admin);
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].extensions?.problems).toEqual([expect.objectContaining({ path: 'first', code: 'OUT_OF_RANGE', params: { field: 'first', min: 1, max: 100 } })]);
    }
    // entries take pages of up to 500 (a framework's leaves)
    expect((await gql(t.url, ENTRIES, { a: w.assessmentA, first: 500 }, w.tokens.admin)).errors).toBeUndefined();
    const entryCursor = (await ok(t.url, ENTRIES, { a: w.assessmentA, first: 1 }, w.tokens.admin)).entries.pageInfo.endCursor;
    for (const after of [entryCursor, 'not-a-cursor', Buffer.from('["assessment",1]').toString('base64url')]) {
      const r = await gql(t.url, ASSESSMENTS, { p: bigPeriod, first: 3, after }, w.tokens.admin);
      expect(r.errors?.[0].extensions?.problems).toEqual([expect.objectContaining({ path: 'after', code: 'INVALID_CURSOR' })]);
    }
  });
});

describe('the cost of a page', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    // a budget that a page of 100 entries with their histories exceeds and a page of 10 does not
    t = await startTestApp({ limits: { ...loadConfig({ NODE_ENV: 'test' }, { tokenSecret: 'x'.repeat(40), dataDir: '/tmp' }).limits, maxCost: 3_000 } });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should count `first` items of a page, so that a smaller page costs less and a large one is refused before it runs', async () => {
    const Q = `query($a:ID!,$first:Int!){ entries(assessmentId:$a, first:$first){ edges{ node{ id selfScore history{ version actor{ id name } } evidence{ id name } } } } }`;
    const big = await gql(t.url, Q, { a: w.assessmentA, first: 100 }, w.tokens.admin);
    expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(big.errors?.[0].extensions?.cost).toBeGreaterThan(3_000);
    const small = await gql(t.url, Q, { a: w.assessmentA, first: 10 }, w.tokens.admin);
    expect(small.errors).toBeUndefined();
    expect(small.data.entries.edges.length).toBe(10);
  });
});
