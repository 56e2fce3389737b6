import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './socket';

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
  close(): Promise<void>;
}

/**
 * Debian's HAProxy in front of server processes on 127.0.0.1, configured as docs/deploy.md says:
 * round robin, a process taken out as soon as its /ready answers 503 (checked every 250 ms),
 * WebSocket connections tunnelled, a request whose connection failed sent to the other process.
 */
export async function startHaproxy(backends: number[]): Promise<LoadBalancer> {
  if (!existsSync(HAPROXY)) throw new Error(`${HAPROXY} is missing: apt-get install -y haproxy (.ci/run does).`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'chamdiem-haproxy-'));
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    [
      'global',
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
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
      '  default-server inter 250ms fall 1 rise 1',
      ...backends.map((p, i) => `  server s${i + 1} 127.0.0.1:${p} check`),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(HAPROXY, ['-f', cfg, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`haproxy exited: ${out}`);
      return (await fetch(`${url}/health`).catch(() => null))?.status === 200;
    },
    20_000,
    'haproxy to answer',
  );
  return {
    url,
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
