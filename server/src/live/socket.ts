import type { Server } from 'node:http';
import {
  createSourceEventStream,
  execute,
  GraphQLError,
  parse,
  print,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { viewerFrom, type Viewer } from '../common/auth';
import { isUnavailable } from '../common/errors';
import { hasNul, NUL_MESSAGE, parseOptions, validationRules, withCode } from '../common/limits';
import type { Context } from '../common/context';
import type { Logger } from '../common/logger';
import type { Config } from '../config';
import type { Orm } from '../orm';
import type { LoginGuard } from '../modules/user/login-guard';
import type { Live } from './live';

/**
 * graphql-ws on the HTTP server's port and path. A socket authenticates with
 * connectionParams.authorization ("Bearer <token>") or is closed; each subscription is
 * authorized when it starts (in its subscribe function). An event's result is executed once per
 * distinct selection and shared by every subscriber that asked for the same thing.
 */
export function attachSocket(
  server: Server,
  schema: GraphQLSchema,
  config: Config,
  orm: Orm,
  live: Live,
  log: Logger,
  formatError: (e: any, o: unknown) => any,
  loginGuard: LoginGuard,
) {
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: config.limits.maxPayloadBytes });
  const rules = [...specifiedRules, ...validationRules(config)];
  const shared = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  const sockets = { open: 0 };
  wss.on('connection', (ws) => {
    sockets.open++;
    ws.once('close', () => sockets.open--);
  });

  type Extra = { viewer: Viewer; authorization: unknown };
  const disposable = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          const authorization = ctx.connectionParams?.authorization;
          const viewer = await viewerFrom(config, orm.em.fork() as Context['em'], authorization);
          if (!viewer) return false;
          Object.assign(ctx.extra, { viewer, authorization });
          return true;
        } catch (e) {
          // a database outage is not a refusal: close with 4500 so that clients retry
          if (isUnavailable(e)) throw e;
          return false;
        }
      },
      // the same limits as HTTP, a cap on subscriptions per socket, and the caller looked up
      // again for every operation, so that a disabled account stops at once here too
      onSubscribe: async (ctx, _id, payload) => {
        const extra = ctx.extra as unknown as Extra;
        const open = Object.keys(ctx.subscriptions).length;
        if (open > config.limits.maxSubscriptionsPerSocket) {
          return [new GraphQLError(`At most ${config.limits.maxSubscriptionsPerSocket} operations at once on one socket.`, { extensions: { code: 'BAD_REQUEST' } })];
        }
        try {
          extra.viewer = (await viewerFrom(config, orm.em.fork() as Context['em'], extra.authorization))!;
        } catch (e) {
          return [e as GraphQLError];
        }
        if (hasNul(payload)) return [new GraphQLError(NUL_MESSAGE, { extensions: { code: 'BAD_USER_INPUT' } })];
        let document;
        try {
          document = parse(payload.query, parseOptions(config));
        } catch (e) {
          return [withCode(e as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(schema, document, rules);
        if (errors.length) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: (ctx): Context => ({
        em: orm.em.fork() as Context['em'],
        viewer: (ctx.extra as { viewer: Viewer }).viewer,
        config,
        log,
        live,
        loginGuard,
        ip: ctx.extra.request.socket.remoteAddress ?? '',
        fork: () => orm.em.fork() as Context['em'],
      }),
      subscribe: async (args: ExecutionArgs) => {
        const stream = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
        const key = `${args.operationName ?? ''}\n${print(args.document)}\n${JSON.stringify(args.variableValues ?? {})}`;
        const run = (payload: unknown): Promise<ExecutionResult> => {
          if (typeof payload !== 'object' || payload === null) return Promise.resolve(execute({ ...args, rootValue: payload }));
          let byKey = shared.get(payload);
          if (!byKey) shared.set(payload, (byKey = new Map()));
          let result = byKey.get(key);
          if (!result) byKey.set(key, (result = Promise.resolve(execute({ ...args, rootValue: payload }))));
          return result;
        };
        return mapAsync(stream as AsyncIterableIterator<unknown>, run);
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)) as never,
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!('errors' in result) || !result.errors?.length) return result;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } as never;
      },
    },
    wss,
  );

  return {
    get openSockets() {
      return sockets.open;
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Maps an async iterator, passing return() through so that the source is cleaned up. */
function mapAsync<T, U>(source: AsyncIterableIterator<T>, fn: (t: T) => Promise<U>): AsyncIterableIterator<U> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const r = await source.next();
      return r.done ? { value: undefined, done: true } : { value: await fn(r.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(err?: unknown) {
      await source.return?.();
      throw err;
    },
  };
}
