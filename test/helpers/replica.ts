import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { gql } from './gql';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const ENTRY = `id version selfScore state comment value{points}`;
export const PROGRESS = `criterionId selfTotal maxScore leaves leavesScored`;
export const STATE = `query($id:ID!){assessment(id:$id){seq status selfTotal entries{${ENTRY}} progress{${PROGRESS}}}}`;
export const EVENTS = `subscription($id:ID!){assessmentEvents(assessmentId:$id){fromSeq seq status selfTotal entries{${ENTRY}} progress{${PROGRESS}}}}`;

/**
 * A live copy of one assessment, kept as docs/realtime.md says: subscribe, refetch, apply the
 * events newer than the refetched seq, refetch again on a gap in fromSeq; and after a reconnect
 * (graphql-ws retries on its own, to whichever process `server()` names) the same again.
 */
export class Replica {
  seq = -1;
  status = '';
  selfTotal = 0;
  entries = new Map<string, unknown>();
  progress = new Map<string, unknown>();
  connections = 0;
  /** when each connection was made, and each close's code and time (a rolling restart's is 1001) */
  connectedAt: number[] = [];
  closes: { code: number; at: number }[] = [];
  refetches = 0;
  gaps = 0;
  errors: unknown[] = [];
  private buffer: any[] = [];
  private fetching = false;
  private again = false;
  private disposed = false;
  private readonly ws: WsClient;

  constructor(
    private readonly server: () => Promise<string>,
    private readonly token: string,
    private readonly assessmentId: string,
  ) {
    this.ws = createClient({
      url: async () => (await server()).replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 1000,
      retryWait: async () => {
        await sleep(100);
      },
      shouldRetry: () => !this.disposed,
      on: {
        connected: () => {
          this.connections++;
          this.connectedAt.push(Date.now());
          void this.refetch();
        },
        closed: (e) => {
          if (!this.disposed) this.closes.push({ code: (e as { code?: number }).code ?? 0, at: Date.now() });
        },
      },
    });
  }

  start(): void {
    this.ws.subscribe<any>(
      { query: EVENTS, variables: { id: this.assessmentId } },
      {
        next: (r) => (r.errors ? this.errors.push(...r.errors) : this.receive(r.data!.assessmentEvents)),
        error: (e) => this.errors.push(e),
        complete: () => undefined,
      },
    );
  }

  private receive(ev: any): void {
    if (this.fetching) {
      this.buffer.push(ev);
      return;
    }
    if (ev.seq <= this.seq) return; // already in the copy
    if (ev.fromSeq > this.seq + 1) {
      this.gaps++;
      this.buffer.push(ev);
      void this.refetch();
      return;
    }
    for (const e of ev.entries) this.entries.set(e.id, e);
    for (const p of ev.progress) this.progress.set(p.criterionId, p);
    this.seq = ev.seq;
    this.status = ev.status;
    this.selfTotal = ev.selfTotal;
  }

  private async refetch(): Promise<void> {
    if (this.fetching) {
      this.again = true;
      return;
    }
    this.fetching = true;
    try {
      do {
        this.again = false;
        const a = await this.fetchState();
        if (!a) return;
        this.seq = a.seq;
        this.status = a.status;
        this.selfTotal = a.selfTotal;
        this.entries = new Map(a.entries.map((e: any) => [e.id, e]));
        this.progress = new Map(a.progress.map((p: any) => [p.criterionId, p]));
        this.refetches++;
      } while (this.again);
    } finally {
      this.fetching = false;
    }
    const buffered = this.buffer.splice(0).sort((x, y) => x.seq - y.seq);
    for (const ev of buffered) this.receive(ev);
  }

  /** The assessment as the database has it, retried while no process answers. */
  private async fetchState(): Promise<any | null> {
    while (!this.disposed) {
      try {
        const r = await gql(await this.server(), STATE, { id: this.assessmentId }, this.token);
        if (!r.errors) return r.data.assessment;
      } catch {
        // the process is gone; the next one will answer
      }
      await sleep(100);
    }
    return null;
  }

  get synced(): boolean {
    return this.seq >= 0 && !this.fetching;
  }

  snapshot() {
    return normalize({ seq: this.seq, status: this.status, selfTotal: this.selfTotal, entries: [...this.entries.values()], progress: [...this.progress.values()] });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.ws.dispose();
  }
}

export function normalize(a: { seq: number; status: string; selfTotal: number; entries: any[]; progress: any[] }) {
  const entries = a.entries.map((e) => ({ id: e.id, version: e.version, selfScore: e.selfScore, state: e.state, comment: e.comment, points: e.value?.points ?? null }));
  const progress = a.progress.map((p) => ({ criterionId: p.criterionId, selfTotal: p.selfTotal, maxScore: p.maxScore, leaves: p.leaves, leavesScored: p.leavesScored }));
  return {
    seq: a.seq,
    status: a.status,
    selfTotal: a.selfTotal,
    entries: entries.sort((x, y) => x.id.localeCompare(y.id)),
    progress: progress.sort((x, y) => x.criterionId.localeCompare(y.criterionId)),
  };
}
