import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config';
import { rows } from '../../common/sql';
import type { Em } from '../../orm';
import type { OutboxHandler } from '../outbox/outbox.sender';
import { User } from '../user/user.entity';
import { digestMail, notificationMail, type Mail } from './email.render';
import { Notification } from './notification.entity';

/**
 * The outbox's 'email' topic: an outbox row names a notification (or a digest's notifications);
 * the mail is made when it is sent, to the recipient's current address. Its Message-ID is the
 * outbox row's, so that a message sent again after a crash is recognizably the same one.
 */
export function emailHandler(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl' | 'outbox'>): { handler: OutboxHandler; close(): void } {
  // the transport's timeouts stay well inside a claim (OUTBOX_LEASE_MS), so that a slow server
  // never lets a claim lapse while its message is still on the way
  const timeout = Math.max(1000, Math.floor(config.outbox.leaseMs / 4));
  // pooled: one connection carries many messages, rather than a new one (and its handshake) each
  const transport: Transporter = nodemailer.createTransport({
    url: config.smtpUrl!,
    pool: true,
    maxConnections: 2,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as never);
  const send = (mail: Mail, messageId: string) => transport.sendMail({ from: config.mailFrom, ...mail, messageId: `<${messageId}@chamdiem>` });
  const handler: OutboxHandler = async (message, em: Em) => {
    const p = message.payload as { notificationId?: string; userId?: string; notificationIds?: string[] };
    if (p.notificationId) {
      // one plain statement: a mail per notification is sent while people save
      const [n] = await rows<{ title: string; body: string; link: string | null; email: string; name: string }>(
        em,
        'select n."title", n."body", n."link", u."email", u."name" from "notification" n join "user" u on u."id" = n."recipient_id" where n."id" = ? and u."active" = ?',
        [p.notificationId, true],
      );
      if (!n) return; // gone, or its recipient was deactivated meanwhile
      await send(notificationMail({ email: n.email, name: n.name }, n, config.publicUrl), message.id);
      return;
    }
    if (p.userId && p.notificationIds?.length) {
      const user = await em.findOne(User, { id: p.userId, active: true });
      if (!user) return;
      const list = await em.find(Notification, { id: { $in: p.notificationIds }, recipientId: user.id }, { orderBy: { createdAt: 'asc' } });
      if (list.length) await send(digestMail(user, list, config.publicUrl), message.id);
      return;
    }
    throw new Error('an e-mail outbox row names neither a notification nor a digest');
  };
  return { handler, close: () => transport.close() };
}
