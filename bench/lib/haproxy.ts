/** Debian's HAProxy in front of server processes on 127.0.0.1: the load balancer of the cluster benchmark and of the rolling-restart test. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HAPROXY = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';

/** A free TCP port on 127.0.0.1 (free when asked: a server that takes it binds it at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface LoadBalancer {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/**
 * Configured as docs/deploy.md says: round robin, a process taken out once its /ready has
 * answered 503 twice (checked every 250 ms, a busy process given 2 s to answer), WebSocket connections tunnelled, a request whose connection
 * failed sent to the other process. `maxconn`: connections at once (each socket through it is one).
 */
export async function startHaproxy(backends: number[], { maxconn = 4096 } = {}): Promise<LoadBalancer> {
  if (!existsSync(HAPROXY)) throw new Error(`${HAPROXY} is missing: apt-get install -y haproxy (npm test's pretest and .ci/run install it).`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'chamdiem-haproxy-'));
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    [
      'global',
      `  maxconn ${maxconn}`,
      'defaults',
      '  mode http',
      `  maxconn ${maxconn}`,
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  timeout check 2s',
      '  timeout tunnel 1h',
      '  option redispatch',
      '  retries 3',
      '  retry-on conn-failure empty-response',
      'frontend chamdiem',
      `  bind 127.0.0.1:${port}`,
      '  default_backend servers',
      'backend servers',
      '  balance roundrobin',
      '  option httpchk GET /ready',
      '  http-check expect status 200',
      '  default-server inter 250ms fall 2 rise 1',
      ...backends.map((p, i) => `  server s${i + 1} 127.0.0.1:${p} check maxconn ${maxconn}`),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(HAPROXY, ['-f', cfg, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited: ${out}`);
    if ((await fetch(`${url}/health`).catch(() => null))?.status === 200) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not answer within 20 s: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid!,
    async close() {
      if (child.exitCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
