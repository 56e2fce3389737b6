import { randomUUID } from 'node:crypto';
import { isPostgres, rows, sqlTime, type Stmt } from '../../common/sql';
import type { Em } from '../../orm';

/**
 * The SQL of the outbox (outbox-message.entity.ts), for both databases. `enqueue` gives the
 * statement that a change runs in its own transaction; `claim` takes due rows for one sender:
 * on PostgreSQL with FOR UPDATE SKIP LOCKED (two processes never take the same row), on SQLite in
 * one conditional UPDATE (its single writer does the same). A claim carries a token and expires
 * (`claimed_until`): a sender killed mid-send leaves its rows to be claimed again once it lapses.
 */

/**
 * The statement that puts one message in the outbox, `when` a condition on other rows of the batch
 * (SQL, with its params); `id` when the caller keeps it (a webhook delivery is known by it).
 */
export function enqueue(em: Em, topic: string, payload: Record<string, unknown>, at: Date, when?: { sql: string; params: unknown[] }, id: string = randomUUID()): Stmt {
  const t = sqlTime(em, at);
  const values = [id, topic, JSON.stringify(payload), t, t];
  if (!when) return { sql: 'insert into "outbox" ("id", "topic", "payload", "created_at", "available_at", "attempts") values (?, ?, ?, ?, ?, 0)', params: values };
  return {
    sql: `insert into "outbox" ("id", "topic", "payload", "created_at", "available_at", "attempts") select ?, ?, ?, ?, ?, 0 where ${when.sql}`,
    params: [...values, ...when.params],
  };
}

export interface ClaimedMessage {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  /** this attempt's number, from 1 */
  attempts: number;
  /** when it was put in the outbox */
  createdAt: Date;
}

const DUE = `"sent_at" is null and "failed_at" is null and "available_at" <= ? and ("claimed_until" is null or "claimed_until" < ?)`;

/** Up to `limit` due messages, claimed by `token` until `until`. */
export async function claim(em: Em, token: string, now: Date, until: Date, limit: number): Promise<ClaimedMessage[]> {
  const n = sqlTime(em, now);
  if (!isPostgres(em)) {
    // a read first: an UPDATE would take SQLite's write lock even when nothing is due
    const [due] = await rows(em, `select 1 as "x" from "outbox" where ${DUE} limit 1`, [n, n]);
    if (!due) return [];
  }
  const lock = isPostgres(em) ? ' for update skip locked' : '';
  const claimed = await rows<Record<string, unknown>>(
    em,
    `update "outbox" set "claimed_by" = ?, "claimed_until" = ?, "attempts" = "attempts" + 1
      where "id" in (select "id" from "outbox" where ${DUE} order by "available_at" limit ?${lock})
      returning "id", "topic", "payload", "attempts", "created_at"`,
    [token, sqlTime(em, until), n, n, limit],
  );
  return claimed.map((r) => ({
    id: r.id as string,
    topic: r.topic as string,
    payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
    attempts: Number(r.attempts),
    createdAt: new Date(r.created_at as string | number | Date),
  }));
}

/**
 * Renews this sender's claim on one message right before it is sent, so that a batch's later
 * messages do not go out on a claim that lapsed while the earlier ones were sent; false when the
 * claim lapsed (another sender may have the message now: this one must not send it).
 */
export async function renewClaim(em: Em, id: string, token: string, now: Date, until: Date): Promise<boolean> {
  const renewed = await rows(em, 'update "outbox" set "claimed_until" = ? where "id" = ? and "claimed_by" = ? and "claimed_until" > ? and "sent_at" is null returning "id"', [
    sqlTime(em, until),
    id,
    token,
    sqlTime(em, now),
  ]);
  return renewed.length === 1;
}

/** Marks a message sent, if this sender's claim still holds it. */
export async function markSent(em: Em, id: string, token: string, at: Date): Promise<void> {
  await rows(em, 'update "outbox" set "sent_at" = ?, "claimed_by" = null, "claimed_until" = null, "last_error" = null where "id" = ? and "claimed_by" = ? returning "id"', [sqlTime(em, at), id, token]);
}

/** Puts a message back for a later attempt (`retryAt`), or gives it up (`retryAt` null). */
export async function markFailed(em: Em, id: string, token: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
  if (retryAt) {
    await rows(em, 'update "outbox" set "available_at" = ?, "claimed_by" = null, "claimed_until" = null, "last_error" = ? where "id" = ? and "claimed_by" = ? returning "id"', [sqlTime(em, retryAt), error.slice(0, 2000), id, token]);
  } else {
    await rows(em, 'update "outbox" set "failed_at" = ?, "claimed_by" = null, "claimed_until" = null, "last_error" = ? where "id" = ? and "claimed_by" = ? returning "id"', [sqlTime(em, now), error.slice(0, 2000), id, token]);
  }
}
