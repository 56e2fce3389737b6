import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { createSchema } from '../../server/src/schema';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildWorld, type World } from '../helpers/world';

/**
 * Thousands of malformed and hostile operations, built from the schema itself: wrong types,
 * huge and deeply nested values, strings of every Unicode class, out-of-range numbers, unknown
 * and other units' ids, forged tokens. No answer may be a 5xx or a crash, every error must carry
 * a code, and the database must be exactly as before.
 */
const COUNT = Number(process.env.HOSTILE_COUNT ?? 2000);

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\u202e‮evil', '🙂🙃'.repeat(50), 'Điểm tự chấm', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\ud800', 'a'.repeat(10_000),
  "' OR 1=1 --", '"; drop table unit; --', '<script>alert(1)</script>', '${jndi:ldap://x}', '../../etc/passwd',
  'NaN', 'Infinity', '-0', '1e308', '0x10', 'null', 'undefined', '{"$ne":null}', '\r\n\t', 'ﷺ', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
];
const HOSTILE_NUMBERS = [-1, -0.01, 1e308, -1e308, 2 ** 53 + 1, 0.001, 1.005, 123456789.123, -2147483649, 2147483648, 0.1 + 0.2];

describe('hostile input', () => {
  let t: TestApp;
  let w: World;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    t = await startTestApp({ workers: false }); // no scheduler pass between the two snapshots of the whole database
    w = await buildWorld(t);
    schema = await createSchema();
  });
  afterAll(() => t?.close());

  /** Every table's rows, as one comparable string. */
  async function snapshot(): Promise<string> {
    const conn = t.orm.em.fork().getConnection();
    const out: string[] = [];
    for (const meta of Object.values(t.orm.getMetadata().getAll())) {
      if (meta.abstract || meta.embeddable) continue;
      const q = (name: string) => (t.config.databaseUrl ? `"${name}"` : `\`${name}\``);
      const rows = await conn.execute(`select * from ${q(meta.tableName)} order by ${meta.primaryKeys.map(q).join(', ')}`);
      out.push(meta.tableName + ':' + JSON.stringify(rows));
    }
    return out.join('\n');
  }

  it(`should answer ${COUNT} hostile operations with coded errors, no 5xx, and change nothing`, async () => {
    const rand = prng(20261122);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const forged = [undefined, 'garbage', `${w.tokens.admin}x`, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'cdk_' + 'a'.repeat(40)];
    const unknownIds = ['00000000-0000-4000-8000-000000000000', 'abc', "1' or '1'='1", '', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
    // Queries: any caller, any id. Mutations must never be a legitimate change: the admin only
    // gets unknown ids; unit A's people get unit B's ids (another unit's), criteria and unknown ids.
    const plans = {
      query: { tokens: [...Object.values(w.tokens), ...forged], ids: [...Object.values(w.criteria), w.assessmentA, w.assessmentB, w.periodId, w.frameworkId, ...Object.values(w.units), ...Object.values(w.userIds), ...unknownIds] },
      admin: { tokens: [w.tokens.admin], ids: unknownIds },
      unitA: { tokens: [w.tokens.leaderA, w.tokens.staffA, w.tokens.staffA2, w.tokens.appraiser, w.tokens.viewer, ...forged], ids: [...Object.values(w.criteria), w.assessmentB, w.units.B, w.userIds.staffB, ...unknownIds] },
    };
    let ids: string[] = plans.query.ids;
    /** the admin's mutations always name something that does not exist */
    let forceIds = false;
    const hasId = (type: GraphQLInputType, seen = new Set<string>()): boolean => {
      const named = getNamedType(type);
      if (named.name === 'ID') return true;
      if (!isInputObjectType(named) || seen.has(named.name)) return false;
      seen.add(named.name);
      return Object.values(named.getFields()).some((f) => hasId(f.type, seen));
    };

    const hostileValue = (depth = 0): unknown => {
      const r = rand();
      if (r < 0.25) return pick(HOSTILE_STRINGS);
      if (r < 0.45) return pick(HOSTILE_NUMBERS);
      if (r < 0.55) return rand() < 0.5;
      if (r < 0.65) return null;
      if (r < 0.8 && depth < 6) return Array.from({ length: Math.floor(rand() * 4) }, () => hostileValue(depth + 1));
      if (depth < 6) return { [pick(['points', 'tier', '__proto__', 'constructor', 'x'])]: hostileValue(depth + 1) };
      return pick(HOSTILE_STRINGS);
    };

    /** A value for a type: usually the right shape with hostile content, sometimes the wrong shape. */
    const valueFor = (type: GraphQLInputType, depth = 0): unknown => {
      if (rand() < 0.08) return hostileValue(depth);
      const inner = getNullableType(type) as GraphQLInputType;
      const isId = isScalarType(inner) && inner.name === 'ID';
      if (!isNonNullType(type) && rand() < 0.1 && !(isId && forceIds)) return null;
      if (isListType(inner)) return Array.from({ length: Math.floor(rand() * 3) }, () => valueFor(inner.ofType, depth + 1));
      if (isEnumType(inner)) return rand() < 0.8 ? pick(inner.getValues()).value : pick(HOSTILE_STRINGS);
      if (isInputObjectType(inner)) {
        const o: Record<string, unknown> = {};
        for (const f of Object.values(inner.getFields())) {
          const id = getNamedType(f.type).name === 'ID';
          if (isNonNullType(f.type) || (id && forceIds) || rand() < 0.6) o[f.name] = valueFor(f.type, depth + 1);
        }
        return o;
      }
      if (isScalarType(inner)) {
        switch (inner.name) {
          case 'ID':
            // never a real target of a change: unknown, malformed, or an id of the wrong kind
            return rand() < 0.9 ? pick(ids) : pick(HOSTILE_STRINGS);
          case 'Int':
            // never 1: every entry of A is at version 1, so a save is always CONFLICT or worse
            return pick([0, -1, 2147483647, -2147483648, 1.5, 2 ** 40]);
          case 'Float':
            return pick(HOSTILE_NUMBERS);
          case 'Boolean':
            return rand() < 0.5;
          case 'String':
            return pick(HOSTILE_STRINGS);
          default:
            return hostileValue(depth);
        }
      }
      return hostileValue(depth);
    };

    const selection = (type: any, depth: number): string => {
      const named = getNamedType(type);
      if (!isObjectType(named)) return '';
      const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
      const chosen = fields.filter(() => rand() < 0.5).slice(0, 6);
      if (chosen.length === 0) chosen.push(fields.find((f) => isScalarType(getNamedType(f.type))) ?? fields[0]);
      const parts = chosen.map((f) => (isObjectType(getNamedType(f.type)) ? (depth < 3 ? `${f.name} { ${selection(f.type, depth + 1)} }` : '') : f.name)).filter(Boolean);
      return parts.length ? parts.join(' ') : '__typename';
    };

    const operation = (kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) => {
      const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) || (forceIds && hasId(a.type)) || rand() < 0.5);
      const decl = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const sel = isObjectType(getNamedType(field.type)) ? `{ ${selection(field.type, 0)} }` : '';
      const variables = Object.fromEntries(args.map((a) => [a.name, valueFor(a.type)]));
      return { query: `${kind}${decl ? `(${decl})` : ''} { ${field.name}${call ? `(${call})` : ''} ${sel} }`, variables };
    };

    const raw = (): string => pick([
      '{', 'NaN', '{"query": NaN}', '{"query": "{ me { id } }", "variables": Infinity}', '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]',
      '{"query": 12}', '{"query": "' + '{'.repeat(5000) + '"}', '{"query":"mutation { login(email: \\"a\\", password: \\"b\\") { token } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"x"}}}',
      JSON.stringify({ query: `query { ${'me { unit { parent { parent { parent { '.repeat(10)}id${' } } } }'.repeat(10)} }` }),
      JSON.stringify({ query: '{ me { id } }', variables: { deep: JSON.parse('['.repeat(3000) + ']'.repeat(3000)) } }),
    ]);

    const before = await snapshot();
    // a person's own notification settings take any well-formed value (an enum, all: true) and
    // rightly succeed: there is nothing hostile to send them beyond what GraphQL validation refuses
    const SELF_SERVICE = ['setNotificationPreference', 'markNotificationsRead'];
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((m) => !SELF_SERVICE.includes(m.name));
    const queries = Object.values(schema.getQueryType()!.getFields());
    const adminMutations = mutations.filter((m) => m.args.some((a) => hasId(a.type)));
    const problems: string[] = [];
    let succeededMutations = 0;

    for (let i = 0; i < COUNT; i += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, COUNT - i) }, async () => {
          const r = rand();
          const plan = r < 0.7 ? (rand() < 0.3 ? plans.admin : plans.unitA) : plans.query;
          const token = pick(plan.tokens);
          ids = plan.ids;
          forceIds = plan === plans.admin;
          let body: string;
          let isMutation = false;
          let name = 'raw';
          if (r < 0.06) body = raw();
          else {
            isMutation = r < 0.7;
            const field = pick(isMutation ? (forceIds ? adminMutations : mutations) : queries);
            name = field.name;
            const op = operation(isMutation ? 'mutation' : 'query', field);
            body = JSON.stringify(op);
          }
          const send = () =>
            fetch(`${t.url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
              body,
            });
          // a connection reset is not an answer: try once more, and count a second one
          const res = await send().catch(() => send());
          const text = await res.text();
          if (res.status >= 500) return problems.push(`${name}: HTTP ${res.status} ${text.slice(0, 200)}`);
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            if (res.status >= 400) return; // body-parser refusals (invalid JSON, too large) answer 4xx
            return problems.push(`${name}: not JSON (${res.status}) ${text.slice(0, 100)}`);
          }
          for (const e of json.errors ?? []) {
            const code = e.extensions?.code;
            if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR') problems.push(`${name}: ${code} ${e.message} ${body.slice(0, 300)}`);
          }
          if (isMutation && !json.errors && json.data && !['login', 'updatePresence', 'leavePresence'].includes(name)) {
            succeededMutations++;
            problems.push(`${name} succeeded: ${body.slice(0, 300)}`);
          }
        }),
      );
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(succeededMutations).toBe(0);
    // the server still answers, and nothing was written
    const health = await fetch(`${t.url}/health`);
    expect(health.status).toBe(200);
    expect(await snapshot()).toBe(before);
  }, 240_000);
});
