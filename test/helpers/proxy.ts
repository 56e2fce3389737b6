import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a shared server (PostgreSQL, Redis), so that a test can
 * make that server unreachable for the processes it starts without touching the real one, which
 * other tests use at the same time.
 *
 * `cut()` drops every connection through the proxy and refuses new ones: each is reset as soon as
 * it is accepted, so a client fails at once as with a stopped server, while the port stays the
 * proxy's (a closed port could be taken by another process before `restore()`). With
 * `{ mode: 'blackhole' }` new connections are accepted and then left silent instead, like a host
 * that vanished from the network, to exercise the clients' own timeouts. `restore()` lets
 * connections through again (and drops the ones a blackhole held). `{ mode: 'silence' }` is a
 * blackhole that keeps the open connections too, passing nothing either way: a peer that stopped
 * answering without closing anything, which only a heartbeat notices.
 */
export interface TcpProxy {
  readonly port: number;
  /** connections through the proxy now (both directions counted once) */
  readonly open: number;
  /** connections accepted since the start */
  readonly accepted: number;
  /** `url` (postgres://…, redis://…) with its host and port replaced by the proxy's */
  via(url: string): string;
  cut(opts?: { mode?: 'reset' | 'blackhole' | 'silence' }): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket | null }>();
  const held = new Set<Socket>();
  let state: 'open' | 'reset' | 'blackhole' = 'open';
  let accepted = 0;

  const server: Server = createServer((client) => {
    accepted++;
    client.on('error', () => undefined);
    if (state === 'reset') return void client.resetAndDestroy();
    if (state === 'blackhole') {
      held.add(client);
      client.once('close', () => held.delete(client));
      return;
    }
    const pair = { client, upstream: null as Socket | null };
    pairs.add(pair);
    const upstream = connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.once('close', () => {
      upstream.destroy();
      pairs.delete(pair);
    });
    upstream.once('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  const proxy: TcpProxy = {
    port,
    get open() {
      return pairs.size;
    },
    get accepted() {
      return accepted;
    },
    via(url: string) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    cut(opts = {}) {
      if (opts.mode === 'silence') {
        state = 'blackhole';
        for (const { client, upstream } of pairs) {
          client.unpipe();
          upstream?.unpipe();
          client.pause();
          upstream?.pause();
          held.add(client);
          if (upstream) held.add(upstream);
        }
        pairs.clear();
        return;
      }
      state = opts.mode ?? 'reset';
      // both ends at once: the client sees its connection end, the server its session end
      for (const { client, upstream } of pairs) {
        client.resetAndDestroy();
        upstream?.resetAndDestroy();
      }
      pairs.clear();
    },
    restore() {
      state = 'open';
      for (const s of held) s.resetAndDestroy();
      held.clear();
    },
    /** Stops for good: every connection dropped, the port released. */
    async close() {
      proxy.cut();
      for (const s of held) s.resetAndDestroy();
      held.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
