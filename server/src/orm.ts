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

/** Opens the database named by the configuration: PostgreSQL with DATABASE_URL, else SQLite. */
export async function openOrm(config: Pick<Config, 'databaseUrl' | 'sqlitePath'>, opts: { connect?: boolean; log?: Logger } = {}): Promise<Orm> {
  if (config.databaseUrl) {
    return (await PgMikroORM.init({
      ...baseOptions(opts.log),
      clientUrl: config.databaseUrl,
      pool: { min: 0, max: 10 },
      connect: opts.connect ?? true,
    })) as unknown as Orm;
  }
  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  const orm = (await LibSqlMikroORM.init({
    ...baseOptions(opts.log),
    dbName: config.sqlitePath,
    connect: opts.connect ?? true,
  })) as unknown as Orm;
  if (opts.connect ?? true) {
    // WAL keeps readers off the writer's back; foreign keys are off by default in SQLite.
    const conn = orm.em.getConnection();
    await conn.execute('pragma journal_mode = WAL');
    await conn.execute('pragma busy_timeout = 5000');
    await conn.execute('pragma foreign_keys = ON');
    await conn.execute('pragma synchronous = NORMAL');
  }
  return orm;
}

/** Brings the schema up to date. Migrations only add; they never drop data. */
export async function migrate(orm: Orm): Promise<void> {
  await orm.getMigrator().up();
}
