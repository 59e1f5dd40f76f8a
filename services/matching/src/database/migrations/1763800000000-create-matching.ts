import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Matching's read models (profiles, programmes, enrolments, load) and its own records (questions, requests, proposals, cohort runs). */
export class CreateMatching1763800000000 implements MigrationInterface {
  name = 'CreateMatching1763800000000';

  async up(q: QueryRunner): Promise<void> {
    // --- read models built from identity's and relationships' events ---
    await q.query(`
      CREATE TABLE mentor_profile (
        user_id uuid PRIMARY KEY,
        display_name text NOT NULL,
        status text NOT NULL,
        headline text,
        industry_code text, industry_label text, industry_family text,
        occupation_code text, occupation_label text, occupation_family text,
        years_experience int,
        skills text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        city text, country text, time_zone text,
        meeting_preferences text[] NOT NULL DEFAULT '{}',
        hours_per_month int,
        capacity int NOT NULL DEFAULT 1,
        lived_experience text[] NOT NULL DEFAULT '{}',
        employer text,
        paused_until date,
        organization_id uuid,
        -- denormalised from mentor_load so eligibility is one partial index
        has_capacity boolean NOT NULL DEFAULT true,
        search_tsv tsvector NOT NULL DEFAULT ''::tsvector,
        changed_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX mentor_profile_eligible ON mentor_profile (user_id) WHERE status = 'APPROVED' AND has_capacity`,
    );
    await q.query(
      `CREATE INDEX mentor_profile_industry ON mentor_profile (industry_family, industry_code) WHERE status = 'APPROVED' AND has_capacity`,
    );
    await q.query(
      `CREATE INDEX mentor_profile_occupation ON mentor_profile (occupation_family, occupation_code) WHERE status = 'APPROVED' AND has_capacity`,
    );
    await q.query(
      `CREATE INDEX mentor_profile_skills ON mentor_profile USING gin (skills) WHERE status = 'APPROVED' AND has_capacity`,
    );
    await q.query(
      `CREATE INDEX mentor_profile_languages ON mentor_profile USING gin (languages) WHERE status = 'APPROVED' AND has_capacity`,
    );
    await q.query(
      `CREATE INDEX mentor_profile_lived ON mentor_profile USING gin (lived_experience) WHERE status = 'APPROVED' AND has_capacity`,
    );
    await q.query(
      `CREATE INDEX mentor_profile_meeting ON mentor_profile USING gin (meeting_preferences) WHERE status = 'APPROVED' AND has_capacity`,
    );
    await q.query(
      `CREATE INDEX mentor_profile_tsv ON mentor_profile USING gin (search_tsv) WHERE status = 'APPROVED' AND has_capacity`,
    );
    await q.query(
      `CREATE INDEX mentor_profile_place ON mentor_profile (country, time_zone, city) WHERE status = 'APPROVED' AND has_capacity`,
    );

    await q.query(`
      CREATE TABLE mentee_profile (
        user_id uuid PRIMARY KEY,
        display_name text NOT NULL,
        industry_code text, industry_label text,
        occupation_code text, occupation_label text,
        skills text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        city text, country text, time_zone text,
        meeting_preferences text[] NOT NULL DEFAULT '{}',
        lived_experience text[] NOT NULL DEFAULT '{}',
        needs text[] NOT NULL DEFAULT '{}',
        goals text[] NOT NULL DEFAULT '{}',
        employer text,
        organization_id uuid,
        changed_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE programme (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        organization_ids uuid[] NOT NULL DEFAULT '{}',
        max_open_requests_per_mentee int NOT NULL DEFAULT 3,
        request_expiry_days int NOT NULL DEFAULT 14,
        matching_weights jsonb NOT NULL DEFAULT '{}',
        changed_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE TABLE cohort (id uuid PRIMARY KEY, programme_id uuid NOT NULL, name text NOT NULL, starts_on date, ends_on date)`,
    );
    await q.query(`CREATE INDEX cohort_programme ON cohort (programme_id)`);
    await q.query(`
      CREATE TABLE enrolment (
        user_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        role text NOT NULL,
        cohort_id uuid,
        organization_id uuid,
        enrolled_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, programme_id, role)
      )`);
    await q.query(`CREATE INDEX enrolment_cohort ON enrolment (cohort_id, role)`);
    await q.query(`CREATE INDEX enrolment_programme ON enrolment (programme_id, role)`);

    // mentor load: the lock row for acceptances; active_mentees is what User.activeMentees shows
    await q.query(`
      CREATE TABLE mentor_load (
        user_id uuid PRIMARY KEY,
        active_mentees int NOT NULL DEFAULT 0 CHECK (active_mentees >= 0),
        capacity int NOT NULL DEFAULT 1,
        -- confirmed matches whose relationship has not started yet (they hold a seat)
        pending_matches int NOT NULL DEFAULT 0 CHECK (pending_matches >= 0)
      )`);
    // the set of relationships per mentor (idempotent, order-tolerant: an end seen before its start stays ended)
    await q.query(`
      CREATE TABLE mentor_relationship (
        relationship_id uuid PRIMARY KEY,
        mentor_id uuid NOT NULL,
        mentee_id uuid NOT NULL,
        match_id uuid,
        active boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX mentor_relationship_mentor ON mentor_relationship (mentor_id) WHERE active`);
    await q.query(`
      CREATE TABLE confirmed_match (
        match_id uuid PRIMARY KEY,
        source text NOT NULL,
        mentor_id uuid NOT NULL,
        mentee_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        confirmed_at timestamptz NOT NULL,
        started boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX confirmed_match_pending ON confirmed_match (mentor_id) WHERE NOT started`);

    // --- matching's own records ---
    await q.query(`
      CREATE TABLE mentor_question (
        id uuid PRIMARY KEY,
        mentee_id uuid NOT NULL,
        mentor_id uuid NOT NULL,
        question text NOT NULL,
        answer text,
        asked_at timestamptz NOT NULL,
        answered_at timestamptz
      )`);
    await q.query(`CREATE INDEX mentor_question_mentee ON mentor_question (mentee_id, asked_at DESC)`);
    await q.query(`CREATE INDEX mentor_question_mentor ON mentor_question (mentor_id, asked_at DESC)`);

    await q.query(`
      CREATE TABLE mentoring_request (
        id uuid PRIMARY KEY,
        mentee_id uuid NOT NULL,
        mentor_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        organization_id uuid,
        message text NOT NULL,
        status text NOT NULL,
        decline_reason text,
        sent_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        reminded_at timestamptz,
        responded_at timestamptz,
        mentee_enrolled_at timestamptz
      )`);
    // one open request per mentee and mentor, even under concurrent sends
    await q.query(
      `CREATE UNIQUE INDEX mentoring_request_one_open ON mentoring_request (mentee_id, mentor_id) WHERE status = 'PENDING'`,
    );
    await q.query(`CREATE INDEX mentoring_request_mentee ON mentoring_request (mentee_id, sent_at DESC)`);
    await q.query(`CREATE INDEX mentoring_request_mentor ON mentoring_request (mentor_id, sent_at DESC)`);
    await q.query(`CREATE INDEX mentoring_request_org ON mentoring_request (organization_id, sent_at DESC)`);
    await q.query(`CREATE INDEX mentoring_request_expiry ON mentoring_request (expires_at) WHERE status = 'PENDING'`);
    await q.query(
      `CREATE INDEX mentoring_request_declined ON mentoring_request (mentee_id, mentor_id, responded_at) WHERE status = 'DECLINED'`,
    );
    await q.query(`
      CREATE TABLE mentoring_request_message (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES mentoring_request(id) ON DELETE CASCADE,
        author_id uuid NOT NULL,
        body text NOT NULL,
        posted_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX mentoring_request_message_request ON mentoring_request_message (request_id, posted_at)`,
    );

    await q.query(`
      CREATE TABLE match_proposal (
        id uuid PRIMARY KEY,
        mentee_id uuid NOT NULL,
        mentor_id uuid NOT NULL,
        coach_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        cohort_id uuid,
        organization_id uuid,
        run_id uuid,
        note text NOT NULL,
        status text NOT NULL,
        decline_reason text,
        proposed_at timestamptz NOT NULL,
        responded_at timestamptz,
        mentee_enrolled_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX match_proposal_one_open ON match_proposal (mentee_id, mentor_id) WHERE status = 'PROPOSED'`,
    );
    await q.query(`CREATE INDEX match_proposal_mentee ON match_proposal (mentee_id, proposed_at DESC)`);
    await q.query(`CREATE INDEX match_proposal_mentor ON match_proposal (mentor_id, proposed_at DESC)`);
    await q.query(`CREATE INDEX match_proposal_org ON match_proposal (organization_id, proposed_at DESC)`);

    await q.query(`
      CREATE TABLE cohort_pair_rule (
        cohort_id uuid NOT NULL,
        mentee_id uuid NOT NULL,
        mentor_id uuid NOT NULL,
        rule text NOT NULL,
        set_by uuid NOT NULL,
        set_at timestamptz NOT NULL,
        PRIMARY KEY (cohort_id, mentee_id, mentor_id)
      )`);
    await q.query(`
      CREATE TABLE cohort_match_run (
        id uuid PRIMARY KEY,
        cohort_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        objective text NOT NULL,
        status text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        published_at timestamptz,
        total_score double precision NOT NULL,
        matched_count int NOT NULL,
        result jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX cohort_match_run_cohort ON cohort_match_run (cohort_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'cohort_match_run',
      'cohort_pair_rule',
      'match_proposal',
      'mentoring_request_message',
      'mentoring_request',
      'mentor_question',
      'confirmed_match',
      'mentor_relationship',
      'mentor_load',
      'enrolment',
      'cohort',
      'programme',
      'mentee_profile',
      'mentor_profile',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
