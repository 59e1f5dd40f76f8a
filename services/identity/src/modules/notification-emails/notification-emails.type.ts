import { Field, ObjectType } from 'type-graphql';
import { NotificationKindEnum } from '../notifications/notification.type';
import type { NotificationKind } from '../notifications/notification.kinds';

@ObjectType({
  description: 'Whether one kind of notification also reaches the person by email (in-app it always does).',
})
export class NotificationEmailSetting {
  @Field(() => NotificationKindEnum, { description: 'The kind of notification.' })
  kind!: NotificationKind;

  @Field(() => Boolean, { description: 'True when notifications of this kind are also emailed.' })
  email!: boolean;

  @Field(() => Boolean, {
    description: 'False for security notices (a password change): they are always emailed.',
  })
  canTurnOff!: boolean;
}

export function toNotificationEmailSetting(kind: NotificationKind, email: boolean, canTurnOff: boolean) {
  return Object.assign(new NotificationEmailSetting(), { kind, email, canTurnOff });
}
