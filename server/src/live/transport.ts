import type { Server } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../common/logger';
import { outgoing } from './shared-payload';

/** What a socket's graphql-ws context carries besides its own: the peer's address, not the upgrade request. */
export interface SocketExtra {
  ip: string;
  /** closes the socket with a code and reason (its credentials ended) */
  close(code: number, reason: string): void;
}

const BUCKETS = 12;

/**
 * graphql-ws over ws on the HTTP server's path, as graphql-ws/use/ws does it, with what each idle
 * socket keeps cut down:
 * - the HTTP upgrade request is dropped once the connection is open (only the peer's address stays);
 * - one keep-alive timer for every socket: sockets are spread over 12 buckets, one bucket is
 *   visited per twelfth of the keep-alive period, a socket that has not answered the previous
 *   ping is terminated, the others are pinged (so a dead peer goes within two periods);
 * - no per-message-deflate (a compressor per socket);
 * - a `next` whose payload was serialized once for all its subscribers goes out as those bytes.
 */
export function serveGraphqlWs<E extends SocketExtra>(
  server: Server,
  options: ServerOptions<Record<string, unknown>, E>,
  { maxPayload, log, keepAliveMs = 12_000 }: { maxPayload: number; log: Logger; keepAliveMs?: number },
) {
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload, perMessageDeflate: false, handleProtocols });
  const graphqlWs = makeServer(options);
  const buckets = Array.from({ length: BUCKETS }, () => new Set<WebSocket>());
  const unanswered = new WeakSet<WebSocket>();
  let visit = 0;
  let joined = 0;
  const keepAlive = setInterval(() => {
    for (const ws of buckets[visit++ % BUCKETS]) {
      if (ws.readyState !== ws.OPEN) continue;
      if (unanswered.has(ws)) ws.terminate();
      else {
        unanswered.add(ws);
        ws.ping();
      }
    }
  }, keepAliveMs / BUCKETS);
  keepAlive.unref();
  function answered(this: WebSocket) {
    unanswered.delete(this);
  }
  const fail = (ws: WebSocket, err: unknown, what: string) => {
    log.error({ err }, what);
    ws.close(CloseCode.InternalServerError, 'Internal server error');
  };

  wss.on('connection', (ws, request) => {
    const bucket = buckets[joined++ % BUCKETS];
    bucket.add(ws);
    ws.on('pong', answered);
    ws.once('error', (err) => fail(ws, err, 'graphql-ws socket error'));
    const closed = graphqlWs.opened(
      {
        protocol: ws.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (ws.readyState !== ws.OPEN) return resolve();
            const out = outgoing(data);
            const done = (err?: Error) => (err ? reject(err) : resolve());
            if (typeof out === 'string') ws.send(out, done);
            else ws.send(out, { binary: false }, done);
          }),
        close: (code, reason) => ws.close(code, reason),
        onMessage: (cb) => ws.on('message', (data) => cb(String(data)).catch((err) => fail(ws, err, 'graphql-ws message failed'))),
      },
      { ip: request.socket.remoteAddress ?? '', close: (code: number, reason: string) => ws.close(code, reason) } as E,
    );
    ws.once('close', (code, reason) => {
      bucket.delete(ws);
      closed(code, String(reason)).catch((err) => log.error({ err }, 'graphql-ws close failed'));
    });
  });

  return {
    wss,
    /**
     * Closes every socket with 1001 "going away" (clients reconnect, to another process behind a
     * load balancer, and catch up by seq); a socket that has not closed within `graceMs` is cut.
     */
    async close(graceMs = 1000) {
      clearInterval(keepAlive);
      const open = [...wss.clients];
      for (const c of open) c.close(1001, 'Server restarting');
      const until = Date.now() + graceMs;
      while (open.some((c) => c.readyState !== c.CLOSED) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
