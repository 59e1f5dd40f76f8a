import { randomUUID } from 'node:crypto';
import {
  FieldErrors,
  isTimeIdCursor,
  isUuid,
  loadAll,
  NotFound,
  outcome,
  readPage,
  requirePrincipal,
  requireRole,
  rowLoader,
  rowsLoader,
  toConnection,
  uuids,
  type Database,
  type EventBus,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { OrganizationRepository } from '../organizations/organization.repository';
import type { OrganizationService } from '../organizations/organization.service';
import type { Organization } from '../organizations/organization.type';
import { served, type ServedConnection } from '../shared/api';
import type { ProgrammeInput } from './programme.inputs';
import type { CohortRow, ProgrammeRepository, ProgrammeRow } from './programme.repository';
import { programmeFields } from './programme.rules';
import {
  programmeResult,
  toCohort,
  toProgramme,
  type Cohort,
  type Programme,
  type ProgrammeResult,
} from './programme.type';

/** The list's cursor, `[lower(name), id]`: two strings, the shape of the kit's time-and-id cursor. */
const isNameIdCursor = isTimeIdCursor;

/**
 * Programmes: their terms and rules, partner organisations and cohorts. Any signed-in person reads them (they are
 * not personal data); PROGRAMME_ADMIN and ADMIN change them, and every change publishes the whole programme
 * (ProgrammeChanged) for the other subgraphs.
 */
export class ProgrammeService {
  constructor(
    private readonly repo: ProgrammeRepository,
    private readonly organizationRows: OrganizationRepository,
    private readonly organizations: OrganizationService,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** Every programme, by name (the deprecated plain list). */
  async all(ctx: SubgraphContext): Promise<Programme[]> {
    requirePrincipal(ctx);
    return (await this.repo.all()).map(toProgramme);
  }

  /** Programmes by name, a page at a time. */
  async page(
    ctx: SubgraphContext,
    args: { first?: number | null; after?: string | null },
  ): Promise<ServedConnection<Programme>> {
    requirePrincipal(ctx);
    const page = readPage(args, isNameIdCursor);
    const rows = await this.repo.page(page.after, page.size + 1);
    return served(
      toConnection(
        rows,
        page,
        (r: ProgrammeRow) => [r.sortName, r.id],
        toProgramme,
        () => this.repo.count(),
      ),
    );
  }

  async programme(ctx: SubgraphContext, id: string): Promise<Programme> {
    requirePrincipal(ctx);
    const [found] = await this.load(ctx, [id]);
    if (!found) throw NotFound('Programme');
    return found;
  }

  /** Batched per request (`_entities`, enrolments). */
  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<Programme | null>> {
    const loader = rowLoader(
      ctx,
      'programmes:byId',
      (p: ProgrammeRow) => p.id,
      (keys) => this.repo.byIds(uuids(keys)),
    );
    return (await loadAll(loader, ids)).map((row) => (row ? toProgramme(row) : null));
  }

  /** Cohorts by id (`_entities`). */
  async loadCohorts(_ctx: SubgraphContext, ids: readonly string[]): Promise<Cohort[]> {
    return (await this.repo.cohortsByIds(uuids(ids))).map(toCohort);
  }

  /** The partner organisations running the programme. */
  async organizationsOf(ctx: SubgraphContext, programme: Programme): Promise<Organization[]> {
    return (await this.organizations.load(ctx, programme.row.organizationIds)).filter((o) => o !== null);
  }

  /** Its cohorts, by start date (batched per request). */
  async cohortsOf(ctx: SubgraphContext, programme: Programme): Promise<Cohort[]> {
    const loader = rowsLoader(
      ctx,
      'cohorts:byProgramme',
      (c: CohortRow) => c.programmeId,
      (ids) => this.repo.cohortsOf(ids),
    );
    return (await loader.load(programme.id)).map(toCohort);
  }

  /** Creates (`id` null) or changes a programme. */
  async save(ctx: SubgraphContext, id: string | null, input: ProgrammeInput): Promise<ProgrammeResult> {
    requireRole(ctx, 'PROGRAMME_ADMIN', 'ADMIN');
    const result = await this.db.transaction((tx) =>
      outcome('programme', async () => {
        const current = id ? (isUuid(id) ? await this.repo.lock(tx, id) : null) : null;
        if (id && !current) throw NotFound('Programme');
        const errors = new FieldErrors();
        const fields = programmeFields(current?.id ?? randomUUID(), input, current, errors);
        const known = new Set((await this.organizationRows.byIds(uuids(fields.organizationIds), tx)).map((o) => o.id));
        if (fields.organizationIds.some((o) => !known.has(o)))
          errors.add('input.organizationIds', 'UNKNOWN_ORGANIZATION', 'One of these organisations does not exist.');
        errors.throwIfAny();
        await this.repo.save(tx, fields);
        return this.publish(tx, fields.id);
      }),
    );
    return programmeResult(result);
  }

  /** Publishes the whole programme with its cohorts (ProgrammeChanged), in the transaction of the change. */
  async publish(tx: Tx, id: string): Promise<Programme> {
    const [p] = await this.repo.byIds([id], tx);
    const cohorts = await this.repo.cohortsOf([id], tx);
    await this.events.publish(tx, 'ProgrammeChanged', {
      programmeId: p.id,
      name: p.name,
      organizationIds: p.organizationIds,
      terms: {
        targetHours: p.targetHours,
        durationWeeks: p.durationWeeks,
        minMeetings: p.minMeetings,
        hoursOrMeetings: p.hoursOrMeetings,
      },
      cpdCategory: p.cpdCategory,
      requireSignedAgreement: p.requireSignedAgreement,
      requireOrientation: p.requireOrientation,
      maxOpenRequestsPerMentee: p.maxOpenRequestsPerMentee,
      requestExpiryDays: p.requestExpiryDays,
      matchingWeights: p.matchingWeights,
      cohorts: cohorts.map((c) => ({ cohortId: c.id, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn })),
      changedAt: new Date().toISOString(),
    });
    return toProgramme(p);
  }
}
