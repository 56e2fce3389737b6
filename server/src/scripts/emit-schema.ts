/* Writes schema/schema.graphql from the code: npm run schema */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchema, printSortedSchema } from '../schema';

export const SCHEMA_FILE = join(__dirname, '..', '..', '..', 'schema', 'schema.graphql');

void createSchema().then((schema) => {
  writeFileSync(SCHEMA_FILE, printSortedSchema(schema));
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
});
