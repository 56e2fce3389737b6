import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { connectionType, pageOfList, pageSize, type Page } from '../../common/paging';
import { UnitKind } from '../unit/unit.entity';
import { ResultsService } from './results.service';
import { RankingRow } from './results.types';

export const RankingConnection = connectionType(RankingRow, 'Ranking', 'A page of a period’s ranking of one unit kind, by rank.');

@Resolver()
export class RankingPagesResolver {
  @Authorized()
  @Query(() => RankingConnection, {
    description:
      'A page of the ranking (`first` 1–100 after the cursor `after`, a unit’s place): the same rows, rights and order as `ranking`. A cursor whose unit has left the ranking is refused (INVALID_CURSOR): start again.',
  })
  async rankingPage(
    @Arg('periodId', () => ID) periodId: string,
    @Arg('unitKind', () => UnitKind) unitKind: UnitKind,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Page<RankingRow>> {
    pageSize('RankingConnection', first);
    // the ranking is one stored row per unit, ranked as a whole (results.service.ts): a page is
    // a slice of it, continued after the cursor's unit
    const rows = await new ResultsService(ctx.em).ranking(requireViewer(ctx.viewer), periodId, unitKind);
    return pageOfList(rows, 'ranking', first, after, (r) => [r.unit.id], ['string']);
  }
}
