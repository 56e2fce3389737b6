import type { Viewer } from '../../common/auth';
import { fromHundredths } from '../../common/decimal';
import type { Live } from '../../live/live';
import type { Em } from '../../orm';
import { periodTopic, type PeriodProgressEvent } from '../period/period.events';
import type { Assessment } from './assessment.entity';
import { assessmentTopic, liveEntry, liveProgress, type AssessmentEvent } from './assessment.events';
import { Progress } from './progress.entity';
import { reportedFromTop } from './progress.rows';
import type { ScoreEntry } from './score-entry.entity';

export interface Change {
  assessment: Assessment;
  kinds: string[];
  actor: Viewer;
  entries: ScoreEntry[];
  progress: Progress[];
}

/**
 * After commit: one event on the assessment's own topic and one row on its period's topic, built
 * once from what the transaction wrote (plus the few top-level rows for the totals).
 */
export async function publishChange(em: Em, live: Live | undefined, c: Change): Promise<void> {
  if (!live) return;
  const a = c.assessment;
  await em.populate(a, ['unit', 'period.framework']);
  const fw = a.period.framework;
  const top = await em.find(Progress, { assessment: a.id, criterion: { depth: 1 } }, { populate: ['criterion'] });
  const selfTotal = fromHundredths(reportedFromTop(top, fw));
  const appraised = top.some((r) => r.leavesAppraised > 0);
  const appraisedTotal = appraised
    ? fromHundredths(reportedFromTop(top.map((r) => ({ scoreH: r.appraisedScoreH, capH: r.appraisedCapH ?? r.criterion.maxH })), fw))
    : null;
  const at = new Date().toISOString();
  const entries = c.entries.map(liveEntry);
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
    at,
  };
  const unitRow: PeriodProgressEvent = {
    periodId: a.period.id,
    units: [
      {
        assessmentId: a.id,
        unitId: a.unit.id,
        unitName: a.unit.name,
        status: a.status,
        seq: a.seq,
        leaves: top.reduce((s, r) => s + r.leaves, 0),
        leavesDone: top.reduce((s, r) => s + r.leavesScored, 0),
        selfTotal,
        maxScore: fromHundredths(fw.maxH),
      },
    ],
  };
  await Promise.all([live.hub.publish(assessmentTopic(a.id), event), live.hub.publish(periodTopic(a.period.id), unitRow)]);
}

/** Live events go out after commit; a failure to publish is logged, never undoes the change. */
export async function publish(ctx: { em: Em; live?: Live; log: { warn(o: object, m: string): void } }, change: Change): Promise<void> {
  await publishChange(ctx.em, ctx.live, change).catch((err) => ctx.log.warn({ err }, 'live event not published'));
}
