import type { MeetingMode } from '../roles';

interface RelationshipRef {
  relationshipId: string;
  menteeId: string;
  mentorId: string;
  programmeId: string;
  organizationId: string | null;
}

/**
 * A planned meeting's facts after a change (issue 20): ids and times only (no place, link or agenda). `byId` made
 * the change; `startsAt` is the instant (ISO), `timeZone` the zone its proposer planned in; `sequence` grows with
 * every change (the ICS SEQUENCE of the plan's one UID, `planId`).
 */
type MeetingPlanRef = RelationshipRef & {
  planId: string;
  byId: string;
  startsAt: string;
  durationMinutes: number;
  timeZone: string;
  sequence: number;
  changedAt: string;
  /**
   * Where, how and what for (added for calendar invitations; absent on events published before): the partners'
   * email invitations carry them. The agenda is the pair's own words, read only by the partners' notifications.
   */
  mode?: MeetingMode;
  place?: string | null;
  videoUrl?: string | null;
  agenda?: string[];
  /** The plan was accepted at some point, so the partners' calendars hold it (updates and cancellations reach them). */
  inCalendars?: boolean;
};

/**
 * The figures and dates behind an at-risk flag, so each reader gets its reason worded in their own language (the
 * English `reason` is kept beside them). Only the facts of the flag's code are set; days are YYYY-MM-DD.
 */
export interface AtRiskParams {
  /** Days: without a confirmed meeting, the oldest awaiting one waited, since the start, the open pulse waited. */
  days?: number;
  /** NO_CONFIRMED_MEETING: the last meeting confirmed by both (absent when none). */
  lastConfirmedOn?: string;
  /** NO_CONFIRMED_MEETING (when none) and AGREEMENT_UNSIGNED: the day the relationship started. */
  startedOn?: string;
  /** MEETING_AWAITING_CONFIRMATION: how many logged meetings await the other side. */
  meetings?: number;
  /** BEHIND_PACE: the forecast (BEHIND or AT_RISK) and its figures. */
  pace?: string;
  confirmedHours?: number;
  targetHours?: number;
  expectedHours?: number;
  confirmedMeetings?: number;
  minMeetings?: number;
  expectedMeetings?: number;
  daysElapsed?: number;
  durationDays?: number;
  /** PULSE_UNANSWERED: the day the pulse was asked and who has not answered. */
  askedOn?: string;
  waitingFor?: Array<'MENTEE' | 'MENTOR'>;
  /** LOW_PULSE: each low answer (the start of its note, as the reason quotes it). */
  answers?: Array<{ role: 'MENTEE' | 'MENTOR'; score: number; answeredOn: string; note: string | null }>;
}

/** Who made a meeting proposal: a partner, or the agreement's schedule through the platform. */
export type MeetingPlanSource = 'PERSON' | 'SCHEDULE';

/** What a planned meeting's reminder is: the day before, an hour before, or (once it has ended) a prompt to record it. */
export type MeetingPlanReminderKind = 'DAY_BEFORE' | 'HOUR_BEFORE' | 'RECORD_PROMPT';

/** The iCalendar UID of a planned meeting: the same in every email, feed and download (SEQUENCE orders the versions). */
export const meetingPlanUid = (planId: string) => `meeting-plan-${planId}@tandem`;

export interface RelationshipsEvents {
  RelationshipStarted: RelationshipRef & {
    matchId: string;
    cohortId: string | null;
    startedOn: string;
    plannedEndOn: string;
    /** The coach who proposed the match, when it came from a proposal (added with issue 19; absent before). */
    coachId?: string | null;
  };
  RelationshipPaused: RelationshipRef & { pausedBy: string; pausedAt: string };
  RelationshipResumed: RelationshipRef & { resumedBy: string; resumedAt: string };
  RelationshipCompleted: RelationshipRef & {
    completedOn: string;
    confirmedHours: number;
    confirmedMeetings: number;
    metTerms: boolean;
  };
  RelationshipWithdrawn: RelationshipRef & {
    withdrawnBy: string;
    reason: string;
    withdrawnOn: string;
    confirmedHours: number;
    confirmedMeetings: number;
    /** Whether the programme's terms were met when it was withdrawn (absent from events published before 2026-12). */
    metTerms?: boolean;
  };
  /** A completed relationship set new goals and goes on (seed 001). */
  RelationshipContinued: RelationshipRef & { continuedOn: string };
  AgreementAwaitingSignature: RelationshipRef & {
    agreementId: string;
    version: number;
    awaitingUserIds: string[];
    /** A coach of the relationship's organisation signs this version too (added with issue 19; absent: false). */
    awaitingCoach?: boolean;
  };
  AgreementSigned: RelationshipRef & {
    agreementId: string;
    version: number;
    signerId: string;
    /** Which side signed (added with issue 19; absent: a partner). */
    signerRole?: 'MENTOR' | 'MENTEE' | 'COACH';
    fullySigned: boolean;
    signedAt: string;
  };
  MeetingLogged: RelationshipRef & { meetingId: string; loggedBy: string; awaitingUserId: string; occurredOn: string };
  /**
   * The other side disputed a logged meeting. It carries the meeting's date, so a consumer that receives it before
   * MeetingLogged still knows when the meeting was (absent from events published before 2026-12).
   */
  MeetingDisputed: RelationshipRef & { meetingId: string; disputedBy: string; reason: string; occurredOn?: string };
  /**
   * Both sides confirmed a meeting: it counts toward hours and becomes CPD evidence. An amendment of a
   * confirmed meeting is a new MeetingConfirmed with `amendsMeetingId` and `revision` > 1 (it replaces the
   * amended one). When the programme requires a signed agreement, it is published only once the agreement is
   * first signed by both (then for every meeting confirmed before), so it may come later than the confirmations.
   */
  MeetingConfirmed: RelationshipRef & {
    meetingId: string;
    amendsMeetingId: string | null;
    revision: number;
    occurredOn: string;
    startTime: string;
    durationMinutes: number;
    mode: MeetingMode;
    topics: string[];
    homework: string | null;
    confirmedByMentorAt: string;
    confirmedByMenteeAt: string;
  };
  /**
   * The confirmed hours and meetings of a relationship first met its programme's terms (the meeting counted last
   * crossed them). Published in the transaction that counts that meeting; again only if an amendment takes the
   * totals below the terms and a later meeting crosses them once more.
   */
  RelationshipTermsMet: RelationshipRef & {
    meetingId: string;
    metOn: string;
    confirmedHours: number;
    confirmedMeetings: number;
  };
  GoalAchieved: RelationshipRef & { goalId: string; achievedAt: string };
  FeedbackSubmitted: RelationshipRef & {
    respondentRole: 'MENTOR' | 'MENTEE';
    /** Question key to rating 1..5. Comments stay in relationships. */
    ratings: Record<string, number>;
    submittedAt: string;
  };
  /**
   * A message was written in the relationship's coach thread (the thread the partners share with the coaches of
   * the relationship's organisation; issue 19). The body stays in relationships: identity tells the others.
   */
  CoachThreadMessageSent: RelationshipRef & { messageId: string; authorId: string; sentAt: string };
  /**
   * A meeting was proposed; `awaitingUserId` (the other partner) accepts, declines or proposes another time.
   * `source` says who proposed it: PERSON, the partner `byId`; SCHEDULE, Tandem from the agreement's schedule (issue
   * 20), in the name of the partner who initiates meetings (`byId`), who did nothing themselves. Absent (events
   * published before it was added): PERSON.
   */
  MeetingPlanned: MeetingPlanRef & { awaitingUserId: string; source?: MeetingPlanSource };
  /**
   * New times for a planned meeting, awaiting `awaitingUserId`: another time proposed in answer to a proposal
   * (`counter`), or a reschedule by either partner.
   */
  MeetingPlanRescheduled: MeetingPlanRef & { awaitingUserId: string; counter: boolean };
  /** The partner awaited accepted the planned meeting. */
  MeetingPlanAccepted: MeetingPlanRef;
  /** The partner awaited declined the planned meeting (the reason stays in relationships). */
  MeetingPlanDeclined: MeetingPlanRef;
  /** A partner cancelled the planned meeting (the reason stays in relationships). */
  MeetingPlanCancelled: MeetingPlanRef;
  /**
   * A reminder of an accepted planned meeting is due (the reminder job, once per plan, kind and start): the day
   * before and an hour before its start, and once its end has passed unrecorded, a prompt to record it.
   */
  MeetingPlanReminderDue: MeetingPlanRef & { reminder: MeetingPlanReminderKind };
  /**
   * The organisation's coach (or an admin) recorded a check-in with the pair (issue 19): the check-in owed to the pair
   * is settled until its follow-up day or the programme's interval comes again. Ids and dates only: the notes and
   * the follow-up stay in relationships.
   */
  CheckInRecorded: RelationshipRef & {
    checkInId: string;
    coachId: string;
    /** The day it was held (YYYY-MM-DD). */
    heldOn: string;
    /** The follow-up day it planned (YYYY-MM-DD), if any. */
    followUpOn: string | null;
    recordedAt: string;
  };
  /**
   * Staff exported an organisation's caseload (issue 19): `exportCaseload` returned its rows and published this in
   * the same request, so no file is made without it; reporting writes it on the staff audit log (LIST_EXPORTED, list
   * CASELOAD). Who, which organisation, the format and how many pairs: never the rows.
   */
  CaseloadExported: {
    exportedBy: string;
    organizationId: string;
    format: 'CSV' | 'XLSX';
    rowCount: number;
    exportedAt: string;
  };
  /** The coach of the organisation (or an admin) asked both partners a pulse check-in (issue 19); they answer in the app. */
  PulseAsked: RelationshipRef & { pulseId: string; askedBy: string; askedAt: string };
  /** A partner answered a pulse check-in (score 1–5). The note stays in relationships. */
  PulseAnswered: RelationshipRef & {
    pulseId: string;
    respondentId: string;
    respondentRole: 'MENTOR' | 'MENTEE';
    score: number;
    answeredAt: string;
  };
  /**
   * The at-risk flags changed (`reasons` empty: no longer at risk), from the daily scan or at once when a pulse
   * answer arrives. `reasons` are codes: NO_CONFIRMED_MEETING, MEETING_AWAITING_CONFIRMATION, BEHIND_PACE,
   * AGREEMENT_UNSIGNED, LOW_PULSE, PULSE_UNANSWERED; `details` say why: `params`, the figures a consumer words the
   * reason from in its reader's language (added with issue 22; absent before), and `reason`, the same in English
   * (kept for consumers that read it).
   */
  RelationshipAtRisk: RelationshipRef & {
    reasons: string[];
    details?: Array<{ code: string; reason: string; params?: AtRiskParams }>;
    flaggedAt: string;
  };
  /**
   * A nudge fell due in the daily nudge scan, as the programme's cadence says (issue 19): NO_MEETING (no meeting
   * logged for `days` days: both partners), MEETING_AWAITING_CONFIRMATION (a logged meeting has waited `days` days
   * for `awaitingUserId`), CHECK_IN_DUE (the coaches of the organisation owe the pair a check-in, due on `dueOn`,
   * `days` overdue). Published once per occurrence (`occurrence` is unique per relationship and kind).
   */
  NudgeDue: RelationshipRef & {
    nudge: 'NO_MEETING' | 'MEETING_AWAITING_CONFIRMATION' | 'CHECK_IN_DUE';
    occurrence: string;
    /** The day the nudge counts from: the last meeting (or the start), the awaiting meeting's day, the check-in's due day. */
    dueOn: string;
    days: number;
    meetingId: string | null;
    awaitingUserId: string | null;
    nudgedAt: string;
  };
}
