import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import {
  CredentialResult,
  IssueCredentialsInput,
  IssueCredentialsResult,
  IssuedCredential,
  RevokeCredentialInput,
} from './credential.type';
import type { CredentialService } from './credential.service';

@Resolver(() => IssuedCredential)
export class CredentialResolver {
  constructor(private readonly credentials: CredentialService) {}

  @Query(() => [IssuedCredential], {
    description: 'Your Open Badges 3.0 credentials, newest first (at most 100), to download and share.',
  })
  myCredentials(@Ctx() ctx: SubgraphContext): Promise<IssuedCredential[]> {
    return this.credentials.mine(ctx);
  }

  @Query(() => [IssuedCredential], {
    description:
      'Credentials issued, newest first (at most 100): ADMIN, or PROGRAMME_ADMIN for their own organisation; optionally of one relationship.',
  })
  credentialsIssued(
    @Arg('relationshipId', () => ID, { nullable: true, description: 'Only those of this relationship.' })
    relationshipId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IssuedCredential[]> {
    return this.credentials.issued(ctx, relationshipId ?? null);
  }

  @Mutation(() => IssueCredentialsResult, {
    description:
      'Issue each partner of a relationship an Open Badges 3.0 credential for their confirmed hours in it, signed with the organisation’s key (ADMIN, or PROGRAMME_ADMIN of the relationship’s organisation).',
  })
  issueCredentials(
    @Arg('input', () => IssueCredentialsInput) input: IssueCredentialsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IssueCredentialsResult> {
    return this.credentials.issue(ctx, input);
  }

  @Mutation(() => CredentialResult, {
    description: 'Revoke a credential with a reason: its bit on the organisation’s status list is set at once.',
  })
  revokeCredential(
    @Arg('input', () => RevokeCredentialInput) input: RevokeCredentialInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CredentialResult> {
    return this.credentials.revoke(ctx, input);
  }
}
