export interface MatchingEvents {
  MentorQuestionAsked: { questionId: string; menteeId: string; mentorId: string; askedAt: string };
  MentorQuestionAnswered: { questionId: string; menteeId: string; mentorId: string; answeredAt: string };
  MentoringRequestSent: {
    requestId: string;
    menteeId: string;
    mentorId: string;
    programmeId: string;
    sentAt: string;
    expiresAt: string;
  };
  MentoringRequestMessagePosted: { requestId: string; authorId: string; recipientId: string; postedAt: string };
  MentoringRequestEdited: { requestId: string; menteeId: string; mentorId: string; editedAt: string };
  MentoringRequestAccepted: {
    requestId: string;
    menteeId: string;
    mentorId: string;
    programmeId: string;
    acceptedAt: string;
  };
  MentoringRequestDeclined: {
    requestId: string;
    menteeId: string;
    mentorId: string;
    programmeId: string;
    reason: string;
    declinedAt: string;
  };
  MentoringRequestWithdrawn: {
    requestId: string;
    menteeId: string;
    mentorId: string;
    programmeId: string;
    withdrawnAt: string;
  };
  MentoringRequestExpiring: {
    requestId: string;
    menteeId: string;
    mentorId: string;
    programmeId: string;
    expiresAt: string;
  };
  MentoringRequestExpired: {
    requestId: string;
    menteeId: string;
    mentorId: string;
    programmeId: string;
    expiredAt: string;
  };
  MatchProposed: {
    proposalId: string;
    menteeId: string;
    mentorId: string;
    coachId: string;
    programmeId: string;
    note: string;
    proposedAt: string;
    /** The mentee's cohort, when the proposal came from cohort matching or the mentee is in one. */
    cohortId?: string | null;
    /** The cohort matching run that produced it, if any. */
    runId?: string | null;
    /** The mentee's organisation (its coaches follow the proposal). */
    organizationId?: string | null;
  };
  MatchProposalDeclined: {
    proposalId: string;
    menteeId: string;
    mentorId: string;
    coachId: string;
    programmeId: string;
    reason: string;
    declinedAt: string;
  };
  /**
   * A mentee and a mentor are matched (an accepted request or a confirmed proposal): relationships starts
   * the relationship, reporting counts the match. `matchId` is the request's or the proposal's id.
   */
  MatchConfirmed: {
    matchId: string;
    source: 'REQUEST' | 'PROPOSAL';
    menteeId: string;
    mentorId: string;
    programmeId: string;
    cohortId: string | null;
    organizationId: string | null;
    coachId: string | null;
    confirmedAt: string;
    /** When the mentee enrolled in the programme, if known: time to match = confirmedAt - menteeEnrolledAt. */
    menteeEnrolledAt: string | null;
  };
}
