/** The orchestrator's side of the load generator: a forked process driven by IPC commands. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface GenStats {
  /** the generator's CPU time during the command (process.cpuUsage), ms */
  cpuMs: number;
  wallMs: number;
  rss: number;
}

export class Generator {
  private seq = 0;
  private waiting = new Map<number, { resolve(v: any): void; reject(e: Error): void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) w.resolve(m.result);
      else w.reject(new Error(`generator: ${m.error}`));
    });
    child.on('exit', (code, signal) => {
      for (const w of this.waiting.values()) w.reject(new Error(`the load generator exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  static start(): Generator {
    const child = fork(join(__dirname, '..', 'generator.js'), [], {
      execArgv: ['--max-old-space-size=4096'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Generator(child);
  }

  call<T = any>(cmd: string, args: unknown = {}): Promise<T & { gen: GenStats }> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ id, cmd, args });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    await this.call('exit').catch(() => undefined);
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  }
}
