import { notFound } from '../../common/errors';
import { assertId } from '../../common/ids';
import { fromHundredths } from '../../common/decimal';
import { rows } from '../../common/sql';
import type { Em } from '../../orm';
import { Period, Phase } from '../period/period.entity';
import { periodRanking } from '../results/results.service';
import { unitHistory } from '../results/history.service';
import type { RankingRow } from '../results/results.types';
import { UnitKind } from '../unit/unit.entity';
import { PublicPeriod, PublicRanking, PublicRankingRow, PublicUnitResult } from './public.types';

const KIND_ORDER = Object.values(UnitKind);

/**
 * Published results for anyone, signed in or not (issue 17.1). Only PUBLISHED periods exist
 * here: any other is NOT_FOUND with the very answer of a period that does not exist, so that
 * nothing tells the two apart. The figures are `ranking`'s, read by periodRanking from the same
 * stored results; this service only chooses what of them goes out.
 */
export class PublicResultsService {
  constructor(private readonly em: Em) {}

  /** Every published period, the latest first. */
  async periods(): Promise<PublicPeriod[]> {
    const periods = await this.em.find(Period, { phase: Phase.PUBLISHED }, { populate: ['framework'], orderBy: { year: 'desc', publishedAt: 'desc', createdAt: 'desc' } });
    const kinds = await this.kindsOf(periods.map((p) => p.id));
    return periods.map((p) => publicPeriod(p, kinds.get(p.id) ?? []));
  }

  async period(id: string): Promise<PublicPeriod> {
    const p = await this.published(id);
    return publicPeriod(p, (await this.kindsOf([p.id])).get(p.id) ?? []);
  }

  /** One unit kind's ranking of a published period. */
  async ranking(periodId: string, unitKind: UnitKind): Promise<PublicRanking> {
    const p = await this.published(periodId);
    const rows = (await periodRanking(this.em, p)).filter((r) => r.unit.kind === unitKind);
    return { period: publicPeriod(p, (await this.kindsOf([p.id])).get(p.id) ?? []), unitKind, rows: rows.map(publicRow) };
  }

  /** A unit's page: its row of a published period and its results in every published period of the same framework code. */
  async unitResult(periodId: string, unitId: string): Promise<PublicUnitResult> {
    const p = await this.published(periodId);
    const uid = assertId(unitId, 'Unit');
    const [row] = await periodRanking(this.em, p, uid);
    if (!row) throw notFound('Unit', unitId);
    const history = await unitHistory(this.em, uid, { frameworkCode: p.framework.code });
    return { period: publicPeriod(p, (await this.kindsOf([p.id])).get(p.id) ?? []), row: publicRow(row), history };
  }

  /** The period if it is PUBLISHED; NOT_FOUND otherwise, worded as for a period that does not exist. */
  private async published(id: string): Promise<Period> {
    const periodId = assertId(id, 'Period');
    const p = await this.em.findOne(Period, { id: periodId, phase: Phase.PUBLISHED }, { populate: ['framework'] });
    if (!p) throw notFound('Period', id);
    return p;
  }

  /** The kinds of each period's units, in the enum's order. */
  private async kindsOf(periodIds: string[]): Promise<Map<string, UnitKind[]>> {
    const out = new Map<string, UnitKind[]>();
    if (!periodIds.length) return out;
    const found = await rows<{ period_id: string; kind: UnitKind }>(
      this.em,
      `select distinct a."period_id", u."kind" from "assessment" a join "unit" u on u."id" = a."unit_id" where a."period_id" in (${periodIds.map(() => '?').join(', ')})`,
      periodIds,
    );
    for (const r of found) out.set(r.period_id, [...(out.get(r.period_id) ?? []), r.kind]);
    for (const [id, kinds] of out) out.set(id, kinds.sort((x, y) => KIND_ORDER.indexOf(x) - KIND_ORDER.indexOf(y)));
    return out;
  }
}

function publicPeriod(p: Period, unitKinds: UnitKind[]): PublicPeriod {
  return {
    id: p.id,
    name: p.name,
    year: p.year,
    frameworkName: p.framework.name,
    frameworkCode: p.framework.code,
    maxScore: fromHundredths(p.framework.maxH),
    unitKinds,
    // a period moved to PUBLISHED before the column existed has its last change (the migration)
    publishedAt: p.publishedAt ?? p.updatedAt,
  };
}

/** The public part of a ranking row: figures and the unit's name, nothing that leads further. */
function publicRow(r: RankingRow): PublicRankingRow {
  return {
    unit: { id: r.unit.id, code: r.unit.code, name: r.unit.name, kind: r.unit.kind },
    submitted: r.submitted,
    rank: r.rank,
    total: r.total,
    maxScore: r.maxScore,
    index: r.index,
    band: r.band,
    previousRank: r.previousRank,
    rankChange: r.rankChange,
    previousTotal: r.previousTotal,
    totalChange: r.totalChange,
    groups: r.groups.map((g) => ({ criterionId: g.criterionId, code: g.code, title: g.title, maxScore: g.maxScore, total: g.total, rank: g.rank })),
  };
}
