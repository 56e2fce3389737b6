import type { Viewer } from '../../common/auth';
import { fromHundredths } from '../../common/decimal';
import type { Live } from '../../live/live';
import type { Em } from '../../orm';
import type { Phase } from '../period/period.entity';
import { periodTopic, type PeriodProgressEvent } from '../period/period.events';
import type { Assessment, AssessmentStatus } from './assessment.entity';
import { assessmentTopic, liveEntry, liveProgress, type AssessmentEvent, type EntryFacts, type ProgressFacts } from './assessment.events';
import { readPending } from './pending';
import { Progress } from './progress.entity';
import { reportedFromTop, type TotalRule } from '../scoring/tree';

/** A change as the code that made it knows it: enough to build both live events without a query. */
export interface ChangeFacts {
  assessment: { id: string; seq: number; status: AssessmentStatus; unitId: string; unitName: string; periodId: string };
  framework: TotalRule;
  /** every top-level row of the assessment after the change */
  top: { scoreH: number; capH: number; maxH: number; leaves: number; leavesScored: number; leavesAppraised: number; appraisedScoreH: number; appraisedCapH: number | null }[];
  /** the assessment's pending points after the change (pending.ts), in hundredths */
  pendingH: number;
  kinds: string[];
  actor: Viewer;
  entries: EntryFacts[];
  progress: ProgressFacts[];
  /** the period's new phase, for a PHASE_CHANGED */
  phase?: Phase;
}

/** A change made through entities: the rest is read after commit. */
export interface Change {
  assessment: Assessment;
  kinds: string[];
  actor: Viewer;
  entries: EntryFacts[];
  progress: ProgressFacts[];
}

/** The assessment's event and its period's row, built once from the facts. */
export function buildEvents(c: ChangeFacts): { event: AssessmentEvent; unitRow: PeriodProgressEvent } {
  const a = c.assessment;
  const selfTotal = fromHundredths(reportedFromTop(c.top, c.framework));
  const appraised = c.top.some((r) => r.leavesAppraised > 0);
  const appraisedTotal = appraised
    ? fromHundredths(reportedFromTop(c.top.map((r) => ({ scoreH: r.appraisedScoreH, capH: r.appraisedCapH ?? r.maxH })), c.framework))
    : null;
  const entries = c.entries.map(liveEntry);
  const pendingMaxScore = fromHundredths(c.pendingH);
  const event: AssessmentEvent = {
    assessmentId: a.id,
    fromSeq: a.seq,
    seq: a.seq,
    kinds: c.kinds,
    actor: { id: c.actor.id, name: c.actor.name },
    entry: entries[entries.length - 1] ?? null,
    entries,
    progress: c.progress.map(liveProgress),
    status: a.status,
    selfTotal,
    appraisedTotal,
    pendingMaxScore,
    at: new Date().toISOString(),
    phase: c.phase ?? null,
  };
  const unitRow: PeriodProgressEvent = {
    periodId: a.periodId,
    phase: c.phase ?? null,
    units: [
      {
        assessmentId: a.id,
        unitId: a.unitId,
        unitName: a.unitName,
        status: a.status,
        seq: a.seq,
        leaves: c.top.reduce((s, r) => s + r.leaves, 0),
        leavesDone: c.top.reduce((s, r) => s + r.leavesScored, 0),
        selfTotal,
        pendingMaxScore,
        maxScore: fromHundredths(c.framework.maxH),
        applicableMaxScore: fromHundredths(c.top.reduce((s, r) => s + r.capH, 0)),
      },
    ],
  };
  return { event, unitRow };
}

/** After commit: one event on the assessment's own topic and one row on its period's topic. */
async function publishFacts(live: Live, c: ChangeFacts): Promise<void> {
  const { event, unitRow } = buildEvents(c);
  await Promise.all([live.hub.publish(assessmentTopic(event.assessmentId), event), live.hub.publish(periodTopic(unitRow.periodId), unitRow)]);
}

/** The facts of a change made through entities: the assessment's unit, framework and top-level rows. */
async function factsOf(em: Em, c: Change): Promise<ChangeFacts> {
  const a = c.assessment;
  await em.populate(a, ['unit', 'period.framework']);
  const fw = a.period.framework;
  const [top, pending] = await Promise.all([em.find(Progress, { assessment: a.id, criterion: { depth: 1 } }, { populate: ['criterion'] }), readPending(em, a.id)]);
  return {
    assessment: { id: a.id, seq: a.seq, status: a.status, unitId: a.unit.id, unitName: a.unit.name, periodId: a.period.id },
    framework: { maxH: fw.maxH, notApplicable: fw.notApplicable, capTotal: fw.capTotal },
    top: top.map((r) => ({ ...r, maxH: r.criterion.maxH, appraisedCapH: r.appraisedCapH ?? null })),
    pendingH: pending.totalH,
    kinds: c.kinds,
    actor: c.actor,
    entries: c.entries,
    progress: c.progress.map((p) => Object.assign(p, { pendingH: pending.byCode.get(p.criterion.code) ?? 0 })),
  };
}

type PublishContext = { em: Em; live?: Live; log: { warn(o: object, m: string): void } };

/** Live events go out after commit; a failure to publish is logged, never undoes the change. */
export async function publish(ctx: PublishContext, change: Change | ChangeFacts | (Change | ChangeFacts)[]): Promise<void> {
  const live = ctx.live;
  if (!live) return;
  if (Array.isArray(change)) {
    for (const c of change) await publish(ctx, c);
    return;
  }
  const facts = 'top' in change ? Promise.resolve(change) : factsOf(ctx.em, change);
  await facts.then((f) => publishFacts(live, f)).catch((err) => ctx.log.warn({ err }, 'live event not published'));
}
