import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError, PageInfo } from '@tandem/subgraph-kit';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationRecord } from './notification.entity';

export const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as {
  [K in NotificationKind]: K;
};
registerEnumType(NotificationKindEnum, { name: 'NotificationKind', description: 'What a notification is about.' });

@ObjectType({ description: 'A message to one person about something that needs their attention; also sent by email.' })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKindEnum)
  kind!: NotificationKind;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the person marked it read; null while unread.' })
  readAt!: Date | null;

  @Field(() => Boolean)
  read!: boolean;
}

@ObjectType({ description: 'An edge of the notification list.' })
export class NotificationEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Notification)
  node!: Notification;
}

@ObjectType({ description: 'A page of notifications, newest first.' })
export class NotificationConnection {
  @Field(() => [NotificationEdge])
  edges!: NotificationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Unread notifications in total (not only on this page).' })
  unreadCount!: number;
}

@ObjectType({ description: 'The outcome of markNotificationsRead.' })
export class MarkNotificationsReadResult {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => [FieldError])
  errors!: FieldError[];

  @Field(() => Int, { description: 'How many notifications changed to read.' })
  updated!: number;

  @Field(() => Int, { description: 'Unread notifications left.' })
  unreadCount!: number;
}

export function toNotification(r: NotificationRecord): Notification {
  return Object.assign(new Notification(), {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    createdAt: r.createdAt,
    readAt: r.readAt,
    read: r.readAt !== null,
  });
}
