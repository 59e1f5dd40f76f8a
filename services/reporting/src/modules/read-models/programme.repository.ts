import type { Database, Tx } from '@tandem/subgraph-kit';
import type { EventPayloads } from '@tandem/contracts';

type P<N extends keyof EventPayloads> = EventPayloads[N];

/** A programme's terms and CPD category as the read model holds them. */
export interface ProgrammeTermsRow {
  id: string;
  name: string;
  targetHours: number;
  durationWeeks: number;
  minMeetings: number;
  hoursOrMeetings: boolean;
  cpdCategory: string;
}

export interface EnrolmentRow {
  cohortId: string | null;
  organizationId: string | null;
  enrolledAt: Date;
}

export interface MentorEnrolmentRow {
  programmeId: string;
  cohortId: string | null;
  organizationId: string | null;
}

/** Reporting's copies of identity's programmes (terms, CPD category), cohorts and enrolments. */
export class ProgrammeRepository {
  constructor(private readonly db: Database) {}

  async upsert(tx: Tx, e: P<'ProgrammeChanged'>): Promise<void> {
    const applied = await tx.one(
      `INSERT INTO programme (id, name, organization_ids, target_hours, duration_weeks, min_meetings, hours_or_meetings, cpd_category, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, organization_ids = EXCLUDED.organization_ids, target_hours = EXCLUDED.target_hours,
         duration_weeks = EXCLUDED.duration_weeks, min_meetings = EXCLUDED.min_meetings, hours_or_meetings = EXCLUDED.hours_or_meetings,
         cpd_category = EXCLUDED.cpd_category, changed_at = EXCLUDED.changed_at
       WHERE programme.changed_at <= EXCLUDED.changed_at
       RETURNING id`,
      [
        e.programmeId,
        e.name,
        e.organizationIds,
        e.terms.targetHours,
        e.terms.durationWeeks,
        e.terms.minMeetings,
        e.terms.hoursOrMeetings,
        e.cpdCategory,
        e.changedAt,
      ],
    );
    if (!applied) return;
    for (const c of e.cohorts) {
      await tx.execute(
        `INSERT INTO cohort (id, programme_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on`,
        [c.cohortId, e.programmeId, c.name, c.startsOn, c.endsOn],
      );
    }
  }

  async terms(tx: Tx, id: string): Promise<ProgrammeTermsRow | null> {
    return tx.one<ProgrammeTermsRow>(
      `SELECT id, name, target_hours::float8 AS "targetHours", duration_weeks AS "durationWeeks", min_meetings AS "minMeetings",
         hours_or_meetings AS "hoursOrMeetings", cpd_category AS "cpdCategory" FROM programme WHERE id = $1`,
      [id],
    );
  }

  /** True when the enrolment is new. */
  async enrol(tx: Tx, e: P<'ProgrammeEnrolled'>): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO enrolment (user_id, programme_id, role, cohort_id, organization_id, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, programme_id, role) DO NOTHING RETURNING user_id`,
      [e.userId, e.programmeId, e.role, e.cohortId, e.organizationId, e.enrolledAt],
    );
    return rows.length > 0;
  }

  async enrolment(tx: Tx, userId: string, programmeId: string, role: string): Promise<EnrolmentRow | null> {
    return tx.one<EnrolmentRow>(
      `SELECT cohort_id AS "cohortId", organization_id AS "organizationId", enrolled_at AS "enrolledAt" FROM enrolment WHERE user_id = $1 AND programme_id = $2 AND role = $3`,
      [userId, programmeId, role],
    );
  }

  async mentorEnrolments(tx: Tx, userId: string): Promise<MentorEnrolmentRow[]> {
    return tx.query<MentorEnrolmentRow>(
      `SELECT programme_id AS "programmeId", cohort_id AS "cohortId", organization_id AS "organizationId" FROM enrolment WHERE user_id = $1 AND role = 'MENTOR'`,
      [userId],
    );
  }
}
