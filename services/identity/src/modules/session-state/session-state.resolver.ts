import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { UserResult } from '../users/user.type';
import { SessionStateService } from './session-state.service';

@Resolver()
export class SessionStateResolver {
  constructor(private readonly service: SessionStateService) {}

  @Mutation(() => UserResult, {
    description:
      'Suspends an account (ADMIN only): every session ends on its next request and it cannot sign in until reinstated. ' +
      '`userId` SELF when it is your own account.',
  })
  suspendUser(@Arg('userId', () => ID) userId: string, @Ctx() ctx: SubgraphContext): Promise<UserResult> {
    return this.service.suspend(ctx, userId);
  }

  @Mutation(() => UserResult, {
    description:
      'Lifts a suspension (ADMIN only): the person can sign in again; sessions ended by the suspension stay ended.',
  })
  reinstateUser(@Arg('userId', () => ID) userId: string, @Ctx() ctx: SubgraphContext): Promise<UserResult> {
    return this.service.reinstate(ctx, userId);
  }
}
