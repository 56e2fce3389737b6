import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { UnitKind } from '../unit/unit.entity';
import { PublicResultsService } from './public.service';
import { PublicPeriod, PublicRanking, PublicUnitResult } from './public.types';

/**
 * The public results (issue 17.1): open to anonymous callers, PUBLISHED periods only (any other
 * is NOT_FOUND, as one that does not exist). The web client's public pages read the same answers
 * as cacheable JSON (public.routes.ts).
 */
@Resolver()
export class PublicResultsResolver {
  @Query(() => [PublicPeriod], { description: 'Every PUBLISHED period, the latest first. No sign-in needed.' })
  publicPeriods(@Ctx() ctx: Context): Promise<PublicPeriod[]> {
    return new PublicResultsService(ctx.em).periods();
  }

  @Query(() => PublicPeriod, { description: 'A PUBLISHED period; NOT_FOUND for any other. No sign-in needed.' })
  publicPeriod(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PublicPeriod> {
    return new PublicResultsService(ctx.em).period(id);
  }

  @Query(() => PublicRanking, {
    description: 'One unit kind’s ranking of a PUBLISHED period (the figures of `ranking`); NOT_FOUND for any other period. No sign-in needed.',
  })
  publicRanking(@Arg('periodId', () => ID) periodId: string, @Arg('unitKind', () => UnitKind) unitKind: UnitKind, @Ctx() ctx: Context): Promise<PublicRanking> {
    return new PublicResultsService(ctx.em).ranking(periodId, unitKind);
  }

  @Query(() => PublicUnitResult, {
    description: 'A unit’s published result in a PUBLISHED period, with its groups and its history over the published periods of the same framework code; NOT_FOUND otherwise. No sign-in needed.',
  })
  publicUnitResult(@Arg('periodId', () => ID) periodId: string, @Arg('unitId', () => ID) unitId: string, @Ctx() ctx: Context): Promise<PublicUnitResult> {
    return new PublicResultsService(ctx.em).unitResult(periodId, unitId);
  }
}
