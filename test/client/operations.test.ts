/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, print, validate, type DocumentNode } from 'graphql';
import * as generated from '../../client/src/gql/graphql';
import { parseOptions, validationRules } from '../../server/src/common/limits';
import { loadConfig } from '../../server/src/config';

/** Every operation the web client sends, as GraphQL Code Generator compiled it. */
const operations = Object.entries(generated)
  .filter(([name, value]) => name.endsWith('Document') && (value as DocumentNode)?.definitions?.some((d) => d.kind === 'OperationDefinition'))
  .map(([name, value]) => [name.replace(/Document$/, ''), value as DocumentNode] as const);

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
});
