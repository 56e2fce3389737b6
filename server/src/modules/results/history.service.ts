import { notFound } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Phase } from '../period/period.entity';
import { Assessment } from '../assessment/assessment.entity';
import { Unit } from '../unit/unit.entity';
import { periodRanking } from './results.service';
import type { UnitHistoryPoint } from './history.types';

/** The mean of `xs` rounded to `places` decimals (0 for none). */
const mean = (xs: number[], places: number): number => {
  if (!xs.length) return 0;
  const f = 10 ** places;
  return Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * f) / f;
};

/**
 * A unit's results over the years: one point per PUBLISHED period it took part in (of one
 * framework code when `frameworkCode` is given), oldest first. Each point is the unit's row of
 * that period's ranking (periodRanking: the same stored figures `ranking` and the public pages
 * read), with the averages of that ranking (every unit of its kind the period ranked). Published
 * results are everyone's: the signed-in `unitHistory` and the public unit page both read this.
 */
export async function unitHistory(em: Em, id: string, { frameworkCode }: { frameworkCode?: string } = {}): Promise<UnitHistoryPoint[]> {
  const unit = await em.findOne(Unit, { id: assertId(id, 'Unit') });
  if (!unit) throw notFound('Unit', id);
  const assessments = await em.find(
    Assessment,
    { unit: unit.id, period: { phase: Phase.PUBLISHED, ...(frameworkCode ? { framework: { code: frameworkCode } } : {}) } },
    { populate: ['period', 'period.framework'] },
  );
  const periods = assessments.map((a) => a.period).sort((x, y) => x.year - y.year || +x.createdAt - +y.createdAt);
  const points: UnitHistoryPoint[] = [];
  for (const p of periods) {
    const rows = (await periodRanking(em, p)).filter((r) => r.unit.kind === unit.kind);
    const own = rows.find((r) => r.unit.id === unit.id);
    if (!own) continue;
    points.push({
      periodId: p.id,
      periodName: p.name,
      year: p.year,
      frameworkCode: p.framework.code,
      frameworkName: p.framework.name,
      total: own.total,
      maxScore: own.maxScore,
      index: own.index,
      rank: own.rank,
      rankedUnits: rows.length,
      band: own.band ?? null,
      averageIndex: mean(rows.map((r) => r.index), 3),
      groups: own.groups.map((g) => ({
        code: g.code,
        title: g.title,
        total: g.total,
        maxScore: g.maxScore,
        periodAverage: mean(rows.map((r) => r.groups.find((x) => x.code === g.code)?.total ?? 0), 2),
      })),
    });
  }
  return points;
}
