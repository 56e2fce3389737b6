/*
 * Prints the SQL that would bring a database migrated to the latest migration up to the
 * entities, for one dialect: node dist/scripts/migration-sql.js sqlite|postgresql [postgres://… scratch server]
 * Paste its output into a new migration; empty output means entities and migrations agree.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate, openOrm } from '../orm';

export async function pendingSchemaSql(dialect: 'sqlite' | 'postgresql', baseUrl = 'postgres://postgres@127.0.0.1:5432/test'): Promise<string> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chamdiem-diff-'));
    const orm = await openOrm({ databaseUrl: null, sqlitePath: join(dir, 'diff.sqlite') });
    try {
      await migrate(orm);
      return await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    } finally {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const name = `chamdiem_diff_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const orm = await openOrm({ databaseUrl: url.toString(), sqlitePath: '' });
  try {
    await migrate(orm);
    return await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
  } finally {
    await orm.close(true);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (require.main === module) {
  const [, , which, url] = process.argv;
  void pendingSchemaSql(which === 'postgresql' ? 'postgresql' : 'sqlite', url).then((sql) => process.stdout.write(sql));
}
