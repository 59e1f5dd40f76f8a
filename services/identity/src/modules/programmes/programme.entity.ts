/** Rows of identity.organization, program, cohort, enrollment, orientation_session. */
export interface OrganizationRecord {
  id: string;
  name: string;
  city: string | null;
  country: string | null;
  createdAt: Date;
}

export interface ProgramRecord {
  id: string;
  name: string;
  description: string | null;
  targetHours: number;
  durationWeeks: number;
  minMeetings: number;
  hoursOrMeetings: boolean;
  cpdCategory: string;
  requireSignedAgreement: boolean;
  requireOrientation: boolean;
  maxOpenRequestsPerMentee: number;
  requestExpiryDays: number;
  matchingWeights: Record<string, number>;
  organizationIds: string[];
  createdAt: Date;
}

export interface CohortRecord {
  id: string;
  programId: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface EnrollmentRecord {
  id: string;
  programId: string;
  userId: string;
  role: 'MENTOR' | 'MENTEE';
  cohortId: string | null;
  enrolledAt: Date;
}

export interface OrientationSessionRecord {
  id: string;
  programId: string;
  startsAt: Date;
  location: string | null;
  link: string | null;
  attendeeCount: number;
}
