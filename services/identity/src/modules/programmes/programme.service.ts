import { randomUUID } from 'node:crypto';
import {
  FieldErrors,
  isUuid,
  NotFound,
  outcome,
  requireRole,
  rowsLoader,
  uuids,
  type Database,
  type EventBus,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { LearningService } from '../learning/learning.service';
import type { OrganizationRepository } from '../organizations/organization.repository';
import type { OrganizationService } from '../organizations/organization.service';
import type { Organization } from '../organizations/organization.type';
import type { ServedConnection } from '../shared/api';
import { Catalogue } from '../shared/catalogue';
import type { PageArgs } from '../shared/page.args';
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
    /** a new programme starts with a copy of the default learning resources */
    private readonly learning: Pick<LearningService, 'giveDefaults'>,
  ) {
    this.catalogue = new Catalogue(repo, 'Programme', toProgramme);
  }

  private readonly catalogue: Catalogue<ProgrammeRow, Programme>;

  /** Every programme, by name (the deprecated plain list). */
  all(ctx: SubgraphContext): Promise<Programme[]> {
    return this.catalogue.all(ctx);
  }

  /** Programmes by name, a page at a time. */
  page(ctx: SubgraphContext, args: PageArgs): Promise<ServedConnection<Programme>> {
    return this.catalogue.page(ctx, args);
  }

  programme(ctx: SubgraphContext, id: string): Promise<Programme> {
    return this.catalogue.one(ctx, id);
  }

  /** Batched per request (`_entities`, enrolments). */
  load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<Programme | null>> {
    return this.catalogue.load(ctx, ids);
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
        if (!current) await this.learning.giveDefaults(tx, fields.id);
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
        maxMeetingMinutes: p.maxMeetingMinutes,
      },
      cpdCategory: p.cpdCategory,
      requireSignedAgreement: p.requireSignedAgreement,
      requireOrientation: p.requireOrientation,
      requireMenteeOrientation: p.requireMenteeOrientation,
      requireCoachSignature: p.requireCoachSignature,
      priorMeetingDays: p.priorMeetingDays,
      timeZone: p.timeZone,
      maxOpenRequestsPerMentee: p.maxOpenRequestsPerMentee,
      requestExpiryDays: p.requestExpiryDays,
      matchingWeights: p.matchingWeights,
      nudges: p.nudges,
      cohorts: cohorts.map((c) => ({ cohortId: c.id, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn })),
      changedAt: new Date().toISOString(),
    });
    return toProgramme(p);
  }
}
