import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset by email: one row per reset link sent. Only the sha256 of the token is stored; a row is
 * usable while unused, not superseded by a newer request, and before its expiry. Rows are kept for an hour
 * past their creation at least, since they also count the requests per account (at most a few an hour).
 */
export class PasswordReset1764300000000 implements MigrationInterface {
  name = 'PasswordReset1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE password_reset_token (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      token_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      superseded_at timestamptz
    )`);
    await q.query(`CREATE UNIQUE INDEX password_reset_token_hash ON password_reset_token (token_hash)`);
    await q.query(`CREATE INDEX password_reset_token_user_time ON password_reset_token (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_reset_token`);
  }
}
