import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { Relationship } from '../relationships/relationship.type';
import { MeetingService } from './meeting.service';
import { Meeting } from './meeting.type';

@Resolver(() => Relationship)
export class RelationshipMeetingsResolver {
  constructor(private readonly service: MeetingService) {}

  @FieldResolver(() => [Meeting], {
    description: 'The meeting log, oldest first (superseded revisions only when asked).',
  })
  meetings(
    @Root() r: Relationship,
    @Ctx() ctx: SubgraphContext,
    @Arg('includeSuperseded', () => Boolean, {
      defaultValue: false,
      description: 'Include revisions replaced by a confirmed amendment.',
    })
    includeSuperseded: boolean,
  ): Promise<Meeting[]> {
    return this.service.forRelationship(ctx, r.id, includeSuperseded);
  }
}
