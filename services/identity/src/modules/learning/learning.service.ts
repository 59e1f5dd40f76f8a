import { randomUUID } from 'node:crypto';
import type { Principal } from '@tandem/contracts';
import {
  FieldErrors,
  Forbidden,
  hasRole,
  isUuid,
  NotFound,
  outcome,
  refuse,
  requireRole,
  type Database,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { isLanguage } from '../language/language';
import type { ProgrammeRepository, ProgrammeRow } from '../programmes/programme.repository';
import type { Programme } from '../programmes/programme.type';
import { DEFAULT_LEARNING_RESOURCES } from './learning.defaults';
import type { LearningResourceInput } from './learning.inputs';
import type { LearningRepository, LearningResourceRow } from './learning.repository';
import { learningFields, RESOURCES_PER_PROGRAMME_MAX, type LearningStageValue } from './learning.rules';
import {
  LearningResourceResult,
  LearningResourcesResult,
  toLearningResource,
  type LearningResource,
} from './learning.type';

/** The staff who may change a programme's resources: ADMIN, PROGRAMME_ADMIN, and coaches of its partner organisations. */
export function mayEditLearning(p: Principal, programme: Pick<ProgrammeRow, 'organizationIds'>): boolean {
  if (hasRole(p, 'ADMIN', 'PROGRAMME_ADMIN')) return true;
  return hasRole(p, 'COACH') && !!p.organizationId && programme.organizationIds.includes(p.organizationId);
}

/**
 * Only the reader's language, stage by stage, falling back to English for a stage that has nothing in it; every
 * language when none is asked for.
 */
export function inLanguage(rows: LearningResourceRow[], language: string | null): LearningResourceRow[] {
  if (!language) return rows;
  const wanted = isLanguage(language) ? language : 'en';
  const stagesInWanted = new Set(rows.filter((r) => r.language === wanted).map((r) => r.stage));
  return rows.filter((r) => r.language === wanted || (!stagesInWanted.has(r.stage) && r.language === 'en'));
}

/**
 * Learning content: a programme's resources per stage of a relationship (guides, checklists, videos, templates).
 * Read by the programme's participants (enrolled, proposed, or partners of one of its relationships) and staff
 * (ADMIN, PROGRAMME_ADMIN, ANALYST, its partner organisations' coaches); changed by ADMIN, PROGRAMME_ADMIN and its
 * partner organisations' coaches (in the agency programmes the coach runs the programme). A new programme starts
 * with a copy of the defaults.
 */
export class LearningService {
  constructor(
    private readonly repo: LearningRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly db: Database,
  ) {}

  /** A programme's resources for the caller, or null when the caller may not read them. */
  async ofProgramme(
    ctx: SubgraphContext,
    programme: Programme,
    stage: LearningStageValue | null,
    language: string | null,
  ): Promise<LearningResource[] | null> {
    const p = ctx.principal;
    if (!p) return null;
    const staff = hasRole(p, 'ADMIN', 'PROGRAMME_ADMIN', 'ANALYST') || mayEditLearning(p, programme.row);
    if (!staff && !(await this.repo.takesPart(programme.id, p.userId))) return null;
    return inLanguage(await this.repo.ofProgramme(programme.id, stage), language).map(toLearningResource);
  }

  async create(ctx: SubgraphContext, programmeId: string, input: LearningResourceInput) {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH');
    const programme = await this.editable(principal, programmeId);
    const result = await outcome('resource', async () => {
      const errors = new FieldErrors();
      const fields = learningFields(input, errors);
      errors.throwIfAny();
      const id = randomUUID();
      return this.db.transaction(async (tx) => {
        if ((await this.repo.count(tx, programme.id)) >= RESOURCES_PER_PROGRAMME_MAX)
          throw refuse(
            'programmeId',
            'LIMIT_REACHED',
            `A programme holds at most ${RESOURCES_PER_PROGRAMME_MAX} resources.`,
          );
        await this.repo.insert(tx, id, programme.id, fields);
        return toLearningResource((await this.repo.byId(id, tx))!);
      });
    });
    return Object.assign(new LearningResourceResult(), result);
  }

  async update(ctx: SubgraphContext, id: string, input: LearningResourceInput) {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH');
    const current = await this.existing(id);
    await this.editable(principal, current.programmeId);
    const result = await outcome('resource', async () => {
      const errors = new FieldErrors();
      const fields = learningFields(input, errors);
      errors.throwIfAny();
      return this.db.transaction(async (tx) => {
        if (!(await this.repo.lock(tx, id))) throw NotFound('Learning resource');
        await this.repo.update(tx, id, fields);
        return toLearningResource((await this.repo.byId(id, tx))!);
      });
    });
    return Object.assign(new LearningResourceResult(), result);
  }

  async delete(ctx: SubgraphContext, id: string) {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH');
    const current = await this.existing(id);
    await this.editable(principal, current.programmeId);
    await this.db.transaction((tx) => this.repo.delete(tx, id));
    return Object.assign(new LearningResourceResult(), { resource: toLearningResource(current), errors: [] });
  }

  /** Puts a stage's resources in the order of `ids`, which must name each of them once. */
  async reorder(ctx: SubgraphContext, programmeId: string, stage: LearningStageValue, ids: string[]) {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH');
    const programme = await this.editable(principal, programmeId);
    const result = await outcome('resources', () =>
      this.db.transaction(async (tx) => {
        const current = await this.repo.ofProgramme(programme.id, stage, tx);
        const known = new Set(current.map((r) => r.id));
        if (new Set(ids).size !== ids.length || ids.length !== known.size || ids.some((i) => !known.has(i)))
          throw refuse('ids', 'ORDER_MISMATCH', "Name each of the stage's resources once.");
        await this.repo.reorder(tx, programme.id, ids);
        return (await this.repo.ofProgramme(programme.id, stage, tx)).map(toLearningResource);
      }),
    );
    return Object.assign(new LearningResourcesResult(), result);
  }

  /** Gives a new programme its copy of the defaults, in the transaction that creates it. */
  async giveDefaults(tx: Parameters<LearningRepository['insert']>[0], programmeId: string): Promise<void> {
    await this.repo.copyInto(
      tx,
      programmeId,
      DEFAULT_LEARNING_RESOURCES.map((r) => ({ ...r, url: null, id: randomUUID() })),
    );
  }

  private async existing(id: string): Promise<LearningResourceRow> {
    const row = isUuid(id) ? await this.repo.byId(id) : null;
    if (!row) throw NotFound('Learning resource');
    return row;
  }

  /** The programme if the caller may change its resources: NOT_FOUND when unknown, FORBIDDEN otherwise. */
  private async editable(principal: Principal, programmeId: string): Promise<ProgrammeRow> {
    const [programme] = isUuid(programmeId) ? await this.programmes.byIds([programmeId]) : [];
    if (!programme) throw NotFound('Programme');
    if (!mayEditLearning(principal, programme)) throw Forbidden("Only the programme's staff change its resources.");
    return programme;
  }
}
