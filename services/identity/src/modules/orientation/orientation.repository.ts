import type { Database, Tx } from '@tandem/subgraph-kit';
import type { EnrolmentRow } from '../enrolments/enrolment.repository';

/** A row of identity.orientation_session with how many attended. */
export interface OrientationSessionRow {
  id: string;
  programmeId: string;
  startsAt: Date;
  location: string | null;
  link: string | null;
  /** The IANA time zone the session is announced in (null: the reader's own). */
  timeZone: string | null;
  attendeeCount: number;
  /** starts_at with microseconds, for keyset cursors. */
  cursorAt: string;
}

/** A person named for attendance, as the rules need them: their organisation and how they take part in the programme. */
export interface AttendeeRow {
  userId: string;
  organizationId: string | null;
  /** Enrolled in the programme, or named in a proposal of it. */
  participant: boolean;
  /** Named in a proposal of the programme made by the coach recording. */
  proposedByCoach: boolean;
}

/** An attendance just recorded. */
export interface AttendanceRow {
  userId: string;
  attendedAt: Date;
}

const SESSION = `SELECT s.id, s.program_id AS "programmeId", s.starts_at AS "startsAt", s.location, s.link, s.time_zone AS "timeZone",
  (SELECT count(*)::int FROM orientation_attendance a WHERE a.session_id = s.id) AS "attendeeCount",
  to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt" FROM orientation_session s`;

// enrolments that must attend orientation (mentors when the programme requires it, mentees when it says so too) and
// have attended no session of their programme; $1: only the people of one organisation (null: everyone's)
const OUTSTANDING = `FROM enrollment e JOIN program p ON p.id = e.program_id
  WHERE p.require_orientation AND (e.role = 'MENTOR' OR p.require_mentee_orientation)
    AND NOT EXISTS (SELECT 1 FROM orientation_attendance a JOIN orientation_session s ON s.id = a.session_id
                    WHERE s.program_id = e.program_id AND a.user_id = e.user_id)
    AND ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM "user" u WHERE u.id = e.user_id AND u.organization_id = $1))`;

/** Orientation sessions of programmes and who attended them (identity.orientation_session, orientation_attendance). */
export class OrientationRepository {
  constructor(private readonly db: Database) {}

  /** A programme's sessions, by date. */
  ofProgramme(programmeId: string): Promise<OrientationSessionRow[]> {
    return this.db.query<OrientationSessionRow>(`${SESSION} WHERE s.program_id = $1 ORDER BY s.starts_at, s.id`, [
      programmeId,
    ]);
  }

  /** A programme's sessions by date: `limit` rows after the cursor `[startsAt, id]`. */
  page(programmeId: string, after: [string, string] | null, limit: number): Promise<OrientationSessionRow[]> {
    return this.db.query<OrientationSessionRow>(
      `${SESSION} WHERE s.program_id = $1 AND ($2::timestamptz IS NULL OR (s.starts_at, s.id) > ($2, $3::uuid))
       ORDER BY s.starts_at, s.id LIMIT $4`,
      [programmeId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async count(programmeId: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM orientation_session WHERE program_id = $1`,
      [programmeId],
    );
    return row!.n;
  }

  session(id: string): Promise<OrientationSessionRow | null> {
    return this.db.one<OrientationSessionRow>(`${SESSION} WHERE s.id = $1`, [id]);
  }

  async save(tx: Tx, s: Omit<OrientationSessionRow, 'attendeeCount' | 'cursorAt'>): Promise<void> {
    await tx.execute(
      `INSERT INTO orientation_session (id, program_id, starts_at, location, link, time_zone) VALUES ($1, $2, $3, $4, $5, $6)`,
      [s.id, s.programmeId, s.startsAt, s.location, s.link, s.timeZone],
    );
  }

  /**
   * The existing people among `userIds`, with whether they take part in the programme (enrolled, or named in one
   * of its proposals) and whether `coachId` proposed them in it (proposals learnt from matching's MatchProposed).
   */
  attendees(programmeId: string, userIds: readonly string[], coachId: string): Promise<AttendeeRow[]> {
    return this.db.query<AttendeeRow>(
      `SELECT u.id AS "userId", u.organization_id AS "organizationId",
         (EXISTS (SELECT 1 FROM enrollment e WHERE e.program_id = $1 AND e.user_id = u.id)
          OR EXISTS (SELECT 1 FROM proposal_fact f WHERE f.programme_id = $1 AND u.id IN (f.mentor_id, f.mentee_id))) AS participant,
         EXISTS (SELECT 1 FROM proposal_fact f WHERE f.programme_id = $1 AND f.coach_id = $3 AND u.id IN (f.mentor_id, f.mentee_id)) AS "proposedByCoach"
       FROM "user" u WHERE u.id = ANY($2::uuid[])`,
      [programmeId, [...userIds], coachId],
    );
  }

  /** Enrolments whose orientation is outstanding, oldest first: `limit` rows after the cursor `[enrolledAt, id]`. */
  outstanding(organizationId: string | null, after: [string, string] | null, limit: number): Promise<EnrolmentRow[]> {
    return this.db.query<EnrolmentRow>(
      `SELECT e.id, e.program_id AS "programmeId", e.user_id AS "userId", e.role, e.cohort_id AS "cohortId",
         e.enrolled_at AS "enrolledAt", to_char(e.enrolled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
       ${OUTSTANDING} AND ($2::timestamptz IS NULL OR (e.enrolled_at, e.id) > ($2, $3::uuid))
       ORDER BY e.enrolled_at, e.id LIMIT $4`,
      [organizationId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async countOutstanding(organizationId: string | null): Promise<number> {
    const row = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n ${OUTSTANDING}`, [organizationId]);
    return row!.n;
  }

  /** Records attendance; returns the people newly recorded (existing users only). */
  attend(tx: Tx, sessionId: string, userIds: string[]): Promise<AttendanceRow[]> {
    return tx.query<AttendanceRow>(
      `INSERT INTO orientation_attendance (session_id, user_id) SELECT $1, u.id FROM "user" u WHERE u.id = ANY($2::uuid[])
       ON CONFLICT DO NOTHING RETURNING user_id AS "userId", attended_at AS "attendedAt"`,
      [sessionId, userIds],
    );
  }

  /** Which of these sessions the person attended (a row per session attended). */
  attended(userId: string, sessionIds: readonly string[]): Promise<Array<{ sessionId: string }>> {
    return this.db.query<{ sessionId: string }>(
      `SELECT session_id AS "sessionId" FROM orientation_attendance WHERE user_id = $1 AND session_id = ANY($2::uuid[])`,
      [userId, [...sessionIds]],
    );
  }
}
