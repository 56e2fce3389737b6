/**
 * A lean graphql-ws client (protocol graphql-transport-ws, over the `ws` package): connection_init
 * with the token, subscribe, and for every `next` message only the few fields the benchmark needs
 * (seq, fromSeq, at) read straight from the bytes, so that thousands of subscribers in one load
 * generator cost it as little CPU as possible. Other messages (error, complete) are parsed whole.
 */
import { GRAPHQL_TRANSPORT_WS_PROTOCOL, MessageType } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * Wall-clock time in milliseconds with sub-millisecond precision, on the clock of Date.now():
 * the server stamps its events with Date.now(), and an event's latency is read against it. The
 * monotonic clock is anchored to Date.now() (its millisecond truncation taken as the middle of
 * the millisecond), and anchored again whenever the two part by more than 2 ms: the system
 * clock was set (or drifted) meanwhile. `performance.timeOrigin + performance.now()` alone
 * follows neither: in the national round of 2026-12-05 01:02 the generator's clock and the
 * server's Date.now() parted by about 600 ms, and every event read 550–610 ms before it was sent.
 */
let anchor = Date.now() + 0.5 - performance.now();
export const wallMs = (): number => {
  const mono = performance.now();
  const wall = Date.now() + 0.5;
  const apart = wall - (anchor + mono);
  if (apart > 2 || apart < -2) {
    anchor = wall - mono;
    // a slow drift between the two clocks is followed quietly; a step is said
    if (apart > 50 || apart < -50) process.stderr.write(`the system clock moved by ${apart.toFixed(1)} ms at ${new Date(wall).toISOString()}: timing follows it\n`);
  }
  return anchor + mono;
};

const SEQ = Buffer.from('"seq":');
const FROM = Buffer.from('"fromSeq":');
const AT = Buffer.from('"at":"');
const NEXT = Buffer.from(`"type":"${MessageType.Next}"`);

function intAfter(buf: Buffer, key: Buffer): number {
  const i = buf.indexOf(key);
  if (i < 0) return NaN;
  let n = 0;
  let j = i + key.length;
  let any = false;
  for (; j < buf.length; j++) {
    const c = buf[j];
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
    any = true;
  }
  return any ? n : NaN;
}

export interface NextInfo {
  seq: number;
  fromSeq: number;
  /** the event's `at` as epoch milliseconds */
  atMs: number;
  bytes: number;
}

/** seq, fromSeq and at of a `next` message; null for another message type. */
export function readNext(buf: Buffer): NextInfo | null {
  if (buf.indexOf(NEXT) < 0) return null;
  const a = buf.indexOf(AT);
  let atMs = NaN;
  if (a >= 0) {
    const start = a + AT.length;
    const end = buf.indexOf(34, start); // closing quote
    atMs = Date.parse(buf.toString('latin1', start, end));
  }
  return { seq: intAfter(buf, SEQ), fromSeq: intAfter(buf, FROM), atMs, bytes: buf.length };
}

export class LiveSocket {
  /** called for every `next` message, with the time it was read */
  onNext: (info: NextInfo, recvMs: number, raw: Buffer) => void = () => undefined;
  readonly errors: string[] = [];
  closed = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const recv = wallMs();
      const info = readNext(data);
      if (info) return this.onNext(info, recv, data);
      let msg: { type?: string; payload?: unknown; id?: string };
      try {
        msg = JSON.parse(data.toString());
      } catch {
        this.errors.push(`unparsable message: ${data.toString().slice(0, 200)}`);
        return;
      }
      if (msg.type === MessageType.Ping) ws.send(JSON.stringify({ type: MessageType.Pong }));
      else if (msg.type === MessageType.Error) this.errors.push(`error: ${JSON.stringify(msg.payload).slice(0, 300)}`);
      else if (msg.type === MessageType.Complete) this.errors.push(`complete: subscription ${msg.id} ended`);
    });
    ws.on('close', (code, reason) => {
      this.closed = true;
      if (code !== 1000) this.errors.push(`closed ${code} ${reason.toString()}`);
    });
    ws.on('error', (e) => this.errors.push(`socket error: ${e.message}`));
  }

  /** Opens a socket and waits for connection_ack. */
  static open(httpUrl: string, token: string | null, timeoutMs = 60_000): Promise<LiveSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(httpUrl.replace(/^http/, 'ws') + '/graphql', GRAPHQL_TRANSPORT_WS_PROTOCOL, { perMessageDeflate: false });
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error('graphql-ws connection_ack timed out'));
      }, timeoutMs);
      const onMessage = (data: Buffer) => {
        const msg = JSON.parse(data.toString());
        if (msg.type === MessageType.ConnectionAck) {
          clearTimeout(timer);
          ws.off('message', onMessage);
          ws.off('close', onClose);
          resolve(new LiveSocket(ws));
        }
      };
      const onClose = (code: number, reason: Buffer) => {
        clearTimeout(timer);
        reject(new Error(`socket closed before ack: ${code} ${reason.toString()}`));
      };
      ws.on('message', onMessage);
      ws.once('close', onClose);
      ws.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      ws.once('open', () => {
        ws.send(JSON.stringify({ type: MessageType.ConnectionInit, payload: token ? { authorization: `Bearer ${token}` } : {} }));
      });
    });
  }

  subscribe(id: string, query: string, variables: Record<string, unknown>): void {
    this.ws.send(JSON.stringify({ id, type: MessageType.Subscribe, payload: { query, variables } }));
  }

  close(): void {
    if (!this.closed) this.ws.close(1000);
  }

  terminate(): void {
    this.ws.terminate();
  }
}
