import type { Server } from 'node:http';
import {
  createSourceEventStream,
  execute,
  print,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { viewerFrom, type Viewer } from '../common/auth';
import type { Context } from '../common/context';
import type { Logger } from '../common/logger';
import type { Config } from '../config';
import type { Orm } from '../orm';
import type { Live } from './live';

/**
 * graphql-ws on the HTTP server's port and path. A socket authenticates with
 * connectionParams.authorization ("Bearer <token>") or is closed; each subscription is
 * authorized when it starts (in its subscribe function). An event's result is executed once per
 * distinct selection and shared by every subscriber that asked for the same thing.
 */
export function attachSocket(server: Server, schema: GraphQLSchema, config: Config, orm: Orm, live: Live, log: Logger, formatError: (e: any, o: unknown) => any) {
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: 1 << 20 });
  const shared = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  const sockets = { open: 0 };
  wss.on('connection', (ws) => {
    sockets.open++;
    ws.once('close', () => sockets.open--);
  });

  const disposable = useServer<Record<string, unknown>, { viewer: Viewer }>(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          const viewer = await viewerFrom(config, orm.em.fork() as Context['em'], ctx.connectionParams?.authorization);
          if (!viewer) return false;
          (ctx.extra as { viewer?: Viewer }).viewer = viewer;
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx): Context => ({
        em: orm.em.fork() as Context['em'],
        viewer: (ctx.extra as { viewer: Viewer }).viewer,
        config,
        log,
        live,
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
