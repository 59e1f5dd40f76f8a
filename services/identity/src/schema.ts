import type { ContainerType } from 'type-graphql';
import { batchedReference, buildFederatedSchema } from '@tandem/subgraph-kit';
import { UserResolver } from './modules/users/user.resolver';
import type { UserService } from './modules/users/user.service';

export const resolvers = [UserResolver] as const;

export function buildIdentitySchema(container?: ContainerType, services?: { users: UserService }) {
  return buildFederatedSchema({
    resolvers,
    container,
    referenceResolvers: {
      User: batchedReference('User', async (ids, ctx) => (await services!.users.load(ctx, ids)).filter((u) => u !== null)),
    },
  });
}
