import type { Viewer } from '../../common/auth';
import { DAY_MS } from '../../common/clock';
import type { ChangeFacts } from '../assessment/assessment.publisher';
import type { Em } from '../../orm';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import { EntryState, ScoreEntry } from '../assessment/score-entry.entity';
import { AuditService } from '../audit/audit.service';
import { NotificationKind } from '../notification/notification.entity';
import { deadlineReminder, type ReminderKind } from '../notification/notification.texts';
import { notifyIn, type Notice, type NoticeDraft } from '../notification/notify';
import { incompleteUnits } from '../period/incomplete';
import { AutoAdvance, Period, Phase } from '../period/period.entity';
import { PeriodService } from '../period/period.service';
import type { Job } from '../scheduler/scheduler';
import { Role, User } from '../user/user.entity';
import { CouncilMember } from '../council/council-member.entity';
import { DeadlineExtension } from './deadline-extension.entity';
import { closesAt, periodDeadline } from './deadline.rule';

const UNIT_PHASES: readonly Phase[] = [Phase.SELF_ASSESSMENT, Phase.EXPLANATION];
const COUNCIL_PHASES: readonly Phase[] = [Phase.APPRAISAL, Phase.FINAL_APPRAISAL];

/** Which reminder is due `now` for a phase closing at `closes`, if any. */
export function reminderDue(closes: Date, now: Date): ReminderKind | null {
  const left = closes.getTime() - now.getTime();
  if (left < 0) return NotificationKind.DEADLINE_MISSED;
  if (left <= DAY_MS) return NotificationKind.DEADLINE_IN_1_DAY;
  if (left <= 7 * DAY_MS) return NotificationKind.DEADLINE_IN_7_DAYS;
  return null;
}

/** Whether a unit still has work in `phase` (the reminders go to units that do). */
function unitBehind(a: Assessment, phase: Phase): boolean {
  if (phase === Phase.SELF_ASSESSMENT) return a.status === AssessmentStatus.NOT_STARTED || a.status === AssessmentStatus.IN_PROGRESS;
  if (phase === Phase.EXPLANATION) return a.status === AssessmentStatus.RETURNED;
  return a.status === AssessmentStatus.SUBMITTED; // the council's: submitted and not yet appraised in full
}

/** The phase an automatic move goes to: the next one that has a deadline, else FINALIZED. */
function autoTarget(p: Period): Phase | null {
  switch (p.phase) {
    case Phase.SELF_ASSESSMENT:
      return Phase.APPRAISAL;
    case Phase.APPRAISAL:
      return p.explanationDeadline ? Phase.EXPLANATION : p.finalAppraisalDeadline ? Phase.FINAL_APPRAISAL : Phase.FINALIZED;
    case Phase.EXPLANATION:
      return p.finalAppraisalDeadline ? Phase.FINAL_APPRAISAL : Phase.FINALIZED;
    case Phase.FINAL_APPRAISAL:
      return Phase.FINALIZED;
    default:
      return null;
  }
}

/**
 * The deadlines job: 7 days and 1 day before each unit's deadline (with its extension) and once
 * it is missed, the unit's leaders and the assignees of its unfinished criteria are told (the
 * council's appraisers for the appraisal rounds); each reminder once (its dedupe key names the
 * deadline, so an extension brings fresh ones). Then the periods that move on by themselves do,
 * once every extension of the phase has run out, by the acknowledgement rule of a manual move.
 */
export function deadlineJob(intervalMs: number): Job {
  return {
    name: 'deadlines',
    next: (now) => new Date(now.getTime() + intervalMs),
    async run(em, now) {
      const notices: Notice[] = [];
      const facts: ChangeFacts[] = [];
      const periods = await em.find(Period, { phase: { $in: [...UNIT_PHASES, ...COUNCIL_PHASES] } });
      for (const period of periods) {
        const deadline = periodDeadline(period, period.phase);
        if (!deadline) continue;
        notices.push(...(await remind(em.fork(), period, deadline, now)));
        facts.push(...(await autoAdvance(em.fork(), period, deadline, now)));
      }
      return { notices, facts };
    },
  };
}

async function remind(em: Em, period: Period, deadline: Date, now: Date): Promise<Notice[]> {
  const phase = period.phase;
  const assessments = await em.find(Assessment, { period: period.id }, { populate: ['unit'] });
  const extensions = await em.find(DeadlineExtension, { assessment: { period: period.id }, phase });
  const drafts: NoticeDraft[] = [];
  const appraisers = COUNCIL_PHASES.includes(phase) ? await em.find(User, { role: Role.APPRAISER, active: true }) : [];
  // a council-run period (access.ts "Councils"): each unit's reminder goes to its own council
  const seats = COUNCIL_PHASES.includes(phase) ? await em.find(CouncilMember, { period: period.id }) : [];
  const councilOf = new Map<string, string[]>();
  for (const s of seats) councilOf.set(s.unit.id, [...(councilOf.get(s.unit.id) ?? []), s.user.id]);
  const active = new Set(appraisers.map((u) => u.id));
  for (const a of assessments) {
    if (!unitBehind(a, phase)) continue;
    const extended = extensions.filter((x) => x.assessment.id === a.id).reduce<Date | null>((m, x) => (!m || x.until > m ? x.until : m), null);
    const closes = closesAt({ deadline, extendedUntil: extended })!;
    const kind = reminderDue(closes, now);
    if (!kind) continue;
    const ref = { assessmentId: a.id, unitName: a.unit.name, periodName: period.name };
    let recipients: string[];
    if (COUNCIL_PHASES.includes(phase)) {
      recipients = seats.length ? (councilOf.get(a.unit.id) ?? []).filter((id) => active.has(id)) : appraisers.map((u) => u.id);
    } else {
      const leaders = await em.find(User, { unit: a.unit.id, role: Role.LEADER, active: true });
      const open = await em.find(
        ScoreEntry,
        phase === Phase.SELF_ASSESSMENT ? { assessment: a.id, state: { $ne: EntryState.DONE }, assignee: { $ne: null } } : { assessment: a.id, explanation: null, assignee: { $ne: null } },
        { fields: ['assignee'] },
      );
      recipients = [...leaders.map((u) => u.id), ...open.map((e) => e.assignee!.id)];
    }
    for (const id of new Set(recipients)) drafts.push(deadlineReminder(id, kind, ref, phase, closes, period.timeZone));
  }
  if (!drafts.length) return [];
  return em.transactional((tx) => notifyIn(tx, drafts));
}

/** Who moved the period, as its pages are told (PHASE_CHANGED): the scheduler, for no person. */
const SCHEDULER: Viewer = { id: 'scheduler', role: Role.ADMIN, unitId: null, name: 'Hệ thống (hạn chót)' };

async function autoAdvance(em: Em, period: Period, deadline: Date, now: Date): Promise<ChangeFacts[]> {
  if (period.autoAdvance === AutoAdvance.OFF) return [];
  const target = autoTarget(period);
  if (!target) return [];
  // no unit's extension of this phase may still be running
  const [latest] = await em.find(DeadlineExtension, { assessment: { period: period.id }, phase: period.phase }, { orderBy: { until: 'desc' }, limit: 1 });
  const closes = closesAt({ deadline, extendedUntil: latest?.until ?? null })!;
  if (now.getTime() <= closes.getTime()) return [];
  const acknowledge = period.autoAdvance === AutoAdvance.ALWAYS;
  if (!acknowledge && (await incompleteUnits(em, period.id, target)).length) return []; // the rule of a manual move: wait
  return em.transactional(async (tx) => {
    const before = { phase: period.phase };
    const { period: moved, facts } = await new PeriodService(tx).setPhase(period.id, target, acknowledge, SCHEDULER);
    await new AuditService(tx).append({
      actorId: null,
      actorLabel: 'scheduler',
      ip: null,
      userAgent: null,
      action: 'period.autoAdvance',
      objectType: 'Period',
      objectId: period.id,
      before,
      after: { phase: moved.phase, deadline: closes.toISOString(), acknowledgeIncomplete: acknowledge },
    });
    return facts;
  });
}
