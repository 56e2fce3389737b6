import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { fromHundredths } from '../../common/decimal';
import type { LeafRule, Threshold, Tier } from '../scoring/scoring.types';
import { Framework } from './framework.entity';

export enum ScoringMethod {
  MANUAL = 'MANUAL',
  BOOLEAN = 'BOOLEAN',
  TIERS = 'TIERS',
  RATIO = 'RATIO',
  RELATIVE = 'RELATIVE',
  DEDUCTION = 'DEDUCTION',
  BONUS = 'BONUS',
}
registerEnumType(ScoringMethod, { name: 'ScoringMethod' });

@ObjectType()
export class TierOption {
  @Field(() => String)
  label!: string;

  @Field(() => Float, { description: 'Share of the max, 0–1.' })
  share!: number;
}

@ObjectType()
export class ThresholdOption {
  @Field(() => Float)
  minPercent!: number;

  @Field(() => Float, { nullable: true, description: 'Share of the max, 0–1; null when the rate itself is the share.' })
  share!: number | null;

  @Field(() => Boolean, { description: 'True when the share is the rate itself ("ratio").' })
  ratio!: boolean;
}

/** A node of a framework's tree (tiêu chí / tiêu chí thành phần / chỉ số). */
@ObjectType({ description: 'A node of a framework tree (tiêu chí); leaves have a scoring method.' })
@Entity()
@Unique({ properties: ['framework', 'code'] })
// a save finds the framework's RELATIVE leaves through it (assessment/pending.ts)
@Index({ properties: ['framework', 'method'] })
export class Criterion extends BaseEntity {
  @ManyToOne(() => Framework)
  framework!: Framework;

  /** exposed by a field resolver; indexed: a save finds the top-level nodes through it */
  @Index()
  @ManyToOne(() => Criterion, { nullable: true })
  parent?: Criterion | null;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 500 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  guidance?: string | null;

  @Property({ type: 'integer' })
  maxH!: number;

  @Field(() => ScoringMethod, { nullable: true, description: 'Null for inner nodes.' })
  @Enum({ items: () => ScoringMethod, type: 'string', nullable: true })
  method?: ScoringMethod | null;

  @Property({ type: 'integer', nullable: true })
  stepH?: number | null;

  @Property({ type: 'json', nullable: true })
  tiers?: Tier[] | null;

  @Property({ type: 'json', nullable: true })
  thresholds?: Threshold[] | null;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  evidenceRequired: boolean = false;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  allowNotApplicable: boolean = false;

  @Field(() => Boolean, {
    description: 'RATIO: a numerator above its denominator is accepted (the score stays capped at the max); otherwise it is refused.',
  })
  @Property({ type: 'boolean' })
  allowAboveFull: boolean = false;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  isLeaf!: boolean;

  @Field(() => Int, { description: '1 for a top-level group.' })
  @Property({ type: 'integer' })
  depth!: number;

  /** pre-order index in the framework: sorting by it lists the tree parents first */
  @Field(() => Int)
  @Index()
  @Property({ type: 'integer' })
  ordinal!: number;

  @Field(() => Float)
  get maxScore(): number {
    return fromHundredths(this.maxH);
  }

  @Field(() => Float, { nullable: true, description: 'MANUAL: the step of allowed values (default 0.01).' })
  get step(): number | null {
    return this.method === ScoringMethod.MANUAL ? fromHundredths(this.stepH ?? 1) : null;
  }

  @Field(() => [TierOption], { nullable: true })
  get tierOptions(): TierOption[] | null {
    return this.tiers ?? null;
  }

  @Field(() => [ThresholdOption], { nullable: true })
  get thresholdOptions(): ThresholdOption[] | null {
    return (
      this.thresholds?.map((t) => ({
        minPercent: t.minPercent,
        share: t.share === 'ratio' ? null : t.share,
        ratio: t.share === 'ratio',
      })) ?? null
    );
  }

  /** what the scoring functions need */
  rule(): LeafRule {
    return {
      code: this.code,
      method: this.method!,
      maxH: this.maxH,
      stepH: this.stepH ?? null,
      tiers: this.tiers ?? null,
      thresholds: this.thresholds ?? null,
      allowNotApplicable: this.allowNotApplicable,
      allowAboveFull: this.allowAboveFull,
    };
  }
}
