import { Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { User } from './user.type';
import { UserService } from './user.service';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly service: UserService) {}

  @Query(() => User, { description: 'The signed-in user.' })
  me(@Ctx() ctx: SubgraphContext): Promise<User> {
    return this.service.me(ctx);
  }
}
