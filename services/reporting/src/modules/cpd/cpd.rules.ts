/**
 * What counts as CPD: the entries a meeting confirmed by both sides gives each participant. Pure functions; the
 * CPD consumer (`cpd.consumers.ts`) reads the ledger and appends what these return.
 */
import type { EventPayloads } from '@tandem/contracts';
import type { LedgerEntryContent } from './ledger-hash';
import type { LedgerEntryDraft, LedgerEntryRow } from './ledger.repository';

type MeetingConfirmed = EventPayloads['MeetingConfirmed'];

/** The hours a confirmed meeting earns: its duration in hours, to the hundredth. */
export const meetingHours = (durationMinutes: number) => Math.round((durationMinutes / 60) * 100) / 100;

/** One side of a confirmed meeting, as its ledger entries name it. */
export interface CpdParticipant {
  userId: string;
  role: 'MENTOR' | 'MENTEE';
  counterpartId: string;
}

/** Both sides earn CPD from a meeting: the mentor, then the mentee, each with the other as counterpart. */
export function participantsOf(e: Pick<MeetingConfirmed, 'mentorId' | 'menteeId'>): CpdParticipant[] {
  return [
    { userId: e.mentorId, role: 'MENTOR', counterpartId: e.menteeId },
    { userId: e.menteeId, role: 'MENTEE', counterpartId: e.mentorId },
  ];
}

/** What every entry of a confirmation records: the meeting as evidence, in the programme's CPD category. */
function evidence(e: MeetingConfirmed, p: CpdParticipant, cpdCategory: string | null) {
  return {
    ...p,
    relationshipId: e.relationshipId,
    programmeId: e.programmeId,
    cpdCategory,
    meetingId: e.meetingId,
    revision: e.revision,
    startTime: e.startTime,
    durationMinutes: e.durationMinutes,
    topics: e.topics,
    homework: e.homework,
    confirmedByMentorAt: e.confirmedByMentorAt,
    confirmedByMenteeAt: e.confirmedByMenteeAt,
  };
}

/** The credit of a confirmed meeting: its hours, on its day. */
export function meetingCredit(e: MeetingConfirmed, p: CpdParticipant, cpdCategory: string | null): LedgerEntryDraft {
  return {
    ...evidence(e, p, cpdCategory),
    kind: 'MEETING',
    reversesEntryId: null,
    hours: meetingHours(e.durationMinutes),
    occurredOn: e.occurredOn,
  };
}

/**
 * An amendment first cancels the participant's live entry of the meeting it supersedes: minus its hours, dated
 * and described like it, under the amendment's meeting, revision and confirmations. (Reversal and new entry
 * rather than one delta: each line stands alone as evidence.)
 */
export function supersededReversal(
  e: MeetingConfirmed,
  p: CpdParticipant,
  cpdCategory: string | null,
  live: LedgerEntryRow,
): LedgerEntryDraft {
  return {
    ...evidence(e, p, cpdCategory),
    kind: 'REVERSAL',
    reversesEntryId: live.id,
    hours: -Number(live.hours),
    occurredOn: live.occurredOn,
    startTime: live.startTime,
    durationMinutes: live.durationMinutes,
    topics: live.topics,
    homework: live.homework,
  };
}

/**
 * A revision whose amendment was applied before it: the evidence trail still shows it, credited and reversed at
 * once by that amendment (net zero).
 */
export function reversedByEarlierAmendment(
  e: MeetingConfirmed,
  p: CpdParticipant,
  cpdCategory: string | null,
  credit: LedgerEntryContent,
  amendment: { meetingId: string; revision: number | null },
): LedgerEntryDraft {
  return {
    ...evidence(e, p, cpdCategory),
    kind: 'REVERSAL',
    reversesEntryId: credit.id,
    hours: -meetingHours(e.durationMinutes),
    occurredOn: e.occurredOn,
    meetingId: amendment.meetingId,
    revision: amendment.revision ?? e.revision + 1,
  };
}

/**
 * An audit's outcome takes back a meeting the counterpart denied: the audited person's live entry of it is
 * reversed (minus its hours, dated and described like it), so the statement, tracking sheet and letters count only
 * what the audit accepted while the chain keeps both lines as evidence.
 */
export function auditDenialReversal(live: LedgerEntryRow): LedgerEntryDraft {
  const { id, seq: _seq, prevHash: _prev, hash: _hash, recordedAt: _at, ...content } = live;
  return { ...content, kind: 'REVERSAL', reversesEntryId: id, hours: -Number(live.hours) };
}
