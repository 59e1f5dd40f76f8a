import { randomUUID } from 'node:crypto';
import {
  fieldError,
  hasRole,
  isUuid,
  NotFound,
  outcome,
  refuse,
  requirePrincipal,
  requireRole,
  rowLoader,
  rowsLoader,
  Refusal,
  type Database,
  type EventBus,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { Principal } from '@tandem/contracts';
import { accessPolicy } from '../access/access.policy';
import type { ProgrammeRepository } from '../programmes/programme.repository';
import type { Programme } from '../programmes/programme.type';
import type { User } from '../users/user.type';
import { isLanguage } from '../language/language';
import type {
  CreateTrainingModuleInput,
  TrainingModuleInput,
  TrainingModuleVersionInput,
  TrainingNeedsInput,
} from './training.inputs';
import type {
  TrainingCompletionRow,
  TrainingModuleRow,
  TrainingModuleVersionRow,
  TrainingNeedsRow,
  TrainingRepository,
} from './training.repository';
import { isForRoles, readTrainingModule, readTrainingModuleVersion } from './training.rules';
import {
  toTrainingCompletion,
  toTrainingModule,
  toTrainingModuleVersions,
  toTrainingNeeds,
  TrainingCompletionResult,
  TrainingModuleResult,
  TrainingNeedsResult,
  TrainingStatus,
  type TrainingCompletion,
  type TrainingModule,
  type TrainingModuleVersion,
  type TrainingNeeds,
} from './training.type';

const isStaff = (p: Principal | null) => hasRole(p, 'ADMIN', 'PROGRAMME_ADMIN');

/**
 * Mentor training: a programme's modules (written, changed and retired by ADMIN and PROGRAMME_ADMIN), who completed
 * them (the person, or recorded by staff or their coach), and mentors' training needs. Publishes
 * TrainingRequirementsChanged (per programme) and TrainingCompleted (per person and module): matching gates on them.
 */
export class TrainingService {
  constructor(
    private readonly repo: TrainingRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** A programme's modules to any signed-in person, in the language asked; the retired ones too for staff who ask. */
  async ofProgramme(
    ctx: SubgraphContext,
    programme: Programme,
    includeRetired: boolean,
    language: string | null,
  ): Promise<TrainingModule[]> {
    const p = requirePrincipal(ctx);
    const loader = rowsLoader(
      ctx,
      `training:ofProgramme:${includeRetired && isStaff(p)}`,
      (r: TrainingModuleRow) => r.programmeId,
      (ids) => this.repo.ofProgrammes(ids, includeRetired && isStaff(p)),
    );
    return this.inLanguage(ctx, await loader.load(programme.id), language);
  }

  /** The versions of these modules in other languages (batched over a request). */
  private versionsOf(ctx: SubgraphContext, moduleId: string): Promise<TrainingModuleVersionRow[]> {
    return rowsLoader(
      ctx,
      'training:versions',
      (r: TrainingModuleVersionRow) => r.moduleId,
      (ids) => this.repo.versionsOf(ids),
    ).load(moduleId);
  }

  /**
   * The modules with their text in `language` where they have a version in it, else as written (a reader is never
   * left without the module). No language, or one the platform does not write in: as written.
   */
  private async inLanguage(
    ctx: SubgraphContext,
    rows: readonly TrainingModuleRow[],
    language: string | null | undefined,
  ): Promise<TrainingModule[]> {
    if (!language || !isLanguage(language)) return rows.map((r) => toTrainingModule(r));
    const versions = await Promise.all(rows.map((r) => (r.language === language ? [] : this.versionsOf(ctx, r.id))));
    return rows.map((r, i) =>
      toTrainingModule(
        r,
        versions[i].find((v) => v.language === language),
      ),
    );
  }

  /** Every version of a module (the text it is written in first): ADMIN and PROGRAMME_ADMIN; null to others. */
  async versions(ctx: SubgraphContext, module: TrainingModule): Promise<TrainingModuleVersion[] | null> {
    if (!isStaff(ctx.principal)) return null;
    return toTrainingModuleVersions(module.row, await this.versionsOf(ctx, module.id));
  }

  /** Whether the caller may see this person's training record: the person, admins, their coach. */
  private maySee(ctx: SubgraphContext, user: User): boolean {
    const p = ctx.principal;
    return !!p && (accessPolicy.isSelf(p, user.record) || isStaff(p) || accessPolicy.isOwnCoach(p, user.record));
  }

  private completionsOf(ctx: SubgraphContext, userId: string): Promise<TrainingCompletionRow[]> {
    return rowsLoader(
      ctx,
      'training:completions',
      (r: TrainingCompletionRow) => r.userId,
      (ids) => this.repo.completionsOf(ids),
    ).load(userId);
  }

  /** The modules the person is asked to complete (their programmes', for their role there) with where they stand. */
  async statusOf(ctx: SubgraphContext, user: User, language: string | null): Promise<TrainingStatus[] | null> {
    if (!this.maySee(ctx, user)) return null;
    const [rows, completions] = await Promise.all([
      this.repo.forParticipant(user.id),
      this.completionsOf(ctx, user.id),
    ]);
    const done = new Map(completions.map((c) => [c.moduleId, c]));
    const modules = await this.inLanguage(ctx, rows, language);
    return modules.map((m) => {
      const c = done.get(m.id) ?? null;
      return Object.assign(new TrainingStatus(), {
        module: m,
        completed: !!c,
        completion: c && toTrainingCompletion(c),
      });
    });
  }

  /** Every module the person completed: the person, admins, their coach; null to anyone else. */
  async completionsOfUser(ctx: SubgraphContext, user: User): Promise<TrainingCompletion[] | null> {
    if (!this.maySee(ctx, user)) return null;
    return (await this.completionsOf(ctx, user.id)).map(toTrainingCompletion);
  }

  /** The module a completion is of (batched). */
  async moduleOf(ctx: SubgraphContext, completion: TrainingCompletion): Promise<TrainingModule | null> {
    requirePrincipal(ctx);
    const row = await rowLoader(
      ctx,
      'training:module',
      (r: TrainingModuleRow) => r.id,
      (ids) => this.repo.byIds(ids),
    ).load(completion.moduleId);
    return row ? toTrainingModule(row) : null;
  }

  /** The signed-in person's completion of the module; null when outstanding or anonymous. */
  async myCompletion(ctx: SubgraphContext, module: TrainingModule): Promise<TrainingCompletion | null> {
    const p = ctx.principal;
    if (!p) return null;
    const row = (await this.completionsOf(ctx, p.userId)).find((c) => c.moduleId === module.id);
    return row ? toTrainingCompletion(row) : null;
  }

  async create(ctx: SubgraphContext, input: CreateTrainingModuleInput): Promise<TrainingModuleResult> {
    requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const programme = isUuid(input.programmeId) ? (await this.programmes.byIds([input.programmeId]))[0] : null;
    if (!programme) throw NotFound('Programme');
    const result = await outcome('module', async () => {
      const { fields, errors } = readTrainingModule(input);
      if (errors.length) throw new Refusal(errors);
      const id = randomUUID();
      return this.db.transaction(async (tx) => {
        await this.repo.lockProgramme(tx, programme.id);
        await this.repo.save(tx, {
          id,
          programmeId: programme.id,
          ...fields,
          language: fields.language ?? 'en',
          retiredAt: null,
        });
        return this.afterChange(tx, programme.id, id);
      });
    });
    return Object.assign(new TrainingModuleResult(), result);
  }

  async update(ctx: SubgraphContext, moduleId: string, input: TrainingModuleInput): Promise<TrainingModuleResult> {
    requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const current = await this.existing(moduleId);
    const result = await outcome('module', async () => {
      const { fields, errors } = readTrainingModule(input);
      if (errors.length) throw new Refusal(errors);
      const language = fields.language ?? current.language;
      return this.db.transaction(async (tx) => {
        await this.repo.lockProgramme(tx, current.programmeId);
        // rewritten in another language: the text it was written in stays, as that language's version (a module has
        // no version in its own language, so nothing is overwritten)
        if (language !== current.language) await this.repo.saveVersion(tx, { moduleId: current.id, ...current });
        await this.repo.save(tx, { ...current, ...fields, language });
        return this.afterChange(tx, current.programmeId, current.id);
      });
    });
    return Object.assign(new TrainingModuleResult(), result);
  }

  /** Writes the module's text in another language (replacing that language's version): ADMIN, PROGRAMME_ADMIN. */
  async setVersion(
    ctx: SubgraphContext,
    moduleId: string,
    input: TrainingModuleVersionInput,
  ): Promise<TrainingModuleResult> {
    requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const current = await this.existing(moduleId);
    const result = await outcome('module', async () => {
      const { fields, errors } = readTrainingModuleVersion(input);
      if (!errors.length && fields.language === current.language)
        errors.push(
          fieldError(
            'input.language',
            'WRITTEN_LANGUAGE',
            'The module is written in this language: change the module itself.',
          ),
        );
      if (errors.length) throw new Refusal(errors);
      return this.db.transaction(async (tx) => {
        await this.repo.saveVersion(tx, { moduleId: current.id, ...fields });
        const row = await this.repo.inTx(tx, current.id);
        return toTrainingModule(row!);
      });
    });
    return Object.assign(new TrainingModuleResult(), result);
  }

  /** Removes the module's version in a language (none there: nothing changes): ADMIN, PROGRAMME_ADMIN. */
  async removeVersion(ctx: SubgraphContext, moduleId: string, language: string): Promise<TrainingModuleResult> {
    requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const current = await this.existing(moduleId);
    const result = await outcome('module', async () => {
      if (!isLanguage(language)) throw refuse('language', 'UNSUPPORTED_LANGUAGE', 'Choose en or fr-CA.');
      if (language === current.language)
        throw refuse(
          'language',
          'WRITTEN_LANGUAGE',
          'The module is written in this language: change the module itself.',
        );
      return this.db.transaction(async (tx) => {
        await this.repo.removeVersion(tx, current.id, language);
        const row = await this.repo.inTx(tx, current.id);
        return toTrainingModule(row!);
      });
    });
    return Object.assign(new TrainingModuleResult(), result);
  }

  /** Retires a module: no longer offered nor required; completions stay on record. Retiring twice changes nothing. */
  async retire(ctx: SubgraphContext, moduleId: string): Promise<TrainingModuleResult> {
    requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN');
    const current = await this.existing(moduleId);
    const module = await this.db.transaction(async (tx) => {
      await this.repo.lockProgramme(tx, current.programmeId);
      if (!current.retiredAt) await this.repo.save(tx, { ...current, retiredAt: new Date() });
      return this.afterChange(tx, current.programmeId, current.id);
    });
    return Object.assign(new TrainingModuleResult(), { module, errors: [] });
  }

  /** The signed-in mentor or mentee marks a module completed (a repeat keeps the first record). */
  async complete(
    ctx: SubgraphContext,
    moduleId: string,
    confirmation: string | null | undefined,
  ): Promise<TrainingCompletionResult> {
    const principal = requireRole(ctx, 'MENTOR', 'MENTEE');
    const module = await this.existing(moduleId);
    const result = await outcome('completion', async () => {
      const note = confirmation?.trim() || null;
      if (note && note.length > 500)
        throw refuse('confirmation', 'TOO_LONG', 'Use at most 500 characters.', { max: 500 });
      if (module.retiredAt) throw refuse('moduleId', 'MODULE_RETIRED', 'This module is no longer offered.');
      if (!isForRoles(module.audience, principal.roles))
        throw refuse('moduleId', 'NOT_IN_AUDIENCE', 'This module is for the programme’s other participants.');
      return this.record(module, principal.userId, principal.userId, note);
    });
    return Object.assign(new TrainingCompletionResult(), result);
  }

  /** Staff (ADMIN, PROGRAMME_ADMIN) record a completion for anyone; a coach for their organisation's people. */
  async recordFor(ctx: SubgraphContext, moduleId: string, userId: string): Promise<TrainingCompletionResult> {
    const principal = requireRole(ctx, 'ADMIN', 'PROGRAMME_ADMIN', 'COACH');
    const module = await this.existing(moduleId);
    const result = await outcome('completion', async () => {
      const trainee = isUuid(userId) ? await this.repo.trainee(userId) : null;
      // someone the caller may not act for is as unknown as someone who does not exist
      if (
        !trainee ||
        !(
          isStaff(principal) ||
          accessPolicy.isOwnCoach(principal, { id: trainee.userId, ...trainee, mentorStatus: null })
        )
      )
        throw refuse('userId', 'UNKNOWN_USER', 'This person is unknown.');
      if (module.retiredAt) throw refuse('moduleId', 'MODULE_RETIRED', 'This module is no longer offered.');
      if (!isForRoles(module.audience, trainee.roles))
        throw refuse('userId', 'NOT_IN_AUDIENCE', 'This module is not for this person’s role.');
      return this.record(module, trainee.userId, principal.userId, null);
    });
    return Object.assign(new TrainingCompletionResult(), result);
  }

  /** The mentor's training needs: to the mentor, admins and their coach (the full profile's readers); else null. */
  async needsOf(ctx: SubgraphContext, userId: string, full: boolean): Promise<TrainingNeeds | null> {
    if (!full) return null;
    const row = await rowLoader(
      ctx,
      'training:needs',
      (r: TrainingNeedsRow) => r.userId,
      (ids) => this.repo.needsOf(ids),
    ).load(userId);
    return row ? toTrainingNeeds(row) : null;
  }

  /** The signed-in mentor writes what they would like training in. */
  async updateNeeds(ctx: SubgraphContext, input: TrainingNeedsInput): Promise<TrainingNeedsResult> {
    const principal = requireRole(ctx, 'MENTOR');
    const result = await outcome('trainingNeeds', async () => {
      const needs = input.needs?.trim() || null;
      const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))];
      if (needs && needs.length > 2000)
        throw refuse('input.needs', 'TOO_LONG', 'Use at most 2000 characters.', { max: 2000 });
      if (tags.length > 20) throw refuse('input.tags', 'TOO_MANY', 'List at most 20 topics.', { max: 20 });
      if (tags.some((t) => t.length > 60)) throw refuse('input.tags', 'TOO_LONG', 'Each topic may have 60 characters.');
      const row = await this.db.transaction((tx) => this.repo.saveNeeds(tx, principal.userId, needs, tags));
      return row && toTrainingNeeds(row);
    });
    return Object.assign(new TrainingNeedsResult(), result);
  }

  private async existing(moduleId: string): Promise<TrainingModuleRow> {
    const row = isUuid(moduleId) ? (await this.repo.byIds([moduleId]))[0] : null;
    if (!row) throw NotFound('Training module');
    return row;
  }

  private async record(
    module: TrainingModuleRow,
    userId: string,
    recordedBy: string,
    confirmation: string | null,
  ): Promise<TrainingCompletion> {
    return this.db.transaction(async (tx) => {
      const added = await this.repo.complete(tx, { moduleId: module.id, userId, recordedBy, confirmation });
      if (added)
        await this.events.publish(tx, 'TrainingCompleted', {
          userId,
          programmeId: module.programmeId,
          moduleId: module.id,
          completedAt: new Date(added.completedAt).toISOString(),
          recordedBy,
        });
      const row = added ?? (await this.repo.completion(module.id, userId));
      return toTrainingCompletion(row!);
    });
  }

  /** Publishes the programme's required modules (a snapshot, under the programme's lock) and returns the module. */
  private async afterChange(tx: Tx, programmeId: string, moduleId: string): Promise<TrainingModule> {
    const required = await this.repo.required(tx, programmeId);
    await this.events.publish(tx, 'TrainingRequirementsChanged', {
      programmeId,
      modules: required.map((m) => ({ moduleId: m.id, title: m.title, gate: m.gate!, audience: m.audience })),
      changedAt: new Date().toISOString(),
    });
    const row = await this.repo.inTx(tx, moduleId);
    return toTrainingModule(row!);
  }
}
