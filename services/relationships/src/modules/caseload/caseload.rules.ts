/**
 * The order of a coach's caseload (pure): the pairs that need the coach most come first.
 * - flagged by the at-risk scan first, more flags before fewer;
 * - then a check-in due, the longest overdue first;
 * - then the rest (paused pairs owe no check-in); ties: the oldest start first, then the id.
 */
import type { RelationshipRow } from '../relationships/relationship.repository';
import type { CheckInDueFigures } from '../coaching/check-in-due';

/** A pair's place in the caseload: `[urgency, startedOn, id]`, urgency descending, the rest ascending. */
export type CaseloadKey = [number, string, string];

export const isCaseloadKey = (v: unknown): v is CaseloadKey =>
  Array.isArray(v) && v.length === 3 && Number.isInteger(v[0]) && typeof v[1] === 'string' && typeof v[2] === 'string';

/** Flags weigh 1000 each; a due check-in 100 plus its days overdue (capped so it never outweighs a flag). */
export function caseloadKey(rel: RelationshipRow, due: CheckInDueFigures | null): CaseloadKey {
  const urgency = rel.atRiskFlags.length * 1000 + (due ? 100 + Math.min(due.overdueDays, 899) : 0);
  return [urgency, rel.startedOn, rel.id];
}

/** Negative when `a` comes first. */
export function compareCaseloadKeys(a: CaseloadKey, b: CaseloadKey): number {
  if (a[0] !== b[0]) return b[0] - a[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}
