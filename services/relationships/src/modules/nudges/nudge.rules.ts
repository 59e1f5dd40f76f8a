/**
 * Which nudges are due for a relationship today (pure), at its programme's cadence:
 * - NO_MEETING: no meeting logged (awaiting confirmation or confirmed) for `noMeetingDays` days, counted from the
 *   last one's day or the start; one occurrence every `noMeetingDays` days of silence (day N, 2N, …), for both
 *   partners;
 * - MEETING_AWAITING_CONFIRMATION: a logged meeting has waited `awaitingConfirmationDays` days for the other partner;
 *   one occurrence every as many days, per meeting, for the partner who has to confirm;
 * - CHECK_IN_DUE: the coach owes the pair a check-in by the caseload's rule (check-in-due.ts); one occurrence per
 *   due day (a new check-in, or a follow-up date, makes the next one), for the coaches.
 * Only ACTIVE relationships are nudged. Each occurrence has a key unique per relationship and nudge: the scan
 * records it and publishes it once.
 */
import type { ProgrammeNudges } from '@tandem/contracts';
import { daysBetween } from '../shared/dates';
import type { CheckInDueFigures } from '../coaching/check-in-due';

export type NudgeCode = 'NO_MEETING' | 'MEETING_AWAITING_CONFIRMATION' | 'CHECK_IN_DUE';

export interface DueNudge {
  nudge: NudgeCode;
  occurrence: string;
  /** The day it counts from: the last meeting (or start), the awaiting meeting's day, the check-in's due day. */
  dueOn: string;
  /** Days of silence, days the meeting waited, days the check-in is overdue. */
  days: number;
  meetingId: string | null;
  awaitingUserId: string | null;
}

/** What the scan knows of one relationship. */
export interface NudgeFacts {
  status: string;
  startedOn: string;
  menteeId: string;
  mentorId: string;
  /** The day of the latest logged meeting (awaiting confirmation or confirmed), if any. */
  lastLoggedOn: string | null;
  /** Meetings awaiting a partner's confirmation. */
  awaiting: Array<{
    meetingId: string;
    occurredOn: string;
    loggedAt: Date;
    menteeConfirmed: boolean;
    mentorConfirmed: boolean;
  }>;
  /** The caseload's check-in due for the pair, if one is. */
  checkIn: CheckInDueFigures | null;
}

const DAY_MS = 86_400_000;

export function dueNudges(facts: NudgeFacts, nudges: ProgrammeNudges, now: Date, today: string): DueNudge[] {
  if (facts.status !== 'ACTIVE') return [];
  const due: DueNudge[] = [];
  if (nudges.noMeetingDays) {
    const since = facts.lastLoggedOn ?? facts.startedOn;
    const days = daysBetween(since, today);
    if (days >= nudges.noMeetingDays) {
      due.push({
        nudge: 'NO_MEETING',
        occurrence: `${since}/${Math.floor(days / nudges.noMeetingDays)}`,
        dueOn: since,
        days,
        meetingId: null,
        awaitingUserId: null,
      });
    }
  }
  if (nudges.awaitingConfirmationDays) {
    for (const m of facts.awaiting) {
      const waited = Math.floor((now.getTime() - m.loggedAt.getTime()) / DAY_MS);
      if (waited < nudges.awaitingConfirmationDays) continue;
      // the partner who has not confirmed it (the mentee first when, after an amendment, neither has)
      const awaitingUserId = !m.menteeConfirmed ? facts.menteeId : !m.mentorConfirmed ? facts.mentorId : null;
      if (!awaitingUserId) continue;
      due.push({
        nudge: 'MEETING_AWAITING_CONFIRMATION',
        occurrence: `${m.meetingId}/${Math.floor(waited / nudges.awaitingConfirmationDays)}`,
        dueOn: m.occurredOn,
        days: waited,
        meetingId: m.meetingId,
        awaitingUserId,
      });
    }
  }
  if (nudges.checkInDue && facts.checkIn) {
    due.push({
      nudge: 'CHECK_IN_DUE',
      occurrence: `${facts.checkIn.reason}/${facts.checkIn.dueOn}`,
      dueOn: facts.checkIn.dueOn,
      days: facts.checkIn.overdueDays,
      meetingId: null,
      awaitingUserId: null,
    });
  }
  return due;
}
