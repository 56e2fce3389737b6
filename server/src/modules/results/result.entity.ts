import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { Assessment } from '../assessment/assessment.entity';
import { Period } from '../period/period.entity';

/** A group's subtotals in a result (top-level criteria). */
export interface GroupResult {
  criterionId: string;
  code: string;
  title: string;
  maxH: number;
  selfH: number;
  round1H: number | null;
  finalH: number | null;
  rank: number | null;
}

/**
 * The computed results of one assessment: totals in hundredths, index in thousandths, rank among
 * the period's units of the same kind, band, and the change against the previous period.
 */
@Entity()
@Unique({ properties: ['assessment'] })
@Index({ properties: ['period'] })
export class Result extends BaseEntity {
  @ManyToOne(() => Period)
  period!: Period;

  @ManyToOne(() => Assessment)
  assessment!: Assessment;

  @Property({ type: 'integer' })
  maxH!: number;

  @Property({ type: 'integer' })
  selfTotalH!: number;

  @Property({ type: 'integer', nullable: true })
  round1TotalH?: number | null;

  @Property({ type: 'integer', nullable: true })
  finalTotalH?: number | null;

  /** the total ranked on: final, else round 1, else self; index = it / max in thousandths */
  @Property({ type: 'integer' })
  indexK!: number;

  @Property({ type: 'integer' })
  rank!: number;

  @Property({ type: 'string', length: 100, nullable: true })
  band?: string | null;

  @Property({ type: 'integer', nullable: true })
  previousTotalH?: number | null;

  @Property({ type: 'integer', nullable: true })
  previousRank?: number | null;

  @Property({ type: 'json' })
  groups!: GroupResult[];
}
