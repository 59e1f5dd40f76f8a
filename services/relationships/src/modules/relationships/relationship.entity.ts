/** A row of `relationship`, with the programme terms it runs under (joined from the `programme` read model). */
export type RelationshipStatusValue = 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'WITHDRAWN';

export interface TermsEntity {
  targetHours: number;
  durationWeeks: number;
  minMeetings: number;
  hoursOrMeetings: boolean;
  requireSignedAgreement: boolean;
  /** False while the programme's ProgrammeChanged has not arrived yet: the defaults below apply. */
  known: boolean;
}

/** Terms used until the programme is known: TRIEC's 24 hours over 4 months (seed 000). */
export const DEFAULT_TERMS: TermsEntity = {
  targetHours: 24,
  durationWeeks: 17,
  minMeetings: 0,
  hoursOrMeetings: false,
  requireSignedAgreement: false,
  known: false,
};

export interface AtRiskFlagEntity {
  code: string;
  reason: string;
  since: string;
}

export interface RelationshipEntity {
  id: string;
  menteeId: string;
  mentorId: string;
  status: RelationshipStatusValue;
  startedOn: string;
  matchId: string | null;
  programmeId: string | null;
  programmeName: string | null;
  organizationId: string | null;
  cohortId: string | null;
  coachId: string | null;
  plannedEndOn: string | null;
  pausedAt: Date | null;
  pausedBy: string | null;
  endedOn: string | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
  completionMentorAt: Date | null;
  completionMenteeAt: Date | null;
  closedAt: Date | null;
  continuedCount: number;
  atRiskFlags: AtRiskFlagEntity[];
  atRiskFlaggedAt: Date | null;
  createdAt: Date;
  terms: TermsEntity;
}
