/** Rows of `agreement` (one per relationship) and `agreement_version` (every draft, with its signatures). */
export interface AgreementEntity {
  id: string;
  relationshipId: string;
  currentVersion: number;
  /** The latest version signed by both. */
  signedVersion: number | null;
  /** When a version was first signed by both: from then on meetings count (when the programme requires it). */
  firstFullySignedAt: Date | null;
}

export interface AgreementVersionEntity {
  agreementId: string;
  version: number;
  topGoals: string[];
  meetingPlace: string;
  meetingTime: string;
  meetingLengthMinutes: number;
  meetingFrequency: string;
  initiator: 'MENTEE' | 'MENTOR' | 'EITHER';
  confidentiality: 'STAYS_BETWEEN_US' | 'STAYS_BETWEEN_US_UNLESS_PERMISSION';
  durationWeeks: number;
  draftedBy: string;
  draftedAt: Date;
  mentorSignedAt: Date | null;
  menteeSignedAt: Date | null;
}

export type AgreementTerms = Omit<
  AgreementVersionEntity,
  'agreementId' | 'version' | 'draftedBy' | 'draftedAt' | 'mentorSignedAt' | 'menteeSignedAt'
>;
