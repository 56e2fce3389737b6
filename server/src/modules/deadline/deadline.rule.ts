import { clock } from '../../common/clock';
import { phaseClosed } from '../../common/errors';
import { Phase, type Period } from '../period/period.entity';

/**
 * The one rule of deadlines (DESIGN.md "Deadlines"): after a unit's deadline for the phase its
 * period is in, that phase's writes are refused with PHASE_CLOSED naming the deadline in the
 * period's time zone, unless the ADMIN extended it. Every write path of a phase calls
 * `assertWithinDeadline`: the score writer (self scores, appraisals, explanations, pushed
 * statistics) with the facts it reads in its save batch, the others (evidence, submission, return
 * for explanation) through `assertDeadlineOpen` (deadline.facts.ts).
 */

/** The phases in which a unit or the council works, with the period's column of each deadline. */
export const DEADLINE_OF: Partial<Record<Phase, 'selfAssessmentDeadline' | 'appraisalDeadline' | 'explanationDeadline' | 'finalAppraisalDeadline'>> = {
  [Phase.SELF_ASSESSMENT]: 'selfAssessmentDeadline',
  [Phase.APPRAISAL]: 'appraisalDeadline',
  [Phase.EXPLANATION]: 'explanationDeadline',
  [Phase.FINAL_APPRAISAL]: 'finalAppraisalDeadline',
};

/** The same, as SQL columns of "period". */
export const DEADLINE_COLUMN: Record<string, string> = {
  [Phase.SELF_ASSESSMENT]: 'self_assessment_deadline',
  [Phase.APPRAISAL]: 'appraisal_deadline',
  [Phase.EXPLANATION]: 'explanation_deadline',
  [Phase.FINAL_APPRAISAL]: 'final_appraisal_deadline',
};

const PHASE_NAMES: Record<string, string> = {
  [Phase.SELF_ASSESSMENT]: 'self-assessment',
  [Phase.APPRAISAL]: 'appraisal',
  [Phase.EXPLANATION]: 'explanation',
  [Phase.FINAL_APPRAISAL]: 'final appraisal',
};

/** What the rule needs to know about one assessment in the phase its period is in. */
export interface DeadlineFacts {
  phase: string;
  /** the period's deadline for that phase, if any */
  deadline: Date | null;
  /** the latest extension granted to this assessment for that phase, if any */
  extendedUntil: Date | null;
  timeZone: string;
}

/** The period's deadline for `phase`, or null when the phase has none. */
export function periodDeadline(period: Pick<Period, 'selfAssessmentDeadline' | 'appraisalDeadline' | 'explanationDeadline' | 'finalAppraisalDeadline'>, phase: string): Date | null {
  const field = DEADLINE_OF[phase as Phase];
  return field ? (period[field] ?? null) : null;
}

/** The moment the phase's writes close for this assessment: the later of the deadline and its extension. */
export function closesAt(f: Pick<DeadlineFacts, 'deadline' | 'extendedUntil'>): Date | null {
  if (!f.deadline) return null;
  return f.extendedUntil && f.extendedUntil > f.deadline ? f.extendedUntil : f.deadline;
}

/** A moment as people of the period read it: "17:00 30/06/2026 (Asia/Ho_Chi_Minh)". */
export function formatDeadline(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year} (${timeZone})`;
}

/** PHASE_CLOSED when the phase's deadline (with its extension) has passed. */
export function assertWithinDeadline(f: DeadlineFacts, now: Date = clock.now()): void {
  const closes = closesAt(f);
  if (!closes || now.getTime() <= closes.getTime()) return;
  const name = PHASE_NAMES[f.phase] ?? f.phase;
  const extended = f.extendedUntil && f.extendedUntil > f.deadline! ? ` (extended to ${formatDeadline(f.extendedUntil, f.timeZone)})` : '';
  throw phaseClosed(
    `The ${name} deadline passed at ${formatDeadline(f.deadline!, f.timeZone)}${extended}; nothing of this phase can change any more unless the administrator grants an extension.`,
    { phase: f.phase, deadline: f.deadline!.toISOString(), extendedUntil: f.extendedUntil?.toISOString() ?? null, timeZone: f.timeZone, reason: 'DEADLINE_PASSED' },
  );
}
