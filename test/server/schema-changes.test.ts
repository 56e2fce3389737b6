import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unlistedBreakingChanges } from '../../server/src/scripts/schema-changes';

const dir = join(__dirname, '..', '..', 'schema');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('breaking changes to the API', () => {
  it('should be none against the last released schema, unless schema/CHANGELOG.md lists them', () => {
    const unlisted = unlistedBreakingChanges(read('baseline.graphql'), read('schema.graphql'), read('CHANGELOG.md'));
    const hint =
      'schema/schema.graphql breaks what integrators use against schema/baseline.graphql (the last release). Keep the old field beside the new one (mark it @deprecated), or list each line below in schema/CHANGELOG.md under "Unreleased / Breaking" with what integrators must do.';
    if (unlisted.length) throw new Error(`${hint}\n${unlisted.map((c) => `  - ${c.type}: ${c.description}`).join('\n')}`);
    expect(unlisted).toEqual([]);
  });

  it('should catch a removed field and a new required argument, and accept them once listed', () => {
    const before = `type Query { periods: [String!]! ranking(periodId: ID!): [String!]! }`;
    const after = `type Query { ranking(periodId: ID!, unitKind: String!): [String!]! }`;
    const found = unlistedBreakingChanges(before, after, '');
    expect(found.map((c) => c.description)).toEqual(['Query.periods was removed.', 'A required arg unitKind on Query.ranking was added.']);
    expect(unlistedBreakingChanges(before, after, '- Query.periods was removed.\n- A required arg unitKind on Query.ranking was added.')).toEqual([]);
    // adding is never breaking
    expect(unlistedBreakingChanges(before, `type Query { periods: [String!]! ranking(periodId: ID!, first: Int): [String!]! more: Int }`, '')).toEqual([]);
  });
});
