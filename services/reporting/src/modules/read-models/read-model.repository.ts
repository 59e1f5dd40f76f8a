import type { EntityManager } from 'typeorm';
import type { EventPayloads } from '@tandem/contracts';
import { returnedRows } from '../../database/sql';
import type { StatsScope } from '../stats/stats-rollup.repository';

type P<N extends keyof EventPayloads> = EventPayloads[N];

/** A programme's terms and CPD category as the read model holds them. */
export interface ProgrammeTerms {
  id: string;
  name: string;
  targetHours: number;
  durationWeeks: number;
  minMeetings: number;
  hoursOrMeetings: boolean;
  cpdCategory: string;
}

export interface RelationshipRow {
  id: string;
  menteeId: string;
  mentorId: string;
  programmeId: string;
  organizationId: string | null;
  cohortId: string | null;
  industryCode: string | null;
  status: string;
}

export interface MeetingRow {
  id: string;
  relationshipId: string;
  status: string;
  occurredOn: string | null;
  durationMinutes: number | null;
  revision: number;
  /** The meeting that amends this one, once its confirmation has arrived (whichever arrived first). */
  supersededBy: string | null;
}

/** Whether a relationship's confirmed hours and meetings meet its programme's terms. */
export function meetsTerms(
  terms: Pick<ProgrammeTerms, 'targetHours' | 'minMeetings' | 'hoursOrMeetings'>,
  hours: number,
  meetings: number,
): boolean {
  const byHours = hours >= Number(terms.targetHours);
  const byMeetings = meetings >= terms.minMeetings;
  return terms.hoursOrMeetings ? byHours || byMeetings : byHours && byMeetings;
}

/** Reporting's own copies of other subgraphs' facts, written only by event consumers (upserts, order-tolerant). */
export class ReadModelRepository {
  async upsertRegisteredPerson(m: EntityManager, e: P<'UserRegistered'>): Promise<void> {
    await m.query(
      `INSERT INTO person (user_id, display_name, roles, organization_id, registered_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET roles = EXCLUDED.roles, organization_id = coalesce(person.organization_id, EXCLUDED.organization_id),
         registered_at = EXCLUDED.registered_at, display_name = CASE WHEN person.erased_at IS NULL THEN coalesce(person.display_name, EXCLUDED.display_name) ELSE person.display_name END`,
      [e.userId, e.displayName, e.roles, e.organizationId, e.registeredAt],
    );
  }

  async upsertContact(m: EntityManager, e: P<'UserContactChanged'>): Promise<void> {
    // an erased person stays erased; an older change never overwrites a newer one
    await m.query(
      `INSERT INTO person (user_id, display_name, email, phone, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email, phone = EXCLUDED.phone, changed_at = EXCLUDED.changed_at
       WHERE person.erased_at IS NULL AND (person.changed_at IS NULL OR person.changed_at <= EXCLUDED.changed_at)`,
      [e.userId, e.displayName, e.email, e.phone, e.changedAt],
    );
  }

  async erase(m: EntityManager, e: P<'UserErased'>): Promise<void> {
    await m.query(
      `INSERT INTO person (user_id, display_name, erased_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, email = NULL, phone = NULL, erased_at = EXCLUDED.erased_at`,
      [e.userId, e.pseudonym, e.erasedAt],
    );
  }

  async setIndustry(
    m: EntityManager,
    userId: string,
    industry: { code: string; label: string } | null,
    mentorStatus: string | null,
    organizationId: string | null,
  ): Promise<void> {
    if (industry)
      await m.query(
        `INSERT INTO industry (code, label) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label`,
        [industry.code, industry.label],
      );
    await m.query(
      `INSERT INTO person (user_id, industry_code, mentor_status, organization_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET industry_code = EXCLUDED.industry_code, mentor_status = coalesce(EXCLUDED.mentor_status, person.mentor_status),
         organization_id = coalesce(person.organization_id, EXCLUDED.organization_id)`,
      [userId, industry?.code ?? null, mentorStatus, organizationId],
    );
  }

  /** Records a review; true when this is the mentor's first approval (counted once). */
  async recordReview(m: EntityManager, e: P<'MentorApplicationReviewed'>): Promise<boolean> {
    const [before]: Array<{ decision: string }> = await m.query(
      `SELECT decision FROM mentor_review WHERE user_id = $1 FOR UPDATE`,
      [e.userId],
    );
    await m.query(
      `INSERT INTO mentor_review (user_id, decision, reviewed_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET decision = EXCLUDED.decision, reviewed_at = EXCLUDED.reviewed_at WHERE mentor_review.reviewed_at <= EXCLUDED.reviewed_at`,
      [e.userId, e.decision, e.reviewedAt],
    );
    return e.decision === 'APPROVED' && before?.decision !== 'APPROVED';
  }

  async upsertOrganization(m: EntityManager, e: P<'OrganizationChanged'>): Promise<void> {
    await m.query(
      `INSERT INTO organization (id, name, city, country, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, city = EXCLUDED.city, country = EXCLUDED.country, changed_at = EXCLUDED.changed_at
       WHERE organization.changed_at <= EXCLUDED.changed_at`,
      [e.organizationId, e.name, e.city, e.country, e.changedAt],
    );
  }

  async upsertProgramme(m: EntityManager, e: P<'ProgrammeChanged'>): Promise<void> {
    const [applied] = await m.query(
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
      await m.query(
        `INSERT INTO cohort (id, programme_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on`,
        [c.cohortId, e.programmeId, c.name, c.startsOn, c.endsOn],
      );
    }
  }

  async programme(m: EntityManager, id: string): Promise<ProgrammeTerms | null> {
    const rows: ProgrammeTerms[] = await m.query(
      `SELECT id, name, target_hours::float8 AS "targetHours", duration_weeks AS "durationWeeks", min_meetings AS "minMeetings",
         hours_or_meetings AS "hoursOrMeetings", cpd_category AS "cpdCategory" FROM programme WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** True when the enrolment is new. */
  async enrol(m: EntityManager, e: P<'ProgrammeEnrolled'>): Promise<boolean> {
    const rows = await m.query(
      `INSERT INTO enrolment (user_id, programme_id, role, cohort_id, organization_id, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, programme_id, role) DO NOTHING RETURNING user_id`,
      [e.userId, e.programmeId, e.role, e.cohortId, e.organizationId, e.enrolledAt],
    );
    return rows.length > 0;
  }

  async enrolment(
    m: EntityManager,
    userId: string,
    programmeId: string,
    role: string,
  ): Promise<{ cohortId: string | null; organizationId: string | null; enrolledAt: Date } | null> {
    const rows = await m.query(
      `SELECT cohort_id AS "cohortId", organization_id AS "organizationId", enrolled_at AS "enrolledAt" FROM enrolment WHERE user_id = $1 AND programme_id = $2 AND role = $3`,
      [userId, programmeId, role],
    );
    return rows[0] ?? null;
  }

  async mentorProgrammes(
    m: EntityManager,
    userId: string,
  ): Promise<Array<{ programmeId: string; cohortId: string | null; organizationId: string | null }>> {
    return m.query(
      `SELECT programme_id AS "programmeId", cohort_id AS "cohortId", organization_id AS "organizationId" FROM enrolment WHERE user_id = $1 AND role = 'MENTOR'`,
      [userId],
    );
  }

  async personFacts(
    m: EntityManager,
    userId: string,
  ): Promise<{ organizationId: string | null; industryCode: string | null }> {
    const rows = await m.query(
      `SELECT organization_id AS "organizationId", industry_code AS "industryCode" FROM person WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? { organizationId: null, industryCode: null };
  }

  /**
   * Marks a request transition (sent, accepted, declined, expired); true when that transition is new, so
   * each is counted once whatever the order of arrival.
   */
  async requestTransition(
    m: EntityManager,
    e: { requestId: string; menteeId: string; mentorId: string; programmeId: string },
    column: 'sent_at' | 'accepted_at' | 'declined_at' | 'expired_at',
    at: string,
  ): Promise<boolean> {
    await m.query(
      `INSERT INTO mentoring_request (id, mentee_id, mentor_id, programme_id) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
      [e.requestId, e.menteeId, e.mentorId, e.programmeId],
    );
    const rows = returnedRows(
      await m.query(`UPDATE mentoring_request SET ${column} = $2 WHERE id = $1 AND ${column} IS NULL RETURNING id`, [
        e.requestId,
        at,
      ]),
    );
    return rows.length > 0;
  }

  /** Records a match; returns whether it is new and whether it is the mentee's first in the programme. */
  async recordMatch(
    m: EntityManager,
    e: P<'MatchConfirmed'>,
    scope: StatsScope,
    enrolledAt: string | null,
  ): Promise<{ fresh: boolean; firstForMentee: boolean }> {
    const [prior] = await m.query(`SELECT count(*)::int AS n FROM match WHERE mentee_id = $1 AND programme_id = $2`, [
      e.menteeId,
      e.programmeId,
    ]);
    const rows = await m.query(
      `INSERT INTO match (id, mentee_id, mentor_id, programme_id, organization_id, cohort_id, industry_code, source, confirmed_at, confirmed_on, mentee_enrolled_at, days_to_match)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ($9::timestamptz AT TIME ZONE 'UTC')::date, $10::timestamptz,
         CASE WHEN $10::timestamptz IS NULL THEN NULL ELSE greatest(0, extract(epoch FROM ($9::timestamptz - $10::timestamptz)) / 86400) END)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        e.matchId,
        e.menteeId,
        e.mentorId,
        e.programmeId,
        scope.organizationId,
        scope.cohortId,
        scope.industryCode,
        e.source,
        e.confirmedAt,
        enrolledAt,
      ],
    );
    return { fresh: rows.length > 0, firstForMentee: rows.length > 0 && prior.n === 0 };
  }

  /** True when the relationship is new here. */
  async startRelationship(m: EntityManager, e: P<'RelationshipStarted'>, scope: StatsScope): Promise<boolean> {
    const rows = await m.query(
      `INSERT INTO relationship (id, mentee_id, mentor_id, programme_id, organization_id, cohort_id, industry_code, status, started_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE', $8)
       ON CONFLICT (id) DO UPDATE SET started_on = EXCLUDED.started_on, cohort_id = coalesce(relationship.cohort_id, EXCLUDED.cohort_id)
       WHERE relationship.started_on IS NULL
       RETURNING (xmax = 0) AS inserted, status`,
      [
        e.relationshipId,
        e.menteeId,
        e.mentorId,
        e.programmeId,
        scope.organizationId,
        scope.cohortId,
        scope.industryCode,
        e.startedOn,
      ],
    );
    return rows.length > 0;
  }

  /** Ends a relationship once; true when this is the end transition. */
  async endRelationship(
    m: EntityManager,
    e: {
      relationshipId: string;
      menteeId: string;
      mentorId: string;
      programmeId: string;
      organizationId: string | null;
    },
    scope: StatsScope,
    status: 'COMPLETED' | 'WITHDRAWN',
    endedOn: string,
    hours: number,
    meetings: number,
    metTerms: boolean,
  ): Promise<boolean> {
    await m.query(
      `INSERT INTO relationship (id, mentee_id, mentor_id, programme_id, organization_id, cohort_id, industry_code, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE')
       ON CONFLICT (id) DO NOTHING`,
      [
        e.relationshipId,
        e.menteeId,
        e.mentorId,
        e.programmeId,
        scope.organizationId,
        scope.cohortId,
        scope.industryCode,
      ],
    );
    const rows = returnedRows(
      await m.query(
        `UPDATE relationship SET status = $2, ended_on = $3, confirmed_hours = $4, confirmed_meetings = $5, met_terms = $6
       WHERE id = $1 AND ended_on IS NULL RETURNING id`,
        [e.relationshipId, status, endedOn, hours, meetings, metTerms],
      ),
    );
    return rows.length > 0;
  }

  /**
   * COMPLETED -> ACTIVE (the ended facts cleared): true. A continuation applied before the completion it
   * follows (two consumers, a redelivery) is kept on the row and applied by that completion: false.
   * The row is locked first, so a completion and its continuation applied at once see each other.
   */
  async continueRelationship(
    m: EntityManager,
    e: {
      relationshipId: string;
      menteeId: string;
      mentorId: string;
      programmeId: string;
      organizationId: string | null;
    },
    scope: StatsScope,
    continuedOn: string,
  ): Promise<boolean> {
    await m.query(
      `INSERT INTO relationship (id, mentee_id, mentor_id, programme_id, organization_id, cohort_id, industry_code, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE')
       ON CONFLICT (id) DO NOTHING`,
      [
        e.relationshipId,
        e.menteeId,
        e.mentorId,
        e.programmeId,
        scope.organizationId,
        scope.cohortId,
        scope.industryCode,
      ],
    );
    const [row] = await m.query(`SELECT status, ended_on FROM relationship WHERE id = $1 FOR UPDATE`, [
      e.relationshipId,
    ]);
    if (row.status === 'COMPLETED') {
      await m.query(
        `UPDATE relationship SET status = 'ACTIVE', ended_on = NULL, confirmed_hours = NULL, confirmed_meetings = NULL, met_terms = NULL WHERE id = $1`,
        [e.relationshipId],
      );
      return true;
    }
    if (row.ended_on === null)
      await m.query(`UPDATE relationship SET continued_early_on = $2 WHERE id = $1`, [e.relationshipId, continuedOn]);
    return false;
  }

  /** The continuation that arrived before this completion, applied now: its day, or null when there was none. */
  async takeEarlyContinuation(m: EntityManager, id: string, completedOn: string): Promise<string | null> {
    // (RETURNING would give the cleared value: read the day from the row as it was)
    const rows = returnedRows<{ day: string }>(
      await m.query(
        `UPDATE relationship r SET status = 'ACTIVE', ended_on = NULL, confirmed_hours = NULL, confirmed_meetings = NULL, met_terms = NULL, continued_early_on = NULL
       FROM (SELECT id, continued_early_on FROM relationship WHERE id = $1) before
       WHERE r.id = before.id AND r.status = 'COMPLETED' AND before.continued_early_on >= $2 RETURNING before.continued_early_on::text AS day`,
        [id, completedOn],
      ),
    );
    return rows[0]?.day ?? null;
  }

  async relationship(m: EntityManager, id: string): Promise<RelationshipRow | null> {
    const rows = await m.query(
      `SELECT id, mentee_id AS "menteeId", mentor_id AS "mentorId", programme_id AS "programmeId", organization_id AS "organizationId",
         cohort_id AS "cohortId", industry_code AS "industryCode", status FROM relationship WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async meetingLogged(m: EntityManager, e: P<'MeetingLogged'>): Promise<void> {
    await m.query(
      `INSERT INTO meeting (id, relationship_id, mentee_id, mentor_id, programme_id, status, occurred_on) VALUES ($1, $2, $3, $4, $5, 'LOGGED', $6)
       ON CONFLICT (id) DO NOTHING`,
      [e.meetingId, e.relationshipId, e.menteeId, e.mentorId, e.programmeId, e.occurredOn],
    );
  }

  async meetingDisputed(m: EntityManager, e: P<'MeetingDisputed'>): Promise<void> {
    await m.query(
      `INSERT INTO meeting (id, relationship_id, mentee_id, mentor_id, programme_id, status, disputed_by) VALUES ($1, $2, $3, $4, $5, 'DISPUTED', $6)
       ON CONFLICT (id) DO UPDATE SET status = CASE WHEN meeting.status = 'CONFIRMED' THEN meeting.status ELSE 'DISPUTED' END, disputed_by = EXCLUDED.disputed_by`,
      [e.meetingId, e.relationshipId, e.menteeId, e.mentorId, e.programmeId, e.disputedBy],
    );
  }

  async meeting(m: EntityManager, id: string): Promise<MeetingRow | null> {
    const rows = await m.query(
      `SELECT id, relationship_id AS "relationshipId", status, occurred_on::text AS "occurredOn", duration_minutes AS "durationMinutes", revision, superseded_by AS "supersededBy"
       FROM meeting WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async meetingConfirmed(m: EntityManager, e: P<'MeetingConfirmed'>): Promise<void> {
    await m.query(
      `INSERT INTO meeting (id, relationship_id, mentee_id, mentor_id, programme_id, status, amends_meeting_id, revision, occurred_on, start_time, duration_minutes, mode, topics, homework, confirmed_by_mentor_at, confirmed_by_mentee_at)
       VALUES ($1, $2, $3, $4, $5, 'CONFIRMED', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (id) DO UPDATE SET status = CASE WHEN meeting.superseded_by IS NULL THEN 'CONFIRMED' ELSE meeting.status END, amends_meeting_id = EXCLUDED.amends_meeting_id, revision = EXCLUDED.revision, occurred_on = EXCLUDED.occurred_on,
         start_time = EXCLUDED.start_time, duration_minutes = EXCLUDED.duration_minutes, mode = EXCLUDED.mode, topics = EXCLUDED.topics, homework = EXCLUDED.homework,
         confirmed_by_mentor_at = EXCLUDED.confirmed_by_mentor_at, confirmed_by_mentee_at = EXCLUDED.confirmed_by_mentee_at
       WHERE meeting.revision <= EXCLUDED.revision`,
      [
        e.meetingId,
        e.relationshipId,
        e.menteeId,
        e.mentorId,
        e.programmeId,
        e.amendsMeetingId,
        e.revision,
        e.occurredOn,
        e.startTime,
        e.durationMinutes,
        e.mode,
        e.topics,
        e.homework,
        e.confirmedByMentorAt,
        e.confirmedByMenteeAt,
      ],
    );
    if (e.amendsMeetingId && e.amendsMeetingId !== e.meetingId) {
      // recorded even when the superseded meeting has not arrived yet, so that it is known as superseded when it does
      await m.query(
        `INSERT INTO meeting (id, relationship_id, mentee_id, mentor_id, programme_id, status, superseded_by, revision) VALUES ($1, $3, $4, $5, $6, 'SUPERSEDED', $2, $7)
         ON CONFLICT (id) DO UPDATE SET superseded_by = EXCLUDED.superseded_by, status = 'SUPERSEDED'`,
        [
          e.amendsMeetingId,
          e.meetingId,
          e.relationshipId,
          e.menteeId,
          e.mentorId,
          e.programmeId,
          Math.max(1, e.revision - 1),
        ],
      );
    }
  }

  async goalAchieved(m: EntityManager, e: P<'GoalAchieved'>): Promise<boolean> {
    return (
      (
        await m.query(
          `INSERT INTO goal_achieved (goal_id, relationship_id, achieved_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING goal_id`,
          [e.goalId, e.relationshipId, e.achievedAt],
        )
      ).length > 0
    );
  }

  async feedback(m: EntityManager, e: P<'FeedbackSubmitted'>): Promise<boolean> {
    return (
      (
        await m.query(
          `INSERT INTO feedback (relationship_id, respondent_role, ratings, submitted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING relationship_id`,
          [e.relationshipId, e.respondentRole, JSON.stringify(e.ratings), e.submittedAt],
        )
      ).length > 0
    );
  }
}
