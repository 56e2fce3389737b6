import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';

/**
 * One accepted pushStatistics call, by its token and idempotency key: a retried call with the
 * same key gets the stored answer and changes nothing. Written in the call's own transaction,
 * so a call either counted and is remembered, or neither.
 */
@Entity({ tableName: 'statistic_push' })
@Unique({ properties: ['tokenId', 'idempotencyKey'] })
export class StatisticPush extends BaseEntity {
  @Property({ type: 'uuid' })
  tokenId!: string;

  @Property({ type: 'string', length: 200 })
  idempotencyKey!: string;

  /** SHA-256 of the figures, so that a key reused for other figures is refused */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  @Property({ type: 'json' })
  result!: Record<string, unknown>;
}
