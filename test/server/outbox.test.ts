import type { ChildProcess } from 'node:child_process';
import { clock, DAY_MS } from '../../server/src/common/clock';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { eventually } from '../helpers/socket';
import { buildWorld, type World } from '../helpers/world';
import { startServerProcess } from '../helpers/server-process';

const GRANT = `mutation($a:ID!,$u:DateTimeISO!,$r:String!){grantExtension(assessmentId:$a,phase:SELF_ASSESSMENT,until:$u,reason:$r){id}}`;

/** A server process on the test's database that sends the outbox to `smtpUrl`. */
async function startSender(t: TestApp, smtpUrl: string): Promise<ChildProcess> {
  const p = await startServerProcess(t, { SMTP_URL: smtpUrl, OUTBOX_POLL_MS: '50', OUTBOX_LEASE_MS: '8000', OUTBOX_BATCH: '3', SCHEDULER_INTERVAL_MS: '3600000' });
  return p.child;
}

const stop = (c: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM') =>
  c && c.exitCode === null && c.signalCode === null ? new Promise<void>((resolve) => (c.once('exit', () => resolve()), c.kill(signal))) : Promise.resolve();

describe('the outbox across processes', () => {
  let t: TestApp;
  let w: World;
  let smtp: TestSmtp;
  const children: ChildProcess[] = [];

  const outboxRows = async () => {
    const rows = await t.orm.em.fork().getConnection().execute(`select "id", "sent_at" from "outbox"`);
    return rows as { id: string; sent_at: unknown }[];
  };
  /** every outbox row was delivered, and exactly once (one accepted message per row, by its Message-ID) */
  const expectEachDeliveredOnce = async () => {
    const rows = await outboxRows();
    await eventually(async () => smtp.messages.length >= rows.length && (await outboxRows()).every((r) => r.sent_at != null), 60000, 'every message sent');
    const ids = smtp.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(rows.map((r) => `<${r.id}@chamdiem>`).sort());
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    // this process writes notifications and never sends (workers off): the children do
    t = await startTestApp({ smtpUrl: smtp.url, workers: false });
    w = await buildWorld(t);
    await ok(t.url, `mutation($id:ID!,$i:PeriodDeadlinesInput!){setPeriodDeadlines(id:$id,input:$i){id}}`, { id: w.periodId, i: { selfAssessmentDeadline: new Date(clock.nowMs() + DAY_MS).toISOString() } }, w.tokens.admin);
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => stop(c, 'SIGKILL')));
    await t?.close();
    await smtp?.close();
  });

  it('should deliver every notification exactly once after the sending process is killed mid-send and started again', async () => {
    smtp.stall = true;
    const first = await startSender(t, smtp.url);
    children.push(first);
    await eventually(() => smtp.stalled > 0, 30000, 'a message to be on its way');
    await stop(first, 'SIGKILL'); // mid-send: the message was never accepted
    smtp.stall = false;
    expect(smtp.messages).toHaveLength(0);
    const unsent = (await outboxRows()).filter((r) => r.sent_at == null);
    expect(unsent.length).toBeGreaterThan(0);
    const second = await startSender(t, smtp.url); // takes the rows over once the dead process's claims lapse
    children.push(second);
    await expectEachDeliveredOnce();
    await stop(second);
  });

  it('should send each message once when two processes send at the same time', async () => {
    // 10 extensions, each told to unit A's three people: 30 e-mails for two senders to share.
    // On PostgreSQL the senders run while the extensions are granted. SQLite is one process's
    // database (the embedded default): a write of this process that meets a sender's write
    // between its read and its write is refused (SQLITE_BUSY_SNAPSHOT), so there the mails are
    // queued first and the two senders then race for the same rows.
    const grant = async () => {
      for (let i = 1; i <= 10; i++) {
        await ok(t.url, GRANT, { a: w.assessmentA, u: new Date(clock.nowMs() + (1 + i) * DAY_MS).toISOString(), r: `Gia hạn lần ${i}` }, w.tokens.admin);
      }
    };
    const sqlite = !t.config.databaseUrl;
    if (sqlite) await grant();
    const [a, b] = await Promise.all([startSender(t, smtp.url), startSender(t, smtp.url)]);
    children.push(a, b);
    if (!sqlite) await grant();
    await expectEachDeliveredOnce();
    expect(smtp.messages.filter((m) => /gia hạn/i.test(m.subject ?? ''))).toHaveLength(30);
  });
});
