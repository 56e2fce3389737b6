import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { fromHundredths } from '../../common/decimal';
import type { ScoreInput } from '../scoring/scoring.types';
import { Criterion } from '../framework/criterion.entity';
import { User } from '../user/user.entity';
import { Assessment } from './assessment.entity';

export enum EntryState {
  TODO = 'TODO',
  DRAFT = 'DRAFT',
  DONE = 'DONE',
}
registerEnumType(EntryState, { name: 'EntryState' });

/** The raw input of a score as the person gave it. */
@ObjectType({ description: 'The raw input of a score: only the fields of the leaf’s method are set.' })
export class ScoreValue {
  @Field(() => Float, { nullable: true, description: 'MANUAL, DEDUCTION (≤ 0), BONUS' })
  points?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'BOOLEAN: có/không' })
  met?: boolean | null;

  @Field(() => String, { nullable: true, description: 'TIERS: the chosen tier label' })
  tier?: string | null;

  @Field(() => Float, { nullable: true, description: 'RATIO' })
  numerator?: number | null;

  @Field(() => Float, { nullable: true, description: 'RATIO' })
  denominator?: number | null;

  @Field(() => Float, { nullable: true, description: 'RELATIVE: the unit’s figure' })
  figure?: number | null;

  @Field(() => Boolean, { nullable: true })
  notApplicable?: boolean | null;
}

/** One leaf of one assessment: the self score with its raw input, and its version. */
@ObjectType({ description: 'One leaf criterion of one assessment.' })
@Entity()
@Unique({ properties: ['assessment', 'criterion'] })
export class ScoreEntry extends BaseEntity {
  @ManyToOne(() => Assessment)
  assessment!: Assessment;

  @ManyToOne(() => Criterion)
  criterion!: Criterion;

  @Field(() => ScoreValue, { name: 'value', nullable: true, description: 'The raw self input; null when not scored.' })
  @Property({ type: 'json', nullable: true })
  input?: ScoreInput | null;

  /** hundredths; null when not scored (or RELATIVE before results) */
  @Property({ type: 'integer', nullable: true })
  selfScoreH?: number | null;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  notApplicable: boolean = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field(() => EntryState)
  @Enum({ items: () => EntryState, type: 'string' })
  state: EntryState = EntryState.TODO;

  @ManyToOne(() => User, { nullable: true })
  assignee?: User | null;

  @ManyToOne(() => User, { nullable: true })
  updatedBy?: User | null;

  @Field(() => Int, { description: 'Increases on every change; pass it as expectedVersion when saving.' })
  @Property({ type: 'integer' })
  version: number = 0;

  @Field(() => Float, { nullable: true, description: 'The computed self score, two decimals.' })
  get selfScore(): number | null {
    return this.selfScoreH == null ? null : fromHundredths(this.selfScoreH);
  }
}
