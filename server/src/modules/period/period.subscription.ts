import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { requireRole } from '../../common/auth';
import type { Context } from '../../common/context';
import type { Revoked } from '../../live/guard';
import { liveStream, unlessRevoked } from '../../live/stream';
import { Role } from '../user/user.entity';
import { PeriodProgressEvent, periodCoalescer, periodTopic } from './period.events';
import { PeriodService } from './period.service';

const WATCHERS = [Role.ADMIN, Role.VIEWER];

@Resolver()
export class PeriodSubscriptionResolver {
  @Subscription(() => PeriodProgressEvent, {
    description: 'Per-unit completion of a period as units save (ADMIN and VIEWER). Query period.assessments for the starting state.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { periodId: string }, Context>) => {
      const viewer = requireRole(context.viewer, ...WATCHERS);
      const period = await new PeriodService(context.em).get(args.periodId);
      return liveStream(context, viewer, periodTopic(period.id), periodCoalescer, async (fresh) => WATCHERS.includes(fresh.role));
    },
  })
  periodProgress(@Root() event: PeriodProgressEvent | Revoked, @Arg('periodId', () => ID) _periodId: string): PeriodProgressEvent {
    return unlessRevoked(event);
  }
}
