import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { API_KEY_PREFIX, type ApiKeyFacts, type ApiKeyState, type Principal } from '@tandem/contracts';
import {
  FieldErrors,
  Forbidden,
  hasRole,
  NotFound,
  outcome,
  refuse,
  requirePrincipal,
  requireUuid,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { OrganizationRepository } from '../organizations/organization.repository';
import type { CreateApiKeyInput } from './api-key.inputs';
import type { ApiKeyRepository, ApiKeyRow } from './api-key.repository';
import { ApiKeyResult, CreateApiKeyResult, toApiKey, type ApiKey } from './api-key.type';

/** At most this many working (not revoked) keys per organisation. */
export const MAX_ACTIVE_KEYS_PER_ORGANIZATION = 20;
export const DEFAULT_REQUESTS_PER_MINUTE = 120;
export const MAX_REQUESTS_PER_MINUTE = 6000;

/**
 * Who manages an organisation's API keys: an ADMIN (any organisation) or a PROGRAMME_ADMIN of that organisation,
 * as for its webhooks. Coaches, analysts, participants, other organisations' admins and keys themselves are refused.
 */
export const managesApiKeys = (p: Principal, organizationId: string) =>
  hasRole(p, 'ADMIN') || (hasRole(p, 'PROGRAMME_ADMIN') && p.organizationId === organizationId);

/** The stored form of a key: its SHA-256 (a key is 32 random bytes, so no salt or slow hash is needed). */
export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** A new key: `tdk_` and 32 random bytes in base64url. */
const newKey = () => `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;

/** What the staff audit log keeps of a key (ApiKeyCreated, ApiKeyRevoked): never the key or its hash. */
const factsOf = (
  key: Pick<ApiKeyRow, 'id' | 'organizationId' | 'name' | 'keyPrefix' | 'requestsPerMinute'>,
  organizationName: string,
): ApiKeyFacts => ({
  keyId: key.id,
  organizationId: key.organizationId,
  organizationName,
  name: key.name,
  prefix: key.keyPrefix,
  requestsPerMinute: key.requestsPerMinute,
});

/**
 * An organisation's API keys: created (shown once), listed, revoked, and checked for the gateway. A creation and a
 * revocation publish their fact in the same transaction, for the staff audit log.
 */
export class ApiKeyService {
  constructor(
    private readonly repo: ApiKeyRepository,
    private readonly organizations: OrganizationRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** Staff who could manage some organisation's keys; everyone else is refused before any lookup. */
  private staff(ctx: SubgraphContext): Principal {
    const principal = requirePrincipal(ctx);
    if (!hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN')) throw Forbidden();
    return principal;
  }

  async list(ctx: SubgraphContext, organizationId: string): Promise<ApiKey[]> {
    const principal = this.staff(ctx);
    requireUuid(organizationId, 'organizationId');
    if (!managesApiKeys(principal, organizationId)) throw Forbidden();
    return (await this.repo.forOrganization(organizationId)).map(toApiKey);
  }

  async create(ctx: SubgraphContext, input: CreateApiKeyInput): Promise<CreateApiKeyResult> {
    const principal = this.staff(ctx);
    const organizationId = requireUuid(input.organizationId, 'input.organizationId');
    if (!managesApiKeys(principal, organizationId)) throw Forbidden();
    const result = await outcome('created', async () => {
      const errors = new FieldErrors();
      const name = errors.required('input.name', input.name, 'The name');
      if (name.length > 100) errors.add('input.name', 'TOO_LONG', 'Use at most 100 characters.');
      const requestsPerMinute = input.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE;
      if (!Number.isInteger(requestsPerMinute) || requestsPerMinute < 1 || requestsPerMinute > MAX_REQUESTS_PER_MINUTE)
        errors.add(
          'input.requestsPerMinute',
          'OUT_OF_RANGE',
          `Give a whole number of requests per minute from 1 to ${MAX_REQUESTS_PER_MINUTE}.`,
        );
      const [organization] = await this.organizations.byIds([organizationId]);
      if (!organization) errors.add('input.organizationId', 'NOT_FOUND', 'No such organisation.');
      errors.throwIfAny();
      const key = newKey();
      const id = randomUUID();
      await this.db.transaction(async (tx) => {
        if ((await this.repo.countActive(tx, organizationId)) >= MAX_ACTIVE_KEYS_PER_ORGANIZATION)
          throw refuse(
            'input.organizationId',
            'TOO_MANY_KEYS',
            `An organisation has at most ${MAX_ACTIVE_KEYS_PER_ORGANIZATION} working API keys: revoke one first.`,
          );
        const row = {
          id,
          organizationId,
          name,
          keyHash: hashApiKey(key),
          keyPrefix: key.slice(0, API_KEY_PREFIX.length + 8),
          requestsPerMinute,
          createdBy: principal.userId,
        };
        await this.repo.insert(tx, row);
        await this.events.publish(tx, 'ApiKeyCreated', {
          ...factsOf(row, organization!.name),
          createdBy: principal.userId,
          createdAt: new Date().toISOString(),
        });
      });
      return { apiKey: toApiKey((await this.repo.byId(id))!), key };
    });
    return Object.assign(new CreateApiKeyResult(), {
      apiKey: result.created?.apiKey ?? null,
      key: result.created?.key ?? null,
      errors: result.errors,
    });
  }

  /** Revokes a key: the gateway refuses it from its next check (at most API_KEY_STATE_TTL_MS later). */
  async revoke(ctx: SubgraphContext, id: string): Promise<ApiKeyResult> {
    const principal = this.staff(ctx);
    const row = await this.repo.byId(requireUuid(id, 'id'));
    if (!row) throw NotFound('API key');
    if (!managesApiKeys(principal, row.organizationId)) throw Forbidden();
    await this.db.transaction(async (tx) => {
      const revokedAt = await this.repo.revoke(tx, row.id, principal.userId);
      // revoking a revoked key changes nothing and logs nothing
      if (!revokedAt) return;
      const [organization] = await this.organizations.byIds([row.organizationId], tx);
      await this.events.publish(tx, 'ApiKeyRevoked', {
        ...factsOf(row, organization?.name ?? ''),
        revokedBy: principal.userId,
        revokedAt: revokedAt.toISOString(),
      });
    });
    return Object.assign(new ApiKeyResult(), { apiKey: toApiKey((await this.repo.byId(row.id))!), errors: [] });
  }

  /** The gateway's question (internal route): what the key with this hash may do now. */
  async check(keyHash: string): Promise<ApiKeyState> {
    const row: ApiKeyRow | null = /^[0-9a-f]{64}$/.test(keyHash) ? await this.repo.useActive(keyHash) : null;
    return row
      ? { active: true, keyId: row.id, organizationId: row.organizationId, requestsPerMinute: row.requestsPerMinute }
      : { active: false, keyId: null, organizationId: null, requestsPerMinute: 0 };
  }
}
