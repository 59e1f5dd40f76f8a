/**
 * The personal data export ("download all my data"): the access rule every subgraph applies to its own
 * section, and the small conversions that keep each section plain JSON.
 */
import type { Principal } from '@tandem/contracts';
import { hasRole, loadAll, type SubgraphContext } from './context';
import { NotFound } from './errors';

/**
 * Who may export a person's data: the person, and an ADMIN handling a data-subject request (the same
 * people who may erase the account). Everyone else is told NOT_FOUND, like an unknown id.
 */
export function canExportPersonalData(principal: Principal | null, userId: string): boolean {
  return !!principal && (principal.userId === userId || hasRole(principal, 'ADMIN'));
}

/**
 * Whether the caller gets the parts the platform keeps between the person and their counterpart only
 * (relationship messages, request threads, private meeting notes, in-app notifications): the person does,
 * an ADMIN exporting someone else's data does not (those parts are listed under `withheld`).
 */
export function exportsOwnData(principal: Principal | null, userId: string): boolean {
  return !!principal && principal.userId === userId;
}

/** An instant as ISO 8601 (UTC), or null. */
export function isoInstant(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value).toISOString();
}

/** A numeric column (PostgreSQL numeric arrives as text) as a number, or null. */
export function numberOrNull(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Number(value);
}

/** Distinct ids of other people mentioned in a section, sorted (the subject and nulls left out). */
export function otherPeople(subjectId: string, ids: ReadonlyArray<string | null | undefined>): string[] {
  return [...new Set(ids.filter((id): id is string => !!id && id !== subjectId))].sort();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One subgraph's section of a person's export, and the other people it mentions (by id; identity names them). */
export interface PersonalDataSectionContent {
  section: Record<string, unknown>;
  people: string[];
}

/**
 * One subgraph's section of the personal data export: the access rule, checked before anything is read (for
 * `_entities` too), and one batched load per request shared by the section and the people it mentions.
 * `collect` reads everything of the requested people in one go; `assemble` makes one person's section, told
 * whether the caller is that person (`own`: what stays between partners is only theirs).
 */
export class PersonalDataSection<R> {
  constructor(
    private readonly source: {
      key: string;
      collect(userIds: string[]): Promise<R>;
      assemble(userId: string, records: R, own: boolean): PersonalDataSectionContent;
    },
  ) {}

  /** Whether the caller may export this person's data (an `_entities` reference resolves only then). */
  mayExport(ctx: SubgraphContext, userId: string): boolean {
    return canExportPersonalData(ctx.principal, userId) && UUID.test(userId);
  }

  async section(ctx: SubgraphContext, userId: string): Promise<Record<string, unknown>> {
    return (await this.load(ctx, userId)).section;
  }

  async people(ctx: SubgraphContext, userId: string): Promise<string[]> {
    return (await this.load(ctx, userId)).people;
  }

  private async load(ctx: SubgraphContext, userId: string): Promise<PersonalDataSectionContent> {
    if (!canExportPersonalData(ctx.principal, userId)) throw NotFound('Personal data export');
    const loader = ctx.loaders.get<string, R>(`export:${this.source.key}`, async (ids) => {
      const all = await this.source.collect(ids.filter((id) => UUID.test(id)));
      return ids.map(() => all);
    });
    const [all] = await loadAll(loader, [userId]);
    return this.source.assemble(userId, all, exportsOwnData(ctx.principal, userId));
  }
}
