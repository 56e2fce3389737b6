import { Field, Int, ObjectType } from 'type-graphql';
import { NotificationKind } from './notification.entity';
import { Notification } from './notification.entity';
import { EmailDelivery } from './notification-preference.entity';

@ObjectType()
export class NotificationEdge {
  @Field(() => Notification)
  node!: Notification;

  @Field(() => String)
  cursor!: string;
}

@ObjectType()
export class NotificationPageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'A page of the caller’s notifications, newest first.' })
export class NotificationConnection {
  @Field(() => [NotificationEdge])
  edges!: NotificationEdge[];

  @Field(() => NotificationPageInfo)
  pageInfo!: NotificationPageInfo;

  @Field(() => Int, { description: 'How many notifications the filter matches (every page).' })
  totalCount!: number;

  @Field(() => Int, { description: 'How many of the caller’s notifications are unread (the bell’s figure).' })
  unreadCount!: number;
}

@ObjectType()
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: 'How many were marked read now.' })
  marked!: number;

  @Field(() => Int, { description: 'How many of the caller’s notifications are still unread.' })
  unreadCount!: number;
}

@ObjectType({ description: 'How one kind of notification reaches the caller by e-mail.' })
export class NotificationPreferenceItem {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => EmailDelivery)
  email!: EmailDelivery;
}
