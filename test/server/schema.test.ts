import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchema, printSortedSchema } from '../../server/src/schema';

const SCHEMA_FILE = join(__dirname, '..', '..', 'schema', 'schema.graphql');

describe('the checked-in schema', () => {
  it('should equal the SDL the server builds', async () => {
    const emitted = printSortedSchema(await createSchema());
    const hint = `schema/schema.graphql does not match the code; run \`npm run schema\` and commit the result.`;
    if (!existsSync(SCHEMA_FILE)) throw new Error(`schema/schema.graphql is missing; run \`npm run schema\`.`);
    const checkedIn = readFileSync(SCHEMA_FILE, 'utf8');
    if (checkedIn !== emitted) {
      const a = checkedIn.split('\n');
      const b = emitted.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      throw new Error(`${hint}\nFirst difference at line ${line + 1}:\n  checked in: ${JSON.stringify(a[line])}\n  from code:  ${JSON.stringify(b[line])}`);
    }
    expect(checkedIn).toBe(emitted);
  });

  it('should keep the contract names of DESIGN.md', async () => {
    const schema = await createSchema();
    const queries = Object.keys(schema.getQueryType()!.getFields());
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    for (const q of ['me', 'units', 'frameworks', 'framework', 'periods', 'period', 'assessment']) expect(queries).toContain(q);
    for (const m of ['login', 'importFramework', 'publishFramework', 'createPeriod', 'setPeriodPhase', 'saveSelfScore', 'submitAssessment']) expect(mutations).toContain(m);
    expect(Object.keys((schema.getType('User') as any).getFields())).not.toContain('passwordHash');
  });
});
