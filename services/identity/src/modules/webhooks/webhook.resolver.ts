import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import type { ServedConnection } from '../shared/api';
import { CreateWebhookEndpointInput } from './webhook.inputs';
import { WebhookService } from './webhook.service';
import {
  ReplayWebhookDeliveryResult,
  WebhookDeliveryConnection,
  WebhookEndpoint,
  WebhookEndpointResult,
  WebhookEndpointSecretResult,
  type WebhookDelivery,
} from './webhook.type';

const WHO = 'ADMIN, or PROGRAMME_ADMIN of the organisation';

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  constructor(private readonly service: WebhookService) {}

  @Query(() => [WebhookEndpoint], {
    description: `An organisation's webhook endpoints, oldest first (at most 20) (${WHO}).`,
  })
  webhookEndpoints(
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WebhookEndpoint[]> {
    return this.service.list(ctx, organizationId);
  }

  @Query(() => WebhookEndpoint, { description: `A webhook endpoint by id (${WHO}).` })
  webhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<WebhookEndpoint> {
    return this.service.one(ctx, id);
  }

  @FieldResolver(() => WebhookDeliveryConnection, {
    description: 'Deliveries to this endpoint, newest first, with the answer of each one’s last attempt.',
  })
  deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ServedConnection<WebhookDelivery>> {
    return this.service.deliveries(ctx, endpoint, { first, after });
  }

  @Mutation(() => WebhookEndpointSecretResult, {
    description: `Registers a webhook endpoint; its signing secret is in the result, this once (${WHO}).`,
  })
  createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WebhookEndpointSecretResult> {
    return this.service.create(ctx, input);
  }

  @Mutation(() => WebhookEndpointResult, {
    description: `Enables or disables a webhook endpoint; enabling clears its failure count (${WHO}).`,
  })
  setWebhookEndpointEnabled(
    @Arg('id', () => ID) id: string,
    @Arg('enabled', () => Boolean) enabled: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WebhookEndpointResult> {
    return this.service.setEnabled(ctx, id, enabled);
  }

  @Mutation(() => WebhookEndpointSecretResult, {
    description: `Replaces an endpoint's signing secret, shown this once; the old one also signs for 24 hours (${WHO}).`,
  })
  rotateWebhookEndpointSecret(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WebhookEndpointSecretResult> {
    return this.service.rotate(ctx, id);
  }

  @Mutation(() => ReplayWebhookDeliveryResult, {
    description: `Sends a finished delivery's message again, now, with the same webhook-id (${WHO}).`,
  })
  replayWebhookDelivery(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReplayWebhookDeliveryResult> {
    return this.service.replay(ctx, id);
  }
}
