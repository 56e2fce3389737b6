import { Field, ObjectType } from 'type-graphql';
import type { Coalescer } from '../../live/hub';
import { Notification } from './notification.entity';

/** One person's own topic: nobody else's subscription ever listens to it. */
export const notificationTopic = (userId: string) => `notifications:${userId}`;

@ObjectType({ description: 'Notifications just added for the caller (a burst comes as one event).' })
export class NotificationAddedEvent {
  @Field(() => [Notification])
  notifications!: Notification[];
}

export const notificationCoalescer: Coalescer<NotificationAddedEvent> = {
  merge: (a, b) => ({ notifications: [...a.notifications, ...b.notifications] }),
};
