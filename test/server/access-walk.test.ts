import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { loadConfig } from '../../server/src/config';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { connect, eventually, type LiveClient, type Subscription } from '../helpers/socket';
import { buildWorld, PASSWORD, save, type World } from '../helpers/world';

/**
 * Access follows the person and the object, not the path: the schema is introspected and walked
 * from every root field (queries over HTTP; queries and subscriptions over the socket) with every
 * selection it allows (each object type once per path), as every role, with the ids of the own
 * and of the other unit as arguments. A unit's people — and people who were moved out of it or
 * given another role — never see an id of another unit's assessment, entries, evidence, progress
 * rows or history. A field added to the schema is walked too.
 */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

function selection(schema: GraphQLSchema, type: GraphQLObjectType, onPath: Set<string>, depth: number): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue; // nested fields with required arguments: none today
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && !onPath.has(named.name) && depth < 9) {
      const sub = selection(schema, named, new Set([...onPath, named.name]), depth + 1);
      if (sub) parts.push(`${field.name} { ${sub} }`);
    }
  }
  return parts.join(' ');
}

/** Every combination of values for a root field's required arguments. */
function argumentSets(args: readonly GraphQLArgument[], ids: string[]): Record<string, unknown>[] {
  let sets: Record<string, unknown>[] = [{}];
  for (const a of args.filter((x) => isNonNullType(x.type))) {
    const named = getNamedType(a.type) as GraphQLNamedType;
    const values: unknown[] =
      named.name === 'ID' ? ids : isEnumType(named) ? named.getValues().map((v) => v.value) : named.name === 'String' ? ['walk-session-1'] : named.name === 'Int' ? [1] : [];
    sets = sets.flatMap((s) => values.map((v) => ({ ...s, [a.name]: v })));
  }
  return sets;
}

function operations(schema: GraphQLSchema, root: GraphQLObjectType, kind: 'query' | 'subscription', ids: string[]) {
  const out: { query: string; variables: Record<string, unknown>; field: string }[] = [];
  for (const field of Object.values(root.getFields()) as GraphQLField<unknown, unknown>[]) {
    const named = getNamedType(field.type);
    const sub = isObjectType(named) ? selection(schema, named, new Set([named.name]), 1) : '';
    const required = field.args.filter((a) => isNonNullType(a.type));
    const decl = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const call = required.map((a) => `${a.name}: $${a.name}`).join(', ');
    const query = `${kind} Walk${decl ? `(${decl})` : ''} { ${field.name}${call ? `(${call})` : ''}${sub ? ` { ${sub} }` : ''} }`;
    for (const variables of argumentSets(field.args, ids)) out.push({ query, variables, field: field.name });
  }
  return out;
}

describe('access follows the person, wherever an object is reached from', () => {
  let t: TestApp;
  let w: World;
  let schema: GraphQLSchema;
  const tokens: Record<string, string> = {};
  /** ids of unit B's assessment and everything in it */
  let foreign: Set<string>;
  /** ids of unit A's assessment and its entries */
  let own: Set<string>;
  let pool: string[];

  beforeAll(async () => {
    const limits = loadConfig({ NODE_ENV: 'test' }).limits;
    // the walk asks for everything at once: the operation limits are not what is tested here
    t = await startTestApp({ limits: { ...limits, maxDepth: 100, maxAliases: 1000, maxCost: 1_000_000_000, maxTokens: 1_000_000, maxSubscriptionsPerSocket: 100 } });
    w = await buildWorld(t);
    Object.assign(tokens, w.tokens);
    const admin = w.tokens.admin;

    // unit B at work: a save with its history, evidence, a second staff member with assignments
    const b = { assessmentId: w.assessmentB };
    expect((await save(t, w, w.tokens.staffB, '1.1', { points: 1.5 }, b)).errors).toBeUndefined();
    // a thread on B's entry, with a comment edited once (threads are B's data too)
    const comment = (await ok(t.url, `mutation($i:PostCommentInput!){postComment(input:$i){id}}`, { i: { ...b, criterionId: w.criteria['1.1'], kind: 'QUESTION', body: 'Cần bổ sung?' } }, w.tokens.staffB)).postComment;
    await ok(t.url, `mutation($id:ID!){editComment(commentId:$id,body:"Cần bổ sung gì?"){id}}`, { id: comment.id }, w.tokens.staffB);
    await ok(t.url, `mutation($i:AttachEvidenceLinkInput!){attachEvidenceLink(input:$i){id}}`, { i: { ...b, criterionId: w.criteria['1.2'], url: 'https://b.example/proof' } }, w.tokens.staffB);
    const staffB2 = (await ok(t.url, `mutation($i:CreateUserInput!){createUser(input:$i){id}}`, { i: { email: 'staff2.b@test', name: 'B2', role: 'STAFF', unitId: w.units.B, password: PASSWORD } }, admin)).createUser.id;
    await ok(t.url, `mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){id}}`, { i: { ...b, criterionIds: [w.criteria['2']], assigneeId: staffB2 } }, w.tokens.leaderB);
    tokens.roleChanged = (await ok(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e: 'staff2.b@test', p: PASSWORD })).login.token;
    tokens.integrator = (await ok(t.url, `mutation{issueApiToken(name:"walker",scope:READ){secret}}`, {}, admin)).issueApiToken.secret;

    // the moves: staffB to unit A (same token), staffB2 becomes an APPRAISER
    await ok(t.url, `mutation($id:ID!,$i:UpdateUserInput!){updateUser(id:$id,input:$i){id}}`, { id: w.userIds.staffB, i: { unitId: w.units.A } }, admin);
    await ok(t.url, `mutation($id:ID!,$i:UpdateUserInput!){updateUser(id:$id,input:$i){id}}`, { id: staffB2, i: { role: 'APPRAISER', unitId: null } }, admin);
    tokens.moved = w.tokens.staffB;
    // and a change in B after the move
    expect((await save(t, w, w.tokens.leaderB, '1.3', { tier: 'Full' }, b)).errors).toBeUndefined();

    const seen = async (id: string) =>
      (await ok(t.url, `query($id:ID!){assessment(id:$id){id entries{id history{id} evidence{id} discussion{id comments{id}}} progress{id} evidence{id}}}`, { id }, admin)).assessment;
    const ids = (a: any) => [a.id, ...a.entries.flatMap((e: any) => [e.id, ...e.history.map((h: any) => h.id), ...e.evidence.map((x: any) => x.id), ...(e.discussion ? [e.discussion.id, ...e.discussion.comments.map((c: any) => c.id)] : [])]), ...a.progress.map((p: any) => p.id)];
    foreign = new Set(ids(await seen(w.assessmentB)));
    own = new Set(ids(await seen(w.assessmentA)));
    const bEntries = (await seen(w.assessmentB)).entries;
    pool = [w.assessmentA, w.assessmentB, w.periodId, w.frameworkId, w.criteria['1.2'], bEntries[1].id, bEntries[1].evidence[0].id, UNKNOWN];

    const intro = (await ok(t.url, getIntrospectionQuery(), {}, admin)) as IntrospectionQuery;
    schema = buildClientSchema(intro);
  }, 120_000);

  afterAll(() => t?.close());

  const found = (text: string, ids: Set<string>) => [...ids].filter((id) => text.includes(id));

  async function walkHttp(token: string): Promise<string> {
    let all = '';
    for (const op of operations(schema, schema.getQueryType()!, 'query', pool)) {
      const r = await gql(t.url, op.query, op.variables, token);
      for (const e of r.errors ?? []) expect([op.field, e.extensions?.code]).not.toEqual([op.field, 'INTERNAL_SERVER_ERROR']);
      all += JSON.stringify(r.data ?? null) + '\n';
    }
    return all;
  }

  const HIDDEN = ['leaderA', 'staffA', 'staffA2', 'moved', 'roleChanged', 'appraiser'];
  const SEES_ALL = ['admin', 'viewer', 'integrator'];

  it('should walk every root query field (the walk reaches the other unit’s data where a role may see it)', async () => {
    for (const who of [...SEES_ALL, 'leaderB']) {
      const text = await walkHttp(tokens[who]);
      expect([who, found(text, foreign).length]).toEqual([who, foreign.size]);
    }
  });

  it('should show a unit’s people their own unit’s data', async () => {
    const text = await walkHttp(tokens.leaderA);
    expect(found(text, own).length).toBe(own.size);
  });

  it('should never show another unit’s data to its people, to people moved out of it, or to those given another role', async () => {
    for (const who of HIDDEN) {
      const text = await walkHttp(tokens[who]);
      expect([who, found(text, foreign)]).toEqual([who, []]);
    }
  });

  it('should hold over the socket too: queries and subscriptions from every root field', async () => {
    const clients: LiveClient[] = [];
    const subs: Record<string, Subscription<any>[]> = {};
    try {
      for (const who of [...HIDDEN, 'admin']) {
        const c = connect(t.url, tokens[who]);
        clients.push(c);
        subs[who] = operations(schema, schema.getSubscriptionType()!, 'subscription', pool).map((op) => c.subscribe(op.query, op.variables));
        // queries over the socket: as the people whose access changed (HTTP walks every role)
        for (const op of ['moved', 'roleChanged'].includes(who) ? operations(schema, schema.getQueryType()!, 'query', pool) : []) {
          const r = await c.client.iterate({ query: op.query, variables: op.variables }).next();
          expect([who, op.field, found(JSON.stringify(r.value?.data ?? null), foreign)]).toEqual([who, op.field, []]);
        }
      }
      // a save and a presence in B while everyone listens: the ADMIN gets them
      await ok(t.url, `mutation($a:ID!){updatePresence(assessmentId:$a,sessionId:"walker-b-1",criterionId:null)}`, { a: w.assessmentB }, w.tokens.leaderB);
      // saves in B until the ADMIN's streams (subscribed last) are in place and get one
      const adminGot = () => subs.admin.some((s) => s.events.some((e) => e.assessmentEvents?.assessmentId === w.assessmentB));
      let points = 0;
      await eventually(async () => {
        expect((await save(t, w, w.tokens.leaderB, '1.1', { points: (points = (points + 0.25) % 2) }, { assessmentId: w.assessmentB })).errors).toBeUndefined();
        await new Promise((r) => setTimeout(r, 100));
        return adminGot();
      }, 30_000, 'the ADMIN’s stream of B to deliver');
      for (const who of HIDDEN) {
        const text = JSON.stringify(subs[who].map((s) => s.events));
        expect([who, found(text, foreign)]).toEqual([who, []]);
      }
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it('should end a moved person’s assignments in the old unit, with the change in the entries’ history', async () => {
    expect((await ok(t.url, `{ myAssignments { id } }`, {}, tokens.moved)).myAssignments).toEqual([]);
    expect((await ok(t.url, `{ myAssignments { id } }`, {}, tokens.roleChanged)).myAssignments).toEqual([]);
    const b = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{assignee{id} history{new}}}}`, { id: w.assessmentB }, w.tokens.admin)).assessment;
    expect(b.entries.every((e: any) => e.assignee === null)).toBe(true);
    expect(b.entries.every((e: any) => e.history.some((h: any) => h.new.assigneeId === null && h.new.reason === 'moved'))).toBe(true);
  });
});
