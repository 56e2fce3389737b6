import type { Viewer } from '../../common/auth';
import { badInput, forbidden, notFound } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Criterion } from '../framework/criterion.entity';
import { Period, Phase } from '../period/period.entity';
import { Result } from '../results/result.entity';
import { UnitKind } from '../unit/unit.entity';
import { Role } from '../user/user.entity';

export interface RankingSheet {
  period: Period;
  unitKind: UnitKind;
  /** the framework's top-level groups, in its order */
  groups: Criterion[];
  /** the computed results, by rank then unit name */
  results: Result[];
}

/**
 * A period's ranking for one unit kind from the computed results, the one source of its exports
 * (XLSX, CSV, PDF): ADMIN, VIEWER and APPRAISER always; everyone else once the period is
 * PUBLISHED. Without results, no rows.
 */
export async function rankingSheet(em: Em, viewer: Viewer, periodId: string, unitKind: string): Promise<RankingSheet> {
  if (!Object.values(UnitKind).includes(unitKind as UnitKind)) {
    throw badInput([{ path: 'unitKind', message: `unitKind must be one of ${Object.values(UnitKind).join(', ')}`, code: 'NOT_ONE_OF', params: { field: 'unitKind', value: unitKind, allowed: Object.values(UnitKind).join(', ') } }]);
  }
  const period = await em.findOne(Period, { id: assertId(periodId, 'Period') }, { populate: ['framework'] });
  if (!period) throw notFound('Period', periodId);
  const insiders: Role[] = [Role.ADMIN, Role.VIEWER, Role.APPRAISER];
  if (!insiders.includes(viewer.role) && period.phase !== Phase.PUBLISHED) {
    throw forbidden('The ranking is visible to everyone once the results are published.');
  }
  const groups = await em.find(Criterion, { framework: period.framework.id, depth: 1 }, { orderBy: { ordinal: 'asc' } });
  const results = await em.find(Result, { period: period.id, assessment: { unit: { kind: unitKind as UnitKind } } }, { populate: ['assessment', 'assessment.unit'] });
  results.sort((x, y) => x.rank - y.rank || x.assessment.unit.name.localeCompare(y.assessment.unit.name, 'vi'));
  return { period, unitKind: unitKind as UnitKind, groups, results };
}
