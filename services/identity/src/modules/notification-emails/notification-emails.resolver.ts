import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import type { NotificationKind } from '../notifications/notification.kinds';
import { NotificationKindEnum } from '../notifications/notification.type';
import { User, UserResult } from '../users/user.type';
import type { NotificationEmailService } from './notification-emails.service';
import { NotificationEmailSetting, NudgeEmailDelivery } from './notification-emails.type';

@Resolver(() => User)
export class NotificationEmailResolver {
  constructor(private readonly service: NotificationEmailService) {}

  @FieldResolver(() => [NotificationEmailSetting], {
    nullable: true,
    description:
      'Which kinds of notification also reach the person by email, one entry per kind (in-app they always do). Only the person sees it.',
  })
  notificationEmails(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<NotificationEmailSetting[] | null> {
    return this.service.of(ctx, user);
  }

  @Mutation(() => UserResult, {
    description:
      "Turns the signed-in person's emails of one kind of notification on or off (in-app stays). Security notices cannot be turned off: `kind` ALWAYS_EMAILED.",
  })
  setNotificationEmail(
    @Arg('kind', () => NotificationKindEnum) kind: NotificationKind,
    @Arg('email', () => Boolean) email: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UserResult> {
    return this.service.set(ctx, kind, email);
  }

  @FieldResolver(() => NudgeEmailDelivery, {
    nullable: true,
    description:
      'How nudges reach the person by email: DAILY_DIGEST (at most one email a day, the default) or EACH as it happens. Only the person sees it.',
  })
  nudgeEmailDelivery(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<NudgeEmailDelivery | null> {
    return this.service.nudgeDelivery(ctx, user);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'Whether the person is also reminded an hour before each planned meeting (off until they turn it on; the day-before reminder is the MEETING_REMINDER notification). Only the person sees it.',
  })
  meetingReminderHourBefore(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<boolean | null> {
    return this.service.hourBefore(ctx, user);
  }

  @Mutation(() => UserResult, {
    description:
      "Chooses how the signed-in person's nudges are emailed: one digest a day (DAILY_DIGEST) or each as it happens (EACH). Each kind can still be turned off with setNotificationEmail.",
  })
  setNudgeEmailDelivery(
    @Arg('delivery', () => NudgeEmailDelivery) delivery: NudgeEmailDelivery,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UserResult> {
    return this.service.setNudgeDelivery(ctx, delivery);
  }

  @Mutation(() => UserResult, {
    description:
      "Turns the signed-in person's reminder an hour before each planned meeting on or off (in-app, and by email unless MEETING_REMINDER emails are off).",
  })
  setMeetingReminderHourBefore(
    @Arg('enabled', () => Boolean) enabled: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UserResult> {
    return this.service.setHourBefore(ctx, enabled);
  }
}
