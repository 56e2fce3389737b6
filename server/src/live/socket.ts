import type { Server } from 'node:http';
import { createSourceEventStream, execute, GraphQLError, specifiedRules, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { bearer, verifyTokenClaims, viewerFrom, type Viewer } from '../common/auth';
import type { Context } from '../common/context';
import { isUnavailable } from '../common/errors';
import { refuseUnsafeInput } from '../common/input-safety';
import { costLimit, parseOptions, validationRules } from '../common/limits';
import type { Logger } from '../common/logger';
import { heldOn, memoOn } from '../common/memo';
import type { Config } from '../config';
import type { Orm } from '../orm';
import type { LoginGuard } from '../modules/user/login-guard';
import { OperationCache } from './documents';
import { CLOSE_EXPIRED, CLOSE_FORBIDDEN, CLOSE_REVOKED, CLOSE_SIGNED_OUT, type WatchedSocket } from './guard';
import type { Live } from './live';
import { SharedPayload } from './shared-payload';
import { Subscriber } from './subscriber';
import { serveGraphqlWs, type SocketExtra } from './transport';

/**
 * Kept on the objects of one event (common/memo.ts, not in WeakMaps whose values lead back to
 * their keys): on the hub's batch, its executions per document, per operation name and
 * variables; on an execution's result, its message serialized once (shared-payload.ts).
 */
const EXECUTIONS = Symbol('executions of this event');
const SERIALIZED = Symbol('serialized once');

type Em = Context['em'];
type Extra = SocketExtra & { viewer: Viewer; authorization: unknown; watched?: WatchedSocket };

/**
 * One socket operation's context. Its entity manager is forked when first used and let go once a
 * subscription has started, so that an idle subscription holds no identity map.
 */
class SocketContext implements Context {
  private forked: Em | null = null;

  constructor(
    readonly viewer: Viewer,
    readonly ip: string,
    readonly config: Config,
    readonly log: Logger,
    readonly live: Live,
    readonly loginGuard: LoginGuard,
    readonly fork: () => Em,
  ) {}

  get em(): Em {
    return (this.forked ??= this.fork());
  }

  release(): void {
    this.forked?.clear();
    this.forked = null;
  }
}

/**
 * graphql-ws on the HTTP server's port and path. A socket authenticates with
 * connectionParams.authorization ("Bearer <token>") or is closed; each subscription is
 * authorized when it starts (in its subscribe function). An event's result is executed and
 * serialized once per distinct selection and shared by every subscriber that asked for the same thing.
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
  checkCost: ReturnType<typeof costLimit>['check'],
) {
  const operations = new OperationCache(schema, [...specifiedRules, ...validationRules(config)], parseOptions(config));
  const fork = () => orm.em.fork() as Em;
  const sockets = { open: 0 };

  /**
   * The socket lives as long as its credentials: closed (4401) when its sign-in token expires,
   * (4403) when its API token is revoked; `recheck` is asked after an outage of the bus that
   * carries revocations (live/guard.ts).
   */
  const watchCredentials = (extra: Extra): void => {
    const { viewer, authorization } = extra;
    const token = bearer(authorization);
    const claims = viewer.integrator || !token ? null : verifyTokenClaims(config, token);
    const exp = viewer.integrator ? null : (claims?.exp ?? 0);
    const watched: WatchedSocket = {
      userId: viewer.id,
      tokenId: viewer.integrator?.tokenId ?? null,
      epoch: claims?.epoch ?? 0,
      close: extra.close,
      recheck: async () => {
        try {
          return (await viewerFrom(config, fork(), authorization)) ? null : CLOSE_FORBIDDEN;
        } catch (e) {
          if (isUnavailable(e)) return null; // an outage is not a refusal: checked again next time
          if (viewer.integrator) return CLOSE_REVOKED;
          return exp !== null && exp * 1000 <= Date.now() ? CLOSE_EXPIRED : CLOSE_SIGNED_OUT;
        }
      },
    };
    extra.watched = watched;
    live.access.watchSocket(watched, exp === null ? null : exp * 1000);
  };

  const transport = serveGraphqlWs<Extra>(
    server,
    {
      schema,
      onConnect: async (ctx) => {
        try {
          const authorization = ctx.connectionParams?.authorization;
          const viewer = await viewerFrom(config, fork(), authorization, live.access.viewers);
          if (!viewer) return false;
          Object.assign(ctx.extra, { viewer, authorization });
          watchCredentials(ctx.extra);
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
        const open = Object.keys(ctx.subscriptions).length;
        if (open > config.limits.maxSubscriptionsPerSocket) {
          return [new GraphQLError(`At most ${config.limits.maxSubscriptionsPerSocket} operations at once on one socket.`, { extensions: { code: 'BAD_REQUEST' } })];
        }
        try {
          ctx.extra.viewer = (await viewerFrom(config, fork(), ctx.extra.authorization, live.access.viewers))!;
        } catch (e) {
          return [e as GraphQLError];
        }
        const op = operations.get(payload.query);
        if (!('document' in op)) return [...op];
        const { query, document } = op;
        const unsafe = refuseUnsafeInput(document, payload.variables);
        if (unsafe) return [unsafe];
        const tooCostly = await checkCost(document, payload.operationName, payload.variables, ctx.extra.viewer);
        if (tooCostly) return [tooCostly];
        (payload as { query: string }).query = query; // graphql-ws keeps the message: let it keep the shared copy of the text
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      onClose: (ctx) => {
        if (ctx.extra.watched) live.access.unwatchSocket(ctx.extra.watched);
      },
      context: (ctx): Context => new SocketContext(ctx.extra.viewer, ctx.extra.ip, config, log, live, loginGuard, fork),
      subscribe: async (args: ExecutionArgs) => {
        let stream;
        try {
          stream = await createSourceEventStream(args);
        } finally {
          (args.contextValue as SocketContext).release();
        }
        if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
        const key = JSON.stringify([args.operationName ?? null, args.variableValues ?? {}]);
        const run = (payload: unknown): Promise<ExecutionResult> => {
          if (typeof payload !== 'object' || payload === null) return Promise.resolve(execute({ ...args, rootValue: payload }));
          const byDocument = memoOn(payload, EXECUTIONS, () => new Map<DocumentNode, Map<string, Promise<ExecutionResult>>>());
          let byKey = byDocument.get(args.document);
          if (!byKey) byDocument.set(args.document, (byKey = new Map()));
          let result = byKey.get(key);
          if (!result) {
            result = Promise.resolve(execute({ ...args, rootValue: payload })).then((r) => {
              if (!r.errors?.length) memoOn(r, SERIALIZED, () => new SharedPayload(r));
              return r;
            });
            byKey.set(key, result);
          }
          return result;
        };
        if (stream instanceof Subscriber) {
          stream.map = run;
          return stream;
        }
        return mapAsync(stream as AsyncIterableIterator<unknown>, run);
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)) as never,
      onNext: (_ctx, _id, _payload, _args, result) => {
        const sharedPayload = heldOn<SharedPayload>(result, SERIALIZED);
        if (sharedPayload) return sharedPayload as never;
        if (!('errors' in result) || !result.errors?.length) return result;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } as never;
      },
    },
    { maxPayload: config.limits.maxPayloadBytes, log },
  );
  transport.wss.on('connection', (ws) => {
    sockets.open++;
    ws.once('close', () => sockets.open--);
  });

  return {
    get openSockets() {
      return sockets.open;
    },
    close: () => transport.close(),
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
