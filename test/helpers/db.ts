import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate, openOrm } from '../../server/src/orm';

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

/**
 * `migrated`: on PostgreSQL, the new database is a copy of a template that holds every migration
 * (CREATE DATABASE … TEMPLATE), made once for the current migrations and kept on the server for
 * later runs: migrating each test file's database took 0.4–1 s of its start. The caller still
 * migrates, which then finds nothing to do. SQLite migrates in a tenth of that and has no
 * templates: the file starts empty either way.
 */
export async function createTestDb(base = process.env.TEST_DATABASE_URL, opts: { migrated?: boolean } = {}): Promise<TestDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chamdiem-test-'));
  if (!base) {
    return { databaseUrl: null, sqlitePath: join(dataDir, 'test.sqlite'), dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `chamdiem_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    if (opts.migrated) await fromTemplate(admin, base, name);
    else await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    databaseUrl: withDatabase(base, name),
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

function withDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Held while a template is made or copied: jest's workers, and concurrent runs, take turns. */
const TEMPLATE_LOCK = 47_112_026;

/** The migrations' files (and the SQL they read), hashed: a template is named by the migrations it holds. */
function migrationsHash(): string {
  const dir = join(__dirname, '../../server/src/migrations');
  const hash = createHash('sha256');
  for (const file of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    if (statSync(join(dir, file)).isFile()) hash.update(file).update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

async function fromTemplate(admin: Client, base: string, name: string): Promise<void> {
  const template = `chamdiem_tpl_${migrationsHash()}`;
  await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const { rows } = await admin.query<{ datname: string }>(`select "datname" from "pg_database" where "datname" like 'chamdiem\\_tpl\\_%'`);
    if (!rows.some((r) => r.datname === template)) {
      // the templates of other migrations, and one a stopped run left half made, go
      for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
      // made under another name and renamed once migrated: a template by its name is complete
      const building = `${template}_build`;
      await admin.query(`create database ${building}`);
      const orm = await openOrm({ databaseUrl: withDatabase(base, building), sqlitePath: '' });
      try {
        await migrate(orm);
      } finally {
        await orm.close(true);
      }
      await admin.query(`alter database ${building} rename to ${template}`);
    }
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
  }
}
