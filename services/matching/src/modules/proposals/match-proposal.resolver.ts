import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import type { MatchProposalStatus } from './match-proposal.repository';
import { MatchProposalService } from './match-proposal.service';
import {
  MatchProposal,
  MatchProposalConnection,
  MatchProposalResult,
  MatchProposalStatusEnum,
} from './match-proposal.type';

@Resolver(() => MatchProposal)
export class MatchProposalResolver {
  constructor(private readonly service: MatchProposalService) {}

  @Query(() => MatchProposal, {
    description:
      'One proposal: its mentee and mentor, a coach of the mentee’s organisation, admins; NOT_FOUND for anyone else.',
  })
  matchProposal(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<MatchProposal> {
    return this.service.get(ctx, id);
  }

  @Query(() => MatchProposalConnection, {
    description: 'Proposals the caller may see (their own; a coach’s organisation; all for admins), newest first.',
  })
  matchProposals(
    @Ctx() ctx: SubgraphContext,
    @Arg('status', () => MatchProposalStatusEnum, { nullable: true, description: 'Only this status.' })
    status: MatchProposalStatus | null,
    @Arg('programmeId', () => ID, { nullable: true, description: 'Only this programme.' }) programmeId: string | null,
    @Arg('menteeId', () => ID, { nullable: true, description: 'Only this mentee’s proposals.' })
    menteeId: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('coachId', () => ID, { nullable: true, description: 'Only the proposals this coach made.' })
    coachId: string | null,
  ): Promise<MatchProposalConnection> {
    return this.service.list(ctx, { status, programmeId, menteeId, coachId }, first, after);
  }

  @Mutation(() => MatchProposalResult, {
    description: 'A coach of the mentee’s organisation (or an admin) proposes a mentor with a note.',
  })
  proposeMatch(
    @Ctx() ctx: SubgraphContext,
    @Arg('menteeId', () => ID) menteeId: string,
    @Arg('mentorId', () => ID) mentorId: string,
    @Arg('programmeId', () => ID) programmeId: string,
    @Arg('note', () => String, { description: 'Why this match could work.' }) note: string,
  ): Promise<MatchProposalResult> {
    return this.service.propose(ctx, menteeId, mentorId, programmeId, note);
  }

  @Mutation(() => MatchProposalResult, {
    description: 'The mentor confirms the match is suitable (only with a free place): the relationship starts.',
  })
  confirmMatchProposal(
    @Ctx() ctx: SubgraphContext,
    @Arg('proposalId', () => ID) proposalId: string,
  ): Promise<MatchProposalResult> {
    return this.service.confirm(ctx, proposalId);
  }

  @Mutation(() => MatchProposalResult, {
    description: 'The mentor declines the proposal with a reason; coach and mentee are told.',
  })
  declineMatchProposal(
    @Ctx() ctx: SubgraphContext,
    @Arg('proposalId', () => ID) proposalId: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<MatchProposalResult> {
    return this.service.decline(ctx, proposalId, reason);
  }
}
