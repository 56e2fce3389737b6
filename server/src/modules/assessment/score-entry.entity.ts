import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { fromHundredths } from '../../common/decimal';
import type { ScoreInput } from '../scoring/scoring.types';
import { Criterion } from '../framework/criterion.entity';
import { User } from '../user/user.entity';
import { Assessment } from './assessment.entity';
import { ScoreRevision } from './score-revision.entity';

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

  @Index()
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

  @Index()
  @ManyToOne(() => User, { nullable: true })
  assignee?: User | null;

  /** the history, loaded in one batch for many entries (exposed as `history`) */
  @OneToMany(() => ScoreRevision, (r) => r.entry)
  revisions = new Collection<ScoreRevision>(this);

  @Index()
  @ManyToOne(() => User, { nullable: true })
  updatedBy?: User | null;

  /** appraisal round 1 (APPRAISAL phase): raw input, score in hundredths, N/A, comment */
  @Property({ type: 'json', nullable: true })
  round1Input?: ScoreInput | null;

  @Property({ type: 'integer', nullable: true })
  round1ScoreH?: number | null;

  @Property({ type: 'boolean' })
  round1NotApplicable: boolean = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  round1Comment?: string | null;

  /** appraisal round 2 (FINAL_APPRAISAL phase) */
  @Property({ type: 'json', nullable: true })
  round2Input?: ScoreInput | null;

  @Property({ type: 'integer', nullable: true })
  round2ScoreH?: number | null;

  @Property({ type: 'boolean' })
  round2NotApplicable: boolean = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  round2Comment?: string | null;

  /** the unit's answer in EXPLANATION */
  @Field(() => String, { nullable: true, description: 'The unit’s explanation (EXPLANATION phase).' })
  @Property({ type: 'text', nullable: true })
  explanation?: string | null;

  /** fixed by finalizeAssessment: round 2 where held, else round 1 */
  @Property({ type: 'integer', nullable: true })
  finalScoreH?: number | null;

  @Field(() => Int, { description: 'How many evidence items are attached.' })
  @Property({ type: 'integer' })
  evidenceCount: number = 0;

  /** where pushed figures came from (an integrator's token name); null when typed by a person */
  @Field(() => String, { nullable: true, description: 'The system that pushed this figure, when not typed by a person.' })
  @Property({ type: 'string', length: 200, nullable: true })
  source?: string | null;

  @Field(() => Int, { description: 'Increases on every change; pass it as expectedVersion when saving.' })
  @Property({ type: 'integer' })
  version: number = 0;

  @Field(() => ScoreValue, { nullable: true, description: 'Appraisal round 1 raw input.' })
  get round1Value(): ScoreValue | null {
    return (this.round1Input as ScoreValue) ?? null;
  }

  @Field(() => Float, { nullable: true, description: 'Appraisal round 1 score.' })
  get round1Score(): number | null {
    return this.round1ScoreH == null ? null : fromHundredths(this.round1ScoreH);
  }

  @Field(() => ScoreValue, { nullable: true, description: 'Appraisal round 2 raw input.' })
  get round2Value(): ScoreValue | null {
    return (this.round2Input as ScoreValue) ?? null;
  }

  @Field(() => Float, { nullable: true, description: 'Appraisal round 2 score.' })
  get round2Score(): number | null {
    return this.round2ScoreH == null ? null : fromHundredths(this.round2ScoreH);
  }

  @Field(() => Float, { nullable: true, description: 'The final score, fixed at finalization.' })
  get finalScore(): number | null {
    return this.finalScoreH == null ? null : fromHundredths(this.finalScoreH);
  }

  @Field(() => Float, { nullable: true, description: 'The computed self score, two decimals.' })
  get selfScore(): number | null {
    return this.selfScoreH == null ? null : fromHundredths(this.selfScoreH);
  }
}
