/**
 * The processes under test: the real Chamdiem server (`node server/dist/index.js`, as built by
 * the server's build) on a fresh database, and the bare graphql-ws server of bench/bare-server.ts.
 * Each listens on 127.0.0.1 with a port of its own and is stopped, and its data dropped, at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { parentPid } from './proc';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const SERVER_ENTRY = join(ROOT, 'server', 'dist', 'index.js');
export const ADMIN = { email: 'admin@bench.local', password: 'bench-admin-password' };

/**
 * Node's flags of the server as deployed: those of server/package.json's start script (`node
 * <flags> dist/index.js`), read from there so that the benchmarks run the server as it is run.
 */
export const SERVER_NODE_ARGS: string[] = (() => {
  const start = (JSON.parse(readFileSync(join(ROOT, 'server', 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const m = /^node\s+(.*?)\s*dist\/index\.js$/.exec(start.trim());
  if (!m) throw new Error(`server/package.json's start script is not "node <flags> dist/index.js": ${start}`);
  return m[1].split(/\s+/).filter(Boolean);
})();

export type DbKind = 'sqlite' | 'postgres';
export const PG_BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every process started here and not yet stopped, for an emergency stop (watchdog, Ctrl-C). */
export const running = new Set<Proc>();

export async function stopAll(): Promise<void> {
  await Promise.allSettled([...running].map((p) => p.stop()));
}

export interface Proc {
  url: string;
  pid: number;
  child: ChildProcess;
  /** the last lines the process wrote to stderr, for error messages */
  stderr(): string;
  stop(): Promise<void>;
}

export interface ServerHandle extends Proc {
  db: DbKind;
  dataDir: string;
  /** the SQLite file (sqlite only) */
  sqlitePath: string;
  /** the database's URL (postgres only) */
  databaseUrl: string | null;
  /** PostgreSQL backends serving this server's database now (empty on SQLite) */
  backendPids(): Promise<number[]>;
  /** the Redis server's pid (postgres mode), or null */
  redisPid: number | null;
  /** PostgreSQL's postmaster (postgres mode): the CPU of its exited children counts too */
  postmasterPid: number | null;
  /** the environment it was started with (startPeer starts another process alike) */
  env: NodeJS.ProcessEnv;
}

/** Spawns a node process and waits for the line that names its URL. */
function spawnAndWait(args: string[], env: NodeJS.ProcessEnv, pattern: RegExp, label: string, timeoutMs = 120_000): Promise<Proc> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`${label} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${e.message}\n${err.slice(-2000)}`));
    };
    child.stderr!.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-20_000);
    });
    child.stdout!.on('data', (d: Buffer) => {
      if (settled) return;
      out += d.toString();
      const m = pattern.exec(out);
      if (m) {
        settled = true;
        clearTimeout(timer);
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        const proc: Proc = {
          url: m[1],
          pid: child.pid!,
          child,
          stderr: () => err,
          async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            await exited;
            clearTimeout(killer);
            running.delete(proc);
          },
        };
        running.add(proc);
        resolvePromise(proc);
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`${label} exited (${code ?? signal}) before it was ready`)));
  });
}

function serverEnvFromBench(): Record<string, string> {
  const raw = process.env.BENCH_SERVER_ENV;
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new Error('BENCH_SERVER_ENV must be a JSON object of strings, e.g. {"VIEWER_CACHE_SECONDS":"0"}');
  }
  return parsed as Record<string, string>;
}

/** The Chamdiem server on a fresh SQLite file, or a fresh PostgreSQL database + Redis. */
export async function startServer(db: DbKind, extraEnv: Record<string, string> = {}, extraNodeArgs: string[] = []): Promise<ServerHandle> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: build the server first (npm run build -w server).`);
  const dataDir = mkdtempSync(join(tmpdir(), 'chamdiem-bench-'));
  const sqlitePath = join(dataDir, 'bench.sqlite');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DATA_DIR: dataDir,
    SQLITE_PATH: sqlitePath,
    TOKEN_SECRET: randomBytes(36).toString('base64url'),
    // sign-in cost only (argon2): keeps the setup of hundreds of users short; no measured path signs in
    PASSWORD_HASH_MEMORY_KIB: '1024',
    // BENCH_SERVER_ENV, e.g. '{"VIEWER_CACHE_SECONDS":"0"}', for comparing a setting in turn
    ...serverEnvFromBench(),
    ...extraEnv,
  };
  let databaseUrl: string | null = null;
  let dbName: string | null = null;
  let pg: Client | null = null;
  let redisPid: number | null = null;
  let postmasterPid: number | null = null;
  let redisPrefix: string | null = null;
  if (db === 'postgres') {
    dbName = `chamdiem_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
    pg = new Client({ connectionString: PG_BASE });
    await pg.connect();
    await pg.query(`create database ${dbName}`);
    postmasterPid = parentPid(Number((await pg.query('select pg_backend_pid() as pid')).rows[0].pid));
    const u = new URL(PG_BASE);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
    redisPrefix = `chamdiem-bench-${process.pid}-${randomBytes(4).toString('hex')}:`;
    env.DATABASE_URL = databaseUrl;
    env.REDIS_URL = REDIS_URL;
    env.REDIS_PREFIX = redisPrefix;
    const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await r.connect();
    const info = await r.info('server');
    redisPid = Number(/process_id:(\d+)/.exec(info)?.[1]) || null;
    r.disconnect();
  }
  let proc: Proc;
  try {
    // BENCH_SERVER_NODE_ARGS, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' or '--trace-gc', for looking into a figure
    const nodeArgs = [...SERVER_NODE_ARGS, ...extraNodeArgs, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
    proc = await spawnAndWait([...nodeArgs, SERVER_ENTRY], env, /Chamdiem is running at (http:\/\/[^/\s]+)\//, 'the Chamdiem server');
  } catch (e) {
    await cleanup();
    throw e;
  }
  async function cleanup() {
    if (pg && dbName) {
      await pg.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
      await pg.end().catch(() => undefined);
    }
    if (redisPrefix) {
      const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await r.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await r.del(...keys);
        } while (cursor !== '0');
      } finally {
        r.disconnect();
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  const handle: ServerHandle = {
    ...proc,
    db,
    dataDir,
    sqlitePath,
    databaseUrl,
    redisPid,
    postmasterPid,
    env,
    async backendPids() {
      if (!pg || !dbName) return [];
      const r = await pg.query('select pid from pg_stat_activity where datname = $1', [dbName]);
      return r.rows.map((x: { pid: number }) => Number(x.pid));
    },
    async stop() {
      running.delete(handle);
      await proc.stop();
      await cleanup();
    },
  };
  running.delete(proc);
  running.add(handle);
  return handle;
}

/**
 * Another server process on the same database, Redis and token secret as `of`, with its own data
 * folder, as on a second machine behind a load balancer; `extraEnv` adds or overrides settings.
 */
export async function startPeer(of: ServerHandle, extraEnv: Record<string, string> = {}): Promise<Proc> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chamdiem-bench-peer-'));
  const proc = await spawnAndWait([...SERVER_NODE_ARGS, SERVER_ENTRY], { ...of.env, DATA_DIR: dataDir, PORT: '0', ...extraEnv }, /Chamdiem is running at (http:\/\/[^/\s]+)\//, 'a second Chamdiem server');
  return {
    ...proc,
    async stop() {
      await proc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What database software a run used, for the report: "PostgreSQL 15.x + Redis 7.x" or "SQLite 3.x (libsql)". */
export async function databaseVersion(db: DbKind): Promise<string> {
  try {
    if (db === 'postgres') {
      const pg = new Client({ connectionString: PG_BASE });
      await pg.connect();
      const v = (await pg.query('show server_version')).rows[0].server_version as string;
      await pg.end();
      const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await r.connect();
      const rv = /redis_version:([^\r\n]+)/.exec(await r.info('server'))?.[1] ?? '?';
      r.disconnect();
      return `PostgreSQL ${v.split(' ')[0]} + Redis ${rv} (on this machine)`;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('libsql');
    const mem = new Database(':memory:');
    const v = mem.prepare('select sqlite_version() as v').get() as { v: string };
    mem.close();
    return `SQLite ${v.v} (libsql, in the server process)`;
  } catch (e) {
    return `unknown (${(e as Error).message})`;
  }
}

/** The bare graphql-ws server (bench/bare-server.ts, compiled next to this file). */
export function startBareServer(): Promise<Proc> {
  const entry = join(__dirname, '..', 'bare-server.js');
  return spawnAndWait([entry], { PATH: process.env.PATH, PORT: '0', NODE_ENV: 'production' }, /bare graphql-ws server at (http:\/\/[^/\s]+)/, 'the bare server', 30_000);
}
