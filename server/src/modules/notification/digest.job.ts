import { ormTx } from '../../common/sql';
import type { Job } from '../scheduler/scheduler';
import { nextLocalHour } from '../scheduler/scheduler';
import { enqueue } from '../outbox/outbox.store';
import { Notification } from './notification.entity';
import { EmailDelivery, NotificationPreference } from './notification-preference.entity';

/**
 * Once a day at DIGEST_HOUR (in TIME_ZONE): for each person who chose DAILY_DIGEST for some
 * kinds, one e-mail (through the outbox) listing that day's notifications of those kinds, each
 * marked digested in the same transaction so that none goes out twice.
 */
export function digestJob(hour: number, timeZone: string): Job {
  return {
    name: 'digest',
    first: (now) => nextLocalHour(now, hour, timeZone),
    next: (now) => nextLocalHour(now, hour, timeZone),
    async run(em, now) {
      const prefs = await em.find(NotificationPreference, { email: EmailDelivery.DAILY_DIGEST });
      const byUser = new Map<string, string[]>();
      for (const p of prefs) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p.kind]);
      for (const [userId, kinds] of byUser) {
        await em.fork().transactional(async (tx) => {
          const list = await tx.find(Notification, { recipientId: userId, kind: { $in: kinds as never[] }, digestedAt: null }, { orderBy: { createdAt: 'asc' }, limit: 200 });
          if (!list.length) return;
          await ormTx(tx).run([enqueue(tx, 'email', { userId, notificationIds: list.map((n) => n.id) }, now)]);
          await tx.nativeUpdate(Notification, { id: { $in: list.map((n) => n.id) } }, { digestedAt: now });
        });
      }
      return [];
    },
  };
}
