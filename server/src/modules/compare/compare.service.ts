import { assertCanReadAssessment, refOf } from '../../common/access';
import type { Viewer } from '../../common/auth';
import { badInput, notFound } from '../../common/errors';
import { assertId } from '../../common/ids';
import { fromHundredths, toHundredths } from '../../common/decimal';
import type { Em } from '../../orm';
import { Assessment } from '../assessment/assessment.entity';
import { progressRows, type ProgressRow } from '../assessment/progress.query';
import { Criterion } from '../framework/criterion.entity';
import { CompareBasis, type CompareFigure, type CompareRow, type CompareSide, type Comparison } from './compare.types';

interface Side {
  side: CompareSide;
  criteria: Criterion[];
  figures: Map<string, CompareFigure>;
}

/**
 * Two assessments criterion by criterion. The figures are the stored progress rows (the same
 * ones `assessment.progress` answers): nothing is scored again, only the difference is taken.
 */
export class CompareService {
  constructor(private readonly em: Em) {}

  async compare(viewer: Viewer, leftId: string, rightId: string): Promise<Comparison> {
    const ids = [assertId(leftId, 'Assessment'), assertId(rightId, 'Assessment')];
    if (ids[0] === ids[1]) throw badInput([{ path: 'rightId', message: 'compare two different assessments', code: 'SAME_ASSESSMENT', params: {} }]);
    const [left, right] = await Promise.all(ids.map((id) => this.side(viewer, id)));
    const rows: CompareRow[] = [];
    const seen = new Set<string>();
    const row = (c: Criterion): CompareRow => {
      const l = left.figures.get(c.code) ?? null;
      const r = right.figures.get(c.code) ?? null;
      const change = l && r ? fromHundredths(toHundredths(r.score)! - toHundredths(l.score)!) : null;
      return { code: c.code, title: c.title, depth: c.depth, isLeaf: c.isLeaf, left: l, right: r, change };
    };
    for (const c of left.criteria) {
      seen.add(c.code);
      rows.push(row(c));
    }
    for (const c of right.criteria) if (!seen.has(c.code)) rows.push(row(c));
    return { left: left.side, right: right.side, rows, changed: rows.filter((r) => r.change !== 0).length };
  }

  private async side(viewer: Viewer, id: string): Promise<Side> {
    const a = await this.em.findOne(Assessment, { id }, { populate: ['unit', 'period', 'period.framework'] });
    if (!a) throw notFound('Assessment', id);
    assertCanReadAssessment(viewer, refOf(a));
    const [criteria, progress] = await Promise.all([
      this.em.find(Criterion, { framework: a.period.framework.id }, { orderBy: { ordinal: 'asc' } }),
      progressRows(this.em, a.id, { times: false }),
    ]);
    const byCriterion = new Map<string, ProgressRow>(progress.map((p) => [p.criterionId, p]));
    const appraised = progress.some((p) => p.leavesAppraised > 0);
    const basis = appraised ? CompareBasis.APPRAISED : CompareBasis.SELF;
    const figureOf = (p: ProgressRow): CompareFigure => ({ score: appraised ? p.appraisedTotal : p.selfTotal, maxScore: p.maxScore });
    const figures = new Map<string, CompareFigure>();
    for (const c of criteria) {
      const p = byCriterion.get(c.id);
      if (p) figures.set(c.code, figureOf(p));
    }
    const tops = criteria.filter((c) => c.depth === 1).map((c) => figures.get(c.code)).filter((f): f is CompareFigure => !!f);
    const sum = (k: keyof CompareFigure) => fromHundredths(tops.reduce((s, f) => s + toHundredths(f[k])!, 0));
    return {
      side: { assessmentId: a.id, unitName: a.unit.name, unitCode: a.unit.code, periodName: a.period.name, year: a.period.year, basis, total: sum('score'), maxScore: sum('maxScore') },
      criteria,
      figures,
    };
  }
}
