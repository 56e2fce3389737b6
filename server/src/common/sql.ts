import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { Em } from '../orm';

/**
 * Plain SQL for the hot paths (a request's caller, a save), where going through the ORM costs
 * more than the statements themselves: an ORM transaction of one statement costs 0.25–0.5 ms of
 * CPU, one raw statement through MikroORM and knex 0.07–0.16 ms; straight on the driver it is
 * 0.01 ms on SQLite (statements prepared once) and one round trip for a whole batch on
 * PostgreSQL. Everything else uses the ORM.
 *
 * SQL is written once for both databases: `?` placeholders, double-quoted identifiers. Values
 * come back as the driver gives them: SQLite returns booleans as 0/1 and JSON as text (see
 * `bool` and `json`); PostgreSQL parses both.
 */

export interface Stmt {
  sql: string;
  params?: readonly unknown[];
  /**
   * The rows an INSERT, UPDATE or DELETE must change: any other number fails the batch with
   * ChangesMismatch before anything after it runs (and before a commit sent with it), and the
   * caller's transaction writes nothing. Checked inside PostgreSQL (the statement's count in the
   * same round trip), so that a batch can end with its commit.
   */
  expect?: number;
}

/** A statement changed another number of rows than its `expect`: the batch stopped there. */
export class ChangesMismatch extends Error {
  constructor(readonly statement: string) {
    super(`A statement changed another number of rows than expected: ${statement.slice(0, 80)}`);
    this.name = 'ChangesMismatch';
  }
}

/** Division by zero: how PostgreSQL fails an `expect` (pgDriver). */
const PG_EXPECT_FAILED = '22012';

export interface StmtResult<T = Record<string, unknown>> {
  rows: T[];
  /** rows changed by an INSERT, UPDATE or DELETE */
  changes: number;
}

/** A transaction on a connection of its own. */
export interface Tx {
  /**
   * Runs the statements in order (on PostgreSQL in one round trip) and gives each one's result.
   * `commit`: the batch ends the transaction, its commit sent with it (one round trip fewer, and
   * the rows it locks held that much less); only a transaction of its own (transaction()) can.
   */
  run(statements: Stmt[], opts?: { commit?: boolean }): Promise<StmtResult[]>;
}

interface Driver {
  begin: string;
  run(conn: unknown, statements: Stmt[], prefix?: string, suffix?: string): Promise<StmtResult[]>;
}

type PgClient = { query(text: string): Promise<PgResult | PgResult[]> };
type PgResult = { rows: Record<string, unknown>[]; rowCount: number | null };

/** Statements this process has named, by their text, for PREPARE on each connection that runs them. */
const pgNames = new Map<string, { name: string; text: string }>();
/** What each PostgreSQL connection has prepared. */
const pgPrepared = new WeakMap<object, Set<string>>();

/** `?` placeholders as `$1, $2…` (the statements here have no `?` inside a literal). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * PostgreSQL: the batch as one simple query, one round trip, each statement a prepared one
 * (prepared on a connection the first time it runs there, in the same batch), so that
 * PostgreSQL parses and plans it once per connection rather than on every save: half the
 * database's CPU of a save. PostgreSQL plans a prepared statement again when its tables'
 * statistics change (see settleAfterBulkWrite). The values go in as literals escaped by the ORM's
 * platform (pg's escapeLiteral).
 */
function pgDriver(platform: PostgreSqlPlatform): Driver {
  return {
    begin: 'begin',
    async run(conn, statements, prefix, suffix) {
      let prepared = pgPrepared.get(conn as object);
      if (!prepared) pgPrepared.set(conn as object, (prepared = new Set()));
      const fresh: string[] = [];
      const texts: string[] = prefix ? [prefix] : [];
      // where each statement's own result is among the results of everything sent
      const at: number[] = [];
      for (const s of statements) {
        let params = (s.params ?? []) as unknown[];
        let sql = s.sql;
        if (s.expect !== undefined) {
          // the count of changed rows, and a division by zero when it is not the one expected
          // (count(*) is no constant: PostgreSQL evaluates it only then)
          sql = `with "changed" as (${sql} returning 1) select count(*) as "n", case when count(*) <> ? then 1 / (count(*) - count(*)) end as "mismatch" from "changed"`;
          params = [...params, s.expect];
        }
        if (!params.length) {
          at.push(texts.push(sql) - 1);
          continue;
        }
        let named = pgNames.get(sql);
        if (!named) pgNames.set(sql, (named = { name: `chamdiem_${pgNames.size + 1}`, text: numbered(sql) }));
        if (!prepared.has(named.name) && !fresh.includes(named.name)) {
          texts.push(`prepare ${named.name} as ${named.text}`);
          fresh.push(named.name);
        }
        at.push(texts.push(`execute ${named.name}(${params.map((v) => (typeof v === 'string' ? pgString(v) : platform.quoteValue(v))).join(', ')})`) - 1);
      }
      if (suffix) texts.push(suffix);
      let res: PgResult | PgResult[];
      try {
        res = await (conn as PgClient).query(texts.join(';\n'));
      } catch (e) {
        // whether a failed batch's PREPAREs stayed is not worth knowing: forget them all
        if (fresh.length) {
          prepared.clear();
          await (conn as PgClient).query('rollback; deallocate all').catch(() => undefined);
        }
        const expecting = statements.find((s) => s.expect !== undefined);
        if (expecting && (e as { code?: unknown }).code === PG_EXPECT_FAILED) throw new ChangesMismatch(expecting.sql);
        throw e;
      }
      for (const name of fresh) prepared.add(name);
      const list = Array.isArray(res) ? res : [res];
      return at.map((i, k) =>
        statements[k].expect !== undefined ? { rows: [], changes: Number(list[i].rows[0].n) } : { rows: list[i].rows ?? [], changes: list[i].rowCount ?? 0 },
      );
    },
  };
}

/**
 * A text value as a PostgreSQL literal, exactly as pg's escapeLiteral writes it (quotes doubled;
 * with a backslash, backslashes doubled in an E'' literal), in two replaces: escapeLiteral adds
 * one character at a time, a new string each: 13 % of what a save allocated (docs/benchmarks.md).
 */
export function pgString(s: string): string {
  const quoted = s.replaceAll("'", "''");
  return s.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

type LibSqlDb = { prepare(sql: string): LibSqlStmt; exec(sql: string): void };
type LibSqlStmt = { reader: boolean; all(params: unknown[]): Record<string, unknown>[]; run(params: unknown[]): { changes: number } };

/** Statements prepared once per connection (the pool renews SQLite connections now and then). */
const prepared = new WeakMap<object, Map<string, LibSqlStmt>>();
const sqliteValue = (v: unknown) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Date ? v.getTime() : v);

/** SQLite (libsql, in process, synchronous): each statement prepared once and run at once. */
const sqliteDriver: Driver = {
  begin: 'begin immediate',
  async run(conn, statements, prefix, suffix) {
    const db = conn as LibSqlDb;
    let cache = prepared.get(db);
    if (!cache) prepared.set(db, (cache = new Map()));
    if (prefix) db.exec(prefix);
    const out = statements.map((s) => {
      let st = cache.get(s.sql);
      if (!st) cache.set(s.sql, (st = db.prepare(s.sql)));
      const params = (s.params ?? []).map(sqliteValue);
      if (st.reader) return { rows: st.all(params), changes: 0 };
      const changes = st.run(params).changes;
      if (s.expect !== undefined && changes !== s.expect) throw new ChangesMismatch(s.sql);
      return { rows: [], changes };
    });
    if (suffix) db.exec(suffix);
    return out;
  },
};

export const isPostgres = (em: Em) => em.getPlatform() instanceof PostgreSqlPlatform;
const driverOf = (em: Em): Driver => (isPostgres(em) ? pgDriver(em.getPlatform() as PostgreSqlPlatform) : sqliteDriver);

type KnexClient = { acquireConnection(): Promise<unknown>; releaseConnection(conn: unknown): Promise<unknown> };

/** A connection from the ORM's own pool (so its limits and timeouts hold), given back afterwards. */
async function withConnection<T>(em: Em, work: (conn: unknown) => Promise<T>): Promise<T> {
  const client = em.getConnection().getKnex().client as unknown as KnexClient;
  const conn = await client.acquireConnection();
  try {
    return await work(conn);
  } finally {
    await client.releaseConnection(conn);
  }
}

/**
 * One transaction straight on the driver: committed when `work` returns, rolled back when it
 * throws. SQLite takes the write lock at the start (begin immediate); PostgreSQL sends the
 * begin with the first batch.
 */
export function transaction<T>(em: Em, work: (tx: Tx) => Promise<T>): Promise<T> {
  const driver = driverOf(em);
  return withConnection(em, async (conn) => {
    let begun = false;
    let ended = false;
    const tx: Tx = {
      async run(statements, opts) {
        if (ended) throw new Error('The transaction has ended: its last batch carried the commit.');
        const prefix = begun ? undefined : driver.begin;
        begun = true;
        if (!opts?.commit) return driver.run(conn, statements, prefix);
        ended = true;
        try {
          return await driver.run(conn, statements, prefix, 'commit');
        } catch (e) {
          // the batch stopped before its commit: the rollback below ends the transaction
          ended = false;
          throw e;
        }
      },
    };
    try {
      const out = await work(tx);
      if (begun && !ended) await driver.run(conn, [{ sql: 'commit' }]);
      return out;
    } catch (e) {
      if (begun && !ended) await driver.run(conn, [{ sql: 'rollback' }]).catch(() => undefined);
      throw e;
    }
  });
}

/**
 * The statements of the plain-SQL paths run inside an ORM transaction the caller holds (the
 * results' write-back runs in the transaction that stores the results): one statement at a time
 * through the ORM's connection, reads (and `returning`) as rows, writes with their change count.
 */
export function ormTx(em: Em): Tx {
  const conn = em.getConnection();
  const ctx = em.getTransactionContext();
  const value = isPostgres(em) ? (v: unknown) => (v === undefined ? null : v) : sqliteValue;
  return {
    // (a commit asked for is the ORM's to make: its transaction commits when its work returns)
    async run(statements) {
      const out: StmtResult[] = [];
      for (const s of statements) {
        const params = (s.params ?? []).map(value);
        if (/^\s*(select|with)\b/i.test(s.sql) || /\breturning\b/i.test(s.sql)) {
          const rows = (await conn.execute(s.sql, params, 'all', ctx)) as Record<string, unknown>[];
          out.push({ rows, changes: rows.length });
        } else {
          const res = (await conn.execute(s.sql, params, 'run', ctx)) as { affectedRows?: number };
          if (s.expect !== undefined && (res.affectedRows ?? 0) !== s.expect) throw new ChangesMismatch(s.sql);
          out.push({ rows: [], changes: res.affectedRows ?? 0 });
        }
      }
      return out;
    },
  };
}

/** The rows of one statement, outside any transaction (inside the em's own one when it has one). */
export async function rows<T>(em: Em, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  if (em.getTransactionContext()) return em.getConnection().execute(sql, params as unknown[], 'all', em.getTransactionContext());
  const driver = driverOf(em);
  const [res] = await withConnection(em, (conn) => driver.run(conn, [{ sql, params }]));
  return res.rows as T[];
}

/**
 * After a bulk write (opening a period writes a row per node and unit), the database brought
 * into shape at once rather than by its own housekeeping later, in the middle of someone's save:
 * - PostgreSQL: fresh statistics (ANALYZE), so that the prepared statements are planned again
 *   (PostgreSQL replans a prepared statement when its tables' statistics change) for the tables
 *   as they now are; a plan made while they were small reads every row of them. Autovacuum
 *   would catch up within the minute.
 * - SQLite: the write-ahead log moved into the database file (a checkpoint), which would
 *   otherwise happen a page batch at a time during the next commits. PASSIVE: it takes what no
 *   reader needs and never waits, so another process on the same file holds nothing up.
 */
export async function settleAfterBulkWrite(em: Em, tables: readonly string[]): Promise<void> {
  // inside a caller's transaction (an audited action) the caller settles after its commit
  if (em.isInTransaction()) return;
  if (isPostgres(em)) {
    if (tables.length) await em.getConnection().execute(`analyze ${tables.map((t) => `"${t}"`).join(', ')}`);
  } else {
    await em.getConnection().execute('pragma wal_checkpoint(PASSIVE)');
  }
}

/** A boolean column as either driver returns it. */
export const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';

/** A JSON column as either driver returns it (PostgreSQL parses it, SQLite gives the text). */
export function json<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** A time as its column stores it: epoch milliseconds in SQLite (MikroORM's way), timestamptz in PostgreSQL. */
export const sqlTime = (em: Em, d: Date): Date | number => (isPostgres(em) ? d : d.getTime());
