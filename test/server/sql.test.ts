import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeLiteral } from 'pg';
import { bool, ChangesMismatch, pgString, settleAfterBulkWrite, rows, sqlTime, transaction } from '../../server/src/common/sql';
import { loadConfig } from '../../server/src/config';
import { migrate, openOrm, type Orm } from '../../server/src/orm';
import { createTestDb, type TestDb } from '../helpers/db';

/**
 * The plain-SQL path of the hot operations (common/sql.ts), on the suite's database: values go
 * in and come out exactly, a transaction commits all or nothing, and SQLite connections keep
 * their settings when the pool renews them.
 */
describe('plain SQL on the driver', () => {
  let db: TestDb;
  let orm: Orm;

  beforeAll(async () => {
    db = await createTestDb();
    orm = await openOrm(loadConfig({ NODE_ENV: 'test' }, { dataDir: db.dataDir, databaseUrl: db.databaseUrl, sqlitePath: db.sqlitePath, tokenSecret: 'x'.repeat(40) }));
    await migrate(orm);
  });
  afterAll(async () => {
    await orm.close(true);
    await db.drop();
  });

  const insertUnit = (id: string, name: string) => {
    const now = sqlTime(orm.em, new Date());
    return {
      sql: 'insert into "unit" ("id", "created_at", "updated_at", "code", "name", "kind") values (?, ?, ?, ?, ?, ?)',
      params: [id, now, now, id.slice(0, 8), name, 'COMMUNE'],
    };
  };

  it('should store and read back text with quotes, backslashes, question marks and semicolons exactly', async () => {
    const id = randomUUID();
    const name = `Xã "Hòa" l'An \\ ? ?? ; -- ${'?'.repeat(3)} 'end`;
    await transaction(orm.em.fork(), (tx) => tx.run([insertUnit(id, name)]));
    const [row] = await rows<{ name: string }>(orm.em.fork(), 'select "name" from "unit" where "id" = ?', [id]);
    expect(row.name).toBe(name);
  });

  const hostile = [
    '',
    "'",
    "''",
    '\\',
    "\\'",
    "x\\",
    "'); drop table \"unit\"; --",
    "\\'); drop table \"unit\"; --",
    "E'\\x41'",
    'Đồng Tháp — “quận” 10 %',
    '$1 ? $$ ;',
    'a\nb\tc\r\n',
  ];

  it('should write every text literal exactly as pg itself escapes it', () => {
    for (const s of hostile) expect(pgString(s)).toBe(escapeLiteral(s));
  });

  it('should store and read back texts made to break out of their literal, leaving the table whole', async () => {
    const ids = hostile.map(() => randomUUID());
    await transaction(orm.em.fork(), (tx) => tx.run(hostile.map((name, i) => insertUnit(ids[i], name))));
    const found = await rows<{ id: string; name: string }>(orm.em.fork(), `select "id", "name" from "unit" where "id" in (${ids.map(() => '?').join(', ')})`, ids);
    expect(new Map(found.map((r) => [r.id, r.name]))).toEqual(new Map(ids.map((id, i) => [id, hostile[i]])));
  });

  it('should give every statement of a batch its rows and its count of changed rows', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const res = await transaction(orm.em.fork(), (tx) =>
      tx.run([
        insertUnit(a, 'A'),
        insertUnit(b, 'B'),
        { sql: 'update "unit" set "name" = ? where "id" in (?, ?)', params: ['C', a, b] },
        { sql: 'select "id", "name" from "unit" where "id" in (?, ?) order by "code"', params: [a, b] },
      ]),
    );
    expect(res.map((r) => r.changes).slice(0, 3)).toEqual([1, 1, 2]);
    expect(res[3].rows.map((r) => r.name)).toEqual(['C', 'C']);
  });

  it('should write nothing when the work throws after a batch', async () => {
    const id = randomUUID();
    await expect(
      transaction(orm.em.fork(), async (tx) => {
        await tx.run([insertUnit(id, 'rolled back')]);
        throw new Error('the rule said no');
      }),
    ).rejects.toThrow('the rule said no');
    expect(await rows(orm.em.fork(), 'select "id" from "unit" where "id" = ?', [id])).toEqual([]);
  });

  it('should write nothing when a statement of the batch fails', async () => {
    const id = randomUUID();
    await expect(transaction(orm.em.fork(), (tx) => tx.run([insertUnit(id, 'first'), insertUnit(id, 'same id again')]))).rejects.toThrow();
    expect(await rows(orm.em.fork(), 'select "id" from "unit" where "id" = ?', [id])).toEqual([]);
    // and the same statements work afterwards (on PostgreSQL they are prepared per connection:
    // what a failed batch prepared must not be taken as there, nor prepared twice)
    for (let i = 0; i < 3; i++) {
      const again = randomUUID();
      await transaction(orm.em.fork(), (tx) => tx.run([insertUnit(again, 'after the failure')]));
      expect(await rows(orm.em.fork(), 'select "id" from "unit" where "id" = ?', [again])).toEqual([{ id: again }]);
    }
  });

  it('should commit with the last batch when asked, and refuse a batch after it', async () => {
    const id = randomUUID();
    const late = randomUUID();
    await expect(
      transaction(orm.em.fork(), async (tx) => {
        await tx.run([insertUnit(id, 'committed with its batch')], { commit: true });
        await tx.run([insertUnit(late, 'too late')]);
      }),
    ).rejects.toThrow('The transaction has ended');
    // the work threw, and yet the first row stays: it was committed with its batch
    expect(await rows(orm.em.fork(), 'select "id" from "unit" where "id" in (?, ?)', [id, late])).toEqual([{ id }]);
  });

  it("should stop at a statement that changes another number of rows than it expects, before the batch's commit", async () => {
    const a = randomUUID();
    const b = randomUUID();
    await transaction(orm.em.fork(), (tx) => tx.run([insertUnit(a, 'A'), insertUnit(b, 'B')]));
    const rename = (name: string, expect: number) => ({ sql: 'update "unit" set "name" = ? where "id" in (?, ?)', params: [name, a, b], expect });
    for (const commit of [false, true]) {
      await expect(
        transaction(orm.em.fork(), (tx) => tx.run([{ sql: 'update "unit" set "name" = ? where "id" = ?', params: ['first', a] }, rename('wrong count', 3), insertUnit(randomUUID(), 'never')], { commit })),
      ).rejects.toBeInstanceOf(ChangesMismatch);
      expect(await rows(orm.em.fork(), 'select "name" from "unit" where "id" in (?, ?) order by "name"', [a, b])).toEqual([{ name: 'A' }, { name: 'B' }]);
    }
    // the count it expects: written and committed, its count given
    const [res] = await transaction(orm.em.fork(), (tx) => tx.run([rename('both', 2)], { commit: true }));
    expect(res.changes).toBe(2);
    expect(await rows(orm.em.fork(), 'select "name" from "unit" where "id" in (?, ?)', [a, b])).toEqual([{ name: 'both' }, { name: 'both' }]);
    // and the connection is clean for the next transaction
    const c = randomUUID();
    await transaction(orm.em.fork(), (tx) => tx.run([insertUnit(c, 'after')], { commit: true }));
    expect(await rows(orm.em.fork(), 'select "id" from "unit" where "id" = ?', [c])).toEqual([{ id: c }]);
  });

  it('should read booleans the same on both databases', async () => {
    const [r] = await rows<{ t: unknown; f: unknown }>(orm.em.fork(), 'select (1 = 1) as "t", (1 = 0) as "f"');
    expect([bool(r.t), bool(r.f)]).toEqual([true, false]);
  });

});

describe('SQLite connection settings', () => {
  // SQLite's settings are per connection, so this opens an SQLite file whatever the suite's database
  it('should keep busy_timeout, foreign keys, synchronous and the page cache on a renewed connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chamdiem-sqlite-'));
    const orm = await openOrm({ databaseUrl: null, sqlitePath: join(dir, 'settings.sqlite') });
    try {
      const setting = async (name: string) => Object.values((await orm.em.getConnection().execute(`pragma ${name}`))[0])[0];
      expect(await setting('busy_timeout')).toBe(5000);
      // the libsql pool renews a connection older than 10 s: pretend 11 s went by
      const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 11_000);
      try {
        expect([await setting('busy_timeout'), await setting('foreign_keys'), await setting('synchronous'), await setting('cache_size')]).toEqual([5000, 1, 1, -65536]);
      } finally {
        clock.mockRestore();
      }
    } finally {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PostgreSQL statistics after a bulk write', () => {
  // on the PostgreSQL that CI runs, whatever the suite's database (as migrations.test.ts does)
  const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  it('should give the planner the tables as they are, so that prepared statements are planned again for them', async () => {
    const pg = await createTestDb(PG);
    const orm = await openOrm({ databaseUrl: pg.databaseUrl, sqlitePath: '' });
    try {
      await migrate(orm);
      const reltuples = async () => Number((await rows<{ n: unknown }>(orm.em.fork(), `select reltuples as "n" from pg_class where relname = 'progress'`))[0].n);
      expect(await reltuples()).toBe(-1); // never analyzed: the planner guesses
      await settleAfterBulkWrite(orm.em.fork(), ['progress']);
      expect(await reltuples()).toBe(0);
    } finally {
      await orm.close(true);
      await pg.drop();
    }
  });
});
