import { AssessmentStatus } from '../modules/assessment/assessment.entity';
import { Phase } from '../modules/period/period.entity';
import { Role } from '../modules/user/user.entity';
import type { Viewer } from './auth';
import { forbidden } from './errors';

/**
 * Who may see and change a unit's assessment: the one place where the rules of DESIGN.md
 * "People" are written down. Services call these before reading or writing.
 */
export interface AssessmentRef {
  unitId: string;
  status: AssessmentStatus;
}

const APPRAISABLE: readonly AssessmentStatus[] = [
  AssessmentStatus.SUBMITTED,
  AssessmentStatus.RETURNED,
  AssessmentStatus.APPRAISED,
  AssessmentStatus.FINAL,
];

/** ADMIN and VIEWER see every unit; APPRAISERs see what was submitted; a unit's people see their own. */
export function canReadAssessment(viewer: Viewer, a: AssessmentRef): boolean {
  switch (viewer.role) {
    case Role.ADMIN:
    case Role.VIEWER:
      return true;
    case Role.APPRAISER:
      return APPRAISABLE.includes(a.status);
    case Role.LEADER:
    case Role.STAFF:
      return viewer.unitId !== null && viewer.unitId === a.unitId;
  }
}

/** Roles that see every unit's results before they are published. */
export const SEE_ALL_RESULTS: readonly Role[] = [Role.ADMIN, Role.VIEWER, Role.APPRAISER];

/**
 * A unit's result (its row of the ranking): everyone signed in once the period is PUBLISHED;
 * ADMIN, VIEWER and APPRAISER always; before publishing a unit's LEADER and STAFF their own only.
 */
export function canReadResult(viewer: Viewer, a: { unitId: string; phase: Phase }): boolean {
  if (SEE_ALL_RESULTS.includes(viewer.role) || a.phase === Phase.PUBLISHED) return true;
  return (viewer.role === Role.LEADER || viewer.role === Role.STAFF) && viewer.unitId !== null && viewer.unitId === a.unitId;
}

export function assertCanReadAssessment(viewer: Viewer, a: AssessmentRef): void {
  if (!canReadAssessment(viewer, a)) throw forbidden('This assessment belongs to another unit.');
}

/** Self scores are written by the unit's own LEADER and STAFF only. */
export function assertUnitMember(viewer: Viewer, unitId: string): void {
  const member = (viewer.role === Role.LEADER || viewer.role === Role.STAFF) && viewer.unitId === unitId;
  if (!member) throw forbidden('Only the unit’s own leader and staff may change its self-assessment.');
}

export function assertUnitLeader(viewer: Viewer, unitId: string): void {
  if (!(viewer.role === Role.LEADER && viewer.unitId === unitId)) {
    throw forbidden('Only the unit’s leader may do this.');
  }
}
