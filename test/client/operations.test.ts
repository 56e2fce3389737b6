/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, parse, print, typeFromAST, validate, type DocumentNode, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import * as generated from '../../client/src/gql/graphql';
import { operationCost, type ListSizes } from '../../server/src/common/cost';
import { parseOptions, validationRules } from '../../server/src/common/limits';
import { loadConfig } from '../../server/src/config';

/** Every operation the web client sends, as GraphQL Code Generator compiled it. */
const operations = Object.entries(generated)
  .filter(([name, value]) => name.endsWith('Document') && (value as DocumentNode)?.definitions?.some((d) => d.kind === 'OperationDefinition'))
  .map(([name, value]) => [name.replace(/Document$/, ''), value as DocumentNode] as const);

/** A value of each variable's type, so that the cost can be computed (it counts `first`). */
function sample(t: GraphQLInputType): unknown {
  if (isNonNullType(t)) return sample(t.ofType);
  if (isListType(t)) return [sample(t.ofType)];
  if (isEnumType(t)) return t.getValues()[0].value;
  if (isInputObjectType(t)) return Object.fromEntries(Object.values(t.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type)]));
  if (isScalarType(t)) return ({ Int: 1, Float: 1, Boolean: true, JSONObject: {}, DateTimeISO: new Date().toISOString() } as Record<string, unknown>)[t.name] ?? 'x';
  return null;
}
const variablesOf = (schema: GraphQLSchema, doc: DocumentNode) => {
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return Object.fromEntries((op.variableDefinitions ?? []).map((v) => [v.variable.name.value, sample(typeFromAST(schema, v.type as never) as GraphQLInputType)]));
};

/** The sizes the server counts (units, the largest framework's criteria…) in the demo and the benchmarks. */
const SIZES: [string, ListSizes][] = [
  ['the demo province (the counts’ floor)', { units: 20, criteria: 200, users: 100, periods: 10, frameworks: 10, apiTokens: 10 }],
  ['the saves, fan-out and results benchmarks (200 units, 150 criteria)', { units: 200, criteria: 200, users: 500, periods: 10, frameworks: 10, apiTokens: 10 }],
];
/** The tree benchmark: one unit per size, a 10⁴-criterion framework. */
const TREE: ListSizes = { units: 20, criteria: 10_000, users: 100, periods: 10, frameworks: 10, apiTokens: 10 };

describe('the web client’s operations', () => {
  const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
  const config = loadConfig({ NODE_ENV: 'production' }, { tokenSecret: 'x'.repeat(40), dataDir: '/tmp' });

  it('should be many (the generated documents were found)', () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  it.each(operations)('should keep %s valid against the checked-in schema and within the server’s limits (depth, aliases, cost, tokens)', (_name, doc) => {
    const errors = validate(schema, doc, validationRules(config));
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(() => parse(print(doc), parseOptions(config))).not.toThrow();
  });

  it.each(operations)('should keep %s well under the cost budget at the demo and benchmark sizes', (_name, doc) => {
    const variables = variablesOf(schema, doc);
    for (const [, sizes] of SIZES) expect(operationCost(schema, doc, undefined, variables, sizes)).toBeLessThanOrEqual(config.limits.maxCost / 4);
    // a 10⁴-criterion tree read whole (the workspace, the framework) still passes
    expect(operationCost(schema, doc, undefined, variables, TREE)).toBeLessThanOrEqual(config.limits.maxCost);
  });

  it('should let the benchmark read a 10⁴-criterion progress tree in one query', () => {
    const progress = parse(`query Progress($id: ID!) { assessment(id: $id) { id progress { id criterionId selfTotal maxScore leaves leavesScored leavesWithEvidence leavesAppraised appraisedTotal } } }`);
    expect(operationCost(schema, progress, undefined, { id: 'x' }, TREE)).toBeLessThanOrEqual(config.limits.maxCost / 10);
  });
});
