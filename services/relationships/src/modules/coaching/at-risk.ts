/**
 * The at-risk rules (pure): an ACTIVE relationship is flagged when
 * - NO_CONFIRMED_MEETING: no meeting confirmed by both for 30 days (counted from the last one, or the start);
 * - MEETING_AWAITING_CONFIRMATION: a logged meeting has waited 14 days for the other side;
 * - BEHIND_PACE: the pace forecast is BEHIND or AT_RISK (see relationship.progress.ts);
 * - AGREEMENT_UNSIGNED: no version of the agreement signed by both 14 days after the start.
 * Paused, completed and withdrawn relationships carry no flag.
 */
import { daysBetween } from '../shared/dates';
import { computeProgress } from '../relationships/relationship.progress';
import type { AtRiskFlagRow, RelationshipRow } from '../relationships/relationship.repository';
import type { MeetingTotals } from '../relationships/relationship-totals.repository';

export const NO_MEETING_DAYS = 30;
export const AWAITING_DAYS = 14;
export const UNSIGNED_DAYS = 14;

export function atRiskFlags(
  rel: RelationshipRow,
  totals: MeetingTotals,
  agreementSigned: boolean,
  now: Date,
  today: string,
): Array<Omit<AtRiskFlagRow, 'since'>> {
  if (rel.status !== 'ACTIVE') return [];
  const flags: Array<Omit<AtRiskFlagRow, 'since'>> = [];
  const sinceStart = daysBetween(rel.startedOn, today);
  const last = totals.lastConfirmedOn;
  const quiet = daysBetween(last ?? rel.startedOn, today);
  if (quiet >= NO_MEETING_DAYS) {
    flags.push({
      code: 'NO_CONFIRMED_MEETING',
      reason: last
        ? `No meeting confirmed by both since ${last} (${quiet} days).`
        : `No meeting confirmed by both in the ${quiet} days since the start on ${rel.startedOn}.`,
    });
  }
  if (totals.oldestAwaitingLoggedAt) {
    const waited = Math.floor((now.getTime() - totals.oldestAwaitingLoggedAt.getTime()) / 86_400_000);
    if (waited >= AWAITING_DAYS) {
      flags.push({
        code: 'MEETING_AWAITING_CONFIRMATION',
        reason: `${totals.awaitingMeetings} logged meeting(s) awaiting confirmation, the oldest for ${waited} days.`,
      });
    }
  }
  const p = computeProgress({
    ...rel,
    confirmedMinutes: totals.confirmedMinutes,
    confirmedMeetings: totals.confirmedMeetings,
    today,
  });
  if (p.pace === 'BEHIND' || p.pace === 'AT_RISK') {
    const meetings =
      rel.terms.minMeetings > 0
        ? `, ${p.confirmedMeetings} of ${rel.terms.minMeetings} meetings (${p.expectedMeetings} expected)`
        : '';
    flags.push({
      code: 'BEHIND_PACE',
      reason: `Pace ${p.pace}: ${p.confirmedHours} of ${rel.terms.targetHours} hours confirmed, ${p.expectedHours} expected by today${meetings}, ${p.daysElapsed} of ${rel.terms.durationWeeks * 7} days elapsed.`,
    });
  }
  if (!agreementSigned && sinceStart >= UNSIGNED_DAYS) {
    flags.push({
      code: 'AGREEMENT_UNSIGNED',
      reason: `The partnership agreement is not signed by both ${sinceStart} days after the start on ${rel.startedOn}.`,
    });
  }
  return flags;
}
