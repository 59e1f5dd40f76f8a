import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '@tandem/contracts';
import {
  AppError,
  FieldErrors,
  Forbidden,
  hasRole,
  isTimeIdCursor,
  NotFound,
  outcome,
  readPage,
  refuse,
  requirePrincipal,
  requireUuid,
  toConnection,
  type Database,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { OrganizationRepository } from '../organizations/organization.repository';
import type { SecretBox } from '../second-factor/second-factor.crypto';
import { served, type ServedConnection } from '../shared/api';
import type { WebhookDeliverer } from './webhook.delivery';
import { typeOfEnum, type WebhookEventType } from './webhook.events';
import type { CreateWebhookEndpointInput } from './webhook.inputs';
import type { WebhookEndpointRow, WebhookRepository } from './webhook.repository';
import {
  MAX_ENDPOINTS_PER_ORGANIZATION,
  PREVIOUS_SECRET_SECONDS,
  urlProblem,
  type TargetPolicy,
} from './webhook.rules';
import {
  ReplayWebhookDeliveryResult,
  toWebhookDelivery,
  toWebhookEndpoint,
  WebhookEndpointResult,
  WebhookEndpointSecretResult,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './webhook.type';

/**
 * Who manages an organisation's webhooks: an ADMIN (any organisation) or a PROGRAMME_ADMIN of that organisation
 * (their account's organisation). Coaches, analysts, participants and other organisations' admins are refused.
 */
export const managesWebhooks = (p: Principal, organizationId: string) =>
  hasRole(p, 'ADMIN') || (hasRole(p, 'PROGRAMME_ADMIN') && p.organizationId === organizationId);

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** An organisation's webhook endpoints, their secrets and deliveries, for the admins who manage them. */
export class WebhookService {
  constructor(
    private readonly repo: WebhookRepository,
    private readonly organizations: OrganizationRepository,
    private readonly deliverer: WebhookDeliverer,
    private readonly box: SecretBox | null,
    private readonly policy: TargetPolicy,
    private readonly db: Database,
  ) {}

  /** Staff who could manage some organisation's webhooks; everyone else is refused before any lookup. */
  private staff(ctx: SubgraphContext): Principal {
    const principal = requirePrincipal(ctx);
    if (!hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN')) throw Forbidden();
    return principal;
  }

  /** The endpoint, when the caller manages its organisation (NOT_FOUND when unknown, FORBIDDEN otherwise). */
  private async managed(ctx: SubgraphContext, id: string, field = 'id'): Promise<WebhookEndpointRow> {
    const principal = this.staff(ctx);
    const row = await this.repo.byId(requireUuid(id, field));
    if (!row) throw NotFound('Webhook endpoint');
    if (!managesWebhooks(principal, row.organizationId)) throw Forbidden();
    return row;
  }

  async list(ctx: SubgraphContext, organizationId: string): Promise<WebhookEndpoint[]> {
    const principal = this.staff(ctx);
    requireUuid(organizationId, 'organizationId');
    if (!managesWebhooks(principal, organizationId)) throw Forbidden();
    return (await this.repo.forOrganization(organizationId)).map(toWebhookEndpoint);
  }

  async one(ctx: SubgraphContext, id: string): Promise<WebhookEndpoint> {
    return toWebhookEndpoint(await this.managed(ctx, id));
  }

  /** An endpoint's deliveries, newest first. */
  async deliveries(
    ctx: SubgraphContext,
    endpoint: WebhookEndpoint,
    args: { first?: number | null; after?: string | null },
  ): Promise<ServedConnection<WebhookDelivery>> {
    const principal = this.staff(ctx);
    if (!managesWebhooks(principal, endpoint.organizationId)) throw Forbidden();
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.repo.deliveriesPage(endpoint.id, page.after, page.size + 1);
    return served(
      toConnection(
        rows,
        page,
        (r) => [r.cursorAt, r.id],
        toWebhookDelivery,
        () => this.repo.countDeliveries(endpoint.id),
      ),
    );
  }

  async create(ctx: SubgraphContext, input: CreateWebhookEndpointInput): Promise<WebhookEndpointSecretResult> {
    const principal = this.staff(ctx);
    const organizationId = requireUuid(input.organizationId, 'input.organizationId');
    if (!managesWebhooks(principal, organizationId)) throw Forbidden();
    const box = this.sealer();
    const result = await outcome('created', async () => {
      const errors = new FieldErrors();
      const url = errors.required('input.url', input.url, 'The URL');
      const problem = url ? urlProblem(url, this.policy) : null;
      if (problem) errors.add('input.url', problem.code, problem.message);
      const description = (input.description ?? '').trim();
      if (description.length > 200)
        errors.add('input.description', 'TOO_LONG', 'Use at most 200 characters.', { max: 200 });
      const types = [...new Set(input.eventTypes)].map(typeOfEnum);
      if (types.length === 0) errors.add('input.eventTypes', 'REQUIRED', 'Choose at least one event.');
      if (types.some((t) => t === null)) errors.add('input.eventTypes', 'INVALID', 'Choose among the listed events.');
      if ((await this.organizations.byIds([organizationId])).length === 0)
        errors.add('input.organizationId', 'NOT_FOUND', 'No such organisation.');
      errors.throwIfAny();
      const secret = newSecret();
      const id = randomUUID();
      await this.db.transaction(async (tx) => {
        if ((await this.repo.countForOrganization(tx, organizationId)) >= MAX_ENDPOINTS_PER_ORGANIZATION)
          throw refuse(
            'input.organizationId',
            'TOO_MANY_ENDPOINTS',
            `An organisation has at most ${MAX_ENDPOINTS_PER_ORGANIZATION} webhook endpoints.`,
          );
        await this.repo.insert(tx, {
          id,
          organizationId,
          url,
          description,
          eventTypes: types as WebhookEventType[],
          secretSealed: box.seal(secret),
          createdBy: principal.userId,
        });
      });
      return { endpoint: toWebhookEndpoint((await this.repo.byId(id))!), secret };
    });
    return secretResult(result);
  }

  /** Enables (the failure streak starts again at 0) or disables an endpoint by hand. */
  async setEnabled(ctx: SubgraphContext, id: string, enabled: boolean): Promise<WebhookEndpointResult> {
    const row = await this.managed(ctx, id);
    await this.db.transaction((tx) =>
      this.repo.setEnabled(tx, row.id, enabled, enabled ? null : 'Disabled by an admin'),
    );
    if (enabled) this.deliverer.kick();
    return Object.assign(new WebhookEndpointResult(), {
      endpoint: toWebhookEndpoint((await this.repo.byId(row.id))!),
      errors: [],
    });
  }

  /** A new secret, shown once; the replaced one keeps signing beside it for a day so receivers can switch. */
  async rotate(ctx: SubgraphContext, id: string): Promise<WebhookEndpointSecretResult> {
    const row = await this.managed(ctx, id);
    const box = this.sealer();
    const secret = newSecret();
    await this.db.transaction((tx) =>
      this.repo.rotate(tx, row.id, box.seal(secret), new Date(Date.now() + PREVIOUS_SECRET_SECONDS * 1000)),
    );
    return secretResult({
      created: { endpoint: toWebhookEndpoint((await this.repo.byId(row.id))!), secret },
      errors: [],
    });
  }

  /**
   * Sends a delivery's message again, now, as a new delivery with the same `webhook-id` (receivers that already
   * have it can tell). Refused while the endpoint is disabled or the delivery is still under way.
   */
  async replay(ctx: SubgraphContext, deliveryId: string): Promise<ReplayWebhookDeliveryResult> {
    const principal = this.staff(ctx);
    const original = await this.repo.deliveryById(requireUuid(deliveryId, 'id'));
    if (!original) throw NotFound('Webhook delivery');
    const endpoint = (await this.repo.byId(original.endpointId))!;
    if (!managesWebhooks(principal, endpoint.organizationId)) throw Forbidden();
    const result = await outcome('delivery', async () => {
      if (!endpoint.enabled)
        throw refuse('id', 'ENDPOINT_DISABLED', 'Enable the endpoint first: a disabled endpoint receives nothing.');
      if (original.status === 'PENDING' || original.status === 'SENDING')
        throw refuse('id', 'DELIVERY_IN_PROGRESS', 'This delivery is still being tried; wait for its outcome.');
      const id = randomUUID();
      await this.db.transaction((tx) =>
        this.repo.enqueue(tx, [
          {
            id,
            endpointId: endpoint.id,
            messageId: original.messageId,
            eventId: original.eventId,
            eventType: original.eventType,
            payload: original.payload,
            replayOf: original.id,
          },
        ]),
      );
      this.deliverer.kick();
      return toWebhookDelivery((await this.repo.deliveryById(id))!);
    });
    return Object.assign(new ReplayWebhookDeliveryResult(), result);
  }

  private sealer(): SecretBox {
    if (!this.box)
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'Webhook secrets cannot be stored: identity has no JWT_PRIVATE_KEY or SECOND_FACTOR_KEY.',
      );
    return this.box;
  }
}

function secretResult(o: {
  created: { endpoint: WebhookEndpoint; secret: string } | null;
  errors: WebhookEndpointSecretResult['errors'];
}): WebhookEndpointSecretResult {
  return Object.assign(new WebhookEndpointSecretResult(), {
    endpoint: o.created?.endpoint ?? null,
    secret: o.created?.secret ?? null,
    errors: o.errors,
  });
}
