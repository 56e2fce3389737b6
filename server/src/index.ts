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

  // SIGTERM (a rolling restart): /ready turns 503, and DRAIN_DELAY_MS later the process stops
  // accepting, closes its sockets with 1001 "going away" (clients reconnect elsewhere and catch up
  // by seq) and finishes the requests in flight; past SHUTDOWN_TIMEOUT_MS it goes regardless
  const stop = async (signal: string) => {
    log.info({ signal, drainDelayMs: config.drainDelayMs }, 'draining');
    setTimeout(() => process.exit(0), config.drainDelayMs + config.shutdownTimeoutMs).unref();
    await app.drain(signal === 'SIGTERM' ? config.drainDelayMs : 0);
    await orm.close();
    log.info({ signal }, 'stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`Chamdiem failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
