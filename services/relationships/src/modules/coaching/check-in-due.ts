/**
 * When a coach owes a pair a check-in (pure): an ACTIVE relationship is due
 * - FOLLOW_UP: its latest check-in named a follow-up date that is today or past;
 * - NO_RECENT_CHECK_IN: no check-in for the programme's `everyDays` (`checkInEveryDays`, 30 by default; counted
 *   from the latest one, or the start),
 *   unless the latest check-in planned a follow-up still ahead.
 * Paused, completed and withdrawn relationships owe none.
 */
import { addDays, daysBetween } from '../shared/dates';
import type { RelationshipRow } from '../relationships/relationship.repository';
import type { CheckInRow } from './check-in.repository';

export type CheckInDueReason = 'FOLLOW_UP' | 'NO_RECENT_CHECK_IN';

export interface CheckInDueFigures {
  reason: CheckInDueReason;
  /** The day it fell due. */
  dueOn: string;
  /** Days past `dueOn` (0 when due today). */
  overdueDays: number;
  /** The follow-up planned at the latest check-in (FOLLOW_UP only). */
  followUp: string | null;
  /** The day of the latest check-in, if any. */
  lastCheckInOn: string | null;
}

export function checkInDue(
  rel: Pick<RelationshipRow, 'status' | 'startedOn'>,
  latest: Pick<CheckInRow, 'heldOn' | 'followUpOn' | 'followUp'> | null,
  today: string,
  everyDays: number,
): CheckInDueFigures | null {
  if (rel.status !== 'ACTIVE') return null;
  const lastCheckInOn = latest?.heldOn ?? null;
  if (latest?.followUpOn) {
    if (latest.followUpOn > today) return null;
    return {
      reason: 'FOLLOW_UP',
      dueOn: latest.followUpOn,
      overdueDays: daysBetween(latest.followUpOn, today),
      followUp: latest.followUp,
      lastCheckInOn,
    };
  }
  const dueOn = addDays(lastCheckInOn ?? rel.startedOn, everyDays);
  if (dueOn > today) return null;
  return { reason: 'NO_RECENT_CHECK_IN', dueOn, overdueDays: daysBetween(dueOn, today), followUp: null, lastCheckInOn };
}
