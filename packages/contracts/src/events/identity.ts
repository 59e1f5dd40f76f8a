import type { MeetingMode, ParticipantRole, Role } from '../roles';
import type { ProgrammeNudges } from '../nudges';

/** A coded value from a classification (NAICS-style industries, NOC-style occupations). */
export interface CodedValue {
  code: string;
  label: string;
}

/** The searchable facts of a mentor, as matching needs them. Sent whole on every change (a snapshot). */
export interface MentorProfileChangedV1 {
  userId: string;
  displayName: string;
  /** PENDING_REVIEW and REJECTED mentors must never appear in search. */
  status: 'PENDING_REVIEW' | 'APPROVED' | 'REJECTED';
  headline: string | null;
  industry: CodedValue | null;
  occupation: CodedValue | null;
  yearsExperience: number | null;
  skills: string[];
  languages: string[];
  city: string | null;
  country: string | null;
  timeZone: string | null;
  meetingPreferences: MeetingMode[];
  hoursPerMonth: number | null;
  /** Maximum simultaneous active mentees. */
  capacity: number;
  livedExperience: string[];
  /** Current employer, used by cohort matching's conflict rule. */
  employer: string | null;
  /** ISO date; unavailable until then. */
  pausedUntil: string | null;
  organizationId: string | null;
  changedAt: string;
}

/** The mentee facts matching uses for defaults and cohort matching (no contact details). */
export interface MenteeProfileChangedV1 {
  userId: string;
  displayName: string;
  industry: CodedValue | null;
  occupation: CodedValue | null;
  skills: string[];
  languages: string[];
  city: string | null;
  country: string | null;
  timeZone: string | null;
  meetingPreferences: MeetingMode[];
  livedExperience: string[];
  /** Needs assessment: what they want help with. */
  needs: string[];
  /** Their top three goals, free text. */
  goals: string[];
  employer: string | null;
  organizationId: string | null;
  changedAt: string;
}

/** What the staff audit log keeps of an API key: never the key or its hash. */
export interface ApiKeyFacts {
  keyId: string;
  organizationId: string;
  /** The organisation's name when it happened (the log outlives renamings). */
  organizationName: string;
  /** The name staff gave the key ("HR dashboard"). */
  name: string;
  /** The key's first characters (`tdk_` and 8 more), as the API keys page shows them. */
  prefix: string;
  requestsPerMinute: number;
}

export interface IdentityEvents {
  UserRegistered: {
    userId: string;
    displayName: string;
    roles: Role[];
    organizationId: string | null;
    registeredAt: string;
  };
  /**
   * Name and contact details changed (or were first set). Consumed where evidence must name people:
   * reporting's tracking sheets and confirmation letters. Erased by UserErased.
   */
  /** A person chose their IANA time zone: the subgraphs that show them times keep it in their read model. */
  UserTimeZoneChanged: { userId: string; timeZone: string; changedAt: string };
  /**
   * A person chose the language the platform writes to them in: relationships writes their calendar feed in it,
   * reporting their documents (letters, tracking sheets).
   */
  UserLanguageChanged: { userId: string; language: 'en' | 'fr-CA'; changedAt: string };
  UserContactChanged: { userId: string; displayName: string; email: string; phone: string | null; changedAt: string };
  UserRolesChanged: {
    userId: string;
    roles: Role[];
    organizationId: string | null;
    /** Who made the change; for a change by single sign-on, the ADMIN who last set the organisation's mappings. */
    changedBy: string;
    changedAt: string;
    /**
     * How the change came: 'SSO' when the organisation's provider's groups gave or took the roles (at an account's
     * first or later sign-in with it). Absent on every other change (an ADMIN's grant or revocation, an invitation
     * accepted, the bootstrap admin) and on events published before it existed.
     */
    via?: 'SSO';
  };
  MentorProfileChanged: MentorProfileChangedV1;
  MenteeProfileChanged: MenteeProfileChangedV1;
  MentorApplicationReviewed: {
    userId: string;
    decision: 'APPROVED' | 'REJECTED';
    reviewerId: string;
    /** The approval note or the rejection reason. */
    comment: string;
    reviewedAt: string;
  };
  OrganizationChanged: {
    organizationId: string;
    name: string;
    city: string | null;
    country: string | null;
    changedAt: string;
  };
  ProgrammeChanged: {
    programmeId: string;
    name: string;
    organizationIds: string[];
    terms: {
      /** Hours target over the duration, e.g. 24 (TRIEC) or 3 (OACETT). */
      targetHours: number;
      durationWeeks: number;
      /** Minimum meetings; terms are met when hours >= targetHours OR meetings >= minMeetings when `hoursOrMeetings`. */
      minMeetings: number;
      hoursOrMeetings: boolean;
      /**
       * The longest meeting a relationship of the programme may log, in minutes (added with issue 17; absent from
       * older events: consumers take 240).
       */
      maxMeetingMinutes?: number;
    };
    cpdCategory: string;
    requireSignedAgreement: boolean;
    /** Mentors must attend orientation before a relationship of the programme starts. */
    requireOrientation: boolean;
    /** With requireOrientation, mentees must attend too (added with issue 19; absent from older events: false). */
    requireMenteeOrientation?: boolean;
    /** The coach of the relationship's organisation signs the agreement too (added with issue 19; absent: false). */
    requireCoachSignature?: boolean;
    /** The programme's IANA time zone (added with issue 20; absent from older events: America/Toronto). */
    timeZone?: string;
    /**
     * How many days before a relationship started its pair may record meetings already held (added with issue 20;
     * absent from older events: 0).
     */
    priorMeetingDays?: number;
    maxOpenRequestsPerMentee: number;
    requestExpiryDays: number;
    /** Per-criterion weights for search and cohort matching; missing keys take matching's defaults. */
    matchingWeights: Record<string, number>;
    cohorts: Array<{ cohortId: string; name: string; startsOn: string; endsOn: string }>;
    /**
     * The programme's nudge cadence (added with issue 19's nudges; absent from older events: the defaults, 21 days
     * without a meeting, 3 days awaiting confirmation, check-ins due and hours reached on). A null day count is off.
     */
    nudges?: ProgrammeNudges;
    changedAt: string;
  };
  ProgrammeEnrolled: {
    userId: string;
    programmeId: string;
    cohortId: string | null;
    role: ParticipantRole;
    organizationId: string | null;
    enrolledAt: string;
  };
  OrientationAttended: { userId: string; programmeId: string; sessionId: string; attendedAt: string };
  /**
   * The required training modules of a programme changed (issue 19): the whole list of its required, unretired
   * modules (a snapshot, newer `changedAt` wins). BEFORE_VISIBLE: a mentor is not shown in search or proposals until
   * done; BEFORE_START: a relationship of the programme cannot start until done.
   */
  TrainingRequirementsChanged: {
    programmeId: string;
    modules: Array<{
      moduleId: string;
      title: string;
      gate: 'BEFORE_VISIBLE' | 'BEFORE_START';
      audience: 'MENTOR' | 'MENTEE' | 'BOTH';
    }>;
    changedAt: string;
  };
  /** Someone completed a training module of a programme (themselves, or recorded by staff `recordedBy`). */
  TrainingCompleted: { userId: string; programmeId: string; moduleId: string; completedAt: string; recordedBy: string };
  /** The person deleted their account (or an ADMIN did, `erasedBy`): consumers drop or pseudonymise personal data. */
  UserErased: { userId: string; pseudonym: string; erasedAt: string; erasedBy?: string };
  /**
   * A staff member (COACH, PROGRAMME_ADMIN, ANALYST or ADMIN) signed in, after the second factor when they have
   * one: the security audit log records it. Never carries a credential.
   */
  StaffSignedIn: {
    userId: string;
    roles: Role[];
    organizationId: string | null;
    secondFactor: 'TOTP' | 'RECOVERY_CODE' | null;
    /** How the person proved who they are: a password, or their organisation's OpenID Connect provider (absent before issue 23: a password). */
    signInMethod?: 'PASSWORD' | 'OIDC';
    clientIp: string | null;
    signedInAt: string;
  };
  /** A staff member's second factor was set up, removed (by themselves or an ADMIN) or its recovery codes renewed. */
  StaffSecondFactorChanged: {
    userId: string;
    change: 'ENROLLED' | 'REMOVED' | 'RECOVERY_CODES_RENEWED';
    changedBy: string;
    changedAt: string;
  };
  /**
   * An organisation's API key was created (issue 23): the staff audit log records who made it, for which
   * organisation, its prefix (the first 12 characters, never the key) and its rate limit.
   */
  ApiKeyCreated: ApiKeyFacts & { createdBy: string; createdAt: string };
  /** An organisation's API key was revoked (once: revoking it again publishes nothing). */
  ApiKeyRevoked: ApiKeyFacts & { revokedBy: string; revokedAt: string };
  /** An ADMIN suspended or reinstated an account (every session of a suspended account has ended). */
  UserSuspensionChanged: { userId: string; suspended: boolean; changedBy: string; changedAt: string };
}
