import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { fromHundredths } from '../../common/decimal';
import { UnitKind } from '../unit/unit.entity';

export enum FrameworkStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(FrameworkStatus, { name: 'FrameworkStatus' });

export enum NotApplicableMode {
  FULL = 'FULL',
  RESCALE = 'RESCALE',
}
registerEnumType(NotApplicableMode, {
  name: 'NotApplicableMode',
  description: 'FULL: an N/A leaf scores its max. RESCALE: it is dropped from the maximum and the total rescaled.',
});

@ObjectType({ description: 'A classification band: the first band whose minPercent ≤ index × 100.' })
export class Band {
  @Field(() => String)
  label!: string;

  @Field(() => Float)
  minPercent!: number;
}

/** A versioned criteria set (bộ tiêu chí); immutable once published. */
@ObjectType({ description: 'A versioned criteria set (bộ tiêu chí); immutable once published.' })
@Entity()
@Unique({ properties: ['code', 'version'] })
export class Framework extends BaseEntity {
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  code!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  version: number = 1;

  @Field(() => String)
  @Property({ type: 'string', length: 500 })
  name!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => UnitKind)
  @Enum({ items: () => UnitKind, type: 'string' })
  unitKind!: UnitKind;

  @Field(() => FrameworkStatus)
  @Enum({ items: () => FrameworkStatus, type: 'string' })
  status: FrameworkStatus = FrameworkStatus.DRAFT;

  @Field(() => NotApplicableMode)
  @Enum({ items: () => NotApplicableMode, type: 'string' })
  notApplicable: NotApplicableMode = NotApplicableMode.RESCALE;

  @Field(() => Boolean, {
    description: 'false (the default): the total is the sum of the top-level groups, not capped (a bonus may lift it above maxScore; the index is capped at 1). true: the sum is capped at maxScore.',
  })
  @Property({ type: 'boolean', default: false })
  capTotal: boolean = false;

  @Field(() => [Band])
  @Property({ type: 'json' })
  bands!: Band[];

  /** the root's maximum in hundredths */
  @Property({ type: 'integer' })
  maxH!: number;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;

  @Field(() => Float, { description: 'Total points of the framework (e.g. 170).' })
  get maxScore(): number {
    return fromHundredths(this.maxH);
  }
}
