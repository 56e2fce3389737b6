/**
 * The server's V8 heap, read from outside: the server is started with `--inspect=127.0.0.1:PORT`
 * and this asks the inspector (the DevTools protocol over a WebSocket) for the heap's size, after
 * a full garbage collection when asked, so that a leak shows as live objects and not as garbage
 * not yet collected. Nothing is added to the server for it.
 */
import WebSocket from 'ws';

export interface HeapUsage {
  /** bytes of the heap in use (live objects and, without a collection first, garbage) */
  used: number;
  /** bytes the heap has reserved */
  total: number;
}

export class Inspector {
  private seq = 0;
  private waiting = new Map<number, (r: { result?: any; error?: { message: string } }) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (m.id === undefined) return;
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }

  /** Connects to the inspector of the process listening on `port` (its first target). */
  static async connect(port: number, timeoutMs = 10_000): Promise<Inspector> {
    const deadline = Date.now() + timeoutMs;
    let url: string | null = null;
    while (!url) {
      try {
        const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
        url = list[0]?.webSocketDebuggerUrl ?? null;
      } catch {
        // not listening yet
      }
      if (!url) {
        if (Date.now() > deadline) throw new Error(`no inspector on port ${port}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Inspector(ws);
  }

  private call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`inspector: ${method} did not answer`));
      }, 60_000);
      this.waiting.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(`inspector: ${method}: ${m.error.message}`));
        else resolve(m.result as T);
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The heap now; with `collect`, after a full garbage collection (a pause in the server). */
  async heap(collect = false): Promise<HeapUsage> {
    if (collect) await this.call('HeapProfiler.collectGarbage');
    const r = await this.call<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
    return { used: r.usedSize, total: r.totalSize };
  }

  /** Starts V8's sampling CPU profiler (every `intervalUs`). */
  async startProfile(intervalUs = 1000): Promise<void> {
    await this.call('Profiler.enable');
    await this.call('Profiler.setSamplingInterval', { interval: intervalUs });
    await this.call('Profiler.start');
  }

  /** Stops it: the profile as DevTools saves it (a .cpuprofile). */
  async stopProfile(): Promise<unknown> {
    return (await this.call<{ profile: unknown }>('Profiler.stop')).profile;
  }

  close(): void {
    this.ws.close();
  }
}
