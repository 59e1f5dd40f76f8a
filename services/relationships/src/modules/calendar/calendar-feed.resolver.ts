import { Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import type { CalendarFeedService } from './calendar-feed.service';
import { CalendarFeed, CreateCalendarFeedResult, RevokeCalendarFeedResult, toCalendarFeed } from './calendar-feed.type';

@Resolver(() => User)
export class CalendarFeedResolver {
  constructor(private readonly service: CalendarFeedService) {}

  @FieldResolver(() => CalendarFeed, {
    nullable: true,
    description: "The person's live calendar feed, if they created one. Visible to the person only (null for others).",
  })
  async calendarFeed(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<CalendarFeed | null> {
    const row = await this.service.of(ctx, user.id);
    return row ? toCalendarFeed(row) : null;
  }

  @Mutation(() => CreateCalendarFeedResult, {
    description:
      'Creates a private calendar feed of your planned meetings (upcoming, and the last 30 days) and returns its secret URL once; any feed you had stops working. Any signed-in person.',
  })
  async createCalendarFeed(@Ctx() ctx: SubgraphContext): Promise<CreateCalendarFeedResult> {
    const { feed, url } = await this.service.create(ctx);
    return Object.assign(new CreateCalendarFeedResult(), { calendarFeed: toCalendarFeed(feed), url, errors: [] });
  }

  @Mutation(() => RevokeCalendarFeedResult, {
    description: 'Revokes your calendar feed: its URL answers 404 from now on. Any signed-in person.',
  })
  async revokeCalendarFeed(@Ctx() ctx: SubgraphContext): Promise<RevokeCalendarFeedResult> {
    const revoked = await this.service.revoke(ctx);
    return Object.assign(new RevokeCalendarFeedResult(), { revoked, errors: [] });
  }
}
