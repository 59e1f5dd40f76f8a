import type { Database } from '@tandem/subgraph-kit';
import { FACET_COLUMNS } from '../profiles/profile.repository';

const facets = FACET_COLUMNS.map(([prop, col]) => `p.${col} AS "${prop}"`).join(', ');

export interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  phone: string | null;
  roles: string[];
  organizationId: string | null;
  organizationName: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface SessionRow {
  userId: string;
  startedAt: Date;
  lastRefreshedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  tokens: number;
}
export interface PasswordResetRow {
  userId: string;
  requestedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  supersededAt: Date | null;
}
export interface LoginAttemptRow {
  userId: string;
  attemptedAt: Date;
  succeeded: boolean;
  clientIp: string | null;
}
export type ProfileRow = Record<string, unknown> & { userId: string };
export interface EnrolmentRow {
  userId: string;
  programmeId: string;
  programmeName: string;
  role: string;
  cohortId: string | null;
  cohortName: string | null;
  enrolledAt: Date;
}
export interface OrientationRow {
  userId: string;
  sessionId: string;
  programmeId: string;
  programmeName: string;
  startsAt: Date;
  location: string | null;
  link: string | null;
  attendedAt: Date;
}
export interface NotificationRow {
  userId: string;
  id: string;
  kind: string;
  title: string;
  body: string;
  /** The participant app's path it links to (null when none). */
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
  emailStatus: string;
  emailSentAt: Date | null;
}
export interface ProfileAccessRow {
  subjectId: string;
  viewerId: string;
  reason: string;
  createdAt: Date;
}

/** Everything identity stores about a set of people, one statement per table (batched by the export's DataLoader). */
export interface IdentityRecords {
  accounts: AccountRow[];
  sessions: SessionRow[];
  loginAttempts: LoginAttemptRow[];
  passwordResets: PasswordResetRow[];
  mentorProfiles: ProfileRow[];
  menteeProfiles: ProfileRow[];
  enrolments: EnrolmentRow[];
  orientation: OrientationRow[];
  notifications: NotificationRow[];
  profileAccess: ProfileAccessRow[];
}

/**
 * Reads what identity stores about people for their personal data export. Never selects a password hash,
 * a refresh-token or reset-token hash or any other secret: sessions and password resets are read as metadata only.
 */
export class PersonalDataRepository {
  constructor(private readonly db: Database) {}

  async collect(userIds: readonly string[]): Promise<IdentityRecords> {
    const ids = [[...userIds]];
    const q = <T>(sql: string): Promise<T[]> => this.db.query<T>(sql, ids);
    const [
      accounts,
      sessions,
      loginAttempts,
      passwordResets,
      mentorProfiles,
      menteeProfiles,
      enrolments,
      orientation,
      notifications,
      profileAccess,
    ] = await Promise.all([
      q<AccountRow>(`SELECT u.id, u.email, u.display_name AS "displayName", u.phone, u.roles, u.organization_id AS "organizationId", o.name AS "organizationName",
          u.created_at AS "createdAt", u.updated_at AS "updatedAt"
        FROM "user" u LEFT JOIN organization o ON o.id = u.organization_id WHERE u.id = ANY($1::uuid[])`),
      // one session per refresh-token family (a sign-in and its rotations); never the token hashes
      q<SessionRow>(`SELECT user_id AS "userId", min(created_at) AS "startedAt", max(created_at) AS "lastRefreshedAt", max(expires_at) AS "expiresAt",
          max(revoked_at) AS "revokedAt", count(*)::int AS tokens
        FROM refresh_token WHERE user_id = ANY($1::uuid[]) GROUP BY user_id, family_id ORDER BY min(created_at)`),
      q<LoginAttemptRow>(`SELECT u.id AS "userId", la.attempted_at AS "attemptedAt", la.succeeded, la.client_ip AS "clientIp"
        FROM "user" u JOIN login_attempt la ON la.email = lower(u.email) WHERE u.id = ANY($1::uuid[]) ORDER BY la.attempted_at, la.id`),
      // when reset links were sent and what became of them; never the token hashes
      q<PasswordResetRow>(`SELECT user_id AS "userId", created_at AS "requestedAt", expires_at AS "expiresAt", used_at AS "usedAt", superseded_at AS "supersededAt"
        FROM password_reset_token WHERE user_id = ANY($1::uuid[]) ORDER BY created_at, id`),
      q<ProfileRow>(`SELECT p.user_id AS "userId", p.status, p.capacity, to_char(p.paused_until, 'YYYY-MM-DD') AS "pausedUntil", p.review_comment AS "reviewComment",
          p.reviewed_by AS "reviewedBy", p.reviewed_at AS "reviewedAt", p.submitted_at AS "submittedAt", p.updated_at AS "updatedAt", ${facets}
        FROM mentor_profile p WHERE p.user_id = ANY($1::uuid[])`),
      q<ProfileRow>(`SELECT p.user_id AS "userId", p.needs, p.goals, p.constraints, p.updated_at AS "updatedAt", ${facets}
        FROM mentee_profile p WHERE p.user_id = ANY($1::uuid[])`),
      q<EnrolmentRow>(`SELECT e.user_id AS "userId", e.program_id AS "programmeId", p.name AS "programmeName", e.role, e.cohort_id AS "cohortId", c.name AS "cohortName",
          e.enrolled_at AS "enrolledAt"
        FROM enrollment e JOIN program p ON p.id = e.program_id LEFT JOIN cohort c ON c.id = e.cohort_id
        WHERE e.user_id = ANY($1::uuid[]) ORDER BY e.enrolled_at, e.id`),
      q<OrientationRow>(`SELECT a.user_id AS "userId", s.id AS "sessionId", s.program_id AS "programmeId", p.name AS "programmeName", s.starts_at AS "startsAt",
          s.location, s.link, a.attended_at AS "attendedAt"
        FROM orientation_attendance a JOIN orientation_session s ON s.id = a.session_id JOIN program p ON p.id = s.program_id
        WHERE a.user_id = ANY($1::uuid[]) ORDER BY s.starts_at, s.id`),
      q<NotificationRow>(`SELECT user_id AS "userId", id, kind, title, body, link, created_at AS "createdAt", read_at AS "readAt", email_status AS "emailStatus",
          email_sent_at AS "emailSentAt"
        FROM notification WHERE user_id = ANY($1::uuid[]) ORDER BY created_at, id`),
      q<ProfileAccessRow>(`SELECT subject_id AS "subjectId", viewer_id AS "viewerId", reason, created_at AS "createdAt"
        FROM profile_access WHERE subject_id = ANY($1::uuid[]) ORDER BY created_at, source_id`),
    ]);
    return {
      accounts,
      sessions,
      loginAttempts,
      passwordResets,
      mentorProfiles,
      menteeProfiles,
      enrolments,
      orientation,
      notifications,
      profileAccess,
    };
  }
}
