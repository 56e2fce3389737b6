import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { CompareService } from './compare.service';
import { Comparison } from './compare.types';

@Resolver()
export class CompareResolver {
  @Authorized()
  @Query(() => Comparison, {
    description:
      'Two assessments criterion by criterion (two units of a period, or one unit in two periods), matched by criterion code, with the change of each. The caller must be able to read both.',
  })
  compareAssessments(@Arg('leftId', () => ID) leftId: string, @Arg('rightId', () => ID) rightId: string, @Ctx() ctx: Context): Promise<Comparison> {
    return new CompareService(ctx.em).compare(requireViewer(ctx.viewer), leftId, rightId);
  }
}
