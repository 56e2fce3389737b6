import { randomUUID } from 'node:crypto';
import { clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { ormTx, sqlTime, type Stmt, type Tx } from '../../common/sql';
import type { Live } from '../../live/live';
import type { Em } from '../../orm';
import { enqueue } from '../outbox/outbox.store';
import { NotificationKind } from './notification.entity';
import { notificationTopic } from './notification.events';

/**
 * Writing notifications: always inside the transaction of the change that causes them (so that
 * one exists exactly when its cause does), with, when e-mail is on, its outbox row in the same
 * statements batch (sent by outbox.sender.ts unless the recipient chose a digest or no e-mail for
 * that kind). After commit the caller announces them on each recipient's own live topic.
 */

export interface NoticeDraft {
  recipientId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link?: string | null;
  data?: Record<string, unknown>;
  /** a reminder's identity: one notification per recipient and key, however often it is attempted */
  dedupeKey?: string | null;
}

/** A notification as written and as its live event carries it. */
export interface Notice extends Required<Omit<NoticeDraft, 'dedupeKey'>> {
  id: string;
  createdAt: Date;
  readAt: null;
}

/** Whether notifications also go out by e-mail (SMTP_URL set): set once by createApp. */
let emailOn = false;
export function setEmailDelivery(on: boolean): void {
  emailOn = on;
}

/** The statements that write `drafts`, and the notices they make, for a batch the caller runs. */
export function noticeStatements(em: Em, drafts: NoticeDraft[], at: Date = clock.now()): { statements: Stmt[]; notices: Notice[] } {
  const statements: Stmt[] = [];
  const notices: Notice[] = [];
  const t = sqlTime(em, at);
  for (const d of drafts) {
    const n: Notice = { id: randomUUID(), recipientId: d.recipientId, kind: d.kind, title: d.title.slice(0, 300), body: d.body, link: d.link ?? null, data: d.data ?? {}, createdAt: at, readAt: null };
    notices.push(n);
    statements.push({
      sql: `insert into "notification" ("id", "recipient_id", "kind", "title", "body", "link", "data", "dedupe_key", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict ("recipient_id", "dedupe_key") do nothing`,
      params: [n.id, n.recipientId, n.kind, n.title, n.body, n.link, JSON.stringify(n.data), d.dedupeKey ?? null, t],
    });
    if (emailOn) {
      // only for a notification that was written (not a repeated reminder), and unless the
      // recipient chose a digest or no e-mail for this kind
      statements.push(
        enqueue(em, 'email', { notificationId: n.id }, at, {
          sql: `exists (select 1 from "notification" where "id" = ?) and not exists (select 1 from "notification_preference" where "user_id" = ? and "kind" = ? and "email" <> 'IMMEDIATE')`,
          params: [n.id, n.recipientId, n.kind],
        }),
      );
    }
  }
  return { statements, notices };
}

/** Writes `drafts` in the caller's transaction; gives back those written (a repeated reminder is not). */
export async function notify(tx: Tx, em: Em, drafts: NoticeDraft[]): Promise<Notice[]> {
  if (!drafts.length) return [];
  const { statements, notices } = noticeStatements(em, drafts);
  const results = await tx.run(statements);
  const step = emailOn ? 2 : 1;
  return notices.filter((_, i) => results[i * step].changes === 1);
}

/** The same inside an ORM transaction (`em.transactional`). */
export function notifyIn(em: Em, drafts: NoticeDraft[]): Promise<Notice[]> {
  return notify(ormTx(em), em, drafts);
}

/**
 * After commit: each notice on its recipient's own topic. Not waited for: the change is made and
 * answered whatever the bus does (a notice that does not arrive live is still in the list, and
 * the bell refetches it). A failure is logged.
 */
export function announce(live: Live, notices: Notice[], log?: Logger): Promise<void> {
  const byRecipient = new Map<string, Notice[]>();
  for (const n of notices) byRecipient.set(n.recipientId, [...(byRecipient.get(n.recipientId) ?? []), n]);
  for (const [userId, list] of byRecipient) {
    live.hub.publish(notificationTopic(userId), { notifications: list }).catch((err) => log?.warn({ err }, 'notification not announced'));
  }
  return Promise.resolve();
}
