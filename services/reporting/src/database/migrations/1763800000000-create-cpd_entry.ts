import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting's read models (built only from events), the append-only hash-chained CPD ledger, audits,
 * and the daily rollups analytics read. `cpd_entry` keeps the skeleton's columns (id, user_id, hours,
 * occurred_on) so `User.cpdHours` stays a plain sum.
 */
export class CreateReportingSkeleton1763800000000 implements MigrationInterface {
  name = 'CreateReportingSkeleton1763800000000';

  async up(q: QueryRunner): Promise<void> {
    // --- read models -------------------------------------------------------------------------
    await q.query(`CREATE TABLE person (
      user_id uuid PRIMARY KEY,
      display_name text,
      email text,
      phone text,
      roles text[] NOT NULL DEFAULT '{}',
      organization_id uuid,
      registered_at timestamptz,
      industry_code text,
      mentor_status text,
      erased_at timestamptz,
      changed_at timestamptz
    )`);
    await q.query(`CREATE TABLE industry (code text PRIMARY KEY, label text NOT NULL)`);
    await q.query(
      `CREATE TABLE organization (id uuid PRIMARY KEY, name text NOT NULL, city text, country text, changed_at timestamptz NOT NULL)`,
    );
    await q.query(`CREATE TABLE programme (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      organization_ids uuid[] NOT NULL DEFAULT '{}',
      target_hours numeric(8,2) NOT NULL,
      duration_weeks int NOT NULL,
      min_meetings int NOT NULL,
      hours_or_meetings boolean NOT NULL,
      cpd_category text NOT NULL,
      changed_at timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE TABLE cohort (id uuid PRIMARY KEY, programme_id uuid NOT NULL, name text NOT NULL, starts_on date NOT NULL, ends_on date NOT NULL)`,
    );
    await q.query(`CREATE TABLE enrolment (
      user_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      role text NOT NULL,
      cohort_id uuid,
      organization_id uuid,
      enrolled_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, programme_id, role)
    )`);
    await q.query(
      `CREATE TABLE mentor_review (user_id uuid PRIMARY KEY, decision text NOT NULL, reviewed_at timestamptz NOT NULL)`,
    );
    await q.query(`CREATE TABLE mentoring_request (
      id uuid PRIMARY KEY,
      mentee_id uuid NOT NULL,
      mentor_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      sent_at timestamptz,
      accepted_at timestamptz,
      declined_at timestamptz,
      expired_at timestamptz
    )`);
    await q.query(`CREATE TABLE match (
      id uuid PRIMARY KEY,
      mentee_id uuid NOT NULL,
      mentor_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      organization_id uuid,
      cohort_id uuid,
      industry_code text,
      source text NOT NULL,
      confirmed_at timestamptz NOT NULL,
      confirmed_on date NOT NULL,
      mentee_enrolled_at timestamptz,
      days_to_match numeric(10,3)
    )`);
    await q.query(`CREATE INDEX match_programme_day ON match (programme_id, confirmed_on) INCLUDE (days_to_match)`);
    await q.query(`CREATE INDEX match_day ON match (confirmed_on)`);
    await q.query(`CREATE INDEX match_mentee ON match (mentee_id, programme_id)`);
    await q.query(`CREATE TABLE relationship (
      id uuid PRIMARY KEY,
      mentee_id uuid NOT NULL,
      mentor_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      organization_id uuid,
      cohort_id uuid,
      industry_code text,
      status text NOT NULL,
      started_on date,
      ended_on date,
      confirmed_hours numeric(8,2),
      confirmed_meetings int,
      met_terms boolean
    )`);
    await q.query(`CREATE INDEX relationship_mentee ON relationship (mentee_id)`);
    await q.query(`CREATE INDEX relationship_mentor ON relationship (mentor_id)`);
    await q.query(`CREATE INDEX relationship_programme ON relationship (programme_id, started_on)`);
    await q.query(`CREATE TABLE meeting (
      id uuid PRIMARY KEY,
      relationship_id uuid NOT NULL,
      mentee_id uuid NOT NULL,
      mentor_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      status text NOT NULL,
      amends_meeting_id uuid,
      superseded_by uuid,
      revision int NOT NULL DEFAULT 1,
      occurred_on date,
      start_time text,
      duration_minutes int,
      mode text,
      topics text[] NOT NULL DEFAULT '{}',
      homework text,
      confirmed_by_mentor_at timestamptz,
      confirmed_by_mentee_at timestamptz,
      disputed_by uuid
    )`);
    await q.query(`CREATE INDEX meeting_relationship ON meeting (relationship_id, occurred_on)`);
    await q.query(
      `CREATE TABLE goal_achieved (goal_id uuid PRIMARY KEY, relationship_id uuid NOT NULL, achieved_at timestamptz NOT NULL)`,
    );
    await q.query(`CREATE TABLE feedback (
      relationship_id uuid NOT NULL,
      respondent_role text NOT NULL,
      ratings jsonb NOT NULL,
      submitted_at timestamptz NOT NULL,
      PRIMARY KEY (relationship_id, respondent_role)
    )`);

    // --- CPD ledger: append-only, one hash chain per person -------------------------------------
    await q.query(`CREATE TABLE cpd_entry (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL,
      hours numeric(6,2) NOT NULL,
      occurred_on date NOT NULL,
      seq int,
      kind text NOT NULL DEFAULT 'MEETING',
      role text,
      relationship_id uuid,
      programme_id uuid,
      counterpart_id uuid,
      cpd_category text,
      meeting_id uuid,
      revision int,
      reverses_entry_id uuid,
      start_time text,
      duration_minutes int,
      topics text[] NOT NULL DEFAULT '{}',
      homework text,
      confirmed_by_mentor_at timestamptz,
      confirmed_by_mentee_at timestamptz,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      prev_hash text,
      hash text
    )`);
    await q.query(
      `CREATE UNIQUE INDEX cpd_entry_once ON cpd_entry (meeting_id, revision, user_id, kind) WHERE meeting_id IS NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX cpd_entry_chain ON cpd_entry (user_id, seq) WHERE seq IS NOT NULL`);
    await q.query(`CREATE INDEX cpd_entry_user_day ON cpd_entry (user_id, occurred_on)`);
    await q.query(`CREATE INDEX cpd_entry_meeting ON cpd_entry (meeting_id)`);
    await q.query(`CREATE FUNCTION cpd_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'cpd_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER cpd_entry_no_update BEFORE UPDATE OR DELETE ON cpd_entry FOR EACH ROW EXECUTE FUNCTION cpd_entry_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER cpd_entry_no_truncate BEFORE TRUNCATE ON cpd_entry FOR EACH STATEMENT EXECUTE FUNCTION cpd_entry_append_only()`,
    );

    // --- audits ---------------------------------------------------------------------------------
    await q.query(`CREATE TABLE audit (
      id uuid PRIMARY KEY,
      period_from date NOT NULL,
      period_to date NOT NULL,
      sample_rate numeric(5,4) NOT NULL,
      seed text NOT NULL,
      strategy text NOT NULL,
      opened_by uuid NOT NULL,
      opened_at timestamptz NOT NULL,
      due_on date NOT NULL,
      population int NOT NULL
    )`);
    await q.query(`CREATE TABLE audit_selection (
      id uuid PRIMARY KEY,
      audit_id uuid NOT NULL REFERENCES audit(id),
      user_id uuid NOT NULL,
      programme_id uuid,
      risk_score numeric(10,3) NOT NULL,
      claimed_hours numeric(8,2) NOT NULL,
      due_on date NOT NULL,
      outcome text,
      verified_hours numeric(8,2),
      reviewer_id uuid,
      reviewer_notes text,
      decided_at timestamptz,
      UNIQUE (audit_id, user_id)
    )`);
    await q.query(`CREATE INDEX audit_selection_user ON audit_selection (user_id)`);
    await q.query(`CREATE TABLE audit_verification (
      selection_id uuid NOT NULL REFERENCES audit_selection(id),
      meeting_id uuid NOT NULL,
      verifier_id uuid NOT NULL,
      relationship_id uuid,
      occurred_on date NOT NULL,
      hours numeric(6,2) NOT NULL,
      topics text[] NOT NULL DEFAULT '{}',
      answer text,
      note text,
      answered_at timestamptz,
      PRIMARY KEY (selection_id, meeting_id)
    )`);
    await q.query(`CREATE INDEX audit_verification_verifier ON audit_verification (verifier_id)`);

    // --- analytics rollups (kept current by the consumers) -------------------------------------
    // Dimension columns are NOT NULL with sentinels (nil uuid, '') so one row per key can be upserted.
    await q.query(`CREATE TABLE stats_daily (
      day date NOT NULL,
      programme_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      cohort_id uuid NOT NULL,
      industry_code text NOT NULL,
      registrations int NOT NULL DEFAULT 0,
      mentors_enrolled int NOT NULL DEFAULT 0,
      mentees_enrolled int NOT NULL DEFAULT 0,
      mentees_matched int NOT NULL DEFAULT 0,
      mentor_approvals int NOT NULL DEFAULT 0,
      requests_sent int NOT NULL DEFAULT 0,
      requests_accepted int NOT NULL DEFAULT 0,
      requests_declined int NOT NULL DEFAULT 0,
      requests_expired int NOT NULL DEFAULT 0,
      matches int NOT NULL DEFAULT 0,
      relationships_started int NOT NULL DEFAULT 0,
      relationships_completed int NOT NULL DEFAULT 0,
      relationships_withdrawn int NOT NULL DEFAULT 0,
      relationships_met_terms int NOT NULL DEFAULT 0,
      meetings_confirmed int NOT NULL DEFAULT 0,
      hours_confirmed numeric(12,2) NOT NULL DEFAULT 0,
      goals_achieved int NOT NULL DEFAULT 0,
      PRIMARY KEY (programme_id, day, organization_id, cohort_id, industry_code)
    )`);
    await q.query(`CREATE INDEX stats_daily_day ON stats_daily (day)`);
    await q.query(`CREATE INDEX stats_daily_org ON stats_daily (organization_id, day)`);
    await q.query(`CREATE TABLE stats_feedback_daily (
      day date NOT NULL,
      programme_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      cohort_id uuid NOT NULL,
      industry_code text NOT NULL,
      question text NOT NULL,
      rating_sum numeric(12,2) NOT NULL DEFAULT 0,
      responses int NOT NULL DEFAULT 0,
      PRIMARY KEY (programme_id, day, organization_id, cohort_id, industry_code, question)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'stats_feedback_daily',
      'stats_daily',
      'audit_verification',
      'audit_selection',
      'audit',
      'cpd_entry',
      'feedback',
      'goal_achieved',
      'meeting',
      'relationship',
      'match',
      'mentoring_request',
      'mentor_review',
      'enrolment',
      'cohort',
      'programme',
      'organization',
      'industry',
      'person',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP FUNCTION cpd_entry_append_only()`);
  }
}
