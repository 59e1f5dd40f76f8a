import type { MeetingMode } from '../roles';

interface RelationshipRef {
  relationshipId: string;
  menteeId: string;
  mentorId: string;
  programmeId: string;
  organizationId: string | null;
}

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
  };
  /** A completed relationship set new goals and goes on (seed 001). */
  RelationshipContinued: RelationshipRef & { continuedOn: string };
  AgreementAwaitingSignature: RelationshipRef & { agreementId: string; version: number; awaitingUserIds: string[] };
  AgreementSigned: RelationshipRef & {
    agreementId: string;
    version: number;
    signerId: string;
    fullySigned: boolean;
    signedAt: string;
  };
  MeetingLogged: RelationshipRef & { meetingId: string; loggedBy: string; awaitingUserId: string; occurredOn: string };
  MeetingDisputed: RelationshipRef & { meetingId: string; disputedBy: string; reason: string };
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
  GoalAchieved: RelationshipRef & { goalId: string; achievedAt: string };
  FeedbackSubmitted: RelationshipRef & {
    respondentRole: 'MENTOR' | 'MENTEE';
    /** Question key to rating 1..5. Comments stay in relationships. */
    ratings: Record<string, number>;
    submittedAt: string;
  };
  /**
   * The daily scan's flags changed (`reasons` empty: no longer at risk). `reasons` are codes:
   * NO_CONFIRMED_MEETING, MEETING_AWAITING_CONFIRMATION, BEHIND_PACE, AGREEMENT_UNSIGNED; `details` say why in words.
   */
  RelationshipAtRisk: RelationshipRef & {
    reasons: string[];
    details?: Array<{ code: string; reason: string }>;
    flaggedAt: string;
  };
}
