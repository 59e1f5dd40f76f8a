import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import type { Connection } from '@tandem/subgraph-kit';
import { Relationship } from '../relationships/relationship.type';
import { MeetingService } from './meeting.service';
import { Meeting, MeetingConnection } from './meeting.type';

const INCLUDE_SUPERSEDED = {
  defaultValue: false,
  description: 'Include revisions replaced by a confirmed amendment.',
};

@Resolver(() => Relationship)
export class RelationshipMeetingsResolver {
  constructor(private readonly service: MeetingService) {}

  @FieldResolver(() => [Meeting], {
    description: 'The meeting log, oldest first (superseded revisions only when asked).',
    deprecationReason: 'Use meetingsConnection.',
  })
  meetings(
    @Root() r: Relationship,
    @Ctx() ctx: SubgraphContext,
    @Arg('includeSuperseded', () => Boolean, INCLUDE_SUPERSEDED) includeSuperseded: boolean,
  ): Promise<Meeting[]> {
    return this.service.forRelationship(ctx, r.id, includeSuperseded);
  }

  @FieldResolver(() => MeetingConnection, {
    description: 'The meeting log, oldest first, a page at a time (superseded revisions only when asked).',
  })
  meetingsConnection(
    @Root() r: Relationship,
    @Arg('includeSuperseded', () => Boolean, INCLUDE_SUPERSEDED) includeSuperseded: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1..100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' })
    after?: string | null,
  ): Promise<Connection<Meeting>> {
    return this.service.page(r.id, includeSuperseded, { first: first ?? null, after: after ?? null });
  }
}
