import { raw } from '@mikro-orm/core';
import type { Viewer } from '../../common/auth';
import type { Em } from '../../orm';
import { Assessment } from '../assessment/assessment.entity';
import type { ChangeFacts } from '../assessment/assessment.publisher';
import { readPending } from '../assessment/pending';
import { Progress } from '../assessment/progress.entity';
import type { Period, Phase } from './period.entity';

/**
 * A period moved to `phase`: inside the move's transaction, every assessment of the period takes
 * its row (seq + 1), so that a save that checks the phase waits for the move and then sees it, and
 * so that the PHASE_CHANGED event is a change like any other (a page that missed it finds a gap in
 * seq and refetches). Returns the facts to publish after commit: one event per assessment on its
 * own topic and its row on the period's topic, both carrying the new phase (none without an actor).
 */
export async function phaseChangeFacts(em: Em, period: Period, phase: Phase, actor: Viewer | null): Promise<ChangeFacts[]> {
  await em.createQueryBuilder(Assessment).update({ seq: raw('seq + 1') } as never).where({ period: period.id }).execute('run');
  const assessments = await em.find(Assessment, { period: period.id }, { populate: ['unit'], refresh: true });
  if (!assessments.length || !actor) return [];
  await em.populate(period, ['framework']);
  const fw = period.framework;
  const top = await em.find(Progress, { assessment: { period: period.id }, criterion: { depth: 1 } }, { populate: ['criterion'] });
  const topOf = new Map<string, Progress[]>();
  for (const r of top) topOf.set(r.assessment.id, [...(topOf.get(r.assessment.id) ?? []), r]);
  const pendingH = new Map<string, number>();
  for (const a of assessments) pendingH.set(a.id, (await readPending(em, a.id)).totalH);
  return assessments.map((a) => ({
    assessment: { id: a.id, seq: a.seq, status: a.status, unitId: a.unit.id, unitName: a.unit.name, periodId: period.id },
    framework: { maxH: fw.maxH, notApplicable: fw.notApplicable, capTotal: fw.capTotal },
    top: (topOf.get(a.id) ?? []).map((r) => ({ ...r, maxH: r.criterion.maxH, appraisedCapH: r.appraisedCapH ?? null })),
    pendingH: pendingH.get(a.id) ?? 0,
    kinds: ['PHASE_CHANGED'],
    actor,
    entries: [],
    progress: [],
    phase,
  }));
}
