/**
 * The personal data export ("download all my data"): the access rule every subgraph applies to its own
 * section, and the small conversions that keep each section plain JSON.
 */
import type { Principal } from '@tandem/contracts';
import { hasRole } from './context';

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
