import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes, FieldError } from '@tandem/subgraph-kit';
import { enumOfType, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook.events';
import type { DeliveryStatus, WebhookDeliveryRow, WebhookEndpointRow } from './webhook.repository';

export const WebhookEventTypeEnum = Object.fromEntries(WEBHOOK_EVENT_TYPES.map((t) => [enumOfType(t), enumOfType(t)]));
registerEnumType(WebhookEventTypeEnum, {
  name: 'WebhookEventType',
  description:
    'An event webhooks carry. The message `type` is the lower-case dotted form (RELATIONSHIP_TERMS_MET is `relationship.terms_met`).',
  valuesConfig: {
    RELATIONSHIP_STARTED: { description: 'A relationship started (`relationship.started`).' },
    RELATIONSHIP_WITHDRAWN: { description: 'A relationship ended early, withdrawn (`relationship.withdrawn`).' },
    RELATIONSHIP_COMPLETED: {
      description: 'Both partners confirmed the relationship complete (`relationship.completed`).',
    },
    MEETING_CONFIRMED: { description: 'A meeting confirmed by both sides counts toward hours (`meeting.confirmed`).' },
    RELATIONSHIP_TERMS_MET: { description: "A relationship's confirmed hours or meetings met its programme's terms." },
    AUDIT_OUTCOME_RECORDED: { description: 'An audit recorded its outcome for a person (`audit.outcome_recorded`).' },
    PROGRAMME_ENROLLED: { description: 'A person joined a programme (`programme.enrolled`).' },
  },
});

const DELIVERY_STATUSES = ['PENDING', 'SENDING', 'SUCCEEDED', 'FAILED'] as const;
export const WebhookDeliveryStatusEnum = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, s])) as {
  [K in DeliveryStatus]: K;
};
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting for its next attempt (`nextAttemptAt`).' },
    SENDING: { description: 'Being sent now.' },
    SUCCEEDED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Every attempt failed; an admin may replay it.' },
  },
});

@ObjectType({
  description:
    "An HTTPS address of an organisation's own system that receives Tandem's events, signed per the Standard Webhooks specification.",
})
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The organisation whose events it receives.' })
  organizationId!: string;

  @Field(() => String, { description: 'Where deliveries are POSTed.' })
  url!: string;

  @Field(() => String, { description: "The admin's note on what it is for." })
  description!: string;

  @Field(() => [WebhookEventTypeEnum], { description: 'The events it receives.' })
  eventTypes!: string[];

  @Field(() => Boolean, { description: 'Whether deliveries are sent; false after repeated failure or by hand.' })
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it was disabled; null while enabled.' })
  disabledReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was disabled; null while enabled.' })
  disabledAt!: Date | null;

  @Field(() => Int, { description: 'Failed attempts in a row (0 after any success).' })
  consecutiveFailures!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'Until when the secret replaced by the last rotation still signs deliveries beside the new one.',
  })
  previousSecretExpiresAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: 'One message to one endpoint, with the answer of its last attempt.' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description:
      'The `webhook-id` header: the same for every attempt and replay of the message (receivers dedupe by it).',
  })
  messageId!: string;

  @Field(() => ID, { description: 'The platform event it carries.' })
  eventId!: string;

  @Field(() => WebhookEventTypeEnum)
  eventType!: string;

  @Field(() => String, { description: 'The JSON body sent (`type`, `timestamp`, `data`).' })
  payload!: string;

  @Field(() => WebhookDeliveryStatusEnum)
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due; null once it succeeded or failed.' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: "The receiver's HTTP status at the last attempt; null without one.",
  })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: "The start of the receiver's answer (at most 2 KB)." })
  responseBodyExcerpt!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed (timeout, refused address, HTTP status).',
  })
  error!: string | null;

  @Field(() => ID, { nullable: true, description: 'The delivery this one replays; null for the first delivery.' })
  replayOf!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const { EdgeType: WebhookDeliveryEdge, ConnectionType: WebhookDeliveryConnection } = connectionTypes(
  WebhookDelivery,
  'WebhookDelivery',
  'webhook delivery',
);

@ObjectType({ description: 'The outcome of createWebhookEndpoint and rotateWebhookEndpointSecret.' })
export class WebhookEndpointSecretResult {
  @Field(() => WebhookEndpoint, { nullable: true })
  endpoint!: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description: 'The signing secret (`whsec_…`), shown this once: Tandem cannot show it again.',
  })
  secret!: string | null;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];
}

@ObjectType({ description: 'The outcome of setWebhookEndpointEnabled.' })
export class WebhookEndpointResult {
  @Field(() => WebhookEndpoint, { nullable: true })
  endpoint!: WebhookEndpoint | null;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];
}

@ObjectType({ description: 'The outcome of replayWebhookDelivery.' })
export class ReplayWebhookDeliveryResult {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The new delivery, due now.' })
  delivery!: WebhookDelivery | null;

  @Field(() => [FieldError], { description: 'What to fix; empty on success.' })
  errors!: FieldError[];
}

export function toWebhookEndpoint(r: WebhookEndpointRow): WebhookEndpoint {
  return Object.assign(new WebhookEndpoint(), {
    id: r.id,
    organizationId: r.organizationId,
    url: r.url,
    description: r.description,
    eventTypes: r.eventTypes.map((t: WebhookEventType) => enumOfType(t)),
    enabled: r.enabled,
    disabledReason: r.disabledReason,
    disabledAt: r.disabledAt,
    consecutiveFailures: r.consecutiveFailures,
    previousSecretExpiresAt:
      r.previousSecretExpiresAt && r.previousSecretExpiresAt > new Date() ? r.previousSecretExpiresAt : null,
    createdAt: r.createdAt,
  });
}

export function toWebhookDelivery(r: WebhookDeliveryRow): WebhookDelivery {
  const waiting = r.status === 'PENDING' || r.status === 'SENDING';
  return Object.assign(new WebhookDelivery(), {
    id: r.id,
    messageId: r.messageId,
    eventId: r.eventId,
    eventType: enumOfType(r.eventType),
    payload: r.payload,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: waiting ? r.nextAttemptAt : null,
    lastAttemptAt: r.lastAttemptAt,
    responseStatus: r.responseStatus,
    responseBodyExcerpt: r.responseBody,
    error: r.error,
    replayOf: r.replayOf,
    createdAt: r.createdAt,
  });
}
