/* Prints the create-schema SQL of the entities for one dialect: node dist/scripts/initial-sql.js sqlite|postgresql */
import { openOrm } from '../orm';

async function main() {
  const dialect = process.argv[2];
  const orm = await openOrm(
    dialect === 'postgresql' ? { databaseUrl: 'postgres://127.0.0.1:5432/test', sqlitePath: '' } : { databaseUrl: null, sqlitePath: ':memory:' },
    { connect: false },
  );
  process.stdout.write(await orm.getSchemaGenerator().getCreateSchemaSQL({ wrap: false }));
}
void main();
