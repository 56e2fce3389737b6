import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { createLogger } from './common/logger';
import { loadConfig } from './config';
import { migrate, openOrm } from './orm';
import { DEMO_USERS } from './seeders/demo-province';
import { seed } from './seeders/seed';

/** Bootstrap only: config → orm → migrations → seed → app → listen. */
async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const orm = await openOrm(config, { log });
  await migrate(orm);
  const seeded = await seed(orm, config, log);
  const app = await createApp(config, orm, log);
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${config.port} on ${config.host} is in use: stop the other process or set PORT.`) : err),
    );
    app.server.listen(config.port, config.host, resolve);
  });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  const db = (config.databaseUrl ? 'PostgreSQL' : `SQLite (${config.sqlitePath})`) + (config.redisUrl ? ' + Redis' : '');
  const lines = [``, `Chamdiem is running at ${url}/  (GraphQL: ${url}/graphql, health: ${url}/health)`, `Database: ${db}`];
  if (seeded.seeded === 'demo' || config.demoData) {
    lines.push(`Demo logins (password: chamdiem2025):`);
    for (const u of DEMO_USERS) lines.push(`  ${u.role.padEnd(9)} ${u.email}${u.unit ? `  (${u.unit})` : ''}`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');

  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    // open sockets and slow requests get a few seconds, then the process goes regardless
    setTimeout(() => process.exit(0), 5000).unref();
    await app.close();
    await orm.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`Chamdiem failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
