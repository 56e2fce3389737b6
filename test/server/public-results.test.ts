import { buildClientSchema, getIntrospectionQuery, getNamedType, isNonNullType, isObjectType, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { openPeriod, publishPeriod, RANKING_FIELDS, saveScores } from '../helpers/publish';
import { buildWorld, type World } from '../helpers/world';

/**
 * The public results (issue 17.1): anyone, signed in or not, reads a PUBLISHED period's ranking
 * and a unit's page, with the figures of `ranking`; before publication nothing of the period
 * shows, worded as for a period that does not exist; the JSON routes answer the same with an
 * ETag and 304; nothing else opens to anonymous callers, and no public field leads to people,
 * assessments, comments or evidence.
 */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const PERIOD = 'id name year frameworkName frameworkCode maxScore unitKinds publishedAt';
const RANKING = `query($p:ID!,$k:UnitKind!){publicRanking(periodId:$p,unitKind:$k){period{${PERIOD}} unitKind rows{${RANKING_FIELDS}}}}`;
const UNIT = `query($p:ID!,$u:ID!){publicUnitResult(periodId:$p,unitId:$u){period{${PERIOD}} row{${RANKING_FIELDS}} history{periodId periodName year frameworkCode frameworkName total maxScore index rank rankedUnits band averageIndex groups{code title total maxScore periodAverage}}}}`;

let t: TestApp;
let w: World;
let next: { periodId: string; A: string; B: string };

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.url}/public/data${path}`, { headers });

beforeAll(async () => {
  // no micro-cache: this test reads the same pages before and after publication
  t = await startTestApp({ publicCacheMs: 0 });
  w = await buildWorld(t);
  await saveScores(t, w, w.tokens.leaderA, w.assessmentA, { '1.1': { points: 1 }, '1.3': { tier: 'Partial' }, '2.3': { points: 1 } });
  await saveScores(t, w, w.tokens.leaderB, w.assessmentB, { '1.1': { points: 2 }, '1.3': { tier: 'Full' }, '2.3': { points: 2 } });
}, 120_000);

afterAll(() => t?.close());

describe('before publication', () => {
  it('should answer NOT_FOUND for the period, its ranking and its units, worded as for a period that does not exist', async () => {
    await ok(t.url, `mutation($id:ID!){computeResults(periodId:$id){rank}}`, { id: w.periodId }, w.tokens.admin);
    for (const token of [undefined, w.tokens.leaderA]) {
      const real = await gql(t.url, RANKING, { p: w.periodId, k: 'DISTRICT' }, token);
      const none = await gql(t.url, RANKING, { p: UNKNOWN, k: 'DISTRICT' }, token);
      expect(real.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(real.data).toBeNull();
      expect(real.errors![0].message.replace(w.periodId, '<id>')).toBe(none.errors![0].message.replace(UNKNOWN, '<id>'));
      expect((await gql(t.url, UNIT, { p: w.periodId, u: w.units.A }, token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await gql(t.url, `query($id:ID!){publicPeriod(id:$id){id}}`, { id: w.periodId }, token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await ok(t.url, `{ publicPeriods { id } }`)).publicPeriods).toEqual([]);
  });

  it('should answer 404 on the JSON routes, and keep it out of caches', async () => {
    for (const path of [`/periods/${w.periodId}.json`, `/periods/${w.periodId}/ranking/DISTRICT.json`, `/periods/${w.periodId}/units/${w.units.A}.json`]) {
      const r = await get(path);
      expect([path, r.status, r.headers.get('cache-control'), r.headers.get('etag')]).toEqual([path, 404, 'no-store', null]);
      expect((await r.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    }
    expect(await (await get('/periods.json')).json()).toEqual([]);
  });
});

describe('after publication', () => {
  beforeAll(async () => {
    await publishPeriod(t, w, w.periodId);
    // a second year: A overtakes B, so the change against the previous period shows
    next = await openPeriod(t, w, 'Kỳ 2026', 2026);
    await saveScores(t, w, w.tokens.leaderA, next.A, { '1.1': { points: 2 }, '1.3': { tier: 'Full' }, '2.3': { points: 2 }, '1.2': { met: true } });
    await saveScores(t, w, w.tokens.leaderB, next.B, { '1.1': { points: 1 } });
    await publishPeriod(t, w, next.periodId);
  }, 120_000);

  it('should give anyone the ranking with the figures of `ranking`, and the change against the previous period', async () => {
    const signedIn = (await ok(t.url, `query($p:ID!){ranking(periodId:$p,unitKind:DISTRICT){${RANKING_FIELDS}}}`, { p: next.periodId }, w.tokens.admin)).ranking;
    const pub = (await ok(t.url, RANKING, { p: next.periodId, k: 'DISTRICT' })).publicRanking;
    expect(pub.rows).toEqual(signedIn);
    expect(pub.rows.map((r: any) => [r.unit.name, r.rank, r.previousRank, r.rankChange])).toEqual([
      ['Unit A', 1, 2, 1],
      ['Unit B', 2, 1, -1],
    ]);
    expect(pub.period).toMatchObject({ id: next.periodId, name: 'Kỳ 2026', year: 2026, frameworkName: 'Test framework', maxScore: 20, unitKinds: ['DISTRICT'] });
    expect(Date.parse(pub.period.publishedAt)).toBeGreaterThan(Date.now() - 120_000);
    // no unit of that kind: an empty ranking, not an error
    expect((await ok(t.url, RANKING, { p: next.periodId, k: 'COMMUNE' })).publicRanking.rows).toEqual([]);
    const periods = (await ok(t.url, `{ publicPeriods { id year } }`)).publicPeriods;
    expect(periods).toEqual([{ id: next.periodId, year: 2026 }, { id: w.periodId, year: 2025 }]);
  });

  it('should give a unit’s page with its groups and its history over the published periods', async () => {
    const unit = (await ok(t.url, UNIT, { p: next.periodId, u: w.units.A })).publicUnitResult;
    const rankings = await Promise.all(
      [w.periodId, next.periodId].map(async (p) => (await ok(t.url, `query($p:ID!){ranking(periodId:$p,unitKind:DISTRICT){${RANKING_FIELDS}}}`, { p }, w.tokens.admin)).ranking),
    );
    const rowA = (rows: any[]) => rows.find((r) => r.unit.id === w.units.A);
    expect(unit.row).toEqual(rowA(rankings[1]));
    expect(unit.row.groups.map((g: any) => g.code)).toEqual(['1', '2']);
    expect(unit.history).toEqual(
      [w.periodId, next.periodId].map((periodId, i) => {
        const r = rowA(rankings[i]);
        return expect.objectContaining({ periodId, periodName: i ? 'Kỳ 2026' : 'Kỳ 2025', year: 2025 + i, total: r.total, maxScore: 20, index: r.index, rank: r.rank, band: r.band, rankedUnits: rankings[i].length });
      }),
    );
    // the same points as the signed-in unitHistory: one path for a unit's years
    expect(unit.history).toEqual((await ok(t.url, `query($u:ID!){unitHistory(unitId:$u){periodId periodName year frameworkCode frameworkName total maxScore index rank rankedUnits band averageIndex groups{code title total maxScore periodAverage}}}`, { u: w.units.A }, w.tokens.viewer)).unitHistory);
    // a unit that is not in the period
    expect((await gql(t.url, UNIT, { p: next.periodId, u: w.units.commune })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('should answer the same objects as JSON, with a strong ETag, Cache-Control and 304 on revalidation', async () => {
    const cases: [string, () => Promise<unknown>][] = [
      [`/periods/${next.periodId}/ranking/DISTRICT.json`, async () => (await ok(t.url, RANKING, { p: next.periodId, k: 'DISTRICT' })).publicRanking],
      [`/periods/${next.periodId}/units/${w.units.A}.json`, async () => (await ok(t.url, UNIT, { p: next.periodId, u: w.units.A })).publicUnitResult],
      [`/periods/${next.periodId}.json`, async () => (await ok(t.url, `query($id:ID!){publicPeriod(id:$id){${PERIOD}}}`, { id: next.periodId })).publicPeriod],
      ['/periods.json', async () => (await ok(t.url, `{ publicPeriods { ${PERIOD} } }`)).publicPeriods],
    ];
    for (const [path, graphql] of cases) {
      const r = await get(path);
      expect([path, r.status, r.headers.get('cache-control'), r.headers.get('content-type')]).toEqual([path, 200, 'public, max-age=60, stale-while-revalidate=300', 'application/json; charset=utf-8']);
      const etag = r.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]{20,}"$/);
      expect(await r.json()).toEqual(await graphql());
      const again = await get(path, { 'if-none-match': etag });
      expect([path, again.status, await again.text(), again.headers.get('etag')]).toEqual([path, 304, '', etag]);
      // a weak form of the same tag, in a list, matches too (RFC 9110); another tag does not
      expect((await get(path, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
      expect((await get(path, { 'if-none-match': '"other"' })).status).toBe(200);
    }
  });

  it('should let a GraphQL GET of the public queries alone, anonymous, be cached; nothing else', async () => {
    const graphqlGet = (query: string, token?: string) =>
      fetch(`${t.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    const open = await graphqlGet(`{ publicPeriods { id } }`);
    expect([open.status, open.headers.get('cache-control')]).toEqual([200, 'public, max-age=60, stale-while-revalidate=300']);
    expect((await open.json()).data.publicPeriods).toHaveLength(2);
    for (const [query, token] of [[`{ publicPeriods { id } }`, w.tokens.viewer], [`{ publicPeriods { id } me { id } }`, undefined], [`{ publicPeriod(id: "${UNKNOWN}") { id } }`, undefined]] as const) {
      expect([query, (await graphqlGet(query, token)).headers.get('cache-control') ?? '']).not.toEqual([query, expect.stringContaining('public')]);
    }
  });

  it('should change the ETag when the published figures change', async () => {
    const path = `/periods/${next.periodId}/ranking/DISTRICT.json`;
    const before = (await get(path)).headers.get('etag')!;
    await ok(t.url, `mutation($id:ID!,$i:UpdateUnitInput!){updateUnit(id:$id,input:$i){id}}`, { id: w.units.B, i: { name: 'Huyện B' } }, w.tokens.admin);
    const after = await get(path, { 'if-none-match': before });
    expect(after.status).toBe(200);
    expect(JSON.stringify(await after.json())).toContain('Huyện B');
  });

  it('should refuse what is not a page: an unknown unit kind, a unit not in the period, another path', async () => {
    const kind = await get(`/periods/${next.periodId}/ranking/PROVINCE.json`);
    expect([kind.status, (await kind.json()).errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect((await get(`/periods/${next.periodId}/units/${w.units.commune}.json`)).status).toBe(404);
    expect((await get(`/periods/not-an-id/ranking/DISTRICT.json`)).status).toBe(404);
    const other = await get('/users.json');
    expect([other.status, other.headers.get('content-type')?.startsWith('application/json')]).toEqual([404, true]);
  });
});

describe('what anonymous callers reach', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = buildClientSchema((await ok(t.url, getIntrospectionQuery(), {}, w.tokens.admin)) as IntrospectionQuery);
  });

  it('should refuse every other root query to anonymous callers (UNAUTHENTICATED)', async () => {
    const open = new Set(['me']);
    const refused: string[] = [];
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      if (field.name.startsWith('public') || open.has(field.name)) continue;
      const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      const args = required.map((a) => `${a.name}: ${getNamedType(a.type).name === 'ID' ? `"${w.periodId}"` : getNamedType(a.type).name === 'UnitKind' ? 'DISTRICT' : '1'}`).join(', ');
      const select = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
      const r = await gql(t.url, `{ ${field.name}${args ? `(${args})` : ''}${select} }`);
      if (r.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED') refused.push(`${field.name}: ${JSON.stringify(r.errors ?? r.data)}`);
    }
    expect(refused).toEqual([]);
  });

  it('should reach no person, assessment, entry, comment or evidence from the public types', () => {
    const reached = new Set<string>();
    const visit = (typeName: string) => {
      if (reached.has(typeName)) return;
      reached.add(typeName);
      const type = schema.getType(typeName);
      if (!isObjectType(type)) return;
      for (const f of Object.values(type.getFields())) {
        const named = getNamedType(f.type);
        if (isObjectType(named)) visit(named.name);
      }
    };
    for (const field of Object.values(schema.getQueryType()!.getFields()).filter((f) => f.name.startsWith('public'))) visit(getNamedType(field.type).name);
    const objects = [...reached].filter((n) => isObjectType(schema.getType(n)));
    expect(objects.sort()).toEqual(['HistoryGroup', 'PublicGroupResult', 'PublicPeriod', 'PublicRanking', 'PublicRankingRow', 'PublicUnit', 'PublicUnitResult', 'UnitHistoryPoint']);
    const fields = objects.flatMap((n) => Object.keys((schema.getType(n) as any).getFields()));
    expect(fields.filter((f) => /user|email|assessment|entry|evidence|comment|assignee|author|person|people/i.test(f))).toEqual([]);
  });
});
