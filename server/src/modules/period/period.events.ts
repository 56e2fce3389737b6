import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Coalescer } from '../../live/hub';
import { AssessmentStatus } from '../assessment/assessment.entity';
import { Phase } from './period.entity';

/** Per-unit completion of a period (topic `period:<id>`), for people who watch a whole period. */
export const periodTopic = (periodId: string) => `period:${periodId}`;

@ObjectType({ description: 'One unit’s completion in a period.' })
export class UnitProgress {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => ID)
  unitId!: string;

  @Field(() => String)
  unitName!: string;

  @Field(() => AssessmentStatus)
  status!: AssessmentStatus;

  @Field(() => Int, { description: 'The assessment’s seq at this row.' })
  seq!: number;

  @Field(() => Int)
  leaves!: number;

  @Field(() => Int, { description: 'Leaves DONE (N/A included).' })
  leavesDone!: number;

  @Field(() => Float)
  selfTotal!: number;

  @Field(() => Float, { description: 'Points still pending (RELATIVE leaves waiting for the results), as on Assessment.pendingMaxScore.' })
  pendingMaxScore!: number;

  @Field(() => Float, { description: 'The framework’s max.' })
  maxScore!: number;

  @Field(() => Float, { description: 'The max less N/A leaves where the framework rescales (Σ of the top-level rows’ maxScore); equal to maxScore otherwise.' })
  applicableMaxScore!: number;
}

@ObjectType({ description: 'Units whose completion changed (a burst is coalesced: the latest row per unit).' })
export class PeriodProgressEvent {
  @Field(() => ID)
  periodId!: string;

  @Field(() => [UnitProgress])
  units!: UnitProgress[];

  @Field(() => Phase, { nullable: true, description: 'The period’s new phase when it moved (PHASE_CHANGED); null for other changes.' })
  phase?: Phase | null;
}

export const periodCoalescer: Coalescer<PeriodProgressEvent> = {
  merge: (a, b) => {
    const m = new Map(a.units.map((u) => [u.assessmentId, u]));
    for (const u of b.units) if ((m.get(u.assessmentId)?.seq ?? -1) <= u.seq) m.set(u.assessmentId, u);
    return { periodId: b.periodId, units: [...m.values()], phase: b.phase ?? a.phase ?? null };
  },
};
