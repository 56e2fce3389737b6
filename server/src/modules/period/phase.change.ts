import { raw } from '@mikro-orm/core';
import type { Viewer } from '../../common/auth';
import type { Em } from '../../orm';
import { rows } from '../../common/sql';
import { Assessment, type AssessmentStatus } from '../assessment/assessment.entity';
import type { ChangeFacts } from '../assessment/assessment.publisher';
import { readPendingOf } from '../assessment/pending';
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
  if (!actor) return [];
  // plain rows: a national period has 11,000 assessments and 66,000 top-level rows, which as
  // entities (and a pending read per assessment) took half a minute of a phase change
  const assessments = await rows<{ id: string; seq: number | string; status: AssessmentStatus; unit_id: string; unit_name: string }>(
    em,
    'select a."id", a."seq", a."status", a."unit_id", u."name" as "unit_name" from "assessment" a join "unit" u on u."id" = a."unit_id" where a."period_id" = ?',
    [period.id],
  );
  if (!assessments.length) return [];
  await em.populate(period, ['framework']);
  const fw = period.framework;
  // the framework's top-level nodes first, then their rows by (assessment, criterion): a join
  // with the criteria scanned them once per assessment (11,000 times in a national period) and
  // sorted the rows on disk
  const nodes = await rows<{ id: string; max_h: number | string }>(em, 'select c."id", c."max_h" from "criterion" c where c."framework_id" = ? and c."depth" = 1 order by c."ordinal"', [fw.id]);
  const place = new Map(nodes.map((c, i) => [c.id, i]));
  const top = nodes.length
    ? await rows<Record<string, unknown>>(
        em,
        `select p."assessment_id", p."criterion_id", p."score_h", p."cap_h", p."leaves", p."leaves_scored", p."leaves_appraised", p."appraised_score_h", p."appraised_cap_h"
           from "progress" p join "assessment" a on a."id" = p."assessment_id"
          where a."period_id" = ? and p."criterion_id" in (${nodes.map(() => '?').join(', ')})`,
        [period.id, ...nodes.map((c) => c.id)],
      )
    : [];
  const n = (v: unknown) => Number(v ?? 0);
  const topOf = new Map<string, ChangeFacts['top']>(assessments.map((a) => [a.id, new Array(nodes.length)]));
  for (const r of top) {
    const i = place.get(r.criterion_id as string)!;
    const list = topOf.get(r.assessment_id as string);
    if (!list) continue;
    list[i] = {
      scoreH: n(r.score_h),
      capH: n(r.cap_h),
      maxH: n(nodes[i].max_h),
      leaves: n(r.leaves),
      leavesScored: n(r.leaves_scored),
      leavesAppraised: n(r.leaves_appraised),
      appraisedScoreH: n(r.appraised_score_h),
      appraisedCapH: r.appraised_cap_h == null ? null : n(r.appraised_cap_h),
    };
  }
  const pending = await readPendingOf(em, assessments.map((a) => a.id));
  return assessments.map((a) => ({
    assessment: { id: a.id, seq: Number(a.seq), status: a.status, unitId: a.unit_id, unitName: a.unit_name, periodId: period.id },
    framework: { maxH: fw.maxH, notApplicable: fw.notApplicable, capTotal: fw.capTotal },
    top: (topOf.get(a.id) ?? []).filter(Boolean),
    pendingH: pending.get(a.id)?.totalH ?? 0,
    kinds: ['PHASE_CHANGED'],
    actor,
    entries: [],
    progress: [],
    phase,
  }));
}
