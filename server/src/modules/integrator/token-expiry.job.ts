import { DAY_MS } from '../../common/clock';
import { tokenExpiring } from '../notification/notification.texts';
import { notifyIn } from '../notification/notify';
import type { Job } from '../scheduler/scheduler';
import { ApiToken } from './api-token.entity';

/** Tells the ADMIN who issued an API token, `noticeDays` before it expires, once per expiry. */
export function tokenExpiryJob(intervalMs: number, noticeDays: number, timeZone: string): Job {
  return {
    name: 'token-expiry',
    next: (now) => new Date(now.getTime() + intervalMs),
    async run(em, now) {
      const soon = await em.find(ApiToken, { revokedAt: null, createdBy: { $ne: null }, expiresAt: { $gt: now, $lte: new Date(now.getTime() + noticeDays * DAY_MS) } });
      if (!soon.length) return [];
      const drafts = soon.map((t) => tokenExpiring(t.createdBy!.id, { id: t.id, name: t.name, prefix: t.prefix, expiresAt: t.expiresAt! }, timeZone));
      return em.transactional((tx) => notifyIn(tx, drafts));
    },
  };
}
