import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import {
  CredentialOption,
  CredentialRequest,
  CredentialRequestResult,
  DeclineCredentialRequestInput,
  RequestCredentialInput,
} from './credential-request.type';
import type { CredentialRequestService } from './credential-request.service';

@Resolver(() => CredentialRequest)
export class CredentialRequestResolver {
  constructor(private readonly requests: CredentialRequestService) {}

  @Query(() => [CredentialOption], {
    description:
      'Your relationships with confirmed hours (at most 100, the most recent first), each with the credential that states them or your latest request for one.',
  })
  myCredentialOptions(@Ctx() ctx: SubgraphContext): Promise<CredentialOption[]> {
    return this.requests.options(ctx);
  }

  @Query(() => [CredentialRequest], {
    description:
      'Credential requests waiting for an answer, oldest first (at most 100): ADMIN, or PROGRAMME_ADMIN for their own organisation; optionally of one relationship.',
  })
  credentialRequests(
    @Arg('relationshipId', () => ID, { nullable: true, description: 'Only those of this relationship.' })
    relationshipId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CredentialRequest[]> {
    return this.requests.open(ctx, relationshipId ?? null);
  }

  @Mutation(() => CredentialRequestResult, {
    description:
      'Ask the relationship’s organisation for a credential for your confirmed hours in it; its programme admins are told. Issuing answers it.',
  })
  requestCredential(
    @Arg('input', () => RequestCredentialInput) input: RequestCredentialInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CredentialRequestResult> {
    return this.requests.request(ctx, input);
  }

  @Mutation(() => CredentialRequestResult, {
    description:
      'Decline a credential request with a reason the person sees (ADMIN, or PROGRAMME_ADMIN of its organisation).',
  })
  declineCredentialRequest(
    @Arg('input', () => DeclineCredentialRequestInput) input: DeclineCredentialRequestInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CredentialRequestResult> {
    return this.requests.decline(ctx, input);
  }
}
