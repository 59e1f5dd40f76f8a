import { randomUUID } from 'node:crypto';
import {
  FieldErrors,
  isUuid,
  NotFound,
  outcome,
  refuse,
  requireRole,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { resultOf, type ServedConnection } from '../shared/api';
import { Catalogue } from '../shared/catalogue';
import type { PageArgs } from '../shared/page.args';
import type { UserService } from '../users/user.service';
import type { User } from '../users/user.type';
import type { OrganizationInput } from './organization.inputs';
import type { OrganizationRepository, OrganizationRow } from './organization.repository';
import { Organization, OrganizationResult, toOrganization } from './organization.type';

const text = (v: string | null | undefined) => (v === undefined || v === null ? null : v.trim() || null);

/** Partner organisations: read by any signed-in person (they are not personal data), changed by PROGRAMME_ADMIN and ADMIN. */
export class OrganizationService {
  constructor(
    private readonly repo: OrganizationRepository,
    private readonly users: UserService,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {
    this.catalogue = new Catalogue(repo, 'Organization', toOrganization);
  }

  private readonly catalogue: Catalogue<OrganizationRow, Organization>;

  /** Every organisation, by name (the deprecated plain list). */
  all(ctx: SubgraphContext): Promise<Organization[]> {
    return this.catalogue.all(ctx);
  }

  /** Organisations by name, a page at a time. */
  page(ctx: SubgraphContext, args: PageArgs): Promise<ServedConnection<Organization>> {
    return this.catalogue.page(ctx, args);
  }

  organization(ctx: SubgraphContext, id: string): Promise<Organization> {
    return this.catalogue.one(ctx, id);
  }

  /** Batched per request (`_entities`, a programme's organisations, a person's organisation). */
  load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<Organization | null>> {
    return this.catalogue.load(ctx, ids);
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
      if (name.length > 200) errors.add('input.name', 'TOO_LONG', 'Use at most 200 characters.', { max: 200 });
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
