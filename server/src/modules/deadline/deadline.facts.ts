import type { Em } from '../../orm';
import type { Assessment } from '../assessment/assessment.entity';
import type { Period } from '../period/period.entity';
import { DeadlineExtension } from './deadline-extension.entity';
import { assertWithinDeadline, periodDeadline, type DeadlineFacts } from './deadline.rule';

/** The latest extension of `assessmentId` for `phase`, if any. */
export async function extendedUntil(em: Em, assessmentId: string, phase: string): Promise<Date | null> {
  const [latest] = await em.find(DeadlineExtension, { assessment: assessmentId, phase: phase as never }, { orderBy: { until: 'desc' }, limit: 1 });
  return latest?.until ?? null;
}

/** The deadline facts of an assessment in the phase its period is in now. */
export async function deadlineFacts(em: Em, assessmentId: string, period: Period): Promise<DeadlineFacts> {
  const deadline = periodDeadline(period, period.phase);
  return { phase: period.phase, deadline, extendedUntil: deadline ? await extendedUntil(em, assessmentId, period.phase) : null, timeZone: period.timeZone };
}

/** For the write paths outside the score writer (evidence, submission, return): PHASE_CLOSED after the deadline. */
export async function assertDeadlineOpen(em: Em, a: Assessment): Promise<void> {
  assertWithinDeadline(await deadlineFacts(em, a.id, a.period));
}
