import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError, PageInfo } from '@tandem/subgraph-kit';
import { OK_DEPRECATED } from '../shared/api';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification.kinds';
import type { NotificationRow } from './notification.repository';

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

  @Field(() => String, {
    nullable: true,
    description:
      'Where the person acts on it: a path of the participant app (such as `/requests#request-…`), to open relative to the app, or for staff a path of the admin app prefixed `admin:` (such as `admin:/relationships/…`); null when there is nothing to do.',
  })
  link!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the person marked it read; null while unread.' })
  readAt!: Date | null;

  @Field(() => Boolean)
  read!: boolean;
}

@ObjectType({ description: 'One notification in a page, with its cursor.' })
export class NotificationEdge {
  @Field(() => String, { description: 'Pass as `after` to get the page that follows this item.' })
  cursor!: string;

  @Field(() => Notification, { description: 'The notification.' })
  node!: Notification;
}

/** The kit's connection shape (connectionTypes) plus the unread count, which the kit's classes do not carry. */
@ObjectType({ description: 'A page of notifications, newest first.' })
export class NotificationConnection {
  @Field(() => [NotificationEdge], { description: 'The notifications of this page.' })
  edges!: NotificationEdge[];

  @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many notifications the whole list holds (counted only when asked for).' })
  totalCount!: number;

  @Field(() => Int, { description: 'Unread notifications in total (not only on this page).' })
  unreadCount!: number;
}

@ObjectType({ description: 'The outcome of markNotificationsRead.' })
export class MarkNotificationsReadResult {
  @Field(() => Boolean, { deprecationReason: OK_DEPRECATED })
  ok!: boolean;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];

  @Field(() => Int, { description: 'How many notifications changed to read.' })
  updated!: number;

  @Field(() => Int, { description: 'Unread notifications left.' })
  unreadCount!: number;
}

export function toNotification(r: NotificationRow): Notification {
  return Object.assign(new Notification(), {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.createdAt,
    readAt: r.readAt,
    read: r.readAt !== null,
  });
}
