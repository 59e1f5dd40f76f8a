import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { InvitationService } from './invitation.service';
import {
  AcceptInvitationInput,
  AcceptInvitationResult,
  InvitationBatchInput,
  InvitationConnection,
  InvitationOffer,
  InvitationPreview,
  InviteInput,
  RevokeInvitationResult,
  SendInvitationsResult,
} from './invitation.type';

@Resolver()
export class InvitationResolver {
  constructor(private readonly service: InvitationService) {}

  @Query(() => InvitationPreview, {
    description:
      'Checks an invitation file row by row, sending nothing: each row with what stops it. ADMIN (any role) and ' +
      'PROGRAMME_ADMIN (mentees and mentors) only.',
  })
  invitationPreview(
    @Arg('input', () => InvitationBatchInput) input: InvitationBatchInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InvitationPreview> {
    return this.service.preview(ctx, input);
  }

  @Mutation(() => SendInvitationsResult, {
    description:
      'Sends the invitations of a file: every row without a problem, together (the rows with one are returned and ' +
      'left out). ADMIN and PROGRAMME_ADMIN only.',
  })
  sendInvitations(
    @Arg('input', () => InvitationBatchInput) input: InvitationBatchInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SendInvitationsResult> {
    return this.service.sendBatch(ctx, input);
  }

  @Mutation(() => SendInvitationsResult, {
    description:
      'Invites one person (the checks of a file’s row, as field errors of `input`). ADMIN and PROGRAMME_ADMIN only.',
  })
  invite(
    @Arg('input', () => InviteInput) input: InviteInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SendInvitationsResult> {
    return this.service.inviteOne(ctx, input);
  }

  @Query(() => InvitationConnection, { description: 'Invitations, newest first. ADMIN and PROGRAMME_ADMIN only.' })
  invitations(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The cursor after which to continue.' })
    after: string | null,
  ): Promise<InvitationConnection> {
    return this.service.list(ctx, first ?? null, after ?? null);
  }

  @Mutation(() => RevokeInvitationResult, {
    description: 'Revokes an open invitation (its link stops working). ADMIN; PROGRAMME_ADMIN for mentees and mentors.',
  })
  revokeInvitation(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<RevokeInvitationResult> {
    return this.service.revoke(ctx, id);
  }

  @Query(() => InvitationOffer, {
    nullable: true,
    description:
      'What an invitation link offers (no sign-in needed: the token is the proof); null for a link that cannot be ' +
      'used (unknown, expired, used or revoked, alike).',
  })
  invitationOffer(
    @Arg('token', () => String, { description: 'The `token` query parameter of the link.' }) token: string,
  ): Promise<InvitationOffer | null> {
    return this.service.offer(token);
  }

  @Mutation(() => AcceptInvitationResult, {
    description:
      'Accepts an invitation (no sign-in needed): makes the account with the role it names, and the programme’s ' +
      'enrolment for a mentee or mentor. The person then signs in.',
  })
  acceptInvitation(
    @Arg('input', () => AcceptInvitationInput) input: AcceptInvitationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AcceptInvitationResult> {
    return this.service.accept(ctx, input);
  }
}
