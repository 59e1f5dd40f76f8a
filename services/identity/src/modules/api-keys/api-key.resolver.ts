import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { CreateApiKeyInput } from './api-key.inputs';
import { ApiKeyService } from './api-key.service';
import { ApiKey, ApiKeyResult, CreateApiKeyResult } from './api-key.type';

const WHO = 'ADMIN, or PROGRAMME_ADMIN of the organisation';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly service: ApiKeyService) {}

  @Query(() => [ApiKey], {
    description: `An organisation's API keys, newest first, revoked ones included (at most 20 work at once) (${WHO}).`,
  })
  apiKeys(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: SubgraphContext): Promise<ApiKey[]> {
    return this.service.list(ctx, organizationId);
  }

  @Mutation(() => CreateApiKeyResult, {
    description: `Creates an API key for the organisation's systems; the key is in the result, this once (${WHO}).`,
  })
  createApiKey(
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateApiKeyResult> {
    return this.service.create(ctx, input);
  }

  @Mutation(() => ApiKeyResult, {
    description: `Revokes an API key: it is refused from then on (within seconds at the gateway) (${WHO}).`,
  })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<ApiKeyResult> {
    return this.service.revoke(ctx, id);
  }
}
