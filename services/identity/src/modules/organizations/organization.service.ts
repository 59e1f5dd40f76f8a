import { randomUUID } from 'node:crypto';
import {
  FieldErrors,
  isTimeIdCursor,
  isUuid,
  loadAll,
  NotFound,
  outcome,
  readPage,
  refuse,
  requirePrincipal,
  requireRole,
  rowLoader,
  toConnection,
  uuids,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { resultOf, served, type ServedConnection } from '../shared/api';
import type { UserService } from '../users/user.service';
import type { User } from '../users/user.type';
import type { OrganizationInput } from './organization.inputs';
import type { OrganizationRepository, OrganizationRow } from './organization.repository';
import { Organization, OrganizationResult, toOrganization } from './organization.type';

/** The list's cursor, `[lower(name), id]`: two strings, the shape of the kit's time-and-id cursor. */
const isNameIdCursor = isTimeIdCursor;
const text = (v: string | null | undefined) => (v === undefined || v === null ? null : v.trim() || null);

/** Partner organisations: read by any signed-in person (they are not personal data), changed by PROGRAMME_ADMIN and ADMIN. */
export class OrganizationService {
  constructor(
    private readonly repo: OrganizationRepository,
    private readonly users: UserService,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** Every organisation, by name (the deprecated plain list). */
  async all(ctx: SubgraphContext): Promise<Organization[]> {
    requirePrincipal(ctx);
    return (await this.repo.all()).map(toOrganization);
  }

  /** Organisations by name, a page at a time. */
  async page(
    ctx: SubgraphContext,
    args: { first?: number | null; after?: string | null },
  ): Promise<ServedConnection<Organization>> {
    requirePrincipal(ctx);
    const page = readPage(args, isNameIdCursor);
    const rows = await this.repo.page(page.after, page.size + 1);
    return served(
      toConnection(
        rows,
        page,
        (r: OrganizationRow) => [r.sortName, r.id],
        toOrganization,
        () => this.repo.count(),
      ),
    );
  }

  async organization(ctx: SubgraphContext, id: string): Promise<Organization> {
    requirePrincipal(ctx);
    const [found] = await this.load(ctx, [id]);
    if (!found) throw NotFound('Organization');
    return found;
  }

  /** Batched per request (`_entities`, a programme's organisations, a person's organisation). */
  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<Organization | null>> {
    const loader = rowLoader(
      ctx,
      'organizations:byId',
      (o: OrganizationRow) => o.id,
      (keys) => this.repo.byIds(uuids(keys)),
    );
    return (await loadAll(loader, ids)).map((row) => (row ? toOrganization(row) : null));
  }

  /** The organisation a person belongs to, when the caller may see the person. */
  async ofUser(ctx: SubgraphContext, user: User): Promise<Organization | null> {
    const id = await this.users.organizationId(ctx, user);
    return id ? (await this.load(ctx, [id]))[0] : null;
  }

  /** Creates (`id` null) or changes an organisation; OrganizationChanged tells the other subgraphs. */
  async save(ctx: SubgraphContext, id: string | null, input: OrganizationInput): Promise<OrganizationResult> {
    requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN');
    if (id && (!isUuid(id) || (await this.repo.byIds([id])).length === 0)) throw NotFound('Organization');
    const result = await outcome('organization', async () => {
      const errors = new FieldErrors();
      const name = input.name.trim();
      if (!name) errors.add('input.name', 'REQUIRED', 'Name the organisation.');
      if (name.length > 200) errors.add('input.name', 'TOO_LONG', 'Use at most 200 characters.');
      const country = text(input.country)?.toUpperCase() ?? null;
      if (country && !/^[A-Z]{2}$/.test(country))
        errors.add('input.country', 'INVALID_COUNTRY', 'Use a two-letter ISO country code, like CA.');
      errors.throwIfAny();
      const row = { id: id ?? randomUUID(), name, city: text(input.city), country };
      await this.db.transaction(async (tx) => {
        if (await this.repo.nameTaken(tx, name, id))
          throw refuse('input.name', 'TAKEN', 'Another organisation has this name.');
        await this.repo.save(tx, row);
        await this.events.publish(tx, 'OrganizationChanged', {
          organizationId: row.id,
          name,
          city: row.city,
          country,
          changedAt: new Date().toISOString(),
        });
      });
      return toOrganization({ ...row, createdAt: new Date() });
    });
    return resultOf(OrganizationResult, result);
  }
}
