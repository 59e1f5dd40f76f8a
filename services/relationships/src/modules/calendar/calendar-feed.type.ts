import { Field, ObjectType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import type { CalendarFeedRow } from './calendar-feed.repository';

@ObjectType({
  description:
    "A person's private calendar feed of their planned meetings (an iCalendar URL a calendar app subscribes to). Its URL is shown once, when it is created; only the person sees that they have one.",
})
export class CalendarFeed {
  @Field(() => Date, { description: 'When it was created (a new one replaces it).' })
  createdAt!: Date;
}

export const toCalendarFeed = (row: CalendarFeedRow): CalendarFeed =>
  Object.assign(new CalendarFeed(), { createdAt: row.createdAt });

@ObjectType({ description: 'The outcome of creating a calendar feed.' })
export class CreateCalendarFeedResult {
  @Field(() => CalendarFeed, { nullable: true, description: 'The new feed (the previous one no longer works).' })
  calendarFeed!: CalendarFeed | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The secret feed address, shown this once (it is stored only hashed): subscribe to it in a calendar app. Anyone with it can read your planned meetings; revoke it if it leaks.',
  })
  url!: string | null;

  @Field(() => [FieldError], { description: 'Why it was refused (empty on success).' })
  errors!: FieldError[];
}

@ObjectType({ description: 'The outcome of revoking a calendar feed.' })
export class RevokeCalendarFeedResult {
  @Field(() => Boolean, { description: 'Whether a feed was revoked (false: there was none).' })
  revoked!: boolean;

  @Field(() => [FieldError], { description: 'Why it was refused (empty on success).' })
  errors!: FieldError[];
}
