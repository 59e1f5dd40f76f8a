/** A row of `meeting`: one revision of a logged meeting (amendments are new rows that point at the revision they amend). */
export type MeetingStatusValue = 'AWAITING_CONFIRMATION' | 'CONFIRMED' | 'DISPUTED' | 'SUPERSEDED';

export interface MeetingEntity {
  id: string;
  relationshipId: string;
  revision: number;
  amendsMeetingId: string | null;
  supersededBy: string | null;
  occurredOn: string;
  /** `HH:MM`, local to the partners. */
  startTime: string;
  durationMinutes: number;
  mode: 'IN_PERSON' | 'VIDEO' | 'PHONE';
  topics: string[];
  homework: string | null;
  status: MeetingStatusValue;
  loggedBy: string;
  loggedAt: Date;
  mentorConfirmedAt: Date | null;
  menteeConfirmedAt: Date | null;
  disputedBy: string | null;
  disputeReason: string | null;
  disputedAt: Date | null;
  /** When it started counting toward hours (MeetingConfirmed published); null while it does not count. */
  countedAt: Date | null;
}

export type MeetingFacts = Pick<
  MeetingEntity,
  'occurredOn' | 'startTime' | 'durationMinutes' | 'mode' | 'topics' | 'homework'
>;
