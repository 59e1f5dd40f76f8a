import type { SubgraphContext } from '@tandem/subgraph-kit';
import { hasRole, NotFound, requirePrincipal } from '@tandem/subgraph-kit';
import type { UserRepository } from './user.repository';
import { toUser, type User } from './user.type';

/** Who people are: lookups of users with the visibility rules applied. */
export class UserService {
  constructor(private readonly users: UserRepository) {}

  async me(ctx: SubgraphContext): Promise<User> {
    const principal = requirePrincipal(ctx);
    const [user] = await this.load(ctx, [principal.userId]);
    if (!user) throw NotFound('User');
    return user;
  }

  /** Batched lookup for `_entities` and lists: one query per request, whatever the number of ids. */
  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<User | null>> {
    const rows = await ctx.loaders
      .get<string, Awaited<ReturnType<UserRepository['findByIds']>>[number] | null>('users:byId', async (keys) => {
        const found = new Map((await this.users.findByIds(keys)).map((u) => [u.id, u]));
        return keys.map((k) => found.get(k) ?? null);
      })
      .loadMany([...ids]);
    const isAdmin = hasRole(ctx.principal, 'ADMIN');
    return rows.map((row) => (row && !(row instanceof Error) ? toUser(row, isAdmin || ctx.principal?.userId === row.id) : null));
  }
}
