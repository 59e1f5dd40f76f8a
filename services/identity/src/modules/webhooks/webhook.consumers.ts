import type { EventName } from '@tandem/contracts';
import { consumers, type Consumer, type ConsumerMap } from '@tandem/subgraph-kit';
import type { WebhookDeliverer } from './webhook.delivery';
import { WEBHOOK_SOURCE_EVENTS } from './webhook.events';

type Deps = { webhooks: WebhookDeliverer };
const enqueue: Consumer<EventName, Deps> = (event, tx, { webhooks }) => webhooks.enqueue(tx, event);

/**
 * Every event webhooks carry, from any subgraph, becomes deliveries to the subscribed endpoints of the
 * organisation it concerns, in the transaction that records the event (a redelivery queues nothing new).
 */
export const webhookConsumers = consumers<Deps>(
  Object.fromEntries(WEBHOOK_SOURCE_EVENTS.map((name) => [name, enqueue])) as ConsumerMap<Deps>,
);
