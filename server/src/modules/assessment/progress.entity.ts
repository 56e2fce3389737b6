import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { fromHundredths } from '../../common/decimal';
import { relationId } from '../../common/detached';
import { Criterion } from '../framework/criterion.entity';
import { Assessment } from './assessment.entity';

/**
 * The stored progress of one node of the framework in one assessment. A save updates the rows
 * of the leaf's ancestors only; the totals follow DESIGN.md "Arithmetic".
 */
@ObjectType({ description: 'Progress of one criterion (node) in one assessment.', simpleResolvers: true })
@Entity()
@Unique({ properties: ['assessment', 'criterion'] })
export class Progress extends BaseEntity {
  @ManyToOne(() => Assessment)
  assessment!: Assessment;

  @Index()
  @ManyToOne(() => Criterion)
  criterion!: Criterion;

  /** the node's self score in hundredths */
  @Property({ type: 'integer' })
  scoreH: number = 0;

  /** Σ of the regular children's scores, before the cap */
  @Property({ type: 'integer' })
  regularSumH: number = 0;

  /** Σ of the bonus and deduction children's scores */
  @Property({ type: 'integer' })
  extraSumH: number = 0;

  /** the node's effective max (its max less N/A leaves under RESCALE) */
  @Property({ type: 'integer' })
  capH!: number;

  /** the latest appraisal (round 2 where given, else round 1), maintained like the self columns */
  @Property({ type: 'integer' })
  appraisedScoreH: number = 0;

  @Property({ type: 'integer' })
  appraisedRegularSumH: number = 0;

  @Property({ type: 'integer' })
  appraisedExtraSumH: number = 0;

  @Property({ type: 'integer', nullable: true })
  appraisedCapH?: number | null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  leaves!: number;

  @Field(() => Int, { description: 'Leaves whose state is DONE (N/A included).' })
  @Property({ type: 'integer' })
  leavesScored: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  leavesWithEvidence: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  leavesAppraised: number = 0;

  /** not stored: the pending max of RELATIVE leaves below, set where it is read (pending.ts) */
  pendingH?: number;

  get pendingMaxScore(): number {
    return fromHundredths(this.pendingH ?? 0);
  }

  get criterionId(): string {
    return relationId(this, 'criterion')!;
  }

  get selfTotal(): number {
    return fromHundredths(this.scoreH);
  }

  get appraisedTotal(): number {
    return fromHundredths(this.appraisedScoreH);
  }

  get maxScore(): number {
    return fromHundredths(this.capH);
  }
}

/**
 * The derived fields are registered as plain GraphQL fields rather than with `@Field` on the
 * getters, which would make each a type-graphql field resolver: a wrapper call per field and
 * row (90,000 of them for the tree of 10⁴ nodes). As plain fields, graphql-js reads them
 * straight off the root: the getters of an entity, the data of a ProgressRow
 * (progress.query.ts). `id`, inherited from BaseEntity, is declared again only to be plain too.
 */
const field = (name: keyof Progress, type: () => typeof ID | typeof Float, description?: string) =>
  Field(type, { description, simple: true })(Progress.prototype, name);
field('id', () => ID);
field('criterionId', () => ID);
field('selfTotal', () => Float, 'The self total of this node.');
field('appraisedTotal', () => Float, 'The appraised total of this node (latest round).');
field('maxScore', () => Float, 'The maximum of this node for this assessment (N/A leaves taken out under RESCALE).');
field(
  'pendingMaxScore',
  () => Float,
  'Points of RELATIVE leaves below this node that wait for the period’s results (the leaf is scored against the best unit): not in selfTotal yet, and not lost. 0 once results are computed. The same figure on assessment.progress, in a mutation’s answer and in live events.',
);
