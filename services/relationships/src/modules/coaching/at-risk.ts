/**
 * The at-risk rules (pure): an ACTIVE relationship is flagged when
 * - NO_CONFIRMED_MEETING: no meeting confirmed by both for 30 days (counted from the last one, or the start);
 * - MEETING_AWAITING_CONFIRMATION: a logged meeting has waited 14 days for the other side;
 * - BEHIND_PACE: the pace forecast is BEHIND or AT_RISK (see relationship.progress.ts);
 * - AGREEMENT_UNSIGNED: no version of the agreement signed by both 14 days after the start;
 * - LOW_PULSE: a partner's latest pulse answer scored 2 or less (one flag; the reason names each such partner);
 * - PULSE_UNANSWERED: the open pulse has waited 7 days for a partner's answer.
 * Paused, completed and withdrawn relationships carry no flag.
 */
import { daysBetween } from '../shared/dates';
import { computeProgress } from '../relationships/relationship.progress';
import type { AtRiskFlagRow, RelationshipRow } from '../relationships/relationship.repository';

export type { AtRiskParams } from '../relationships/relationship.repository';
import type { MeetingTotals } from '../relationships/relationship-totals.repository';

export const NO_MEETING_DAYS = 30;
export const AWAITING_DAYS = 14;
export const UNSIGNED_DAYS = 14;
export const LOW_PULSE_SCORE = 2;
export const PULSE_UNANSWERED_DAYS = 7;
const NOTE_START = 60;

/** What the pulse check-ins say: each partner's latest answer, and the open pulse with who answered it. */
export interface PulseSignals {
  latest: Array<{ role: 'MENTEE' | 'MENTOR'; score: number; note: string | null; answeredAt: Date }>;
  open: { askedAt: Date; answeredRoles: Array<'MENTEE' | 'MENTOR'> } | null;
}
export const NO_PULSE: PulseSignals = { latest: [], open: null };

/** The start of a pulse note a coach reads (60 characters, an ellipsis when cut), or null. */
const noteQuote = (note: string | null): string | null => {
  const t = note?.trim().replace(/\s+/g, ' ') ?? '';
  if (!t) return null;
  return t.length > NOTE_START ? `${t.slice(0, NOTE_START).trimEnd()}…` : t;
};
const noteStart = (note: string | null) => {
  const quote = noteQuote(note);
  return quote ? `: “${quote}”` : '';
};
const who = (role: 'MENTEE' | 'MENTOR') => (role === 'MENTEE' ? 'The mentee' : 'The mentor');

export function atRiskFlags(
  rel: RelationshipRow,
  totals: MeetingTotals,
  agreementSigned: boolean,
  now: Date,
  today: string,
  pulse: PulseSignals = NO_PULSE,
): Array<Omit<AtRiskFlagRow, 'since'>> {
  if (rel.status !== 'ACTIVE') return [];
  const flags: Array<Omit<AtRiskFlagRow, 'since'>> = [];
  const sinceStart = daysBetween(rel.startedOn, today);
  const last = totals.lastConfirmedOn;
  const quiet = daysBetween(last ?? rel.startedOn, today);
  if (quiet >= NO_MEETING_DAYS) {
    flags.push({
      code: 'NO_CONFIRMED_MEETING',
      params: last ? { days: quiet, lastConfirmedOn: last } : { days: quiet, startedOn: rel.startedOn },
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
        params: { meetings: totals.awaitingMeetings, days: waited },
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
      params: {
        pace: p.pace,
        confirmedHours: p.confirmedHours,
        targetHours: rel.terms.targetHours,
        expectedHours: p.expectedHours,
        ...(rel.terms.minMeetings > 0
          ? {
              confirmedMeetings: p.confirmedMeetings,
              minMeetings: rel.terms.minMeetings,
              expectedMeetings: p.expectedMeetings,
            }
          : {}),
        daysElapsed: p.daysElapsed,
        durationDays: rel.terms.durationWeeks * 7,
      },
      reason: `Pace ${p.pace}: ${p.confirmedHours} of ${rel.terms.targetHours} hours confirmed, ${p.expectedHours} expected by today${meetings}, ${p.daysElapsed} of ${rel.terms.durationWeeks * 7} days elapsed.`,
    });
  }
  if (!agreementSigned && sinceStart >= UNSIGNED_DAYS) {
    flags.push({
      code: 'AGREEMENT_UNSIGNED',
      params: { days: sinceStart, startedOn: rel.startedOn },
      reason: `The partnership agreement is not signed by both ${sinceStart} days after the start on ${rel.startedOn}.`,
    });
  }
  const low = [...pulse.latest].filter((a) => a.score <= LOW_PULSE_SCORE).sort((a, b) => a.role.localeCompare(b.role));
  if (low.length) {
    flags.push({
      code: 'LOW_PULSE',
      params: {
        answers: low.map((a) => ({
          role: a.role,
          score: a.score,
          answeredOn: a.answeredAt.toISOString().slice(0, 10),
          note: noteQuote(a.note),
        })),
      },
      reason: low
        .map(
          (a) =>
            `${who(a.role)} answered the pulse check-in with ${a.score} of 5 on ${a.answeredAt.toISOString().slice(0, 10)}${noteStart(a.note)}.`,
        )
        .join(' '),
    });
  }
  if (pulse.open) {
    const waited = Math.floor((now.getTime() - pulse.open.askedAt.getTime()) / 86_400_000);
    const missing = (['MENTEE', 'MENTOR'] as const).filter((r) => !pulse.open!.answeredRoles.includes(r));
    if (missing.length && waited >= PULSE_UNANSWERED_DAYS) {
      flags.push({
        code: 'PULSE_UNANSWERED',
        params: { askedOn: pulse.open.askedAt.toISOString().slice(0, 10), days: waited, waitingFor: missing },
        reason: `The pulse check-in asked on ${pulse.open.askedAt.toISOString().slice(0, 10)} has waited ${waited} days for ${missing.map((r) => (r === 'MENTEE' ? 'the mentee' : 'the mentor')).join(' and ')}.`,
      });
    }
  }
  return flags;
}
