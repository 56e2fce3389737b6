import { ApolloServer } from '@apollo/server';
import { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { compiledExecution } from '../../server/src/common/executor';

/**
 * Compiled execution (common/executor.ts) must answer as graphql-js would: the same data, errors
 * Apollo can format, graphql-js's words for refused variables.
 */
describe('compiled execution', () => {
  const row = new GraphQLObjectType({ name: 'Row', fields: { n: { type: GraphQLInt }, label: { type: GraphQLString } } });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        rows: {
          type: new GraphQLList(row),
          args: { count: { type: new GraphQLNonNull(GraphQLInt) } },
          resolve: (_root, { count }: { count: number }) => Array.from({ length: count }, (_, i) => ({ n: i, label: `row ${i}` })),
        },
        broken: {
          type: GraphQLString,
          resolve: () => {
            throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
          },
        },
      },
    }),
  });
  const codes: unknown[] = [];
  const apollo = new ApolloServer({
    gateway: compiledExecution(schema),
    formatError: (formatted, error) => {
      codes.push((error as { originalError?: { code?: string } }).originalError?.code);
      return formatted;
    },
  });
  beforeAll(() => apollo.start());
  afterAll(() => apollo.stop());
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const r = await apollo.executeOperation({ query, variables });
    if (r.body.kind !== 'single') throw new Error('expected a single result');
    return { http: r.http.status, ...r.body.singleResult };
  };

  it('should give the data graphql-js gives, for every row', async () => {
    const r = await run('query($c: Int!) { rows(count: $c) { n label } }', { c: 3 });
    expect(r).toEqual({ http: undefined, data: { rows: [{ n: 0, label: 'row 0' }, { n: 1, label: 'row 1' }, { n: 2, label: 'row 2' }] } });
  });

  it('should hand a resolver error without extensions to formatError with its cause, coded', async () => {
    codes.length = 0;
    const r = await run('{ broken }');
    expect(r.data).toEqual({ broken: null });
    expect(r.errors).toEqual([expect.objectContaining({ message: 'read ECONNRESET', path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    expect(codes).toEqual(['ECONNRESET']);
  });

  it('should refuse bad variables in graphql-js words, with 400 and BAD_USER_INPUT', async () => {
    const r = await run('query($c: Int!) { rows(count: $c) { n } }', { c: 'three' });
    expect(r.http).toBe(400);
    expect(r.errors).toEqual([expect.objectContaining({ message: 'Variable "$c" got invalid value "three"; Int cannot represent non-integer value: "three"', extensions: { code: 'BAD_USER_INPUT' } })]);
  });
});
