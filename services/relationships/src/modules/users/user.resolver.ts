import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import type { ConnectionWithNodes } from '../shared/connections';
import { RelationshipStatus } from '../shared/enums';
import { Relationship, RelationshipConnection } from '../relationships/relationship.type';
import { RelationshipService } from '../relationships/relationship.service';
import { User } from './user.type';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly service: RelationshipService) {}

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Mentoring relationships this person is or was in. Visible to the person and to admins.',
  })
  relationshipCount(@Root() user: User, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    return this.service.countForUser(ctx, user.id);
  }

  @FieldResolver(() => [Relationship], {
    nullable: true,
    description:
      'The relationships this person is or was in, newest first. Visible to the person and to admins (null for others).',
    deprecationReason: 'Use relationshipsConnection.',
  })
  relationships(
    @Root() user: User,
    @Ctx() ctx: SubgraphContext,
    @Arg('status', () => RelationshipStatus, { nullable: true }) status?: RelationshipStatus | null,
  ): Promise<Relationship[] | null> {
    return this.service.forUser(ctx, user.id, status ?? null);
  }

  @FieldResolver(() => RelationshipConnection, {
    nullable: true,
    description:
      'The relationships this person is or was in, newest start first, a page at a time. Visible to the person and to admins (null for others).',
  })
  relationshipsConnection(
    @Root() user: User,
    @Ctx() ctx: SubgraphContext,
    @Arg('status', () => RelationshipStatus, { nullable: true }) status?: RelationshipStatus | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1..100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' })
    after?: string | null,
  ): Promise<ConnectionWithNodes<Relationship> | null> {
    return this.service.pageForUser(ctx, user.id, status ?? null, { first: first ?? null, after: after ?? null });
  }
}
