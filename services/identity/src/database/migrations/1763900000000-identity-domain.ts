import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, sessions, login throttling, profiles, organisations, programmes, orientation, facts learnt
 * from other subgraphs' events (who asked whom, relationships), and notifications.
 */
export class IdentityDomain1763900000000 implements MigrationInterface {
  name = 'IdentityDomain1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // password_hash stays nullable: accounts can exist before a password is set (fixtures, invitations)
    await q.query(`ALTER TABLE "user"
      ADD COLUMN password_hash text,
      ADD COLUMN phone text,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX user_roles ON "user" USING gin (roles)`);
    await q.query(`CREATE INDEX user_organization ON "user" (organization_id)`);

    await q.query(`CREATE TABLE refresh_token (
      id uuid PRIMARY KEY,
      family_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      token_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      used_at timestamptz,
      revoked_at timestamptz
    )`);
    await q.query(`CREATE UNIQUE INDEX refresh_token_hash ON refresh_token (token_hash)`);
    await q.query(`CREATE INDEX refresh_token_family ON refresh_token (family_id)`);

    await q.query(`CREATE TABLE login_attempt (
      id bigserial PRIMARY KEY,
      email text NOT NULL,
      client_ip text,
      succeeded boolean NOT NULL,
      attempted_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX login_attempt_email_time ON login_attempt (email, attempted_at DESC)`);
    await q.query(
      `CREATE INDEX login_attempt_ip_time ON login_attempt (client_ip, attempted_at DESC) WHERE NOT succeeded`,
    );

    await q.query(`CREATE TABLE organization (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      city text,
      country text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX organization_name_unique ON organization (lower(name))`);

    await q.query(`CREATE TABLE program (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      description text,
      target_hours numeric(6,2) NOT NULL,
      duration_weeks int NOT NULL,
      min_meetings int NOT NULL,
      hours_or_meetings boolean NOT NULL DEFAULT false,
      cpd_category text NOT NULL,
      require_signed_agreement boolean NOT NULL DEFAULT true,
      require_orientation boolean NOT NULL DEFAULT false,
      max_open_requests_per_mentee int NOT NULL DEFAULT 3,
      request_expiry_days int NOT NULL DEFAULT 14,
      matching_weights jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE program_organization (
      program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organization(id),
      PRIMARY KEY (program_id, organization_id)
    )`);
    await q.query(`CREATE TABLE cohort (
      id uuid PRIMARY KEY,
      program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
      name text NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      CHECK (ends_on >= starts_on)
    )`);
    await q.query(`CREATE INDEX cohort_program ON cohort (program_id)`);
    await q.query(`CREATE TABLE enrollment (
      id uuid PRIMARY KEY,
      program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('MENTOR', 'MENTEE')),
      cohort_id uuid REFERENCES cohort(id),
      enrolled_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (program_id, user_id, role)
    )`);
    await q.query(`CREATE INDEX enrollment_user ON enrollment (user_id)`);
    await q.query(`CREATE TABLE orientation_session (
      id uuid PRIMARY KEY,
      program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
      starts_at timestamptz NOT NULL,
      location text,
      link text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX orientation_session_program ON orientation_session (program_id, starts_at)`);
    await q.query(`CREATE TABLE orientation_attendance (
      session_id uuid NOT NULL REFERENCES orientation_session(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      attended_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (session_id, user_id)
    )`);

    const facets = `
      headline text,
      bio text,
      industry_code text,
      occupation_code text,
      years_experience int,
      skills text[] NOT NULL DEFAULT '{}',
      languages text[] NOT NULL DEFAULT '{}',
      city text,
      country text,
      time_zone text,
      meeting_preferences text[] NOT NULL DEFAULT '{}',
      hours_per_month int,
      lived_experience text[] NOT NULL DEFAULT '{}',
      employer text,
      updated_at timestamptz NOT NULL DEFAULT now()`;
    await q.query(`CREATE TABLE mentor_profile (
      user_id uuid PRIMARY KEY REFERENCES "user"(id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('PENDING_REVIEW', 'APPROVED', 'REJECTED')),
      capacity int NOT NULL DEFAULT 1,
      paused_until date,
      review_comment text,
      reviewed_by uuid,
      reviewed_at timestamptz,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      ${facets}
    )`);
    await q.query(`CREATE INDEX mentor_profile_status ON mentor_profile (status, submitted_at)`);
    await q.query(`CREATE TABLE mentee_profile (
      user_id uuid PRIMARY KEY REFERENCES "user"(id) ON DELETE CASCADE,
      needs text[] NOT NULL DEFAULT '{}',
      goals text[] NOT NULL DEFAULT '{}',
      constraints text,
      ${facets}
    )`);

    // learnt from matching's events: which mentor may see which mentee's profile
    await q.query(`CREATE TABLE profile_access (
      source_id uuid NOT NULL,
      reason text NOT NULL CHECK (reason IN ('REQUEST', 'PROPOSAL')),
      viewer_id uuid NOT NULL,
      subject_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (reason, source_id)
    )`);
    await q.query(`CREATE INDEX profile_access_viewer ON profile_access (viewer_id, subject_id)`);
    // learnt from relationships' events: counterparts (contact details) and active mentee counts
    await q.query(`CREATE TABLE relationship_fact (
      relationship_id uuid PRIMARY KEY,
      mentee_id uuid NOT NULL,
      mentor_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('ACTIVE', 'COMPLETED', 'WITHDRAWN')),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX relationship_fact_mentor ON relationship_fact (mentor_id, status)`);
    await q.query(`CREATE INDEX relationship_fact_mentee ON relationship_fact (mentee_id, status)`);

    await q.query(`CREATE TABLE notification (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      source_event_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      email_status text NOT NULL DEFAULT 'PENDING' CHECK (email_status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED')),
      email_attempts int NOT NULL DEFAULT 0,
      email_claimed_at timestamptz,
      email_sent_at timestamptz,
      email_ref text,
      email_error text
    )`);
    await q.query(`CREATE INDEX notification_user_time ON notification (user_id, created_at DESC, id DESC)`);
    await q.query(
      `CREATE UNIQUE INDEX notification_event_user ON notification (source_event_id, user_id, kind) WHERE source_event_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX notification_email_due ON notification (created_at) WHERE email_status IN ('PENDING', 'SENDING')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'notification',
      'relationship_fact',
      'profile_access',
      'mentee_profile',
      'mentor_profile',
      'orientation_attendance',
      'orientation_session',
      'enrollment',
      'cohort',
      'program_organization',
      'program',
      'organization',
      'login_attempt',
      'refresh_token',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP INDEX user_roles`);
    await q.query(`DROP INDEX user_organization`);
    await q.query(`ALTER TABLE "user" DROP COLUMN password_hash, DROP COLUMN phone, DROP COLUMN updated_at`);
  }
}
