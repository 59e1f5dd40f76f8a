import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relationships schema: programme terms (read model), relationships, agreements, action plans, goals,
 * meetings, messages, feedback and coach check-ins. Overlapping meetings are refused by a check made under
 * a row lock on the relationship (see MeetingRepository.findOverlapping), so no btree_gist extension is needed.
 */
export class CreateRelationships1763800000000 implements MigrationInterface {
  name = 'CreateRelationships1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE programme (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      target_hours numeric NOT NULL,
      duration_weeks int NOT NULL,
      min_meetings int NOT NULL,
      hours_or_meetings boolean NOT NULL,
      require_signed_agreement boolean NOT NULL,
      organization_ids uuid[] NOT NULL DEFAULT '{}',
      cohorts jsonb NOT NULL DEFAULT '[]',
      changed_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE TABLE relationship (
      id uuid PRIMARY KEY,
      mentee_id uuid NOT NULL,
      mentor_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'COMPLETED', 'WITHDRAWN')),
      started_on date NOT NULL,
      match_id uuid UNIQUE,
      match_source text,
      programme_id uuid,
      organization_id uuid,
      cohort_id uuid,
      coach_id uuid,
      planned_end_on date,
      paused_at timestamptz,
      paused_by uuid,
      ended_on date,
      withdrawn_by uuid,
      withdrawal_reason text,
      completion_mentor_at timestamptz,
      completion_mentee_at timestamptz,
      closed_at timestamptz,
      continued_count int NOT NULL DEFAULT 0,
      at_risk_flags jsonb NOT NULL DEFAULT '[]',
      at_risk_flagged_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX relationship_mentee ON relationship (mentee_id)`);
    await q.query(`CREATE INDEX relationship_mentor ON relationship (mentor_id)`);
    await q.query(`CREATE INDEX relationship_org ON relationship (organization_id, started_on DESC, id DESC)`);
    await q.query(`CREATE INDEX relationship_programme ON relationship (programme_id)`);

    await q.query(`CREATE TABLE agreement (
      id uuid PRIMARY KEY,
      relationship_id uuid NOT NULL UNIQUE REFERENCES relationship (id) ON DELETE CASCADE,
      current_version int NOT NULL,
      signed_version int,
      first_fully_signed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE agreement_version (
      agreement_id uuid NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
      version int NOT NULL,
      top_goals text[] NOT NULL,
      meeting_place text NOT NULL,
      meeting_time text NOT NULL,
      meeting_length_minutes int NOT NULL,
      meeting_frequency text NOT NULL,
      initiator text NOT NULL,
      confidentiality text NOT NULL,
      duration_weeks int NOT NULL,
      drafted_by uuid NOT NULL,
      drafted_at timestamptz NOT NULL,
      mentor_signed_at timestamptz,
      mentee_signed_at timestamptz,
      PRIMARY KEY (agreement_id, version)
    )`);

    await q.query(`CREATE TABLE action_plan (
      relationship_id uuid PRIMARY KEY REFERENCES relationship (id) ON DELETE CASCADE,
      id uuid NOT NULL UNIQUE,
      items jsonb NOT NULL,
      updated_by uuid NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE TABLE goal (
      id uuid PRIMARY KEY,
      relationship_id uuid NOT NULL REFERENCES relationship (id) ON DELETE CASCADE,
      title text NOT NULL,
      specific text NOT NULL,
      measure text NOT NULL,
      target text NOT NULL,
      attainable text NOT NULL,
      relevant text NOT NULL,
      due_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('OPEN', 'ACHIEVED', 'DROPPED')),
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      achieved_at timestamptz,
      dropped_at timestamptz,
      drop_reason text
    )`);
    await q.query(`CREATE INDEX goal_relationship ON goal (relationship_id, created_at)`);
    await q.query(`CREATE TABLE goal_progress (
      id uuid PRIMARY KEY,
      goal_id uuid NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
      author_id uuid NOT NULL,
      note text NOT NULL,
      value text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX goal_progress_goal ON goal_progress (goal_id, created_at)`);
    await q.query(`CREATE TABLE milestone (
      id uuid PRIMARY KEY,
      goal_id uuid NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
      title text NOT NULL,
      due_on date NOT NULL,
      completed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX milestone_goal ON milestone (goal_id, due_on)`);

    await q.query(`CREATE TABLE meeting (
      id uuid PRIMARY KEY,
      relationship_id uuid NOT NULL REFERENCES relationship (id) ON DELETE CASCADE,
      revision int NOT NULL DEFAULT 1,
      amends_meeting_id uuid REFERENCES meeting (id),
      superseded_by uuid,
      occurred_on date NOT NULL,
      start_time time NOT NULL,
      duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
      mode text NOT NULL,
      topics text[] NOT NULL,
      homework text,
      status text NOT NULL CHECK (status IN ('AWAITING_CONFIRMATION', 'CONFIRMED', 'DISPUTED', 'SUPERSEDED')),
      logged_by uuid NOT NULL,
      logged_at timestamptz NOT NULL,
      mentor_confirmed_at timestamptz,
      mentee_confirmed_at timestamptz,
      disputed_by uuid,
      dispute_reason text,
      disputed_at timestamptz,
      counted_at timestamptz
    )`);
    await q.query(`CREATE INDEX meeting_relationship ON meeting (relationship_id, occurred_on, start_time)`);
    // at most one pending amendment per confirmed meeting
    await q.query(
      `CREATE UNIQUE INDEX meeting_one_open_amendment ON meeting (amends_meeting_id) WHERE status IN ('AWAITING_CONFIRMATION', 'CONFIRMED', 'SUPERSEDED')`,
    );
    await q.query(`CREATE TABLE meeting_note (
      meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
      author_id uuid NOT NULL,
      note text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (meeting_id, author_id)
    )`);

    await q.query(`CREATE TABLE message (
      id uuid PRIMARY KEY,
      relationship_id uuid NOT NULL REFERENCES relationship (id) ON DELETE CASCADE,
      author_id uuid NOT NULL,
      body text NOT NULL,
      sent_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX message_page ON message (relationship_id, sent_at DESC, id DESC)`);

    await q.query(`CREATE TABLE feedback (
      id uuid PRIMARY KEY,
      relationship_id uuid NOT NULL REFERENCES relationship (id) ON DELETE CASCADE,
      respondent_id uuid NOT NULL,
      respondent_role text NOT NULL,
      ratings jsonb NOT NULL,
      comments text,
      submitted_at timestamptz NOT NULL,
      UNIQUE (relationship_id, respondent_id)
    )`);

    await q.query(`CREATE TABLE check_in (
      id uuid PRIMARY KEY,
      relationship_id uuid NOT NULL REFERENCES relationship (id) ON DELETE CASCADE,
      coach_id uuid NOT NULL,
      held_on date NOT NULL,
      notes text NOT NULL,
      follow_up text,
      follow_up_on date,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX check_in_relationship ON check_in (relationship_id, held_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'check_in',
      'feedback',
      'message',
      'meeting_note',
      'meeting',
      'milestone',
      'goal_progress',
      'goal',
      'action_plan',
      'agreement_version',
      'agreement',
      'relationship',
      'programme',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
