import type { Database } from '@tandem/subgraph-kit';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

/** Everything relationships records about the relationships of a set of people. */
export interface RelationshipsRecords {
  relationships: Row[];
  agreements: Row[];
  agreementVersions: Row[];
  actionPlans: Row[];
  goals: Row[];
  goalProgress: Row[];
  milestones: Row[];
  meetings: Row[];
  /** Only the private notes the people exported wrote themselves (never their counterparts'). */
  ownNotes: Row[];
  messages: Row[];
  /** Only the feedback the people exported gave. */
  feedbackGiven: Row[];
  /** Only the pulse check-in answers the people exported gave. */
  pulseAnswersGiven: Row[];
  /** The people's calendar feeds: created and revoked times only. */
  calendarFeeds: Row[];
}

// calendar dates travel as YYYY-MM-DD text (node-postgres would make local-midnight Dates of them)
const RELATIONSHIPS = `SELECT r.id, r.mentee_id, r.mentor_id, r.status, r.started_on::text AS started_on, r.match_id, r.match_source, r.programme_id,
    p.name AS programme_name, r.organization_id, r.cohort_id, r.planned_end_on::text AS planned_end_on, r.paused_at, r.paused_by, r.ended_on::text AS ended_on,
    r.withdrawn_by, r.withdrawal_reason, r.completion_mentor_at, r.completion_mentee_at, r.closed_at, r.continued_count, r.at_risk_flags,
    r.at_risk_flagged_at, r.created_at
  FROM relationship r LEFT JOIN programme p ON p.id = r.programme_id
  WHERE r.mentee_id = ANY($1::uuid[]) OR r.mentor_id = ANY($1::uuid[])`;
const OF_THEIRS = `(SELECT id FROM relationship WHERE mentee_id = ANY($1::uuid[]) OR mentor_id = ANY($1::uuid[]))`;

/**
 * Reads the relationships of people for their personal data export: agreements with signatures, action
 * plans, goals with progress and milestones, meetings, messages, their own private notes, the feedback and the
 * pulse check-in answers they gave. Coach check-ins are not read (the partners may not see them).
 */
export class PersonalDataRepository {
  constructor(private readonly db: Database) {}

  /** Thirteen statements whatever the number of people or relationships. */
  async collect(userIds: readonly string[]): Promise<RelationshipsRecords> {
    const ids = [[...userIds]];
    const q = (sql: string): Promise<Row[]> => this.db.query<Row>(sql, ids);
    const [
      relationships,
      agreements,
      agreementVersions,
      actionPlans,
      goals,
      goalProgress,
      milestones,
      meetings,
      ownNotes,
      messages,
      feedbackGiven,
      pulseAnswersGiven,
      calendarFeeds,
    ] = await Promise.all([
      q(`${RELATIONSHIPS} ORDER BY r.started_on, r.id`),
      q(
        `SELECT id, relationship_id, current_version, signed_version, first_fully_signed_at, created_at FROM agreement WHERE relationship_id IN ${OF_THEIRS}`,
      ),
      q(
        `SELECT v.* FROM agreement_version v JOIN agreement a ON a.id = v.agreement_id WHERE a.relationship_id IN ${OF_THEIRS} ORDER BY v.agreement_id, v.version`,
      ),
      q(
        `SELECT relationship_id, id, items, updated_by, updated_at FROM action_plan WHERE relationship_id IN ${OF_THEIRS}`,
      ),
      q(`SELECT id, relationship_id, title, specific, measure, target, attainable, relevant, due_on::text AS due_on, status, created_by, created_at, achieved_at,
           dropped_at, drop_reason FROM goal WHERE relationship_id IN ${OF_THEIRS} ORDER BY created_at, id`),
      q(`SELECT gp.id, gp.goal_id, gp.author_id, gp.note, gp.value, gp.created_at FROM goal_progress gp JOIN goal g ON g.id = gp.goal_id
         WHERE g.relationship_id IN ${OF_THEIRS} ORDER BY gp.created_at, gp.id`),
      q(`SELECT m.id, m.goal_id, m.title, m.due_on::text AS due_on, m.completed_at, m.created_at FROM milestone m JOIN goal g ON g.id = m.goal_id
         WHERE g.relationship_id IN ${OF_THEIRS} ORDER BY m.due_on, m.id`),
      q(`SELECT id, relationship_id, revision, amends_meeting_id, superseded_by, occurred_on::text AS occurred_on, to_char(start_time, 'HH24:MI') AS start_time,
           duration_minutes, mode, topics, homework, status, logged_by, logged_at, mentor_confirmed_at, mentee_confirmed_at, disputed_by, dispute_reason,
           disputed_at, counted_at
         FROM meeting WHERE relationship_id IN ${OF_THEIRS} ORDER BY occurred_on, start_time, revision, id`),
      q(`SELECT meeting_id, author_id, note, updated_at FROM meeting_note WHERE author_id = ANY($1::uuid[])`),
      q(
        `SELECT id, relationship_id, author_id, body, sent_at FROM message WHERE relationship_id IN ${OF_THEIRS} ORDER BY sent_at, id`,
      ),
      q(
        `SELECT id, relationship_id, respondent_id, respondent_role, ratings, comments, submitted_at FROM feedback WHERE respondent_id = ANY($1::uuid[])`,
      ),
      q(`SELECT a.pulse_id, p.relationship_id, p.question, p.asked_at, a.respondent_id, a.role, a.score, a.note, a.answered_at
         FROM pulse_answer a JOIN pulse p ON p.id = a.pulse_id WHERE a.respondent_id = ANY($1::uuid[]) ORDER BY a.answered_at, a.pulse_id`),
      // that a feed exists and when it was made or turned off: never its token (nor the token's hash)
      q(
        `SELECT user_id, created_at, revoked_at FROM calendar_feed WHERE user_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      ),
    ]);
    return {
      relationships,
      agreements,
      agreementVersions,
      actionPlans,
      goals,
      goalProgress,
      milestones,
      meetings,
      ownNotes,
      messages,
      feedbackGiven,
      pulseAnswersGiven,
      calendarFeeds,
    };
  }
}
