import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import jwt from 'jsonwebtoken';
import { createSchema } from '../../server/src/schema';
import { startTestApp, type TestApp } from '../helpers/app';
import { errorCode, gql, ok } from '../helpers/gql';
import { buildWorld, PASSWORD, save, SAVE, type World } from '../helpers/world';

type Who = keyof World['tokens'];

const ASSESSMENT = `query($id:ID!){assessment(id:$id){
  id status seq selfTotal
  entries{ criterion{ code } version state selfScore comment }
  progress{ criterion{ code } selfTotal leavesScored }
}}`;
const PERIOD_ASSESSMENTS = `query($id:ID!){period(id:$id){id assessments{id unit{id}}}}`;
const SUBMIT = `mutation($id:ID!){submitAssessment(assessmentId:$id){id status}}`;
const ME = `{me{id email role}}`;
const LOGIN = `mutation($e:String!,$p:String!){login(email:$e,password:$p){token user{id email}}}`;
const USERS = `{users{id email role active unit{id}}}`;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** A value of the given input type that passes GraphQL's coercion (what the resolver makes of it does not matter). */
function dummy(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return [dummy(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, dummy(f.type)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID': return NO_SUCH_ID;
      case 'String': return 'x';
      case 'Int': return 2025;
      case 'Float': return 1;
      case 'Boolean': return true;
      case 'DateTimeISO': return new Date().toISOString();
      case 'JSONObject': return {};
    }
  }
  throw new Error(`no dummy value for ${String(type)}`);
}

/** One operation calling `field` with well-typed variables; objects select __typename. */
function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const vars = field.args.map((a) => `$${a.name}:${String(a.type)}`).join(',');
  const args = field.args.map((a) => `${a.name}:$${a.name}`).join(',');
  const selection = isObjectType(getNamedType(field.type)) ? '{__typename}' : '';
  return {
    query: `${kind}${vars ? `(${vars})` : ''}{${field.name}${args ? `(${args})` : ''}${selection}}`,
    variables: Object.fromEntries(field.args.map((a) => [a.name, dummy(a.type)])),
  };
}

describe('who may do what', () => {
  let t: TestApp;
  let w: World;
  let userIds: Record<string, string>;
  const tokens = () => w.tokens;
  const assessment = async (id: string) => (await ok(t.url, ASSESSMENT, { id }, w.tokens.admin)).assessment;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    userIds = Object.fromEntries((await ok(t.url, USERS, {}, w.tokens.admin)).users.map((u: any) => [u.email, u.id]));
  });
  afterAll(() => t?.close());

  describe("another unit's people", () => {
    it('should not read assessment A (FORBIDDEN) while reading their own', async () => {
      for (const who of ['leaderB', 'staffB'] as Who[]) {
        const r = await gql(t.url, ASSESSMENT, { id: w.assessmentA }, tokens()[who]);
        expect([who, r.errors?.[0].extensions?.code, r.data?.assessment ?? null]).toEqual([who, 'FORBIDDEN', null]);
        expect((await ok(t.url, ASSESSMENT, { id: w.assessmentB }, tokens()[who])).assessment.id).toBe(w.assessmentB);
      }
      for (const who of ['leaderA', 'staffA'] as Who[]) {
        expect([who, await errorCode(t.url, ASSESSMENT, { id: w.assessmentB }, tokens()[who])]).toEqual([who, 'FORBIDDEN']);
      }
    });

    it('should not save into assessment A (FORBIDDEN), changing nothing', async () => {
      const before = await assessment(w.assessmentA);
      for (const who of ['leaderB', 'staffB'] as Who[]) {
        for (const [code, value] of [['1.1', { points: 1 }], ['2.3', null], ['1.2', { met: true }]] as const) {
          const r = await gql(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value, expectedVersion: 0, comment: 'intruder' } }, tokens()[who]);
          expect([who, code, r.errors?.[0].extensions?.code]).toEqual([who, code, 'FORBIDDEN']);
        }
        expect([who, await errorCode(t.url, SUBMIT, { id: w.assessmentA }, tokens()[who])]).toEqual([who, 'FORBIDDEN']);
      }
      expect(await assessment(w.assessmentA)).toEqual(before);
    });

    it("should see only their own unit's assessment in period.assessments", async () => {
      const seen = async (who: Who) => (await ok(t.url, PERIOD_ASSESSMENTS, { id: w.periodId }, tokens()[who])).period.assessments.map((a: any) => a.id);
      for (const who of ['leaderA', 'staffA', 'staffA2'] as Who[]) expect([who, await seen(who)]).toEqual([who, [w.assessmentA]]);
      for (const who of ['leaderB', 'staffB'] as Who[]) expect([who, await seen(who)]).toEqual([who, [w.assessmentB]]);
    });
  });

  describe('VIEWER and ADMIN', () => {
    it('should read every assessment and see all of them in the period', async () => {
      for (const who of ['viewer', 'admin'] as Who[]) {
        for (const id of [w.assessmentA, w.assessmentB]) {
          expect((await ok(t.url, ASSESSMENT, { id }, tokens()[who])).assessment.id).toBe(id);
        }
        const ids = (await ok(t.url, PERIOD_ASSESSMENTS, { id: w.periodId }, tokens()[who])).period.assessments.map((a: any) => a.id);
        expect(ids.sort()).toEqual([w.assessmentA, w.assessmentB].sort());
      }
    });

    it('should not saveSelfScore or submit (FORBIDDEN), changing nothing', async () => {
      const before = [await assessment(w.assessmentA), await assessment(w.assessmentB)];
      for (const who of ['viewer', 'admin', 'appraiser'] as Who[]) {
        for (const id of [w.assessmentA, w.assessmentB]) {
          const r = await gql(t.url, SAVE, { i: { assessmentId: id, criterionId: w.criteria['1.1'], value: { points: 1 }, expectedVersion: 0 } }, tokens()[who]);
          expect([who, r.errors?.[0].extensions?.code]).toEqual([who, 'FORBIDDEN']);
          expect([who, await errorCode(t.url, SUBMIT, { id }, tokens()[who])]).toEqual([who, 'FORBIDDEN']);
        }
      }
      expect([await assessment(w.assessmentA), await assessment(w.assessmentB)]).toEqual(before);
    });
  });

  describe('APPRAISER', () => {
    it('should not read an assessment that is not submitted, and not see it in the period', async () => {
      for (const id of [w.assessmentA, w.assessmentB]) expect(await errorCode(t.url, ASSESSMENT, { id }, w.tokens.appraiser)).toBe('FORBIDDEN');
      expect((await ok(t.url, PERIOD_ASSESSMENTS, { id: w.periodId }, w.tokens.appraiser)).period.assessments).toEqual([]);
    });

    it('should read an assessment once it is submitted', async () => {
      const values: Record<string, Record<string, unknown>> = {
        '1.1': { points: 2 }, '1.2': { met: true }, '1.3': { tier: 'Full' }, '1.4': { numerator: 1, denominator: 1 }, '1.5': { points: 0 },
        '2.1': { numerator: 1, denominator: 1 }, '2.2.1': { points: 4.5 }, '2.2.2': { figure: 3 }, '2.3': { points: 2 }, '2.4': { points: 1 },
      };
      for (const [code, value] of Object.entries(values)) {
        const r = await save(t, w, w.tokens.staffB, code, value, { assessmentId: w.assessmentB });
        expect([code, r.errors]).toEqual([code, undefined]);
      }
      expect((await ok(t.url, SUBMIT, { id: w.assessmentB }, w.tokens.leaderB)).submitAssessment.status).toBe('SUBMITTED');

      const b = (await ok(t.url, ASSESSMENT, { id: w.assessmentB }, w.tokens.appraiser)).assessment;
      expect(b).toMatchObject({ id: w.assessmentB, status: 'SUBMITTED' });
      expect(b.entries).toHaveLength(Object.keys(values).length);
      expect((await ok(t.url, PERIOD_ASSESSMENTS, { id: w.periodId }, w.tokens.appraiser)).period.assessments.map((a: any) => a.id)).toEqual([w.assessmentB]);
      // A is still in progress, so still closed to the appraiser
      expect(await errorCode(t.url, ASSESSMENT, { id: w.assessmentA }, w.tokens.appraiser)).toBe('FORBIDDEN');
      // and B stays closed to the other unit
      expect(await errorCode(t.url, ASSESSMENT, { id: w.assessmentB }, w.tokens.leaderA)).toBe('FORBIDDEN');
    });
  });

  describe('without a token', () => {
    it('should answer me with null and let login through', async () => {
      const r = await gql(t.url, ME);
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({ me: null });
      const login = (await ok(t.url, LOGIN, { e: 'leader.a@test', p: PASSWORD })).login;
      expect(login.user.email).toBe('leader.a@test');
      expect((await ok(t.url, ME, {}, login.token)).me).toMatchObject({ email: 'leader.a@test', role: 'LEADER' });
    });

    it('should refuse every other query and mutation with UNAUTHENTICATED', async () => {
      const schema = await createSchema();
      const calls = [
        ...Object.values(schema.getQueryType()!.getFields()).map((f) => ({ kind: 'query' as const, f })),
        ...Object.values(schema.getMutationType()!.getFields()).map((f) => ({ kind: 'mutation' as const, f })),
      ].filter(({ f }) => f.name !== 'me' && f.name !== 'login' && f.name !== 'completePasswordReset' && !f.name.startsWith('public')); // the holder of a reset code is not signed in (passwords.test.ts); published results are everyone's (public-results.test.ts)
      expect(calls.map((c) => c.f.name)).toEqual(expect.arrayContaining(['units', 'frameworks', 'framework', 'periods', 'period', 'assessment', 'users', 'importFramework', 'createPeriod', 'saveSelfScore']));
      for (const { kind, f } of calls) {
        const { query, variables } = operationFor(kind, f);
        const r = await gql(t.url, query, variables);
        expect([f.name, r.errors?.[0]?.extensions?.code]).toEqual([f.name, 'UNAUTHENTICATED']);
        expect([f.name, r.data?.[f.name] ?? null]).toEqual([f.name, null]);
      }
      // nothing was created on the way
      expect((await ok(t.url, `{units{id}}`, {}, w.tokens.admin)).units).toHaveLength(3);
    });
  });

  describe('a bad token', () => {
    it('should be UNAUTHENTICATED when garbage, forged, expired or unsigned, even for me', async () => {
      const secret = t.config.tokenSecret;
      const sub = userIds['leader.a@test'];
      const now = Math.floor(Date.now() / 1000);
      const bad: Record<string, string> = {
        garbage: 'garbage',
        'three dots': 'a.b.c',
        'another secret': jwt.sign({}, 'another-secret-another-secret-0123456789', { algorithm: 'HS256', subject: sub, expiresIn: 3600 }),
        expired: jwt.sign({ sub, iat: now - 7200, exp: now - 60 }, secret, { algorithm: 'HS256' }),
        'alg none': jwt.sign({ sub }, null as unknown as string, { algorithm: 'none' }),
        'tampered subject': (() => {
          const [h, , s] = (jwt.sign({}, secret, { algorithm: 'HS256', subject: userIds['staff.a@test'], expiresIn: 3600 }) as string).split('.');
          return [h, Buffer.from(JSON.stringify({ sub: userIds['admin@test'], exp: now + 3600 })).toString('base64url'), s].join('.');
        })(),
        'no such user': jwt.sign({}, secret, { algorithm: 'HS256', subject: NO_SUCH_ID, expiresIn: 3600 }),
      };
      for (const [what, token] of Object.entries(bad)) {
        for (const query of [ME, `{units{id}}`]) {
          const r = await gql(t.url, query, {}, token);
          expect([what, r.status, r.errors?.[0]?.extensions?.code, r.data ?? null]).toEqual([what, 401, 'UNAUTHENTICATED', null]);
        }
      }
      // not a Bearer header at all
      const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, body: JSON.stringify({ query: ME }) });
      expect(((await res.json()) as any).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // the genuine article still works
      expect((await ok(t.url, ME, {}, jwt.sign({}, secret, { algorithm: 'HS256', subject: sub, expiresIn: 60 }))).me.id).toBe(sub);
    });

    it("should stop a disabled user's old token at once, and refuse their login", async () => {
      const id = userIds['staff2.a@test'];
      const token = w.tokens.staffA2;
      expect((await ok(t.url, ME, {}, token)).me.id).toBe(id);
      const version23 = (await assessment(w.assessmentA)).entries.find((e: any) => e.criterion.code === '2.3').version;
      try {
        const disabled = (await ok(t.url, `mutation($id:ID!){setUserActive(id:$id,active:false){id active}}`, { id }, w.tokens.admin)).setUserActive;
        expect(disabled).toEqual({ id, active: false });
        const me = await gql(t.url, ME, {}, token);
        expect([me.status, me.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
        expect(await errorCode(t.url, ASSESSMENT, { id: w.assessmentA }, token)).toBe('UNAUTHENTICATED');
        const r = await gql(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria['2.3'], value: { points: 1 }, expectedVersion: version23 } }, token);
        expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        expect(await errorCode(t.url, LOGIN, { e: 'staff2.a@test', p: PASSWORD })).toBe('UNAUTHENTICATED');
        expect((await assessment(w.assessmentA)).entries.find((e: any) => e.criterion.code === '2.3').version).toBe(version23);
      } finally {
        await ok(t.url, `mutation($id:ID!){setUserActive(id:$id,active:true){id}}`, { id }, w.tokens.admin);
      }
      const again = (await ok(t.url, LOGIN, { e: 'staff2.a@test', p: PASSWORD })).login;
      expect(again.user.id).toBe(id);
      w.tokens.staffA2 = again.token;
    });
  });

  describe('administration', () => {
    const nonAdmins = (): [string, string][] => Object.entries(w.tokens).filter(([who]) => who !== 'admin');

    it('should refuse createUnit, createUser, createPeriod, setPeriodPhase and setUserActive to every other role with FORBIDDEN', async () => {
      const count = async () => {
        const a = w.tokens.admin;
        return {
          units: (await ok(t.url, `{units{id}}`, {}, a)).units.length,
          users: (await ok(t.url, USERS, {}, a)).users.map((u: any) => `${u.email}:${u.active}`).sort(),
          periods: (await ok(t.url, `{periods{id phase}}`, {}, a)).periods,
        };
      };
      const before = await count();
      const calls: [string, string, Record<string, unknown>][] = [
        ['createUnit', `mutation($i:CreateUnitInput!){createUnit(input:$i){id}}`, { i: { code: 'X1', name: 'X', kind: 'DISTRICT' } }],
        ['createUser', `mutation($i:CreateUserInput!){createUser(input:$i){id}}`, { i: { email: 'x@test', name: 'X', role: 'ADMIN', password: PASSWORD } }],
        ['createPeriod', `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id}}`, { i: { name: 'X', frameworkId: w.frameworkId, year: 2025, unitIds: [w.units.A] } }],
        ['setPeriodPhase', `mutation($id:ID!){setPeriodPhase(id:$id,phase:APPRAISAL){id}}`, { id: w.periodId }],
        ['setUserActive', `mutation($id:ID!){setUserActive(id:$id,active:false){id}}`, { id: userIds['admin@test'] }],
      ];
      for (const [who, token] of nonAdmins()) {
        for (const [name, query, variables] of calls) {
          expect([who, name, await errorCode(t.url, query, variables, token)]).toEqual([who, name, 'FORBIDDEN']);
        }
      }
      expect(await count()).toEqual(before);
    });

    it('should let ADMIN do them', async () => {
      const unit = (await ok(t.url, `mutation($i:CreateUnitInput!){createUnit(input:$i){id kind}}`, { i: { code: 'D9', name: 'Huyện mới', kind: 'DISTRICT' } }, w.tokens.admin)).createUnit;
      expect(unit.kind).toBe('DISTRICT');
      const user = (await ok(t.url, `mutation($i:CreateUserInput!){createUser(input:$i){id role unit{id}}}`, { i: { email: 'staff.d9@test', name: 'Staff D9', role: 'STAFF', unitId: unit.id, password: PASSWORD } }, w.tokens.admin)).createUser;
      expect(user).toMatchObject({ role: 'STAFF', unit: { id: unit.id } });
    });
  });

  describe('secrets and lists', () => {
    it('should not have passwordHash in the schema (GRAPHQL_VALIDATION_FAILED)', async () => {
      for (const query of [`{me{id passwordHash}}`, `{users{email passwordHash}}`]) {
        const r = await gql(t.url, query, {}, w.tokens.admin);
        expect([query, r.status, r.errors?.[0]?.extensions?.code]).toEqual([query, 400, 'GRAPHQL_VALIDATION_FAILED']);
      }
      const r = await gql(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){user{passwordHash}}}`, { e: 'admin@test', p: PASSWORD });
      expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      // and no hash leaks through any field
      const all = await gql(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token expiresAt user{id email name role active unit{id} createdAt updatedAt}}}`, { e: 'admin@test', p: PASSWORD });
      expect(JSON.stringify(all)).not.toMatch(/argon2/);
      expect(JSON.stringify(await gql(t.url, `{users{id email name role active}}`, {}, w.tokens.admin))).not.toMatch(/argon2/);
    });

    it('should refuse a wrong password or an unknown e-mail with UNAUTHENTICATED, saying the same thing', async () => {
      const wrong = await gql(t.url, LOGIN, { e: 'leader.a@test', p: 'wrong-password' });
      const unknown = await gql(t.url, LOGIN, { e: 'nobody@test', p: PASSWORD });
      expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
      expect(wrong.data ?? null).toBeNull();
    });

    it("should list for a LEADER only the own unit's people, for STAFF only themselves, for ADMIN everyone", async () => {
      const emails = async (who: Who) => (await ok(t.url, USERS, {}, tokens()[who])).users.map((u: any) => u.email).sort();
      expect(await emails('leaderA')).toEqual(['leader.a@test', 'staff.a@test', 'staff2.a@test']);
      expect(await emails('leaderB')).toEqual(['leader.b@test', 'staff.b@test']);
      expect(await emails('staffA')).toEqual(['staff.a@test']);
      expect(await emails('viewer')).toEqual(['viewer@test']);
      expect(await emails('admin')).toEqual(expect.arrayContaining(['admin@test', 'appraiser@test', 'leader.a@test', 'leader.b@test', 'staff.a@test', 'staff.b@test', 'staff2.a@test', 'viewer@test']));
    });
  });

  describe('invalid ids', () => {
    const BAD_IDS = ['abc', '1 or 1=1', "1' OR '1'='1", '', NO_SUCH_ID];

    it('should be NOT_FOUND, never a server error', async () => {
      const leaf = w.criteria['1.1'];
      const version11 = (await assessment(w.assessmentA)).entries.find((e: any) => e.criterion.code === '1.1').version;
      const calls: [string, (id: string) => [string, Record<string, unknown>], string][] = [
        ['assessment', (id) => [`query($id:ID!){assessment(id:$id){id}}`, { id }], 'admin'],
        ['period', (id) => [`query($id:ID!){period(id:$id){id}}`, { id }], 'admin'],
        ['framework', (id) => [`query($id:ID!){framework(id:$id){id}}`, { id }], 'admin'],
        ['saveSelfScore.assessmentId', (id) => [SAVE, { i: { assessmentId: id, criterionId: leaf, value: { points: 1 }, expectedVersion: 0 } }], 'leaderA'],
        ['saveSelfScore.criterionId', (id) => [SAVE, { i: { assessmentId: w.assessmentA, criterionId: id, value: { points: 1 }, expectedVersion: 0 } }], 'leaderA'],
        ['submitAssessment', (id) => [SUBMIT, { id }], 'leaderA'],
        ['setPeriodPhase', (id) => [`mutation($id:ID!){setPeriodPhase(id:$id,phase:SELF_ASSESSMENT){id}}`, { id }], 'admin'],
        ['publishFramework', (id) => [`mutation($id:ID!){publishFramework(id:$id){id}}`, { id }], 'admin'],
      ];
      for (const [name, call, who] of calls) {
        for (const id of BAD_IDS) {
          const [query, variables] = call(id);
          const r = await gql(t.url, query, variables, tokens()[who as Who]);
          expect([name, id, r.status, r.errors?.[0]?.extensions?.code]).toEqual([name, id, 200, 'NOT_FOUND']);
        }
      }
      expect((await assessment(w.assessmentA)).entries.find((e: any) => e.criterion.code === '1.1').version).toBe(version11);
    });

    it('should not leave the server broken afterwards', async () => {
      expect((await ok(t.url, `{periods{id}}`, {}, w.tokens.admin)).periods.length).toBeGreaterThan(0);
    });
  });
});
