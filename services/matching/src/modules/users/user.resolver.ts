import { Ctx, FieldResolver, Resolver, Root, Int } from 'type-graphql';
import { hasRole, rowLoader, type SubgraphContext } from '@tandem/subgraph-kit';
import { User } from './user.type';
import type { ActiveMenteesRow, UserFiguresRepository } from './user.repository';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly figures: UserFiguresRepository) {}

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Mentees this person currently mentors. Visible to the person and to admins.',
  })
  async activeMentees(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    if (ctx.principal?.userId !== user.id && !hasRole(ctx.principal, 'ADMIN')) return null;
    const row = await rowLoader(
      ctx,
      'users:activeMentees',
      (r: ActiveMenteesRow) => r.userId,
      (ids) => this.figures.activeMentees(ids),
    ).load(user.id);
    return row?.activeMentees ?? 0;
  }
}
