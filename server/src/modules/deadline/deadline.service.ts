import type { Viewer } from '../../common/auth';
import { clock } from '../../common/clock';
import { badInput, notFound, phaseClosed, type Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment } from '../assessment/assessment.entity';
import { extensionGranted } from '../notification/notification.texts';
import { notifyIn, type Notice } from '../notification/notify';
import { Period, Phase } from '../period/period.entity';
import { Role, User } from '../user/user.entity';
import { DeadlineExtension } from './deadline-extension.entity';
import { deadlineFacts } from './deadline.facts';
import { closesAt, DEADLINE_OF, formatDeadline, periodDeadline } from './deadline.rule';
import type { AssessmentDeadline, PeriodDeadlinesInput } from './deadline.types';

const MAX_REASON = 2000;

/** Deadlines of periods and extensions of units (ADMIN); the rule itself is deadline.rule.ts. */
export class DeadlineService {
  constructor(private readonly em: Em) {}

  /** Where an assessment stands against its phase's deadline. */
  async standing(assessmentId: string, period: Period): Promise<AssessmentDeadline> {
    const f = await deadlineFacts(this.em, assessmentId, period);
    const closes = closesAt(f);
    return {
      phase: f.phase as Phase,
      deadline: f.deadline,
      extendedUntil: f.extendedUntil,
      closesAt: closes,
      passed: !!closes && clock.nowMs() > closes.getTime(),
      timeZone: f.timeZone,
      closesAtText: closes ? formatDeadline(closes, f.timeZone) : null,
    };
  }

  /**
   * Extends one unit's deadline for a phase until `until`, recording who, when and why; the
   * unit's leaders and the assignees of its entries are told in the same transaction.
   */
  async grant(viewer: Viewer, assessmentId: string, phase: Phase, until: Date, reason: string): Promise<{ extension: DeadlineExtension; notices: Notice[] }> {
    const id = assertId(assessmentId, 'Assessment');
    const problems: Problem[] = [];
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (!why || why.length > MAX_REASON) problems.push({ path: 'reason', message: `say why, in 1 to ${MAX_REASON} characters`, ...(why ? { code: 'TOO_LONG' as const, params: { field: 'reason', max: MAX_REASON } } : { code: 'REQUIRED' as const, params: { field: 'reason' } }) });
    if (!DEADLINE_OF[phase]) problems.push({ path: 'phase', message: 'only SELF_ASSESSMENT, APPRAISAL, EXPLANATION and FINAL_APPRAISAL have deadlines', code: 'NO_DEADLINE', params: { phase } });
    if (!(until instanceof Date) || Number.isNaN(until.getTime())) problems.push({ path: 'until', message: 'a date and time', code: 'INVALID_DATE', params: { field: 'until' } });
    else if (until.getTime() <= clock.nowMs()) problems.push({ path: 'until', message: 'must be in the future', code: 'MUST_BE_FUTURE', params: { field: 'until' } });
    const a = await this.em.findOne(Assessment, { id }, { populate: ['period', 'unit'] });
    if (!a) throw notFound('Assessment', id);
    const deadline = periodDeadline(a.period, phase);
    if (DEADLINE_OF[phase] && !deadline) problems.push({ path: 'phase', message: `the period has no ${phase} deadline to extend`, code: 'NO_DEADLINE', params: { phase } });
    else if (deadline && until <= deadline) problems.push({ path: 'until', message: `must be after the period’s deadline (${formatDeadline(deadline, a.period.timeZone)})`, code: 'NOT_AFTER_DEADLINE', params: { field: 'until', deadline: formatDeadline(deadline, a.period.timeZone) } });
    if (problems.length) throw badInput(problems);
    const order = [Phase.DRAFT, Phase.SELF_ASSESSMENT, Phase.APPRAISAL, Phase.EXPLANATION, Phase.FINAL_APPRAISAL, Phase.FINALIZED, Phase.PUBLISHED];
    if (order.indexOf(a.period.phase) > order.indexOf(phase)) {
      throw phaseClosed(`The period is already in ${a.period.phase}; an extension of ${phase} would change nothing.`, { phase: a.period.phase });
    }
    const extension = this.em.create(DeadlineExtension, { assessment: a, phase, until, reason: why, grantedBy: viewer.integrator ? null : this.em.getReference(User, viewer.id) } as never) as DeadlineExtension;
    await this.em.flush();
    const people = await this.em.find(User, { unit: a.unit.id, role: { $in: [Role.LEADER, Role.STAFF] }, active: true });
    const by = viewer.name;
    const ref = { assessmentId: a.id, unitName: a.unit.name, periodName: a.period.name };
    const notices = await notifyIn(this.em, people.map((u) => extensionGranted(u.id, ref, phase, until, a.period.timeZone, why, by)));
    return { extension, notices };
  }

  /** Changes a period's deadlines, time zone or automatic moves. */
  async setDeadlines(periodId: string, input: PeriodDeadlinesInput): Promise<Period> {
    const period = await this.em.findOne(Period, { id: assertId(periodId, 'Period') });
    if (!period) throw notFound('Period', periodId);
    if (input.timeZone != null) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: input.timeZone });
      } catch {
        throw badInput([{ path: 'timeZone', message: `"${input.timeZone}" is not an IANA time zone such as Asia/Ho_Chi_Minh`, code: 'INVALID_TIME_ZONE', params: { value: input.timeZone } }]);
      }
      period.timeZone = input.timeZone;
    }
    for (const k of ['selfAssessmentDeadline', 'appraisalDeadline', 'explanationDeadline', 'finalAppraisalDeadline'] as const) {
      if (input[k] !== undefined) period[k] = input[k];
    }
    if (input.autoAdvance != null) period.autoAdvance = input.autoAdvance;
    await this.em.flush();
    return period;
  }
}
