import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { conflict } from '../../common/errors';
import type { Em } from '../../orm';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import { Phase } from './period.entity';

export enum IncompleteReason {
  /** the unit never submitted its self-assessment */
  NOT_SUBMITTED = 'NOT_SUBMITTED',
  /** submitted, but the council has not appraised every criterion */
  NOT_APPRAISED = 'NOT_APPRAISED',
  /** appraised (or returned for explanation) but not finalized */
  NOT_FINALIZED = 'NOT_FINALIZED',
}
registerEnumType(IncompleteReason, { name: 'IncompleteReason', description: 'How far a unit is behind the phase its period is moving to.' });

@ObjectType({ description: 'A unit that has not done what the phase a period moves to expects of it.' })
export class IncompleteUnit {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => ID)
  unitId!: string;

  @Field(() => String)
  unitName!: string;

  @Field(() => AssessmentStatus)
  status!: AssessmentStatus;

  @Field(() => IncompleteReason)
  reason!: IncompleteReason;
}

const NOT_SUBMITTED: readonly AssessmentStatus[] = [AssessmentStatus.NOT_STARTED, AssessmentStatus.IN_PROGRESS];

/** What a unit's status lacks for the target phase, or null when it is complete for it. */
function reasonFor(target: Phase, status: AssessmentStatus): IncompleteReason | null {
  if (target === Phase.DRAFT || target === Phase.SELF_ASSESSMENT) return null;
  if (NOT_SUBMITTED.includes(status)) return IncompleteReason.NOT_SUBMITTED;
  if (target === Phase.APPRAISAL) return null;
  if (status === AssessmentStatus.SUBMITTED) return IncompleteReason.NOT_APPRAISED;
  if (target === Phase.EXPLANATION || target === Phase.FINAL_APPRAISAL) return null;
  // FINALIZED and PUBLISHED: nothing can be finalized any more
  return status === AssessmentStatus.FINAL ? null : IncompleteReason.NOT_FINALIZED;
}

/** The period's units that are behind what `target` expects, by unit name. */
export async function incompleteUnits(em: Em, periodId: string, target: Phase): Promise<IncompleteUnit[]> {
  const assessments = await em.find(Assessment, { period: periodId }, { populate: ['unit'], orderBy: { unit: { name: 'asc' } } });
  const out: IncompleteUnit[] = [];
  for (const a of assessments) {
    const reason = reasonFor(target, a.status);
    if (reason) out.push({ assessmentId: a.id, unitId: a.unit.id, unitName: a.unit.name, status: a.status, reason });
  }
  return out;
}

/**
 * The acknowledgement rule: a move to `target` (setPeriodPhase, publishResults) that leaves units
 * behind is refused with CONFLICT, listing them in `extensions.incomplete`, unless the caller
 * says `acknowledgeIncomplete: true`.
 */
export async function assertAcknowledged(em: Em, periodId: string, target: Phase, acknowledged: boolean): Promise<void> {
  if (acknowledged) return;
  const incomplete = await incompleteUnits(em, periodId, target);
  if (!incomplete.length) return;
  const names = incomplete.map((u) => `${u.unitName} (${u.reason})`).join(', ');
  throw conflict(`${incomplete.length} unit(s) are not complete for ${target}: ${names}. Repeat with acknowledgeIncomplete: true to go ahead.`, {
    target,
    incomplete,
  });
}
