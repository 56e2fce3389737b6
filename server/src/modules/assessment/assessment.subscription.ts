import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { canReadAssessment } from '../../common/access';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import type { Revoked } from '../../live/guard';
import { liveStream, unlessRevoked } from '../../live/stream';
import { AssessmentEvent, assessmentCoalescer, assessmentTopic } from './assessment.events';
import { AssessmentService } from './assessment.service';

@Resolver()
export class AssessmentSubscriptionResolver {
  @Subscription(() => AssessmentEvent, {
    description:
      'Every change of one assessment (saves, assignments, status), with seq. Authorized at start and again whenever the subscriber’s access changes. On a gap in seq, or after a reconnect, refetch `assessment` and apply events whose fromSeq is after its seq.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { assessmentId: string }, Context>) => {
      const viewer = requireViewer(context.viewer);
      const a = await new AssessmentService(context.em).get(viewer, args.assessmentId);
      // the re-check keeps ids only: the entity would keep its entity manager alive for as long as the stream
      const { id: assessmentId, unit: { id: unitId }, period: { id: periodId } } = a;
      return liveStream(context, viewer, assessmentTopic(assessmentId), assessmentCoalescer, async (fresh) => {
        const now = await new AssessmentService(context.fork()).get(fresh, assessmentId).catch(() => null);
        return now !== null && canReadAssessment(fresh, { unitId, periodId, status: now.status });
      });
    },
  })
  assessmentEvents(@Root() event: AssessmentEvent | Revoked, @Arg('assessmentId', () => ID) _assessmentId: string): AssessmentEvent {
    return unlessRevoked(event);
  }
}
