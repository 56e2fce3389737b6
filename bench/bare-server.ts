/**
 * The ceiling for live fan-out: a bare graphql-ws server (graphql-ws + ws, graphql-js, nothing
 * else) with a tiny schema whose `assessmentEvents(assessmentId)` subscription has the same
 * fields and types as Chamdiem's, so that the same subscription document runs on both and the same
 * payload goes to the same number of subscribers. No database, no authentication, no coalescing
 * window, no access checks: what graphql-ws itself costs per delivered message.
 *
 * `POST /publish {"topic": id, "event": {...}}` publishes the event on the topic with the next
 * seq (fromSeq = seq) and `at` = now, and answers `{"seq": n}`; the benchmark's writer calls it at
 * the same steady rate as it saves on the real server. Started by bench/run.ts with PORT=0:
 * prints "bare graphql-ws server at http://127.0.0.1:<port>".
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, type GraphQLFieldConfig } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const schema = buildSchema(`
  type Actor { id: ID! name: String! }
  type ScoreValue { points: Float met: Boolean tier: String numerator: Float denominator: Float figure: Float notApplicable: Boolean }
  enum EntryState { TODO DRAFT DONE }
  enum AssessmentStatus { NOT_STARTED IN_PROGRESS SUBMITTED RETURNED APPRAISED FINAL }
  type LiveEntry {
    id: ID! code: String! criterionId: ID! version: Int! value: ScoreValue selfScore: Float state: EntryState!
    comment: String notApplicable: Boolean! assigneeId: ID updatedAt: String! updatedById: ID
    round1Score: Float round1Comment: String round2Score: Float round2Comment: String explanation: String finalScore: Float
  }
  type LiveProgress {
    criterionId: ID! code: String! selfTotal: Float! maxScore: Float! leaves: Int! leavesScored: Int!
    leavesWithEvidence: Int! leavesAppraised: Int! appraisedTotal: Float!
  }
  type AssessmentEvent {
    assessmentId: ID! fromSeq: Int! seq: Int! kinds: [String!]! status: AssessmentStatus! selfTotal: Float!
    appraisedTotal: Float at: String! actor: Actor! entry: LiveEntry entries: [LiveEntry!]! progress: [LiveProgress!]!
  }
  type Query { ok: Boolean }
  type Subscription { assessmentEvents(assessmentId: ID!): AssessmentEvent! }
`);

/** topic → listeners; each listener is one subscriber's queue */
const topics = new Map<string, Set<(e: unknown) => void>>();
const seqs = new Map<string, number>();

function listen(topic: string): AsyncIterableIterator<unknown> {
  const queue: unknown[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  const push = (e: unknown) => {
    queue.push(e);
    wake?.();
  };
  let set = topics.get(topic);
  if (!set) topics.set(topic, (set = new Set()));
  set.add(push);
  const finish = () => {
    done = true;
    set!.delete(push);
    if (set!.size === 0) topics.delete(topic);
    wake?.();
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (!done && queue.length === 0) await new Promise<void>((r) => (wake = r));
      wake = null;
      if (queue.length) return { value: queue.shift(), done: false };
      return { value: undefined, done: true };
    },
    async return() {
      finish();
      return { value: undefined, done: true };
    },
    async throw(err?: unknown) {
      finish();
      throw err;
    },
  };
}

const field = schema.getSubscriptionType()!.getFields().assessmentEvents as unknown as GraphQLFieldConfig<unknown, unknown, { assessmentId: string }>;
field.subscribe = (_root, args) => listen(args.assessmentId);
field.resolve = (payload) => payload;

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/publish') {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d: string) => (body += d));
  req.on('end', () => {
    const { topic, event } = JSON.parse(body) as { topic: string; event: Record<string, unknown> };
    const seq = (seqs.get(topic) ?? 0) + 1;
    seqs.set(topic, seq);
    const e = { ...event, assessmentId: topic, fromSeq: seq, seq, at: new Date().toISOString() };
    for (const push of topics.get(topic) ?? []) push(e);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ seq }));
  });
});

const wss = new WebSocketServer({ server, path: '/graphql' });
useServer({ schema }, wss);

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`bare graphql-ws server at http://127.0.0.1:${port}\n`);
});
const stop = () => {
  for (const c of wss.clients) c.terminate();
  wss.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
