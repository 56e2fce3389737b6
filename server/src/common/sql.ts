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
}

export interface StmtResult<T = Record<string, unknown>> {
  rows: T[];
  /** rows changed by an INSERT, UPDATE or DELETE */
  changes: number;
}

/** A transaction on a connection of its own. */
export interface Tx {
  /** Runs the statements in order (on PostgreSQL in one round trip) and gives each one's result. */
  run(statements: Stmt[]): Promise<StmtResult[]>;
}

interface Driver {
  begin: string;
  run(conn: unknown, statements: Stmt[], prefix?: string): Promise<StmtResult[]>;
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
    async run(conn, statements, prefix) {
      let prepared = pgPrepared.get(conn as object);
      if (!prepared) pgPrepared.set(conn as object, (prepared = new Set()));
      const fresh: string[] = [];
      const texts: string[] = prefix ? [prefix] : [];
      // where each statement's own result is among the results of everything sent
      const at: number[] = [];
      for (const s of statements) {
        const params = (s.params ?? []) as unknown[];
        if (!params.length) {
          at.push(texts.push(s.sql) - 1);
          continue;
        }
        let named = pgNames.get(s.sql);
        if (!named) pgNames.set(s.sql, (named = { name: `chamdiem_${pgNames.size + 1}`, text: numbered(s.sql) }));
        if (!prepared.has(named.name) && !fresh.includes(named.name)) {
          texts.push(`prepare ${named.name} as ${named.text}`);
          fresh.push(named.name);
        }
        at.push(texts.push(`execute ${named.name}(${params.map((v) => platform.quoteValue(v)).join(', ')})`) - 1);
      }
      let res: PgResult | PgResult[];
      try {
        res = await (conn as PgClient).query(texts.join(';\n'));
      } catch (e) {
        // whether a failed batch's PREPAREs stayed is not worth knowing: forget them all
        if (fresh.length) {
          prepared.clear();
          await (conn as PgClient).query('rollback; deallocate all').catch(() => undefined);
        }
        throw e;
      }
      for (const name of fresh) prepared.add(name);
      const list = Array.isArray(res) ? res : [res];
      return at.map((i) => ({ rows: list[i].rows ?? [], changes: list[i].rowCount ?? 0 }));
    },
  };
}

type LibSqlDb = { prepare(sql: string): LibSqlStmt; exec(sql: string): void };
type LibSqlStmt = { reader: boolean; all(params: unknown[]): Record<string, unknown>[]; run(params: unknown[]): { changes: number } };

/** Statements prepared once per connection (the pool renews SQLite connections now and then). */
const prepared = new WeakMap<object, Map<string, LibSqlStmt>>();
const sqliteValue = (v: unknown) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Date ? v.getTime() : v);

/** SQLite (libsql, in process, synchronous): each statement prepared once and run at once. */
const sqliteDriver: Driver = {
  begin: 'begin immediate',
  async run(conn, statements, prefix) {
    const db = conn as LibSqlDb;
    let cache = prepared.get(db);
    if (!cache) prepared.set(db, (cache = new Map()));
    if (prefix) db.exec(prefix);
    return statements.map((s) => {
      let st = cache.get(s.sql);
      if (!st) cache.set(s.sql, (st = db.prepare(s.sql)));
      const params = (s.params ?? []).map(sqliteValue);
      return st.reader ? { rows: st.all(params), changes: 0 } : { rows: [], changes: st.run(params).changes };
    });
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
    const tx: Tx = {
      run(statements) {
        const prefix = begun ? undefined : driver.begin;
        begun = true;
        return driver.run(conn, statements, prefix);
      },
    };
    try {
      const out = await work(tx);
      if (begun) await driver.run(conn, [{ sql: 'commit' }]);
      return out;
    } catch (e) {
      if (begun) await driver.run(conn, [{ sql: 'rollback' }]).catch(() => undefined);
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
    async run(statements) {
      const out: StmtResult[] = [];
      for (const s of statements) {
        const params = (s.params ?? []).map(value);
        if (/^\s*(select|with)\b/i.test(s.sql) || /\breturning\b/i.test(s.sql)) {
          const rows = (await conn.execute(s.sql, params, 'all', ctx)) as Record<string, unknown>[];
          out.push({ rows, changes: rows.length });
        } else {
          const res = (await conn.execute(s.sql, params, 'run', ctx)) as { affectedRows?: number };
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
