import type { ContainerType } from 'type-graphql';
import { buildFederatedSchema } from '@tandem/subgraph-kit';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { UserResolver } from './modules/users/user.resolver';
import { User } from './modules/users/user.type';
import { RelationshipResolver } from './modules/relationships/relationship.resolver';
import { Program } from './modules/relationships/relationship.type';
import type { RelationshipService } from './modules/relationships/relationship.service';

export const resolvers = [UserResolver, RelationshipResolver] as const;

export interface ReferenceServices {
  relationships: RelationshipService;
}

export function buildRelationshipsSchema(container?: ContainerType, services?: ReferenceServices) {
  return buildFederatedSchema({
    resolvers,
    orphanedTypes: [User, Program],
    container,
    referenceResolvers: {
      // the key is all this subgraph needs: its fields resolve from it, batched per request
      User: { __resolveReference: (reference: { id: string }) => Object.assign(new User(), { id: reference.id }) },
      // the same access rule as the root field: NOT_FOUND for unknown and forbidden ids alike
      Relationship: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => services!.relationships.reference(ctx, ref.id) },
    },
  });
}
