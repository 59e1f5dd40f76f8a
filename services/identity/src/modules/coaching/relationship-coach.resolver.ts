import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { User } from '../users/user.type';
import { RelationshipCoaching } from './relationship-coach.type';
import { RelationshipCoachService } from './relationship-coach.service';

@Resolver(() => RelationshipCoaching)
export class RelationshipCoachResolver {
  constructor(private readonly service: RelationshipCoachService) {}

  @FieldResolver(() => [User], {
    description:
      "The coaches of the relationship's organisation, the one who proposed the match first: for its two partners, those coaches and admins (empty for anyone else). Their contact details show to the pair while it is active.",
  })
  coaches(@Root() relationship: RelationshipCoaching, @Ctx() ctx: SubgraphContext): Promise<User[]> {
    return this.service.coaches(ctx, relationship.id);
  }
}
