import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataloaderType, ReflectMetadataProvider, type Options } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/knex';
import { MikroORM as LibSqlMikroORM } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM as PgMikroORM } from '@mikro-orm/postgresql';
import type { Logger } from './common/logger';
import type { Config } from './config';
import { entities } from './entities';
import { migrationsList } from './migrations';

export type Orm = MikroORM;
export type Em = EntityManager;
export type Dialect = 'sqlite' | 'postgresql';

export const dialectOf = (config: Pick<Config, 'databaseUrl'>): Dialect => (config.databaseUrl ? 'postgresql' : 'sqlite');

function baseOptions(log?: Logger): Options {
  return {
    logger: (message: string) => log?.debug({ orm: message }),
    entities,
    metadataProvider: ReflectMetadataProvider,
    dataloader: DataloaderType.ALL,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    allowGlobalContext: false,
  };
}

/**
 * How long PostgreSQL may keep a request waiting, so that an unreachable or stuck database makes
 * requests fail within seconds (UNAVAILABLE, see common/errors.ts) instead of hanging: opening a
 * connection, waiting for a free one in the pool, one statement (lock waits included), and a
 * transaction left idle by a client that vanished (which would hold the assessment's row lock).
 * All are far above what a healthy database needs; nothing else changes.
 */
export const PG_TIMEOUTS = {
  connectMs: 5000,
  acquireMs: 5000,
  statementMs: 60_000,
  idleInTransactionMs: 60_000,
  /** TCP keep-alive on every connection, so that a silently dropped one is noticed */
  keepAliveMs: 10_000,
} as const;

/**
 * Per-connection SQLite settings: wait for another process's write lock instead of failing,
 * enforce foreign keys (off by default), sync the WAL at checkpoints rather than at every commit
 * (with WAL, a crash of the process loses nothing; a power cut may lose the last commits), and
 * keep up to 64 MiB of pages in memory rather than 2 MiB (a period of large trees is hundreds of
 * MiB: reads of a save or a tree then come from memory).
 */
function sqliteSettings(conn: { exec(sql: string): void }, done: (err: unknown, conn: unknown) => void): void {
  try {
    conn.exec('pragma busy_timeout = 5000; pragma foreign_keys = ON; pragma synchronous = NORMAL; pragma cache_size = -65536');
    done(null, conn);
  } catch (e) {
    done(e, conn);
  }
}

/** Opens the database named by the configuration: PostgreSQL with DATABASE_URL, else SQLite. */
export async function openOrm(config: Pick<Config, 'databaseUrl' | 'sqlitePath'>, opts: { connect?: boolean; log?: Logger } = {}): Promise<Orm> {
  if (config.databaseUrl) {
    return (await PgMikroORM.init({
      ...baseOptions(opts.log),
      clientUrl: config.databaseUrl,
      // a connection is kept for 10 minutes once made (the default is 30 s): each new one costs a
      // connect and the preparing again of every statement (common/sql.ts), which showed as
      // stalls in the saves' p99 whenever a burst opened connections that had been closed
      pool: { min: 0, max: 10, idleTimeoutMillis: 600_000 },
      driverOptions: {
        // knex: a request waits at most this long for a pooled connection (default 60 s);
        // a failed connection attempt fails the waiting request at once (propagateCreateError)
        acquireConnectionTimeout: PG_TIMEOUTS.acquireMs,
        // node-postgres: passed to every new pg.Client
        connection: {
          connectionTimeoutMillis: PG_TIMEOUTS.connectMs,
          statement_timeout: PG_TIMEOUTS.statementMs,
          idle_in_transaction_session_timeout: PG_TIMEOUTS.idleInTransactionMs,
          keepAlive: true,
          keepAliveInitialDelayMillis: PG_TIMEOUTS.keepAliveMs,
        },
      },
      connect: opts.connect ?? true,
    })) as unknown as Orm;
  }
  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  const orm = (await LibSqlMikroORM.init({
    ...baseOptions(opts.log),
    dbName: config.sqlitePath,
    // the pool renews its SQLite connection every 10 s: each new one gets the settings
    pool: { afterCreate: sqliteSettings },
    connect: opts.connect ?? true,
  })) as unknown as Orm;
  // WAL (kept in the file) keeps readers off the writer's back
  if (opts.connect ?? true) await orm.em.getConnection().execute('pragma journal_mode = WAL');
  return orm;
}

/** Brings the schema up to date. Migrations only add; they never drop data. */
export async function migrate(orm: Orm): Promise<void> {
  await orm.getMigrator().up();
}
