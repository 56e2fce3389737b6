import { AssessmentStatus } from '../modules/assessment/assessment.entity';
import { Phase } from '../modules/period/period.entity';
import { Role } from '../modules/user/user.entity';
import type { CouncilSeat, Viewer } from './auth';
import { forbidden } from './errors';

/**
 * Who may see and change a unit's assessment: the one place where the rules of DESIGN.md
 * "People" are written down. Services call these before reading or writing.
 */
export interface AssessmentRef {
  unitId: string;
  status: AssessmentStatus;
  /** the assessment's period: an appraiser's council seat is per period and unit */
  periodId: string;
}

/** An assessment entity (or anything shaped like one) as the rules below take it. */
export const refOf = (a: { unit: { id: string }; period: { id: string }; status: AssessmentStatus }): AssessmentRef => ({
  unitId: a.unit.id,
  periodId: a.period.id,
  status: a.status,
});

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
      return APPRAISABLE.includes(a.status) && onCouncil(viewer, a);
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

/**
 * Councils (hội đồng thẩm định). A period without any council is open: every APPRAISER appraises
 * every submitted assessment and any of them (or the ADMIN) finalizes, as before councils
 * existed. Once the ADMIN assigns a council to any unit of a period, the period is council-run:
 * an APPRAISER reads and appraises only the units whose council they sit on (a unit still
 * without a council is appraised by nobody until it gets one), only within their criteria
 * groups when their seat names some, and only the unit's chair signs its finalization.
 * The seats come with the viewer (auth.ts reads them with the user on every request).
 */
export function councilRuns(viewer: Viewer, periodId: string): boolean {
  return viewer.council?.periods.has(periodId) ?? false;
}

export function seatOf(viewer: Viewer, periodId: string, unitId: string): CouncilSeat | null {
  return viewer.council?.seats.get(seatKey(periodId, unitId)) ?? null;
}

export const seatKey = (periodId: string, unitId: string) => `${periodId}:${unitId}`;

/** An APPRAISER of an open period, or one who sits on this unit's council. */
function onCouncil(viewer: Viewer, a: { periodId: string; unitId: string }): boolean {
  return !councilRuns(viewer, a.periodId) || seatOf(viewer, a.periodId, a.unitId) !== null;
}

/**
 * May this APPRAISER appraise this unit (and this leaf, by the code of its top-level group)?
 * Refuses with FORBIDDEN; the phase rules are the caller's.
 */
export function assertMayAppraise(viewer: Viewer, a: { periodId: string; unitId: string }, groupCode?: string): void {
  if (viewer.role !== Role.APPRAISER) throw forbidden('Only appraisers appraise.');
  if (!councilRuns(viewer, a.periodId)) return;
  const seat = seatOf(viewer, a.periodId, a.unitId);
  if (!seat) throw forbidden('You are not on this unit’s appraisal council.');
  if (groupCode !== undefined && seat.groupCodes && !seat.groupCodes.includes(groupCode)) {
    throw forbidden(`Criteria group ${groupCode} of this unit is appraised by other council members.`);
  }
}

/** The council member who signs the unit's finalization. */
export function assertChair(viewer: Viewer, a: { periodId: string; unitId: string }): void {
  if (!seatOf(viewer, a.periodId, a.unitId)?.chair) throw forbidden('Only the chair of this unit’s council signs its finalization.');
}

/**
 * Who takes part in an entry's discussion: the unit's LEADER and STAFF, and the appraisers who
 * may read the assessment (its council, or every appraiser in an open period). ADMIN and VIEWER
 * read the threads but do not post.
 */
export function assertMayDiscuss(viewer: Viewer, a: AssessmentRef): void {
  const unitPerson = (viewer.role === Role.LEADER || viewer.role === Role.STAFF) && viewer.unitId === a.unitId;
  const council = viewer.role === Role.APPRAISER && canReadAssessment(viewer, a);
  if (!unitPerson && !council) throw forbidden('Only the unit’s people and its appraisal council take part in its discussions.');
}
