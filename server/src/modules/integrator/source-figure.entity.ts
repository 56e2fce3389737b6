import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { fromHundredths } from '../../common/decimal';

/**
 * A figure that a system pushed for a unit's RATIO or RELATIVE indicator after the unit had
 * submitted (or once the period was past self-assessment): the unit's own figure stays as it
 * was, and this one is kept beside it as the council's source figure for appraisal. One per
 * entry; a later push replaces it.
 */
@ObjectType({ description: 'A figure pushed by another system after the unit submitted: kept beside the unit’s own figure for the council.' })
@Entity({ tableName: 'source_figure' })
@Unique({ properties: ['entryId'] })
@Index({ properties: ['assessmentId'] })
export class SourceFigure extends BaseEntity {
  @Property({ type: 'uuid' })
  entryId!: string;

  @Property({ type: 'uuid' })
  assessmentId!: string;

  @Field(() => Float, { nullable: true, description: 'RATIO' })
  @Property({ type: 'double', nullable: true })
  numerator?: number | null;

  @Field(() => Float, { nullable: true, description: 'RATIO' })
  @Property({ type: 'double', nullable: true })
  denominator?: number | null;

  @Field(() => Float, { nullable: true, description: 'RELATIVE' })
  @Property({ type: 'double', nullable: true })
  figure?: number | null;

  /** what the figure scores by the leaf's rule, in hundredths (null for RELATIVE: it depends on the period's best) */
  @Property({ type: 'integer', nullable: true })
  scoreH?: number | null;

  @Field(() => String, { description: 'The name of the API token that pushed it.' })
  @Property({ type: 'string', length: 200 })
  source!: string;

  @Field(() => String, { nullable: true, description: 'The system’s own reference for the figure (a report number, a query).' })
  @Property({ type: 'string', length: 500, nullable: true })
  sourceRef?: string | null;

  @Field(() => Float, { nullable: true, description: 'What the figure scores by the leaf’s rule (RATIO); null for RELATIVE, which depends on the period’s best figure.' })
  get score(): number | null {
    return this.scoreH == null ? null : fromHundredths(this.scoreH);
  }
}
