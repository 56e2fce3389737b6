import { pendingSchemaSql } from '../../server/src/scripts/migration-sql';
import { startTestApp } from '../helpers/app';

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
});
