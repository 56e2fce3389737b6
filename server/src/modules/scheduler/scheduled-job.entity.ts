import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A job of the scheduler (scheduler.ts): one row per job, claimed by one process at a time
 * (a conditional UPDATE on the row), so that every job runs once across all server processes.
 */
@Entity()
export class ScheduledJob {
  @PrimaryKey({ type: 'string', length: 64 })
  name!: string;

  @Property({ type: 'datetime' })
  nextRunAt!: Date;

  @Property({ type: 'string', length: 36, nullable: true })
  claimedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  claimedUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastRunAt?: Date | null;
}
