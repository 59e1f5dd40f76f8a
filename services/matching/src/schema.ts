import type { ContainerType } from 'type-graphql';
import { buildFederatedSchema } from '@tandem/subgraph-kit';
import { UserResolver } from './modules/users/user.resolver';
import { User } from './modules/users/user.type';
import { SearchResolver } from './modules/search/search.resolver';

export const resolvers = [UserResolver, SearchResolver] as const;

export function buildMatchingSchema(container?: ContainerType) {
  return buildFederatedSchema({
    resolvers,
    orphanedTypes: [User],
    container,
    referenceResolvers: {
      // the key is all this subgraph needs: its fields resolve from it, batched per request
      User: { __resolveReference: (reference: { id: string }) => Object.assign(new User(), { id: reference.id }) },
    },
  });
}
