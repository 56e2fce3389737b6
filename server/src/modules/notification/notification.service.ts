import { pageSize } from '../../common/paging';
import type { Viewer } from '../../common/auth';
import { clock } from '../../common/clock';
import { badInput } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Notification, NotificationKind } from './notification.entity';
import { EmailDelivery, NotificationPreference } from './notification-preference.entity';
import type { MarkNotificationsReadPayload, NotificationConnection, NotificationPreferenceItem } from './notification.types';

const cursorOf = (n: Notification) => Buffer.from(`n:${n.createdAt.getTime()}:${n.id}`).toString('base64url');

/** A person's own notifications: every query and change is limited to the caller's rows. */
export class NotificationService {
  constructor(private readonly em: Em) {}

  async page(viewer: Viewer, first: number, after: string | null | undefined, unreadOnly: boolean): Promise<NotificationConnection> {
    pageSize('NotificationConnection', first);
    const where: Record<string, unknown> = { recipientId: viewer.id };
    if (unreadOnly) where.readAt = null;
    const paged: Record<string, unknown> = { ...where };
    if (after) {
      const m = /^n:(\d+):([0-9a-f-]{36})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
      if (!m) throw badInput([{ path: 'after', message: 'not a cursor of this list', code: 'INVALID_CURSOR', params: { field: 'after' } }]);
      const at = new Date(Number(m[1]));
      paged.$or = [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: m[2] } }];
    }
    const [rows, totalCount, unreadCount] = await Promise.all([
      this.em.find(Notification, paged, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 }),
      this.em.count(Notification, where),
      this.unread(viewer),
    ]);
    const page = rows.slice(0, first);
    return {
      edges: page.map((n) => ({ node: n, cursor: cursorOf(n) })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? cursorOf(page[page.length - 1]) : null },
      totalCount,
      unreadCount,
    };
  }

  unread(viewer: Viewer): Promise<number> {
    return this.em.count(Notification, { recipientId: viewer.id, readAt: null });
  }

  /** Marks the given notifications of the caller read, or all of them; someone else's ids change nothing. */
  async markRead(viewer: Viewer, ids: string[] | null | undefined, all: boolean): Promise<MarkNotificationsReadPayload> {
    if (!all && !ids?.length) throw badInput([{ path: 'ids', message: 'give the ids to mark, or all: true', code: 'REQUIRED', params: { field: 'ids' } }]);
    // a malformed id is refused even beside all: true (bad input never passes silently)
    const checked = (ids ?? []).map((id) => assertId(id, 'Notification'));
    const where: Record<string, unknown> = { recipientId: viewer.id, readAt: null };
    if (!all) where.id = { $in: checked };
    const marked = await this.em.nativeUpdate(Notification, where, { readAt: clock.now() });
    return { marked, unreadCount: await this.unread(viewer) };
  }

  /** Every kind with the caller's choice (IMMEDIATE where none is stored). */
  async preferences(viewer: Viewer): Promise<NotificationPreferenceItem[]> {
    const stored = await this.em.find(NotificationPreference, { userId: viewer.id });
    return Object.values(NotificationKind).map((kind) => ({ kind, email: stored.find((p) => p.kind === kind)?.email ?? EmailDelivery.IMMEDIATE }));
  }

  async setPreference(viewer: Viewer, kind: NotificationKind, email: EmailDelivery): Promise<NotificationPreferenceItem> {
    const existing = await this.em.findOne(NotificationPreference, { userId: viewer.id, kind });
    if (existing) Object.assign(existing, { email, updatedAt: clock.now() });
    else this.em.create(NotificationPreference, { userId: viewer.id, kind, email, updatedAt: clock.now() });
    await this.em.flush();
    return { kind, email };
  }
}
