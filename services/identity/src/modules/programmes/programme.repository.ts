import type { DataSource, EntityManager } from 'typeorm';
import type {
  CohortRecord,
  EnrollmentRecord,
  OrganizationRecord,
  OrientationSessionRecord,
  ProgramRecord,
} from './programme.entity';

type Db = DataSource | EntityManager;
const ORG = `SELECT id, name, city, country, created_at AS "createdAt" FROM organization`;
const PROGRAM = `SELECT p.id, p.name, p.description, p.target_hours::float8 AS "targetHours", p.duration_weeks AS "durationWeeks", p.min_meetings AS "minMeetings",
  p.hours_or_meetings AS "hoursOrMeetings", p.cpd_category AS "cpdCategory", p.require_signed_agreement AS "requireSignedAgreement",
  p.require_orientation AS "requireOrientation", p.max_open_requests_per_mentee AS "maxOpenRequestsPerMentee", p.request_expiry_days AS "requestExpiryDays",
  p.matching_weights AS "matchingWeights", p.created_at AS "createdAt",
  coalesce((SELECT array_agg(po.organization_id ORDER BY po.organization_id) FROM program_organization po WHERE po.program_id = p.id), '{}') AS "organizationIds"
  FROM program p`;
const COHORT = `SELECT id, program_id AS "programId", name, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn" FROM cohort`;
const ENROLLMENT = `SELECT id, program_id AS "programId", user_id AS "userId", role, cohort_id AS "cohortId", enrolled_at AS "enrolledAt" FROM enrollment`;
const SESSION = `SELECT s.id, s.program_id AS "programId", s.starts_at AS "startsAt", s.location, s.link,
  (SELECT count(*)::int FROM orientation_attendance a WHERE a.session_id = s.id) AS "attendeeCount" FROM orientation_session s`;

/** Organisations, programmes with their cohorts, enrolments, orientation sessions and attendance. */
export class ProgrammeRepository {
  constructor(private readonly dataSource: DataSource) {}

  organizations(ids: readonly string[] | null, db: Db = this.dataSource): Promise<OrganizationRecord[]> {
    return ids ? db.query(`${ORG} WHERE id = ANY($1::uuid[])`, [[...ids]]) : db.query(`${ORG} ORDER BY lower(name)`);
  }

  async organizationNameTaken(db: Db, name: string, exceptId: string | null): Promise<boolean> {
    return (
      (
        await db.query(`SELECT 1 FROM organization WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2)`, [
          name,
          exceptId,
        ])
      ).length > 0
    );
  }

  async saveOrganization(db: Db, o: Omit<OrganizationRecord, 'createdAt'>): Promise<void> {
    await db.query(
      `INSERT INTO organization (id, name, city, country) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, city = EXCLUDED.city, country = EXCLUDED.country, updated_at = now()`,
      [o.id, o.name, o.city, o.country],
    );
  }

  programs(ids: readonly string[] | null, db: Db = this.dataSource): Promise<ProgramRecord[]> {
    return ids
      ? db.query(`${PROGRAM} WHERE p.id = ANY($1::uuid[])`, [[...ids]])
      : db.query(`${PROGRAM} ORDER BY lower(p.name)`);
  }

  async lockProgram(db: EntityManager, id: string): Promise<ProgramRecord | null> {
    await db.query(`SELECT 1 FROM program WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await this.programs([id], db);
    return row ?? null;
  }

  async saveProgram(db: EntityManager, p: Omit<ProgramRecord, 'createdAt'>): Promise<void> {
    await db.query(
      `INSERT INTO program (id, name, description, target_hours, duration_weeks, min_meetings, hours_or_meetings, cpd_category, require_signed_agreement,
         require_orientation, max_open_requests_per_mentee, request_expiry_days, matching_weights)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, target_hours = EXCLUDED.target_hours,
         duration_weeks = EXCLUDED.duration_weeks, min_meetings = EXCLUDED.min_meetings, hours_or_meetings = EXCLUDED.hours_or_meetings,
         cpd_category = EXCLUDED.cpd_category, require_signed_agreement = EXCLUDED.require_signed_agreement, require_orientation = EXCLUDED.require_orientation,
         max_open_requests_per_mentee = EXCLUDED.max_open_requests_per_mentee, request_expiry_days = EXCLUDED.request_expiry_days,
         matching_weights = EXCLUDED.matching_weights, updated_at = now()`,
      [
        p.id,
        p.name,
        p.description,
        p.targetHours,
        p.durationWeeks,
        p.minMeetings,
        p.hoursOrMeetings,
        p.cpdCategory,
        p.requireSignedAgreement,
        p.requireOrientation,
        p.maxOpenRequestsPerMentee,
        p.requestExpiryDays,
        JSON.stringify(p.matchingWeights),
      ],
    );
    await db.query(
      `DELETE FROM program_organization WHERE program_id = $1 AND NOT (organization_id = ANY($2::uuid[]))`,
      [p.id, p.organizationIds],
    );
    await db.query(
      `INSERT INTO program_organization (program_id, organization_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [p.id, p.organizationIds],
    );
  }

  cohorts(programIds: readonly string[], db: Db = this.dataSource): Promise<CohortRecord[]> {
    return db.query(`${COHORT} WHERE program_id = ANY($1::uuid[]) ORDER BY starts_on, name`, [[...programIds]]);
  }

  cohortsByIds(ids: readonly string[], db: Db = this.dataSource): Promise<CohortRecord[]> {
    return db.query(`${COHORT} WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }

  async saveCohort(db: EntityManager, c: CohortRecord): Promise<void> {
    await db.query(
      `INSERT INTO cohort (id, program_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on`,
      [c.id, c.programId, c.name, c.startsOn, c.endsOn],
    );
  }

  /** Inserts or moves to another cohort; returns the row. */
  async enroll(db: EntityManager, e: Omit<EnrollmentRecord, 'enrolledAt'>): Promise<EnrollmentRecord> {
    const [row] = await db.query(
      `INSERT INTO enrollment (id, program_id, user_id, role, cohort_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (program_id, user_id, role) DO UPDATE SET cohort_id = EXCLUDED.cohort_id
       RETURNING id, program_id AS "programId", user_id AS "userId", role, cohort_id AS "cohortId", enrolled_at AS "enrolledAt"`,
      [e.id, e.programId, e.userId, e.role, e.cohortId],
    );
    return row;
  }

  enrollmentsOfUsers(userIds: readonly string[]): Promise<EnrollmentRecord[]> {
    return this.dataSource.query(`${ENROLLMENT} WHERE user_id = ANY($1::uuid[]) ORDER BY enrolled_at`, [[...userIds]]);
  }

  enrollmentsOfProgram(programId: string): Promise<EnrollmentRecord[]> {
    return this.dataSource.query(`${ENROLLMENT} WHERE program_id = $1 ORDER BY enrolled_at`, [programId]);
  }

  sessions(programIds: readonly string[]): Promise<OrientationSessionRecord[]> {
    return this.dataSource.query(`${SESSION} WHERE s.program_id = ANY($1::uuid[]) ORDER BY s.starts_at`, [
      [...programIds],
    ]);
  }

  async session(id: string, db: Db = this.dataSource): Promise<OrientationSessionRecord | null> {
    const [row] = await db.query(`${SESSION} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  async saveSession(db: EntityManager, s: Omit<OrientationSessionRecord, 'attendeeCount'>): Promise<void> {
    await db.query(
      `INSERT INTO orientation_session (id, program_id, starts_at, location, link) VALUES ($1, $2, $3, $4, $5)`,
      [s.id, s.programId, s.startsAt, s.location, s.link],
    );
  }

  /** Records attendance; returns the user ids newly recorded (existing users only). */
  async attend(
    db: EntityManager,
    sessionId: string,
    userIds: string[],
  ): Promise<Array<{ userId: string; attendedAt: Date }>> {
    return db.query(
      `INSERT INTO orientation_attendance (session_id, user_id) SELECT $1, u.id FROM "user" u WHERE u.id = ANY($2::uuid[])
       ON CONFLICT DO NOTHING RETURNING user_id AS "userId", attended_at AS "attendedAt"`,
      [sessionId, userIds],
    );
  }

  async attendedSessions(userId: string, sessionIds: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ session_id: string }> = await this.dataSource.query(
      `SELECT session_id FROM orientation_attendance WHERE user_id = $1 AND session_id = ANY($2::uuid[])`,
      [userId, [...sessionIds]],
    );
    return new Set(rows.map((r) => r.session_id));
  }

  async existingUsers(
    ids: string[],
    db: Db = this.dataSource,
  ): Promise<Array<{ id: string; roles: string[]; organizationId: string | null }>> {
    return db.query(`SELECT id, roles, organization_id AS "organizationId" FROM "user" WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
  }
}
