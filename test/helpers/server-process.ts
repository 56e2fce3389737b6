import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestApp } from './app';
import { eventually } from './socket';

export const SERVER = join(__dirname, '..', '..', 'server', 'dist', 'index.js');
/** Node's flags from server/package.json's start script (`node <flags> dist/index.js`): a process started as deployed. */
const NODE_FLAGS = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'server', 'package.json'), 'utf8')).scripts.start as string)
  .replace(/^node\s+|\s*dist\/index\.js$/g, '')
  .split(/\s+/)
  .filter(Boolean);
/** A process's start (migrations included) is bounded by the machine: generous on a busy one. */
export const START_MS = 60_000;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** sends `signal` and resolves with the exit code once the process is gone */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The built server (server/dist) as its own process on the database and Redis of `t`, as another
 * machine behind a load balancer would run it: PORT 0 unless given, the same token secret, no
 * demo data. `env` adds or overrides variables.
 */
export async function startServerProcess(t: TestApp, env: Record<string, string> = {}): Promise<ServerProcess> {
  if (!existsSync(SERVER)) throw new Error('Build the server first (npm test builds it).');
  const child = spawn(process.execPath, [...NODE_FLAGS, SERVER], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: t.config.dataDir,
      SQLITE_PATH: t.config.sqlitePath || '',
      DATABASE_URL: t.config.databaseUrl ?? '',
      REDIS_URL: t.config.redisUrl ?? '',
      REDIS_PREFIX: t.config.redisPrefix,
      TOKEN_SECRET: t.config.tokenSecret,
      DEMO_DATA: 'false',
      LIVE_WINDOW_MS: '20',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const started = /running at (http:\/\/[\d.]+:\d+)/;
  await eventually(() => started.test(out) || child.exitCode !== null, START_MS, 'a server process to start').catch((e) => {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}: ${out}`);
  });
  const m = started.exec(out);
  if (!m) throw new Error(`the server process failed: ${out}`);
  const exited = new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
  return {
    url: m[1],
    child,
    output: () => out,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
