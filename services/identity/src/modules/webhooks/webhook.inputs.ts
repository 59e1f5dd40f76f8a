import { Field, ID, InputType } from 'type-graphql';
import { WebhookEventTypeEnum } from './webhook.type';

@InputType({ description: 'A new webhook endpoint of an organisation.' })
export class CreateWebhookEndpointInput {
  @Field(() => ID, { description: 'The organisation whose events it receives.' })
  organizationId!: string;

  @Field(() => String, { description: 'An https URL on a public address.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What it is for (at most 200 characters).' })
  description?: string | null;

  @Field(() => [WebhookEventTypeEnum], { description: 'The events it receives (at least one).' })
  eventTypes!: string[];
}
