import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { forbidden } from '../../common/errors';
import type { Revoked } from '../../live/guard';
import { liveStream, unlessRevoked } from '../../live/stream';
import { NotificationKind } from './notification.entity';
import { NotificationAddedEvent, notificationCoalescer, notificationTopic } from './notification.events';
import { EmailDelivery } from './notification-preference.entity';
import { NotificationService } from './notification.service';
import { MarkNotificationsReadPayload, NotificationConnection, NotificationPreferenceItem } from './notification.types';

/** A person (not an API token) acting for themselves. */
function person(ctx: Context) {
  const viewer = requireViewer(ctx.viewer);
  if (viewer.integrator) throw forbidden('API tokens have no notifications.');
  return viewer;
}

@Resolver()
export class NotificationResolver {
  @Authorized()
  @Query(() => NotificationConnection, { description: 'The caller’s own notifications, newest first: `first` (1–100) after the cursor `after`; only unread ones with unreadOnly.' })
  notifications(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Ctx() ctx: Context,
  ): Promise<NotificationConnection> {
    return new NotificationService(ctx.em).page(person(ctx), first, after, unreadOnly);
  }

  @Authorized()
  @Mutation(() => MarkNotificationsReadPayload, { description: 'Marks the caller’s notifications `ids` read, or all of them with all: true. Ids of others’ notifications change nothing.' })
  markNotificationsRead(
    @Arg('ids', () => [ID], { nullable: true }) ids: string[] | null,
    @Arg('all', () => Boolean, { defaultValue: false }) all: boolean,
    @Ctx() ctx: Context,
  ): Promise<MarkNotificationsReadPayload> {
    return new NotificationService(ctx.em).markRead(person(ctx), ids, all);
  }

  @Authorized()
  @Query(() => [NotificationPreferenceItem], { description: 'How each kind of notification reaches the caller by e-mail (IMMEDIATE unless chosen otherwise).' })
  notificationPreferences(@Ctx() ctx: Context): Promise<NotificationPreferenceItem[]> {
    return new NotificationService(ctx.em).preferences(person(ctx));
  }

  @Authorized()
  @Mutation(() => NotificationPreferenceItem, { description: 'The caller chooses how one kind reaches them by e-mail: IMMEDIATE, DAILY_DIGEST or NEVER.' })
  setNotificationPreference(
    @Arg('kind', () => NotificationKind) kind: NotificationKind,
    @Arg('email', () => EmailDelivery) email: EmailDelivery,
    @Ctx() ctx: Context,
  ): Promise<NotificationPreferenceItem> {
    return new NotificationService(ctx.em).setPreference(person(ctx), kind, email);
  }

  @Subscription(() => NotificationAddedEvent, {
    description: 'The caller’s new notifications, live. Only ever the caller’s own: the stream listens to the caller’s topic alone.',
    subscribe: async ({ context }: SubscribeResolverData<unknown, object, Context>) => {
      const viewer = person(context);
      return liveStream(context, viewer, notificationTopic(viewer.id), notificationCoalescer, async (fresh) => fresh.id === viewer.id);
    },
  })
  notificationAdded(@Root() event: NotificationAddedEvent | Revoked): NotificationAddedEvent {
    const e = unlessRevoked(event);
    // through Redis the times arrive as text
    return { notifications: e.notifications.map((n) => ({ ...n, createdAt: new Date(n.createdAt), readAt: n.readAt ? new Date(n.readAt) : null })) };
  }
}
