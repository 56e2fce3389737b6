import { Arg, Authorized, Ctx, ID, Mutation, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { canReadAssessment } from '../../common/access';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { assertReadableAssessment } from '../../common/unit-data';
import { badInput } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Revoked } from '../../live/guard';
import { liveStream, unlessRevoked } from '../../live/stream';
import { AssessmentService } from '../assessment/assessment.service';
import { presenceTopic } from './presence.service';
import { PresenceEvent } from './presence.types';

const SESSION = /^[A-Za-z0-9_-]{8,64}$/;
/** A session is the caller's own: keyed by user, so nobody can end another person's presence. */
const checkSession = (userId: string, s: string) => {
  if (!SESSION.test(s)) throw badInput([{ path: 'sessionId', message: 'use 8–64 letters, digits, "-" or "_"', code: 'INVALID_SESSION_ID', params: {} }]);
  return `${userId}:${s}`;
};

@Resolver()
export class PresenceResolver {
  @Subscription(() => PresenceEvent, {
    description:
      'Who has the assessment open and what each is editing: a full snapshot now and on every change. With a sessionId the subscriber is present while subscribed; updatePresence says which criterion it edits and keeps it fresh.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { assessmentId: string; sessionId?: string | null }, Context>) => {
      const viewer = requireViewer(context.viewer);
      const a = await new AssessmentService(context.em).get(viewer, args.assessmentId);
      // the stream's closures keep ids only: the entity would keep its entity manager alive as long as the stream
      const { id: assessmentId, status, unit: { id: unitId }, period: { id: periodId } } = a;
      const presence = context.live.presence;
      const sessionId = args.sessionId ? checkSession(viewer.id, args.sessionId) : null;
      const unwatch = presence.watch(assessmentId);
      const stream = await liveStream<PresenceEvent>(
        context,
        viewer,
        presenceTopic(assessmentId),
        { merge: (_x, y) => y },
        async (fresh) => canReadAssessment(fresh, { unitId, periodId, status }),
        async () => {
          unwatch();
          if (sessionId) await presence.remove(assessmentId, sessionId).catch(() => undefined);
        },
      );
      // the first message is the current snapshot (after joining, when a session is given)
      if (sessionId) await presence.put(assessmentId, { sessionId, userId: viewer.id, name: viewer.name, criterionId: null });
      else await context.live.hub.publish(presenceTopic(assessmentId), await presence.snapshot(assessmentId));
      return stream;
    },
  })
  presence(
    @Root() event: PresenceEvent | Revoked,
    @Arg('assessmentId', () => ID) _assessmentId: string,
    @Arg('sessionId', () => String, { nullable: true }) _sessionId?: string,
  ): PresenceEvent {
    return unlessRevoked(event);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Refreshes the caller’s presence in an assessment and says which criterion it edits (null: none).' })
  async updatePresence(
    @Arg('assessmentId', () => ID) assessmentId: string,
    @Arg('sessionId', () => String) sessionId: string,
    @Arg('criterionId', () => ID, { nullable: true }) criterionId: string | null,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    const viewer = requireViewer(ctx.viewer);
    const id = await assertReadableAssessment(ctx, assessmentId);
    await ctx.live.presence.put(id, { sessionId: checkSession(viewer.id, sessionId), userId: viewer.id, name: viewer.name, criterionId: criterionId ? assertId(criterionId, 'Criterion') : null });
    return true;
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Leaves an assessment (a closed tab lapses by itself within the time-to-live).' })
  async leavePresence(@Arg('assessmentId', () => ID) assessmentId: string, @Arg('sessionId', () => String) sessionId: string, @Ctx() ctx: Context): Promise<boolean> {
    const viewer = requireViewer(ctx.viewer);
    const id = await assertReadableAssessment(ctx, assessmentId);
    await ctx.live.presence.remove(id, checkSession(viewer.id, sessionId));
    return true;
  }
}

