import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff second factor (TOTP). `second_factor`: one per account, the TOTP secret encrypted (AES-256-GCM),
 * `confirmed_at` null while an enrolment waits for its first code, `last_time_step` the newest TOTP step
 * accepted (a step at or before it is refused: no replay). `recovery_code`: sha256 of each single-use code
 * (a used code is deleted). `second_factor_challenge`: the short-lived, single-use tickets `login` answers
 * with when a second step is needed (sha256 of the token; `purpose` SIGN_IN or ENROL).
 * `organization.coach_second_factor_required`: the organisation requires it of its coaches too.
 */
export class SecondFactor1765600000000 implements MigrationInterface {
  name = 'SecondFactor1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organization ADD COLUMN coach_second_factor_required boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE second_factor (
      user_id uuid PRIMARY KEY REFERENCES "user"(id) ON DELETE CASCADE,
      secret_encrypted text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      confirmed_at timestamptz,
      last_time_step bigint
    )`);
    await q.query(`CREATE TABLE recovery_code (
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, code_hash)
    )`);
    await q.query(`CREATE TABLE second_factor_challenge (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('SIGN_IN', 'ENROL')),
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`);
    await q.query(`CREATE INDEX second_factor_challenge_user ON second_factor_challenge (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE second_factor_challenge`);
    await q.query(`DROP TABLE recovery_code`);
    await q.query(`DROP TABLE second_factor`);
    await q.query(`ALTER TABLE organization DROP COLUMN coach_second_factor_required`);
  }
}
