import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import { NotificationService } from './notification.service';
import { MarkNotificationsReadResult, NotificationConnection } from './notification.type';

@Resolver(() => User)
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

  @FieldResolver(() => NotificationConnection, {
    nullable: true,
    description: "The person's notifications, newest first. Only the person sees them; null for anyone else.",
  })
  notifications(
    @Root() user: User,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly?: boolean,
  ): ReturnType<NotificationService['list']> {
    return this.service.list(ctx, user, { first, after, unreadOnly });
  }

  @Mutation(() => MarkNotificationsReadResult, {
    description: "Marks the signed-in person's notifications read: the given ids, or all of them.",
  })
  markNotificationsRead(
    @Ctx() ctx: SubgraphContext,
    @Arg('ids', () => [ID], { nullable: true }) ids?: string[],
    @Arg('all', () => Boolean, { nullable: true }) all?: boolean,
  ): Promise<MarkNotificationsReadResult> {
    return this.service.markRead(ctx, ids, all);
  }
}
