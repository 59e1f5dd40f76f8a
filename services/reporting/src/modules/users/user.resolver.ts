import { Ctx, FieldResolver, Resolver, Root, Float } from 'type-graphql';
import { hasRole, type SubgraphContext } from '@tandem/subgraph-kit';
import { User } from './user.type';
import type { UserFiguresRepository } from './user.repository';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly figures: UserFiguresRepository) {}

  @FieldResolver(() => Float, { nullable: true, description: 'CPD hours recorded from meetings confirmed by both sides. Visible to the person and to admins.' })
  async cpdHours(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    if (ctx.principal?.userId !== user.id && !hasRole(ctx.principal, 'ADMIN')) return null;
    const loader = ctx.loaders.get<string, number>('users:cpdHours', async (ids) => {
      const values = await this.figures.cpdHours(ids);
      return ids.map((id) => values.get(id) ?? 0);
    });
    return loader.load(user.id);
  }
}
