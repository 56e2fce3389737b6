import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, sep } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { viewerFrom } from './common/auth';
import { isUnavailable, unavailable, UNAVAILABLE_MESSAGE } from './common/errors';
import { compiledExecution } from './common/executor';
import type { Context } from './common/context';
import { jsonErrors, notFoundJson } from './common/http-errors';
import { createExpressServer } from './common/http-server';
import { inputSafety } from './common/input-safety';
import { securityHeaders } from './common/security-headers';
import { costLimit, hideSuggestions, parseOptions, validationRules } from './common/limits';
import { ListSizeCounter } from './common/list-sizes';
import { createLogger, type Logger } from './common/logger';
import type { Config } from './config';
import type { Orm } from './orm';
import { createLive, type Live } from './live/live';
import { LoginGuard } from './modules/user/login-guard';
import { attachSocket } from './live/socket';
import { createSchema } from './schema';
import { evidenceRouter } from './modules/evidence/evidence.routes';
import { inspectionFileRouter } from './modules/inspection/inspection.routes';
import { explorerRouter } from './modules/integrator/explorer.routes';
import { integratorGuard } from './modules/integrator/integrator.guard';
import { graphqlBody } from './modules/integrator/statistics.body';
import { TokenBudget } from './modules/integrator/token-budget';
import { exportRoutes } from './modules/sheets/sheets.routes';
import { publicRoutes } from './modules/public/public.routes';
import { publicQueryCache } from './modules/public/public.cache-plugin';
import { clock } from './common/clock';
import type { Em } from './orm';
import { deadlineJob } from './modules/deadline/deadline.job';
import { tokenExpiryJob } from './modules/integrator/token-expiry.job';
import { digestJob } from './modules/notification/digest.job';
import { emailHandler } from './modules/notification/email.sender';
import { setEmailDelivery } from './modules/notification/notify';
import { OutboxSender } from './modules/outbox/outbox.sender';
import { WEBHOOK_TOPIC } from './modules/webhook/webhook.emit';
import { webhookTopic } from './modules/webhook/webhook.sender';
import { Scheduler } from './modules/scheduler/scheduler';

/** The client's folders whose files are named by their hash. */
const HASHED = ['assets', join('graphiql', 'assets')];

const KNOWN_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'PHASE_CLOSED',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'RATE_LIMITED', 'UNAVAILABLE',
]);

/** Expected errors go out as they are; anything else is logged with its stack and masked. */
export function formatError(log: Logger, config: Pick<Config, 'env'>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: hideSuggestions(formatted.message, config), extensions };
    }
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    // an unreachable database is said plainly (the client may retry), not masked
    if (isUnavailable(original)) {
      log.warn({ err: original instanceof Error ? original.message : String(original), path: formatted.path }, 'database unavailable');
      return { message: UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: 'UNAVAILABLE' } };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * A response that met an unreachable database answers 503 as a whole, wherever it met it: the
 * caller's lookup (a person not kept, common/viewer-cache.ts) or a resolver (a person kept), so
 * that clients and load balancers retry alike.
 */
const unavailableStatus: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind === 'single' && response.body.singleResult.errors?.some((e) => e.extensions?.code === 'UNAVAILABLE')) response.http.status = 503;
      },
    };
  },
};

export interface App {
  server: Server;
  live: Live;
  socket: ReturnType<typeof attachSocket>;
  /** the outbox's sender and the scheduler of this process (running when config.workers) */
  workers: { outbox: OutboxSender; scheduler: Scheduler };
  /** true once drain() began: /ready answers 503 so that a load balancer sends no more */
  readonly draining: boolean;
  /**
   * A rolling restart's stop (SIGTERM): /ready turns 503, `delayMs` later (the load balancer's
   * check interval) the process stops accepting, closes its sockets with 1001 "going away",
   * finishes the requests in flight and closes.
   */
  drain(delayMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Express + Apollo on one HTTP server (the socket endpoint joins it on the same path); no listen. */
export async function createApp(config: Config, orm: Orm, log: Logger = createLogger(config.logLevel)): Promise<App> {
  const schema = await createSchema();
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  const server = createExpressServer(app);
  // longer than the clients' and proxies' idle timeouts, so that a reused connection is not
  // closed under a request in flight
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const live = createLive(config, log);
  await live.ready();
  if (config.clockOffsetMs) clock.setOffset(config.clockOffsetMs);
  // notifications go out by e-mail, through the outbox, when a mail server is configured
  setEmailDelivery(!!config.smtpUrl);
  const fork = () => orm.em.fork() as Em;
  const mail = config.smtpUrl ? emailHandler(config) : null;
  const outbox = new OutboxSender(fork, config, log, { ...(mail ? { email: mail.handler } : {}), [WEBHOOK_TOPIC]: webhookTopic(config) });
  const scheduler = new Scheduler(fork, config.schedulerIntervalMs, log, live, [
    deadlineJob(config.schedulerIntervalMs),
    tokenExpiryJob(config.schedulerIntervalMs, config.tokenExpiryNoticeDays, config.defaultTimeZone),
    ...(mail ? [digestJob(config.digestHour, config.defaultTimeZone)] : []),
  ]);
  if (config.workers) {
    outbox.start();
    scheduler.start();
  }
  const format = formatError(log, config);
  const loginGuard = new LoginGuard(config.login, live.redis ? { client: live.redis, prefix: config.redisPrefix } : undefined);
  const redis = live.redis ? { client: live.redis, prefix: config.redisPrefix } : undefined;
  const budget = new TokenBudget(config.tokenBudget, redis);
  const cost = costLimit(config, schema, new ListSizeCounter(() => orm.em.fork() as Context['em'], config.limits.listSizeTtlMs), budget);
  const socket = attachSocket(server, schema, config, orm, live, log, format, loginGuard, cost.check);

  const apollo = new ApolloServer<Context>({
    // compiled execution (common/executor.ts); the socket executes with graphql-js
    gateway: compiledExecution(schema),
    formatError: format,
    // introspection for signed-in people and API tokens (the explorer's docs pane); costLimit
    // refuses it to anonymous callers in production
    introspection: true,
    validationRules: validationRules(config),
    parseOptions: parseOptions(config),
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // Apollo's cache control is off: responses are per caller and never cached (but for an
    // anonymous GET of the public queries: publicQueryCache), and its hook wrapped every
    // field's resolver (a large progress tree resolves 10⁵ fields)
    // no landing page: Apollo's loads its sandbox from a CDN, which the content security policy refuses
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled(), integratorGuard, inputSafety, cost.plugin, publicQueryCache, unavailableStatus],
  });
  await apollo.start();

  // /ready: whether to send this process work: not draining, database and Redis answering
  let draining = false;
  app.get('/ready', async (_req, res) => {
    if (draining) return void res.status(503).json({ status: 'draining' });
    let timer: NodeJS.Timeout | undefined;
    const within = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('readiness check timed out')), 3000)))]);
    try {
      await within(orm.em.fork().getConnection().execute('select 1')).catch(() => Promise.reject(new Error('database')));
      clearTimeout(timer);
      if (live.redis) await within(live.redis.ping()).catch(() => Promise.reject(new Error('redis')));
      res.json({ status: 'ready' });
    } catch (e) {
      res.status(503).json({ status: 'unavailable', reason: (e as Error).message });
    } finally {
      clearTimeout(timer);
    }
  });

  // /health: the process is alive; 503 while the database is unreachable, within 3 s (a load balancer's probe does not wait)
  app.get('/health', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        orm.em.fork().getConnection().execute('select 1'),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('health check timed out')), 3000))),
      ]);
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database' });
    } finally {
      clearTimeout(timer);
    }
  });

  app.use(
    '/graphql',
    graphqlBody(config, orm),
    (req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        log.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10, op: req.body?.operationName }, 'request');
      });
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = orm.em.fork() as Context['em'];
        // the caller, unless this process keeps them, is looked up in the database: when it is
        // unreachable, the request fails as a whole (503; a kept caller meets it in a resolver: unavailableStatus)
        const viewer = await viewerFrom(config, em, req.headers.authorization, live.access.viewers).catch((e: unknown) => {
          if (!isUnavailable(e)) throw e;
          log.warn({ err: e instanceof Error ? e.message : String(e) }, 'database unavailable');
          throw unavailable(503);
        });
        return { em, viewer, config, log, live, loginGuard, ip: req.ip ?? req.socket.remoteAddress ?? '', userAgent: req.headers['user-agent'] ?? '', fork: () => orm.em.fork() as Context['em'] };
      },
    }),
  );

  // evidence files: POST /evidence (multipart upload), GET /evidence/:id (download)
  app.use('/evidence', evidenceRouter({ config, orm, live, log }));
  app.use('/inspection-files', inspectionFileRouter({ config, orm, live, log }));
  // spreadsheets and JSON: GET /export/framework/:id.xlsx|.json, /export/assessment/:id.xlsx|.csv,
  // /export/ranking/:periodId/:unitKind.xlsx|.csv
  app.use('/export', exportRoutes(config, orm, log));
  // the public results' data, without sign-in and cacheable (modules/public/public.routes.ts)
  app.use('/public/data', publicRoutes(config, orm, log));

  const clientDir = config.clientDir;
  // the API explorer (GraphiQL) at /graphiql, with its own content security policy
  const explorer = explorerRouter(clientDir);
  if (explorer) app.use('/graphiql', explorer);
  if (existsSync(join(clientDir, 'index.html'))) {
    // the bundle's file names carry its hash (the app's and the explorer's): cached for good;
    // index.html, which names them, is revalidated on every visit so that a new release is
    // picked up at once
    app.use(
      express.static(clientDir, {
        index: 'index.html',
        setHeaders: (res, path) => res.setHeader('Cache-Control', HASHED.some((dir) => path.startsWith(join(clientDir, dir, sep))) ? 'public, max-age=31536000, immutable' : 'no-cache'),
      }),
    );
    app.get(/^\/(?!graphql|health|ready).*/, (_req, res) => res.sendFile(join(clientDir, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }));
  }
  // whatever else happens answers in JSON with a code (common/http-errors.ts), never an HTML page
  app.use(notFoundJson);
  app.use(jsonErrors(log));

  const close = async () => {
    await scheduler.stop();
    await outbox.stop();
    mail?.close();
    await socket.close();
    await apollo.stop(); // stops accepting, finishes the requests in flight
    await live.close();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    server,
    live,
    socket,
    workers: { outbox, scheduler },
    get draining() {
      return draining;
    },
    async drain(delayMs = 0) {
      draining = true;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      await close();
    },
    close,
  };
}
