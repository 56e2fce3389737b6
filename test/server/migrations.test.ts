import { migrate, openOrm } from '../../server/src/orm';
import { pendingSchemaSql } from '../../server/src/scripts/migration-sql';
import { startTestApp } from '../helpers/app';
import { createTestDb } from '../helpers/db';

const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('migrations', () => {
  it('should bring PostgreSQL exactly to the entities (no pending change after every migration)', async () => {
    const sql = await pendingSchemaSql('postgresql', PG);
    expect(sql.trim()).toBe('');
  });

  it('should create every column of every entity on the database under test', async () => {
    const t = await startTestApp();
    try {
      const conn = t.orm.em.fork().getConnection();
      const missing: string[] = [];
      for (const meta of Object.values(t.orm.getMetadata().getAll())) {
        if (meta.abstract || meta.embeddable) continue;
        const cols = t.config.databaseUrl
          ? (await conn.execute(`select column_name as name from information_schema.columns where table_name = ?`, [meta.tableName])).map((r: any) => r.name)
          : (await conn.execute(`pragma table_info(\`${meta.tableName}\`)`)).map((r: any) => r.name);
        for (const prop of Object.values(meta.properties)) {
          for (const f of prop.fieldNames ?? []) if (!cols.includes(f)) missing.push(`${meta.tableName}.${f}`);
        }
      }
      expect(missing).toEqual([]);
    } finally {
      await t.close();
    }
  });

  // A foreign key column without an index makes every read by it (an assignee's entries, an
  // entry's history, a unit's assessments) and every delete of the row it points at read the whole
  // table: at a national period's 1.3 M entries `myAssignments` took a parallel scan each.
  // SQLite makes the index with the key; PostgreSQL does not.
  it.each(['postgresql', 'sqlite'] as const)('should index every foreign key on %s (the key is the leading column of an index)', async (dialect) => {
    const db = await createTestDb(dialect === 'postgresql' ? PG : '');
    const orm = await openOrm({ databaseUrl: db.databaseUrl, sqlitePath: db.sqlitePath });
    try {
      await migrate(orm);
      const conn = orm.em.fork().getConnection();
      const keys: { table: string; column: string }[] =
        dialect === 'postgresql'
          ? await conn.execute(
              `select c.conrelid::regclass::text as "table", a.attname as "column" from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                where c.contype = 'f' and c.connamespace = 'public'::regnamespace
                  and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])`,
            )
          : (
              await Promise.all(
                (await conn.execute(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)).map(async ({ name }: { name: string }) => {
                  const fks: { from: string }[] = await conn.execute(`pragma foreign_key_list(\`${name}\`)`);
                  const leading = new Set<string>();
                  for (const ix of await conn.execute(`pragma index_list(\`${name}\`)`)) {
                    const cols: { seqno: number; name: string }[] = await conn.execute(`pragma index_info(\`${ix.name}\`)`);
                    const first = cols.find((c) => c.seqno === 0);
                    if (first) leading.add(first.name);
                  }
                  return fks.filter((f) => !leading.has(f.from)).map((f) => ({ table: name, column: f.from }));
                }),
              )
            ).flat();
      expect(keys.map((k) => `${k.table.replace(/"/g, '')}.${k.column}`).sort()).toEqual([]);
    } finally {
      await orm.close(true);
      await db.drop();
    }
  });
});

