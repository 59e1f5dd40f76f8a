import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { User, UserResult } from '../users/user.type';
import type { TimeZoneService } from './time-zone.service';

@Resolver(() => User)
export class TimeZoneResolver {
  constructor(private readonly service: TimeZoneService) {}

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The IANA time zone the person chose (America/Toronto): meeting times are shown and sent to them in it. Null until they choose; only the person sees it.',
  })
  timeZone(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return this.service.of(ctx, user);
  }

  @Mutation(() => UserResult, {
    description:
      "Saves the signed-in person's time zone (an IANA name such as America/Vancouver; INVALID_TIME_ZONE otherwise).",
  })
  setTimeZone(@Arg('timeZone', () => String) timeZone: string, @Ctx() ctx: SubgraphContext): Promise<UserResult> {
    return this.service.set(ctx, timeZone);
  }
}
