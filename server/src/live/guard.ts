/**
 * Access to a live stream is checked when it starts and again whenever the user's access may
 * have changed (disabled, moved to another unit, role changed): `AccessWatch.changed(userId)`
 * reaches every process, and each of that user's streams re-checks and ends if it lost access.
 *
 * A socket lives as long as the token it signed in with: it is closed with 4401 when a sign-in
 * token expires or its session ends (`sessionsEnded`: a password changed or reset), and with 4403
 * when its API token is revoked (`tokenRevoked(tokenId)`); both reach every process. A message
 * lost while the bus (Redis) was down is made up for when it comes back: everything open is
 * re-checked (`recheckAll`).
 *
 * The same messages keep this process's cache of the people behind requests true (`viewers`,
 * common/viewer-cache.ts): a changed person is forgotten here before the message goes out, and in
 * every other process when it arrives.
 */
import type { PubSub } from '../common/pubsub';
import { ViewerCache } from '../common/viewer-cache';

export const REVOKED = Symbol('revoked');
export type Revoked = { [REVOKED]: true; reason: string };
export const isRevoked = (x: unknown): x is Revoked => typeof x === 'object' && x !== null && REVOKED in x;

/** A stream that can be ended with a Revoked marker (which its resolver turns into FORBIDDEN). */
export interface Revocable {
  revoke(marker: Revoked): void;
}

const ACCESS_TOPIC = 'access';

/** graphql-ws's close codes for a socket whose credentials ended. */
export const CLOSE_EXPIRED = { code: 4401, reason: 'Unauthorized: token expired' } as const;
export const CLOSE_REVOKED = { code: 4403, reason: 'Forbidden: token revoked' } as const;
export const CLOSE_SIGNED_OUT = { code: 4401, reason: 'Unauthorized: session ended' } as const;
export const CLOSE_FORBIDDEN = { code: 4403, reason: 'Forbidden: account disabled or signed out' } as const;

/** An open socket as the watch knows it: whose it is, with which API token, and how to end it. */
export interface WatchedSocket {
  userId: string;
  /** the integrator's API token, if it signed in with one */
  tokenId: string | null;
  /** the session epoch of its sign-in token (User.sessionEpoch) */
  epoch: number;
  close(code: number, reason: string): void;
  /** re-checks the socket's credentials: null when they still hold, else why it ends */
  recheck(): Promise<{ code: number; reason: string } | null>;
}

/** setTimeout's longest delay (about 24.8 days); a later expiry is re-armed when it fires. */
const MAX_DELAY = 2 ** 31 - 1;

type AccessMessage = { userId: string; epoch?: number } | { tokenId: string };

export class AccessWatch {
  private readonly watchers = new Map<string, Map<Revocable, () => Promise<boolean>>>();
  /** open sockets, with their expiry timer if any */
  private readonly sockets = new Map<WatchedSocket, NodeJS.Timeout | null>();
  private readonly byToken = new Map<string, Set<WatchedSocket>>();
  private unsubscribe: Promise<() => Promise<void>>;
  /** the people behind requests, as last read (viewerFrom's cache) */
  readonly viewers: ViewerCache;

  constructor(
    private readonly pubsub: PubSub,
    viewerCacheMs = 0,
  ) {
    this.viewers = new ViewerCache({ ttlMs: viewerCacheMs, max: 100_000, listening: () => pubsub.listening() });
    this.unsubscribe = pubsub.subscribe(ACCESS_TOPIC, (msg: AccessMessage) => {
      if ('userId' in msg) this.viewers.forget(msg.userId);
      if ('tokenId' in msg) {
        for (const socket of this.byToken.get(msg.tokenId) ?? []) socket.close(CLOSE_REVOKED.code, CLOSE_REVOKED.reason);
        return;
      }
      if (msg.epoch !== undefined) {
        for (const socket of this.sockets.keys()) {
          if (socket.userId === msg.userId && !socket.tokenId && socket.epoch < msg.epoch) socket.close(CLOSE_SIGNED_OUT.code, CLOSE_SIGNED_OUT.reason);
        }
        return;
      }
      for (const [stream, stillAllowed] of this.watchers.get(msg.userId) ?? []) this.recheck(stream, stillAllowed);
    });
    // access changes published while the bus was down never came: re-check everything open
    pubsub.onReconnect(() => {
      this.viewers.clear();
      void this.recheckAll();
    });
  }

  /**
   * Every open stream and socket asks again whether it may go on (after a bus outage), a few at
   * a time so that thousands of sockets do not take every database connection at once.
   */
  async recheckAll(concurrency = 8): Promise<void> {
    const pool = async (jobs: (() => Promise<void>)[]) => {
      let next = 0;
      const worker = async () => {
        while (next < jobs.length) await jobs[next++]();
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
    };
    // sockets first: a socket whose credentials ended closes with its own code (4401/4403); had
    // its streams been ended first, the client, left with no operation, could close it itself
    // (1000) before the code arrived, and never learn why
    await pool(
      [...this.sockets.keys()].map((socket) => async () => {
        if (!this.sockets.has(socket)) return;
        const end = await socket.recheck().catch(() => null);
        if (end) socket.close(end.code, end.reason);
      }),
    );
    const streams: (() => Promise<void>)[] = [];
    for (const watched of this.watchers.values()) {
      for (const [stream, stillAllowed] of watched) streams.push(() => this.recheck(stream, stillAllowed));
    }
    await pool(streams);
  }

  /** Tell every process that this user's sessions before `epoch` ended (a password change or reset): their sockets close. */
  async sessionsEnded(userId: string, epoch: number): Promise<void> {
    this.viewers.forget(userId);
    await this.pubsub.publish(ACCESS_TOPIC, { userId, epoch });
  }

  /** Tell every process that this API token is revoked: the sockets signed in with it close. */
  async tokenRevoked(tokenId: string): Promise<void> {
    await this.pubsub.publish(ACCESS_TOPIC, { tokenId });
  }

  /** Watches an open socket until `unwatchSocket`; `expiresAt` (epoch ms) closes it with 4401. */
  watchSocket(socket: WatchedSocket, expiresAt: number | null): void {
    this.sockets.set(socket, expiresAt === null || !Number.isFinite(expiresAt) ? null : this.expiry(socket, expiresAt));
    if (socket.tokenId) {
      let set = this.byToken.get(socket.tokenId);
      if (!set) this.byToken.set(socket.tokenId, (set = new Set()));
      set.add(socket);
    }
  }

  unwatchSocket(socket: WatchedSocket): void {
    const timer = this.sockets.get(socket);
    if (timer) clearTimeout(timer);
    this.sockets.delete(socket);
    const set = socket.tokenId ? this.byToken.get(socket.tokenId) : undefined;
    if (set?.delete(socket) && set.size === 0) this.byToken.delete(socket.tokenId!);
  }

  private expiry(socket: WatchedSocket, expiresAt: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      if (!this.sockets.has(socket)) return;
      if (Date.now() < expiresAt) this.sockets.set(socket, this.expiry(socket, expiresAt));
      else socket.close(CLOSE_EXPIRED.code, CLOSE_EXPIRED.reason);
    }, Math.min(Math.max(expiresAt - Date.now(), 0), MAX_DELAY));
    timer.unref();
    return timer;
  }

  /** Tell every process that this user's access changed. */
  async changed(userId: string): Promise<void> {
    this.viewers.forget(userId);
    await this.pubsub.publish(ACCESS_TOPIC, { userId });
  }

  /** When this user's access changes, `stillAllowed` is asked; if it says no (or fails), the stream is revoked. */
  watch(userId: string, stream: Revocable, stillAllowed: () => Promise<boolean>): void {
    let streams = this.watchers.get(userId);
    if (!streams) this.watchers.set(userId, (streams = new Map()));
    streams.set(stream, stillAllowed);
  }

  unwatch(userId: string, stream: Revocable): void {
    const streams = this.watchers.get(userId);
    if (streams?.delete(stream) && streams.size === 0) this.watchers.delete(userId);
  }

  private recheck(stream: Revocable, stillAllowed: () => Promise<boolean>): Promise<void> {
    return stillAllowed()
      .catch(() => false)
      .then((ok) => {
        if (!ok) stream.revoke({ [REVOKED]: true, reason: 'Your access to this stream has been withdrawn.' });
      });
  }

  async close(): Promise<void> {
    for (const timer of this.sockets.values()) if (timer) clearTimeout(timer);
    this.sockets.clear();
    this.byToken.clear();
    this.watchers.clear();
    await (await this.unsubscribe)();
  }
}
