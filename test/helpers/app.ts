import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../server/src/app';
import { createLogger, type Logger } from '../../server/src/common/logger';
import { loadConfig, type Config } from '../../server/src/config';
import { migrate, openOrm, type Orm } from '../../server/src/orm';
import { createTestDb, type TestDb } from './db';

/** A real server on 127.0.0.1 with a random port and its own empty, migrated database. */
export interface TestApp {
  url: string;
  db: TestDb;
  config: Config;
  orm: Orm;
  app: App;
  close(): Promise<void>;
}

/**
 * `log`: where the server logs (a test that reads the log lines passes its own pino logger).
 * `db`: another app's database (a restart): this app's close() leaves it to its owner.
 */
export async function startTestApp(overrides: Partial<Config> = {}, opts: { log?: Logger; db?: TestDb } = {}): Promise<TestApp> {
  const db: TestDb = opts.db ?? (await createTestDb(undefined, { migrated: true }));
  const config = loadConfig(
    { NODE_ENV: 'test' },
    {
      port: 0,
      dataDir: db.dataDir,
      databaseUrl: db.databaseUrl,
      sqlitePath: db.sqlitePath,
      tokenSecret: 'test-secret-test-secret-test-secret-0123456789',
      demoData: false,
      passwordHashMemoryKiB: 1024,
      clientDir: db.dataDir,
      redisUrl: process.env.TEST_REDIS_URL ?? null,
      redisPrefix: `chamdiem-test-${process.pid}-${Math.random().toString(36).slice(2)}:`,
      ...overrides,
    },
  );
  const orm = await openOrm(config);
  await migrate(orm);
  const app = await createApp(config, orm, opts.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  const stalls = watchStalls();
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    config,
    orm,
    app,
    async close() {
      stalls.stop();
      await app.close();
      await orm.close(true);
      if (!opts.db) await db.drop();
    },
  };
}

/**
 * Reports, on stderr, each time this process's event loop (the test server's too) was held for
 * seconds: a browser test that waits in vain then says whether its server stood still (a
 * synchronous step in the process) or was only slow (the machine). Silent otherwise.
 */
const STALL_MS = 3000;
function watchStalls(): { stop(): void } {
  const every = 250;
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const held = now - last - every;
    if (held >= STALL_MS) {
      const file = (globalThis as { expect?: { getState?: () => { testPath?: string; currentTestName?: string } } }).expect?.getState?.();
      process.stderr.write(`event loop held ${held} ms until ${new Date(now).toISOString()} (${file?.testPath?.replace(/.*\/test\//, 'test/') ?? '?'} › ${file?.currentTestName ?? 'outside a test'})\n`);
    }
    last = now;
  }, every);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
