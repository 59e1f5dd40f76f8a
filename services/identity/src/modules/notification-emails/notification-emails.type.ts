import { Field, ObjectType, registerEnumType } from 'type-graphql';
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

/** How nudges reach a person by email. */
export enum NudgeEmailDelivery {
  DAILY_DIGEST = 'DAILY_DIGEST',
  EACH = 'EACH',
}
registerEnumType(NudgeEmailDelivery, {
  name: 'NudgeEmailDelivery',
  description:
    'How nudges (no meeting lately, a meeting to confirm, a check-in due, hours reached, a request expiring) reach a person by email: one digest a day, or each one as it happens. In-app each is a notification either way.',
  valuesConfig: {
    DAILY_DIGEST: {
      description: 'At most one email a day listing the day’s nudges, each with its link (the default).',
    },
    EACH: { description: 'An email for each nudge as it happens.' },
  },
});
