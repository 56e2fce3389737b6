import { randomUUID } from 'node:crypto';
import { clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { rows, sqlTime } from '../../common/sql';
import type { Live } from '../../live/live';
import type { Em } from '../../orm';
import { publish, type ChangeFacts } from '../assessment/assessment.publisher';
import { announce, type Notice } from '../notification/notify';

/** A time-based job: what it does when due, and when it is due next. */
export interface Job {
  name: string;
  /** the first run, when the job has never run (default: at once) */
  first?(now: Date): Date;
  /** the next run after a run at `now` */
  next(now: Date): Date;
  /**
   * does the work (its notifications written in its own transactions); returns them for
   * announcing, and the live changes it made (an automatic phase move) for publishing
   */
  run(em: Em, now: Date): Promise<Notice[] | { notices: Notice[]; facts: ChangeFacts[] }>;
}

/** How long a process may hold a job before another may take it over (a killed process's claim lapses). */
const CLAIM_MS = 5 * 60_000;

/**
 * Time-based work (reminders, automatic phase moves, digests, token expiry) run exactly once
 * across however many server processes: each job is a row of "scheduled_job", and a process runs
 * a due job only after claiming its row with one conditional UPDATE (the row's lock on
 * PostgreSQL, the single writer on SQLite decides who wins). Jobs are also idempotent: a reminder
 * carries a dedupe key, so a job run twice (a claim that lapsed mid-run) still tells each person
 * once.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<string[]> | null = null;
  private readonly id = randomUUID();

  constructor(
    private readonly fork: () => Em,
    private readonly intervalMs: number,
    private readonly log: Logger,
    private readonly live: Live,
    readonly jobs: Job[],
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runDue().catch((e) => this.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'scheduler: run failed')), this.intervalMs);
    this.timer.unref();
  }

  /** Runs every due job this process can claim; resolves with the names of those it ran. One pass at a time. */
  runDue(): Promise<string[]> {
    if (!this.running) this.running = this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.jobs) {
      const em = this.fork();
      const now = clock.now();
      const t = sqlTime(em, now);
      await rows(em, 'insert into "scheduled_job" ("name", "next_run_at") values (?, ?) on conflict ("name") do nothing returning "name"', [job.name, sqlTime(em, job.first ? job.first(now) : now)]);
      const claimed = await rows(
        em,
        `update "scheduled_job" set "claimed_by" = ?, "claimed_until" = ? where "name" = ? and "next_run_at" <= ? and ("claimed_until" is null or "claimed_until" < ?) returning "name"`,
        [this.id, sqlTime(em, new Date(now.getTime() + CLAIM_MS)), job.name, t, t],
      );
      if (!claimed.length) continue;
      try {
        const outcome = await job.run(em, now);
        const { notices, facts } = Array.isArray(outcome) ? { notices: outcome, facts: [] } : outcome;
        await announce(this.live, notices, this.log);
        if (facts.length) await publish({ em, live: this.live, log: this.log }, facts);
        await rows(em, 'update "scheduled_job" set "next_run_at" = ?, "last_run_at" = ?, "claimed_by" = null, "claimed_until" = null where "name" = ? and "claimed_by" = ? returning "name"', [
          sqlTime(em, job.next(now)),
          t,
          job.name,
          this.id,
        ]);
        ran.push(job.name);
      } catch (e) {
        this.log.warn({ job: job.name, err: e instanceof Error ? e.message : String(e) }, 'scheduler: job failed; it runs again at the next pass');
        await rows(em, 'update "scheduled_job" set "claimed_by" = null, "claimed_until" = null where "name" = ? and "claimed_by" = ? returning "name"', [job.name, this.id]);
      }
    }
    return ran;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}

/** The next time the local hour in `timeZone` is `hour`:00, after `now`. */
export function nextLocalHour(now: Date, hour: number, timeZone: string): Date {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  const start = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  for (let h = 1; h <= 48; h++) {
    const t = new Date(start + h * 3_600_000);
    if (Number(fmt.format(t)) === hour) return t;
  }
  return new Date(start + 24 * 3_600_000);
}
