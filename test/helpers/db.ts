import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * A fresh, empty database for one test file: a SQLite file in a temp folder by default, or a new
 * PostgreSQL database when TEST_DATABASE_URL is set (CI runs the suite both ways), or on the
 * PostgreSQL server given.
 */
export interface TestDb {
  databaseUrl: string | null;
  sqlitePath: string;
  dataDir: string;
  drop(): Promise<void>;
}

export async function createTestDb(base = process.env.TEST_DATABASE_URL): Promise<TestDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chamdiem-test-'));
  if (!base) {
    return { databaseUrl: null, sqlitePath: join(dataDir, 'test.sqlite'), dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `chamdiem_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    sqlitePath: '',
    dataDir,
    async drop() {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
