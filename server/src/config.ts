import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_EVIDENCE_TYPES, KNOWN_EVIDENCE_TYPES } from './modules/evidence/evidence.types';

/** Every setting of the server, read from the environment once, validated, with defaults. */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** where the SQLite file, the generated token secret and uploads live */
  dataDir: string;
  /** postgres://… switches to PostgreSQL; unset = SQLite file under dataDir */
  databaseUrl: string | null;
  /** SQLite file path (ignored with databaseUrl); ':memory:' allowed in tests */
  sqlitePath: string;
  redisUrl: string | null;
  /** prefix of every Redis key and channel, so that deployments (and test runs) can share a server */
  redisPrefix: string;
  /** longest wait for one Redis command (throttling, presence, publish) before falling back */
  redisCommandTimeoutMs: number;
  /** bursts of live events on one topic within this window go out as one event */
  liveWindowMs: number;
  /** presence lapses this long after the last refresh */
  presenceTtlMs: number;
  tokenSecret: string;
  tokenTtlSeconds: number;
  /**
   * how long a process keeps the person behind a request (common/viewer-cache.ts); every change
   * made through the API reaches every process at once, so this bounds only a change made
   * straight in the database; 0: read on every request
   */
  viewerCacheMs: number;
  /** how long an ADMIN's password-reset code stays usable */
  passwordResetTtlSeconds: number;
  /** seed the demo province, framework, users and period on an empty database */
  demoData: boolean;
  /** first ADMIN created on an empty database when demo data is off */
  adminEmail: string | null;
  adminPassword: string | null;
  /** argon2 cost; lowered only in tests */
  passwordHashMemoryKiB: number;
  /** folder of the built web client */
  clientDir: string;
  logLevel: string;
  /** operation limits, on HTTP and on the socket alike */
  limits: {
    maxDepth: number;
    maxAliases: number;
    /** what an operation may cost: fields, each list counted at its expected size (common/cost.ts) */
    maxCost: number;
    /** how long the counts behind the expected list sizes are reused */
    listSizeTtlMs: number;
    maxTokens: number;
    /** subscriptions open at once on one socket */
    maxSubscriptionsPerSocket: number;
    /** bytes of a JSON request body or a socket message */
    maxPayloadBytes: number;
    /** bytes of a request body sent with a STATISTICS token (pushStatistics; modules/integrator/statistics.body.ts) */
    statisticsPayloadBytes: number;
  };
  /** each API token's budget per minute: requests and total cost (modules/integrator/token-budget.ts) */
  tokenBudget: { requestsPerMinute: number; costPerMinute: number };
  /** sign-in throttling (modules/user/login-guard.ts): per account and address, and per address */
  login: { maxFailures: number; windowSeconds: number; blockSeconds: number; addressMaxFailures: number };
  /** spreadsheet imports: zip parts and unpacked bytes checked before reading, then cells, heap and time of the reading worker */
  imports: { maxEntries: number; maxUnzippedBytes: number; maxCells: number; heapMb: number; timeoutMs: number };
  /** uploaded evidence files: folder (default <dataDir>/evidence), size limit, allowed extensions */
  /** on SIGTERM: how long /ready answers 503 before the process stops accepting (a load balancer's check interval or two), and how long it then waits for work in flight */
  drainDelayMs: number;
  shutdownTimeoutMs: number;
  evidenceDir: string;
  /** where files are kept (EVIDENCE_STORE): `disk` under evidenceDir (one machine), or `database`, which every process reads (evidence.store.ts) */
  evidenceStore: 'disk' | 'database';
  evidenceMaxBytes: number;
  evidenceTypes: string[];
  /** the address people open the web client at, for links in e-mails (PUBLIC_URL; default http://HOST:PORT) */
  publicUrl: string;
  /** smtp(s)://user:pass@host:port: notifications also go out by e-mail; unset = in the app only */
  smtpUrl: string | null;
  /** the From of e-mails */
  mailFrom: string;
  /** the time zone a period gets when none is given (deadlines are shown and named in it) */
  defaultTimeZone: string;
  /** printed reports (PDF): the issuing body's line of the heading and the place of the date line */
  report: { issuer: string; place: string };
  /** whether this process sends the outbox and runs the scheduler (every process may: they claim rows) */
  workers: boolean;
  /** the outbox (modules/outbox): how often it is polled, how long a claim lasts, retry backoff */
  outbox: { pollMs: number; leaseMs: number; retryBaseMs: number; retryMaxMs: number; maxAttempts: number; batch: number };
  /** how often the scheduler looks for due jobs (reminders, automatic phase moves, digests) */
  schedulerIntervalMs: number;
  /** the hour (in defaultTimeZone) at which daily digests go out */
  digestHour: number;
  /** API tokens: days before expiry at which their creator is told */
  tokenExpiryNoticeDays: number;
  /** how long a process keeps a public page's data (modules/public/page-cache.ts); 0: never */
  publicCacheMs: number;
  /** the clock's offset from real time (common/clock.ts); tests only, refused in production */
  clockOffsetMs: number;
}

type Env = Record<string, string | undefined>;

/** A line printed on the reports: trimmed, one line, at most 120 characters. */
function reportText(env: Env, name: string, fallback: string): string {
  const v = (env[name] ?? '').trim();
  if (!v) return fallback;
  if (v.length > 120 || /[\r\n]/.test(v)) throw new Error(`Configuration: ${name} must be one line of at most 120 characters.`);
  return v;
}

/** EVIDENCE_TYPES: extensions separated by commas or spaces ("pdf, docx, png"), each a known type. */
function evidenceTypes(env: Env): string[] {
  const raw = env.EVIDENCE_TYPES;
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_EVIDENCE_TYPES];
  const list = [...new Set(raw.split(/[\s,;]+/).map((x) => x.trim().replace(/^\./, '').toLowerCase()).filter(Boolean))];
  const unknown = list.filter((x) => !KNOWN_EVIDENCE_TYPES.includes(x));
  if (unknown.length || !list.length) {
    throw new Error(`Configuration: EVIDENCE_TYPES may list only ${KNOWN_EVIDENCE_TYPES.join(', ')}; got "${raw}".`);
  }
  return list;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`Configuration: ${name} must be an integer between ${min} and ${max}, got "${raw}".`);
  }
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`Configuration: ${name} must be true or false, got "${raw}".`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new Error(`Configuration: ${name} must be one of ${allowed.join(', ')}, got "${raw}".`);
  return raw as T;
}

/** The token secret: given, or generated once and kept in the data folder. */
function tokenSecretFrom(env: Env, dataDir: string): string {
  if (env.TOKEN_SECRET) {
    if (env.TOKEN_SECRET.length < 32) throw new Error('Configuration: TOKEN_SECRET must be at least 32 characters.');
    return env.TOKEN_SECRET;
  }
  const file = join(dataDir, 'token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** An IANA time zone that this Node.js knows, or an error naming the setting. */
export function assertTimeZone(name: string, zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new Error(`Configuration: ${name} must be an IANA time zone such as Asia/Ho_Chi_Minh, got "${zone}".`);
  }
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR ?? join(__dirname, '..', '..', 'data'));
  const databaseUrl = overrides.databaseUrl !== undefined ? overrides.databaseUrl : env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('Configuration: DATABASE_URL must be a postgres:// URL.');
  }
  const redisUrl = overrides.redisUrl !== undefined ? overrides.redisUrl : env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new Error('Configuration: REDIS_URL must be a redis:// URL.');
  const adminEmail = env.ADMIN_EMAIL || null;
  const adminPassword = env.ADMIN_PASSWORD || null;
  if ((adminEmail === null) !== (adminPassword === null)) {
    throw new Error('Configuration: ADMIN_EMAIL and ADMIN_PASSWORD go together.');
  }
  if (adminPassword !== null && adminPassword.length < 12) {
    throw new Error('Configuration: ADMIN_PASSWORD must be at least 12 characters (the password policy of an ADMIN).');
  }
  const base: Config = {
    env: nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 4000, 0, 65535),
    dataDir,
    databaseUrl,
    sqlitePath: env.SQLITE_PATH || join(dataDir, 'chamdiem.sqlite'),
    redisUrl,
    redisPrefix: env.REDIS_PREFIX || 'chamdiem:',
    redisCommandTimeoutMs: int(env, 'REDIS_COMMAND_TIMEOUT_MS', 1000, 50, 60_000),
    liveWindowMs: int(env, 'LIVE_WINDOW_MS', 50, 0, 5000),
    presenceTtlMs: int(env, 'PRESENCE_TTL_MS', 15000, 1000, 600000),
    tokenSecret: '',
    tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 12 * 3600, 60, 90 * 24 * 3600),
    viewerCacheMs: int(env, 'VIEWER_CACHE_SECONDS', 60, 0, 3600) * 1000,
    passwordResetTtlSeconds: int(env, 'PASSWORD_RESET_TTL_SECONDS', 24 * 3600, 60, 30 * 24 * 3600),
    demoData: bool(env, 'DEMO_DATA', nodeEnv !== 'production'),
    adminEmail,
    adminPassword,
    passwordHashMemoryKiB: int(env, 'PASSWORD_HASH_MEMORY_KIB', 19456, 1024, 1 << 21),
    clientDir: resolve(env.CLIENT_DIR || join(__dirname, '..', '..', 'client', 'dist')),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    limits: {
      maxDepth: int(env, 'LIMIT_MAX_DEPTH', 12, 2, 100),
      maxAliases: int(env, 'LIMIT_MAX_ALIASES', 15, 1, 1000),
      maxCost: int(env, 'LIMIT_MAX_COST', 500_000, 10, 1_000_000_000),
      listSizeTtlMs: int(env, 'LIMIT_LIST_SIZE_TTL_MS', 30_000, 0, 3_600_000),
      maxTokens: int(env, 'LIMIT_MAX_TOKENS', 3000, 50, 1_000_000),
      maxSubscriptionsPerSocket: int(env, 'LIMIT_SUBSCRIPTIONS_PER_SOCKET', 20, 1, 10_000),
      maxPayloadBytes: int(env, 'LIMIT_PAYLOAD_BYTES', 1 << 20, 1024, 100 << 20),
      statisticsPayloadBytes: int(env, 'LIMIT_STATISTICS_PAYLOAD_BYTES', 8 << 20, 1024, 100 << 20),
    },
    imports: {
      maxEntries: int(env, 'IMPORT_MAX_ZIP_ENTRIES', 1000, 1, 100_000),
      maxUnzippedBytes: int(env, 'IMPORT_MAX_UNZIPPED_BYTES', 100 << 20, 1024, 4096 << 20),
      maxCells: int(env, 'IMPORT_MAX_CELLS', 1_000_000, 10, 100_000_000),
      heapMb: int(env, 'IMPORT_HEAP_MB', 512, 32, 16_384),
      timeoutMs: int(env, 'IMPORT_TIMEOUT_MS', 30_000, 100, 600_000),
    },
    tokenBudget: {
      requestsPerMinute: int(env, 'API_TOKEN_REQUESTS_PER_MINUTE', 600, 1, 1_000_000),
      costPerMinute: int(env, 'API_TOKEN_COST_PER_MINUTE', 2_000_000, 10, 1_000_000_000_000),
    },
    login: {
      maxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
      windowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86400),
      blockSeconds: int(env, 'LOGIN_BLOCK_SECONDS', 30, 1, 3600),
      addressMaxFailures: int(env, 'LOGIN_ADDRESS_MAX_FAILURES', 100, 1, 1_000_000),
    },
    drainDelayMs: int(env, 'DRAIN_DELAY_MS', 0, 0, 600_000),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 15_000, 100, 600_000),
    evidenceDir: '',
    evidenceStore: oneOf(env, 'EVIDENCE_STORE', ['disk', 'database'] as const, 'disk'),
    evidenceMaxBytes: int(env, 'EVIDENCE_MAX_BYTES', 20 * 1024 * 1024, 1, 2 ** 31 - 1),
    evidenceTypes: evidenceTypes(env),
    publicUrl: '',
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'Chấm điểm <no-reply@chamdiem.local>',
    defaultTimeZone: assertTimeZone('TIME_ZONE', env.TIME_ZONE || 'Asia/Ho_Chi_Minh'),
    report: { issuer: reportText(env, 'REPORT_ISSUER', 'ỦY BAN NHÂN DÂN TỈNH'), place: reportText(env, 'REPORT_PLACE', '……………') },
    workers: bool(env, 'WORKERS', true),
    outbox: {
      pollMs: int(env, 'OUTBOX_POLL_MS', 2000, 10, 3_600_000),
      leaseMs: int(env, 'OUTBOX_LEASE_MS', 120_000, 1000, 3_600_000),
      retryBaseMs: int(env, 'OUTBOX_RETRY_BASE_MS', 10_000, 1, 3_600_000),
      retryMaxMs: int(env, 'OUTBOX_RETRY_MAX_MS', 3_600_000, 1, 86_400_000),
      maxAttempts: int(env, 'OUTBOX_MAX_ATTEMPTS', 20, 1, 1000),
      batch: int(env, 'OUTBOX_BATCH', 20, 1, 1000),
    },
    schedulerIntervalMs: int(env, 'SCHEDULER_INTERVAL_MS', 60_000, 10, 86_400_000),
    digestHour: int(env, 'DIGEST_HOUR', 7, 0, 23),
    tokenExpiryNoticeDays: int(env, 'TOKEN_EXPIRY_NOTICE_DAYS', 7, 1, 365),
    publicCacheMs: int(env, 'PUBLIC_CACHE_MS', 5000, 0, 600_000),
    clockOffsetMs: int(env, 'CLOCK_OFFSET_MS', 0, -(2 ** 52), 2 ** 52),
  };
  if (base.smtpUrl && !/^smtps?:\/\//.test(base.smtpUrl)) throw new Error('Configuration: SMTP_URL must be an smtp:// or smtps:// URL.');
  if (nodeEnv === 'production' && base.clockOffsetMs !== 0) throw new Error('Configuration: CLOCK_OFFSET_MS is for tests; production runs on real time.');
  const merged = { ...base, ...overrides };
  if (merged.tokenBudget.costPerMinute < merged.limits.maxCost) {
    // an unset budget follows a raised operation limit; a budget set below it is a mistake
    if (env.API_TOKEN_COST_PER_MINUTE === undefined && !overrides.tokenBudget) merged.tokenBudget = { ...merged.tokenBudget, costPerMinute: merged.limits.maxCost };
    else throw new Error('Configuration: API_TOKEN_COST_PER_MINUTE must be at least LIMIT_MAX_COST, or an operation within the limit could never run.');
  }
  if (!merged.publicUrl) {
    const raw = env.PUBLIC_URL || `http://${merged.host === '0.0.0.0' ? '127.0.0.1' : merged.host}:${merged.port}`;
    if (!/^https?:\/\/[^\s]+$/.test(raw)) throw new Error(`Configuration: PUBLIC_URL must be an http(s):// address, got "${raw}".`);
    merged.publicUrl = raw.replace(/\/+$/, '');
  }
  merged.tokenSecret = overrides.tokenSecret ?? tokenSecretFrom(env, merged.dataDir);
  merged.evidenceDir = resolve(overrides.evidenceDir || env.EVIDENCE_DIR || join(merged.dataDir, 'evidence'));
  return merged;
}
