import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { outcome, type SubgraphContext } from '@tandem/subgraph-kit';
import { Relationship } from '../relationships/relationship.type';
import { CheckIn, CheckInDue, CheckInInput, CheckInResult } from './check-in.type';
import { CoachingService } from './coaching.service';

@Resolver(() => Relationship)
export class CoachingResolver {
  constructor(private readonly service: CoachingService) {}

  @FieldResolver(() => [CheckIn], {
    nullable: true,
    description: 'Coach check-ins, newest first: for the coach of the organisation and admins (null for others).',
  })
  checkIns(@Root() r: Relationship, @Ctx() ctx: SubgraphContext): Promise<CheckIn[] | null> {
    return this.service.checkIns(ctx, r);
  }

  @FieldResolver(() => CheckInDue, {
    nullable: true,
    description:
      "The check-in the organisation's coach owes the pair (its follow-up date has come, or none for 30 days): for the coach of the organisation and admins; null when none is due, and for others.",
  })
  checkInDue(@Root() r: Relationship, @Ctx() ctx: SubgraphContext): Promise<CheckInDue | null> {
    return this.service.due(ctx, r);
  }

  @Mutation(() => CheckInResult, {
    description: "The organisation's coach (or an admin) records a check-in with the partners.",
  })
  recordCheckIn(
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('input', () => CheckInInput) input: CheckInInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('checkIn', () => this.service.record(ctx, relationshipId, input));
  }
}
