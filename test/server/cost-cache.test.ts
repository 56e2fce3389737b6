import { parse, type GraphQLSchema } from 'graphql';
import { cachedOperationCost, operationCost, type ListSizes } from '../../server/src/common/cost';
import { createSchema } from '../../server/src/schema';

const sizes = (units: number): ListSizes => ({ units, criteria: 200, users: 100, periods: 10, frameworks: 10, apiTokens: 10 });

/** A page whose size is a variable, and a part shown or not by a variable. */
const DOC = `query Page($p: ID!, $n: Int!, $withEntries: Boolean!) {
  assessments(periodId: $p, first: $n) { edges { node { id status entries @include(if: $withEntries) { id selfScore } } } }
}`;

describe('the cost of an operation, remembered per document', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  it('should give the same cost as walking the operation, for every value of the variables the cost depends on, in any order', () => {
    const doc = parse(DOC);
    const s = sizes(20);
    const cases = [
      { p: 'a', n: 1, withEntries: false },
      { p: 'a', n: 100, withEntries: false },
      { p: 'a', n: 100, withEntries: true },
      { p: 'a', n: 1, withEntries: true },
    ];
    const walked = cases.map((v) => operationCost(schema, doc, 'Page', v, s));
    // four different costs: the cache must never answer one with another's
    expect(new Set(walked).size).toBe(4);
    for (let round = 0; round < 3; round++) {
      for (const [i, v] of cases.entries()) expect(cachedOperationCost(schema, doc, 'Page', v, s)).toBe(walked[i]);
    }
  });

  it('should count again once the list sizes were counted again', () => {
    const doc = parse('query { periods { id assessments { id } } }');
    const small = cachedOperationCost(schema, doc, undefined, {}, sizes(20));
    const large = cachedOperationCost(schema, doc, undefined, {}, sizes(11_000));
    expect(large).toBe(operationCost(schema, doc, undefined, {}, sizes(11_000)));
    expect(large!).toBeGreaterThan(small! * 100);
  });

  it('should not let another variable (a score, a note) change the cost or its lookup', () => {
    const doc = parse('query($p: ID!, $n: Int!) { assessments(periodId: $p, first: $n) { edges { node { id } } } }');
    const s = sizes(20);
    const a = cachedOperationCost(schema, doc, undefined, { p: 'x', n: 10 }, s);
    expect(cachedOperationCost(schema, doc, undefined, { p: 'y', n: 10 }, s)).toBe(a);
    expect(cachedOperationCost(schema, doc, undefined, { p: 'y', n: 20 }, s)).toBe(operationCost(schema, doc, undefined, { p: 'y', n: 20 }, s));
  });

  it('should tell the operations of one document apart by name', () => {
    const doc = parse('query A { periods { id } } query B { periods { id assessments { id entries { id } } } }');
    const s = sizes(20);
    const a = cachedOperationCost(schema, doc, 'A', {}, s);
    const b = cachedOperationCost(schema, doc, 'B', {}, s);
    expect(a).toBe(operationCost(schema, doc, 'A', {}, s));
    expect(b).toBe(operationCost(schema, doc, 'B', {}, s));
    expect(b!).toBeGreaterThan(a!);
  });
});
