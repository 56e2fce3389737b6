/**
 * The load generator: a separate Node process (forked by bench/run.ts, driven over IPC) that
 * sends the load and takes the measurements, so that the server's process does nothing but serve.
 * Every command answers with its own result and the generator's CPU time while it ran
 * (process.cpuUsage), so a report can show when the generator, not the server, was the limit.
 *
 * Commands: initSaves/openLoop (open-loop arrivals of saves or no-ops), subscribe/probe/
 * fanoutWindow/closeSockets (graphql-ws subscribers and a steady writer), timed (sequential
 * single requests), mixed (the national round's mixed load: several operations at once).
 */
import { setMaxListeners } from 'node:events';
import { valueFor, type Method } from './lib/framework';
import { GqlClient } from './lib/gql';
import { LiveSocket, wallMs, type NextInfo } from './lib/live';
import { EVENTS, LOGIN, MY_ASSIGNMENTS, NOOP, PRESENCE, PROGRESS, SAVE } from './lib/ops';
import { Samples, summary } from './lib/stats';

// ---------------------------------------------------------------- shared

const pools = new Map<string, GqlClient>();
function client(url: string, connections = 64): GqlClient {
  const key = `${url}#${connections}`;
  let c = pools.get(key);
  if (!c) pools.set(key, (c = new GqlClient(url, connections)));
  return c;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let seed = 0x9e3779b9;
/** xorshift32: cheap and good enough to pick leaves and values */
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}

/**
 * Open-loop arrivals: `fire(scheduledMs)` is called `rate` times a second for `durationMs`,
 * each at its scheduled instant (a late timer fires the overdue arrivals at once, with their own
 * scheduled times, so that latency measured from them includes any delay: no coordinated omission).
 */
async function arrivals(rate: number, durationMs: number, fire: (scheduledMs: number) => void): Promise<number> {
  const interval = 1000 / rate;
  const start = wallMs();
  const end = start + durationMs;
  let next = start;
  let count = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = wallMs();
      while (next <= now && next < end) {
        fire(next);
        count++;
        next += interval;
      }
      if (next >= end) return resolve();
      setTimeout(tick, Math.max(0, next - wallMs() - 0.5));
    };
    tick();
  });
  return count;
}

// ---------------------------------------------------------------- saves (benchmark 1)

interface Leaf {
  id: string;
  method: Method;
  max: number;
  version: number;
  busy: boolean;
}
interface Writer {
  token: string;
  assessmentId: string;
  leaves: Leaf[];
}

let saveClients: Writer[] = [];
let noopTokens: string[] = [];

/** Reads every entry's version as its writer sees it (not measured). */
async function loadVersions(url: string, writers: Writer[]): Promise<void> {
  const gql = client(url, 8);
  await Promise.all(
    writers.map(async (w) => {
      const d = await gql.ok(`query($id:ID!){assessment(id:$id){entries{criterionId version}}}`, { id: w.assessmentId }, w.token);
      const v = new Map<string, number>(d.assessment.entries.map((e: { criterionId: string; version: number }) => [e.criterionId, e.version]));
      for (const l of w.leaves) l.version = v.get(l.id) ?? 0;
    }),
  );
}

function toWriters(list: { token: string; assessmentId: string; leaves: { id: string; method: Method; max: number }[] }[]): Writer[] {
  return list.map((w) => ({ token: w.token, assessmentId: w.assessmentId, leaves: w.leaves.map((l) => ({ ...l, version: 0, busy: false })) }));
}

async function initSaves(a: { url: string; writers: Parameters<typeof toWriters>[0] }) {
  saveClients = toWriters(a.writers);
  noopTokens = saveClients.map((w) => w.token);
  await loadVersions(a.url, saveClients);
  return { writers: saveClients.length, leaves: saveClients.reduce((s, w) => s + w.leaves.length, 0) };
}

/** Picks a leaf of the writer that has no save in flight (null if all are busy). */
function freeLeaf(w: Writer): Leaf | null {
  const n = w.leaves.length;
  const start = Math.floor(random() * n);
  for (let k = 0; k < n; k++) {
    const l = w.leaves[(start + k) % n];
    if (!l.busy) return l;
  }
  return null;
}

interface SaveOutcome {
  ok: boolean;
  code?: string;
  seq?: number;
}

/** One save at the leaf's tracked version; the version follows the answer (or the CONFLICT's current). */
async function saveOnce(gql: GqlClient, w: Writer, l: Leaf, signal?: AbortSignal): Promise<SaveOutcome> {
  l.busy = true;
  try {
    const r = await gql.request(SAVE, { i: { assessmentId: w.assessmentId, criterionId: l.id, expectedVersion: l.version, value: valueFor(l.method, l.max, random()) } }, w.token, signal);
    if (r.data?.saveSelfScore) {
      l.version = r.data.saveSelfScore.entry.version;
      return { ok: true, seq: r.data.saveSelfScore.seq };
    }
    const e = r.errors?.[0];
    const code = e?.extensions?.code ?? `HTTP_${r.status}`;
    const current = e?.extensions?.current as { version?: number } | undefined;
    if (code === 'CONFLICT' && typeof current?.version === 'number') l.version = current.version;
    return { ok: false, code };
  } catch (e) {
    const name = (e as Error).name;
    return { ok: false, code: name === 'AbortError' || name === 'TimeoutError' ? 'TIMEOUT' : `CLIENT_${name}` };
  } finally {
    l.busy = false;
  }
}

/** Open-loop arrivals of saves (or of the no-op) at `rate`/s for `durationMs`, then a bounded drain. */
async function openLoop(a: { url: string; op: 'save' | 'noop'; rate: number; durationMs: number; drainMs: number; connections: number; slowMs?: number }) {
  const gql = client(a.url, a.connections);
  /** with `slowMs`: every request slower than it, as [scheduled ms after the start, latency ms] */
  const slow: [number, number][] = [];
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  const lat = new Samples();
  const errors: Record<string, number> = {};
  let ok = 0;
  let lastDone = 0;
  const inflight = new Set<Promise<void>>();
  const start = wallMs();
  let i = 0;
  const sent = await arrivals(a.rate, a.durationMs, (scheduled) => {
    const n = i++;
    let p: Promise<SaveOutcome>;
    if (a.op === 'save') {
      const w = saveClients[n % saveClients.length];
      const l = freeLeaf(w);
      if (!l) {
        errors.NO_FREE_LEAF = (errors.NO_FREE_LEAF ?? 0) + 1;
        return;
      }
      p = saveOnce(gql, w, l, abort.signal);
    } else {
      const token = noopTokens[n % noopTokens.length];
      p = gql.request(NOOP, {}, token, abort.signal).then(
        (r) => (r.data?.me ? { ok: true } : { ok: false, code: r.errors?.[0]?.extensions?.code ?? `HTTP_${r.status}` }),
        (e: Error) => ({ ok: false, code: e.name === 'AbortError' ? 'TIMEOUT' : `CLIENT_${e.name}` }),
      );
    }
    const done = p.then((o) => {
      const t = wallMs();
      lastDone = t;
      if (o.ok) {
        ok++;
        lat.push(t - scheduled);
        if (a.slowMs !== undefined && t - scheduled > a.slowMs && slow.length < 5000) slow.push([scheduled - start, t - scheduled]);
      } else errors[o.code!] = (errors[o.code!] ?? 0) + 1;
      inflight.delete(done);
    });
    inflight.add(done);
  });
  const issuedEnd = wallMs();
  // drain: wait for what is in flight, at most drainMs, then abort the rest (counted as TIMEOUT)
  const drainDeadline = issuedEnd + a.drainMs;
  while (inflight.size && wallMs() < drainDeadline) await Promise.race([sleep(20), ...[...inflight].slice(0, 1)]);
  const pending = inflight.size;
  if (pending) {
    abort.abort();
    await Promise.allSettled([...inflight]);
  }
  const end = lastDone || issuedEnd;
  const s = summary(lat.values());
  return {
    op: a.op,
    offered: a.rate,
    sent,
    ok,
    errors,
    abandoned: pending,
    elapsedMs: end - start,
    throughput: ok / ((end - start) / 1000),
    latency: s,
    startedAt: start,
    slow,
  };
}

// ---------------------------------------------------------------- fan-out and memory (2, 4)

interface Sub {
  socket: LiveSocket;
  topic: number;
  /** the highest seq this socket has received */
  lastSeq: number;
}
let subs: Sub[] = [];
/** topic index → number of sockets subscribed to it */
let topicSubs: number[] = [];

/**
 * Deliveries during a measured window, kept raw (typed arrays) and matched with the writer's
 * seqs afterwards: a message may arrive before the writer has read its own save's answer.
 */
interface Window {
  /** per topic: seqs written in this window (by the writer) and when each save was sent */
  sentAt: Map<number, number>[];
  topic: Samples;
  seq: Samples;
  fromSeq: Samples;
  atMs: Samples;
  recv: Samples;
  bytes: number;
}
let window: Window | null = null;
let sample: string | null = null;
/** while a mixed load runs: every delivery's latency (receive − the event's `at`) */
let liveLatency: Samples | null = null;

function onNext(sub: Sub, info: NextInfo, recv: number, raw: Buffer): void {
  if (sample === null) sample = raw.toString();
  if (info.seq > sub.lastSeq) sub.lastSeq = info.seq;
  liveLatency?.push(recv - info.atMs);
  const w = window;
  if (!w) return;
  w.topic.push(sub.topic);
  w.seq.push(info.seq);
  w.fromSeq.push(Number.isFinite(info.fromSeq) ? info.fromSeq : info.seq);
  w.atMs.push(info.atMs);
  w.recv.push(recv);
  w.bytes += info.bytes;
}

/** Matches a window's deliveries with the writer's seqs: what was covered, and the latencies. */
function reconcile(w: Window) {
  const topic = w.topic.values();
  const seq = w.seq.values();
  const from = w.fromSeq.values();
  const at = w.atMs.values();
  const recv = w.recv.values();
  const lat = new Samples();
  const latFromSend = new Samples();
  let messages = 0;
  let covered = 0;
  let coalesced = 0;
  for (let i = 0; i < seq.length; i++) {
    const sent = w.sentAt[topic[i]];
    if (!sent || !sent.has(seq[i])) continue; // the probe's, or another window's
    messages++;
    lat.push(recv[i] - at[i]);
    if (from[i] < seq[i]) coalesced++;
    for (let s = from[i]; s <= seq[i]; s++) {
      const t = sent.get(s);
      if (t !== undefined) {
        covered++;
        latFromSend.push(recv[i] - t);
      }
    }
  }
  return { messages, covered, coalesced, lat, latFromSend };
}

/**
 * Opens `count` more sockets, each subscribed to assessmentEvents of `topics[i % topics.length]`,
 * signed in with `token` (or with `tokens[i % topics.length]`, one per topic).
 */
async function subscribe(a: { url: string; token: string | null; tokens?: string[]; topics: string[]; count: number; concurrency: number; query?: string }) {
  if (topicSubs.length !== a.topics.length) topicSubs = a.topics.map((_, t) => subs.filter((s) => s.topic === t).length);
  const started = wallMs();
  let failed = 0;
  const firstErrors: string[] = [];
  let next = 0;
  const base = subs.length;
  const worker = async () => {
    while (next < a.count) {
      const n = next++;
      const topic = (base + n) % a.topics.length;
      try {
        const socket = await LiveSocket.open(a.url, a.tokens ? a.tokens[topic] : a.token);
        const sub: Sub = { socket, topic, lastSeq: -1 };
        socket.onNext = (info, recv, raw) => onNext(sub, info, recv, raw);
        socket.subscribe('1', a.query ?? EVENTS, { id: a.topics[topic] });
        subs.push(sub);
        topicSubs[topic]++;
      } catch (e) {
        failed++;
        if (firstErrors.length < 3) firstErrors.push((e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(a.concurrency, a.count) }, worker));
  return { sockets: subs.length, opened: a.count - failed, failed, firstErrors, ms: wallMs() - started };
}

type WriterSpec =
  | { kind: 'chamdiem'; url: string; writers: Parameters<typeof toWriters>[0] }
  | { kind: 'bare'; url: string; topics: string[]; event: unknown };

let fanWriters: Writer[] = [];
let fanWriterKey = '';

/** One write to topic `t`: a save on the assessment (Chamdiem) or a publish (bare); its seq. */
async function writeOnce(spec: WriterSpec, t: number): Promise<SaveOutcome> {
  if (spec.kind === 'bare') {
    const res = await client(spec.url, 8).pool.request({
      path: '/publish',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ topic: spec.topics[t], event: spec.event }),
    });
    const body = (await res.body.json()) as { seq: number };
    return { ok: res.statusCode === 200, seq: body.seq };
  }
  const w = fanWriters[t];
  const l = freeLeaf(w);
  if (!l) return { ok: false, code: 'NO_FREE_LEAF' };
  return saveOnce(client(spec.url, 8), w, l);
}

async function prepareWriters(spec: WriterSpec): Promise<number> {
  if (spec.kind === 'bare') return spec.topics.length;
  const key = spec.url + spec.writers.map((w) => w.assessmentId).join();
  if (key !== fanWriterKey) {
    fanWriters = toWriters(spec.writers);
    await loadVersions(spec.url, fanWriters);
    fanWriterKey = key;
  }
  return fanWriters.length;
}

/** One write on every subscribed topic, then waits until every socket has seen it. */
async function probeCmd(a: { writer: WriterSpec; timeoutMs: number }) {
  const topics = await prepareWriters(a.writer);
  const target: number[] = new Array(topics).fill(Infinity);
  let expected = 0;
  for (let t = 0; t < topics; t++) {
    if (!topicSubs[t]) continue;
    const o = await writeOnce(a.writer, t);
    if (!o.ok) throw new Error(`probe write failed: ${o.code}`);
    target[t] = o.seq!;
    expected += topicSubs[t];
  }
  const reached = () => subs.reduce((n, s) => n + (s.lastSeq >= target[s.topic] ? 1 : 0), 0);
  const started = wallMs();
  const deadline = started + a.timeoutMs;
  let r = reached();
  while (r < expected && wallMs() < deadline) {
    await sleep(20);
    r = reached();
  }
  return { expected, reached: r, ms: wallMs() - started, sample };
}

/**
 * A steady writer at `rate` writes/s for `durationMs`, cycling over the topics that have
 * subscribers (or over all given topics when there are none: the K = 0 baseline); then waits for
 * every delivery (at most `graceMs`). Latency = receive time − the event's `at` (commit).
 */
async function fanoutWindow(a: { writer: WriterSpec; rate: number; durationMs: number; graceMs: number }) {
  const topics = await prepareWriters(a.writer);
  const withSubs = [...Array(topics).keys()].filter((t) => topicSubs[t] > 0);
  const cycle = withSubs.length ? withSubs : [...Array(topics).keys()];
  const w: Window = {
    sentAt: Array.from({ length: topics }, () => new Map()),
    topic: new Samples(),
    seq: new Samples(),
    fromSeq: new Samples(),
    atMs: new Samples(),
    recv: new Samples(),
    bytes: 0,
  };
  window = w;
  let writes = 0;
  let writesOk = 0;
  let expected = 0;
  const errors: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  let i = 0;
  await arrivals(a.rate, a.durationMs, () => {
    const t = cycle[i++ % cycle.length];
    writes++;
    const sentAt = wallMs();
    const p = writeOnce(a.writer, t).then((o) => {
      if (o.ok && o.seq !== undefined) {
        writesOk++;
        w.sentAt[t].set(o.seq, sentAt);
        expected += topicSubs[t] ?? 0;
      } else errors[o.code ?? 'ERROR'] = (errors[o.code ?? 'ERROR'] ?? 0) + 1;
      pending.delete(p);
    });
    pending.add(p);
  });
  await Promise.allSettled([...pending]);
  const deadline = wallMs() + a.graceMs;
  let r = reconcile(w);
  while (r.covered < expected && wallMs() < deadline) {
    await sleep(50);
    r = reconcile(w);
  }
  window = null;
  const socketErrors = subs.reduce((n, s) => n + s.socket.errors.length, 0);
  return {
    writes,
    writesOk,
    errors,
    subscribers: subs.length,
    topics: withSubs.length,
    expected,
    covered: r.covered,
    messages: r.messages,
    coalesced: r.coalesced,
    avgBytes: w.seq.length ? w.bytes / w.seq.length : 0,
    latency: summary(r.lat.values()),
    latencyFromSend: summary(r.latFromSend.values()),
    socketErrors,
    firstSocketErrors: subs.flatMap((s) => s.socket.errors).slice(0, 3),
  };
}

async function closeSockets() {
  const n = subs.length;
  for (const s of subs) s.socket.terminate();
  subs = [];
  topicSubs = [];
  sample = null;
  await sleep(200);
  return { closed: n };
}

// ---------------------------------------------------------------- single requests (3, 5)

/** Sequential requests, each timed from send to the last byte of its answer. */
async function timed(a: { url: string; requests: { query: string; variables: Record<string, unknown>; token: string }[]; warmup: number; timeoutMs?: number }) {
  const gql = client(a.url, 2);
  const ms: number[] = [];
  const errors: string[] = [];
  let bytes = 0;
  let rows = 0;
  for (let k = 0; k < a.requests.length; k++) {
    const r = a.requests[k];
    const t0 = wallMs();
    const res = await gql.request(r.query, r.variables, r.token, AbortSignal.timeout(a.timeoutMs ?? 120_000));
    const t = wallMs() - t0;
    if (res.errors?.length) {
      errors.push(`${res.errors[0].extensions?.code}: ${res.errors[0].message}`.slice(0, 300));
      continue;
    }
    if (k >= a.warmup) {
      ms.push(t);
      bytes = JSON.stringify(res.data).length;
      const first = res.data && Object.values(res.data)[0];
      rows = Array.isArray(first) ? first.length : 0;
    }
  }
  return { ms, errors, bytes, rows };
}

// ---------------------------------------------------------------- the national round's mixed load (10)

interface MixedOp {
  /** arrivals per second */
  rate: number;
}
interface MixedArgs {
  url: string;
  durationMs: number;
  /** a request not answered within this is counted as TIMEOUT */
  timeoutMs: number;
  connections: number;
  /** length of the buckets of the save latency timeline */
  bucketMs: number;
  /** saves by the writers of initSaves; the first `hot` writers get `hotShare` of them */
  save: MixedOp & { hot: number; hotShare: number };
  /** the progress tree of an assessment, read by its LEADER */
  progress: MixedOp & { readers: { token: string; assessmentId: string }[] };
  /** a STAFF's assignments */
  assignments: MixedOp & { tokens: string[] };
  /** presence refreshes: each session in turn, on its assessment and one of its criteria */
  presence: MixedOp & { sessions: { token: string; assessmentId: string; criterionId: string }[] };
  /** sign-ins with a password */
  login: MixedOp & { accounts: { email: string; password: string }[] };
}

type Outcome = { ok: boolean; code?: string };

const asOutcome = (field: string) => (r: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[]; status: number }): Outcome =>
  r.data?.[field] !== undefined && r.data?.[field] !== null ? { ok: true } : { ok: false, code: r.errors?.[0]?.extensions?.code ?? `HTTP_${r.status}` };

/**
 * Several operations at once, each with its own open-loop arrivals, for `durationMs`; the
 * subscribers opened before (subscribe) keep receiving, and every delivery's latency is kept.
 * Per operation: sent, ok, errors, latency from the scheduled instant; for saves also p99 per
 * bucket, so that a stall or a slow drift shows in time.
 */
async function mixed(a: MixedArgs) {
  const gql = client(a.url, a.connections);
  const started = wallMs();
  liveLatency = new Samples();
  const errorsBefore = subs.reduce((n, s) => n + s.socket.errors.length, 0);
  const inflight = new Set<Promise<void>>();
  const stats: Record<string, { sent: number; ok: number; errors: Record<string, number>; lat: Samples }> = {};
  const buckets: Samples[] = [];
  const run = (name: string, rate: number, fire: (n: number, signal: AbortSignal) => Promise<Outcome> | null, onLatency?: (scheduled: number, ms: number) => void) => {
    const st = (stats[name] = { sent: 0, ok: 0, errors: {} as Record<string, number>, lat: new Samples() });
    if (rate <= 0) return Promise.resolve();
    let n = 0;
    return arrivals(rate, a.durationMs, (scheduled) => {
      const signal = AbortSignal.timeout(a.timeoutMs);
      const p = fire(n++, signal);
      st.sent++;
      if (!p) {
        st.errors.NO_FREE_LEAF = (st.errors.NO_FREE_LEAF ?? 0) + 1;
        return;
      }
      const done = p
        .catch((e: Error): Outcome => ({ ok: false, code: e.name === 'TimeoutError' || e.name === 'AbortError' ? 'TIMEOUT' : `CLIENT_${(e as { code?: string }).code ?? e.name}` }))
        .then((o) => {
          if (o.ok) {
            st.ok++;
            const ms = wallMs() - scheduled;
            st.lat.push(ms);
            onLatency?.(scheduled, ms);
          } else st.errors[o.code!] = (st.errors[o.code!] ?? 0) + 1;
          inflight.delete(done);
        });
      inflight.add(done);
    });
  };
  const hot = Math.min(a.save.hot, saveClients.length);
  const pickWriter = () => (hot && random() < a.save.hotShare ? saveClients[Math.floor(random() * hot)] : saveClients[Math.floor(random() * saveClients.length)]);
  await Promise.all([
    run(
      'save',
      a.save.rate,
      (_n, signal) => {
        const w = pickWriter();
        const l = freeLeaf(w);
        return l ? saveOnce(gql, w, l, signal) : null;
      },
      (scheduled, ms) => {
        const b = Math.floor((scheduled - started) / a.bucketMs);
        (buckets[b] ??= new Samples()).push(ms);
      },
    ),
    run('progress', a.progress.rate, (_n, signal) => {
      const r = a.progress.readers[Math.floor(random() * a.progress.readers.length)];
      return gql.request(PROGRESS, { id: r.assessmentId }, r.token, signal).then(asOutcome('assessment'));
    }),
    run('myAssignments', a.assignments.rate, (n, signal) => gql.request(MY_ASSIGNMENTS, {}, a.assignments.tokens[n % a.assignments.tokens.length], signal).then(asOutcome('myAssignments'))),
    run('updatePresence', a.presence.rate, (n, signal) => {
      const s = a.presence.sessions[n % a.presence.sessions.length];
      return gql.request(PRESENCE, { id: s.assessmentId, sessionId: `bench-session-${n % a.presence.sessions.length}`, criterionId: s.criterionId }, s.token, signal).then(asOutcome('updatePresence'));
    }),
    run('login', a.login.rate, (_n, signal) => {
      const acc = a.login.accounts[Math.floor(random() * a.login.accounts.length)];
      return gql.request(LOGIN, { e: acc.email, p: acc.password }, undefined, signal).then(asOutcome('login'));
    }),
  ]);
  // what is still in flight ends by its own timeout
  await Promise.allSettled([...inflight]);
  const lat = liveLatency;
  liveLatency = null;
  const socketErrors = subs.reduce((n, s) => n + s.socket.errors.length, 0) - errorsBefore;
  return {
    elapsedMs: wallMs() - started,
    ops: Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, { sent: v.sent, ok: v.ok, errors: v.errors, latency: summary(v.lat.values()) }])),
    // Array.from visits the holes too (a bucket in which no save succeeded)
    saveTimeline: Array.from(buckets, (b, i) => ({ fromS: (i * a.bucketMs) / 1000, ...summary(b ? b.values() : []) })),
    events: { deliveries: lat.length, latency: summary(lat.values()), sockets: subs.length, socketsClosed: subs.filter((s) => s.socket.closed).length, socketErrors, firstSocketErrors: subs.flatMap((s) => s.socket.errors).slice(0, 3) },
  };
}

// ---------------------------------------------------------------- IPC

const handlers: Record<string, (a: any) => Promise<unknown>> = {
  initSaves,
  /** after a step whose abandoned saves the server still completed: read the versions again */
  async resyncSaves(a: { url: string }) {
    await loadVersions(a.url, saveClients);
    return {};
  },
  openLoop,
  subscribe,
  probe: probeCmd,
  fanoutWindow,
  closeSockets,
  timed,
  mixed,
  async exit() {
    await closeSockets();
    for (const c of pools.values()) await c.close().catch(() => undefined);
    setImmediate(() => process.exit(0));
    return {};
  },
};

process.on('message', async (msg: { id: number; cmd: string; args: unknown }) => {
  const cpu0 = process.cpuUsage();
  const t0 = wallMs();
  try {
    const result = (await handlers[msg.cmd](msg.args)) as Record<string, unknown>;
    const cpu = process.cpuUsage(cpu0);
    if (!process.connected) return;
    process.send!({ id: msg.id, ok: true, result: { ...result, gen: { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: wallMs() - t0, rss: process.memoryUsage.rss() } } });
  } catch (e) {
    if (!process.connected) return;
    process.send!({ id: msg.id, ok: false, error: (e as Error).stack ?? String(e) });
  }
});
process.on('disconnect', () => process.exit(0));
// the orchestrator went away (stopped by its watchdog or Ctrl-C): nothing left to answer
process.on('error', () => process.exit(0));
