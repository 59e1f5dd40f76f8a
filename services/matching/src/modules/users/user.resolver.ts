import { Ctx, FieldResolver, Resolver, Root, Int } from 'type-graphql';
import { hasRole, type SubgraphContext } from '@tandem/subgraph-kit';
import { User } from './user.type';
import type { UserFiguresRepository } from './user.repository';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly figures: UserFiguresRepository) {}

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Mentees this person currently mentors. Visible to the person and to admins.',
  })
  async activeMentees(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    if (ctx.principal?.userId !== user.id && !hasRole(ctx.principal, 'ADMIN')) return null;
    const loader = ctx.loaders.get<string, number>('users:activeMentees', async (ids) => {
      const values = await this.figures.activeMentees(ids);
      return ids.map((id) => values.get(id) ?? 0);
    });
    return loader.load(user.id);
  }
}
