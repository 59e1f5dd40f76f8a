import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions follow the account: `user.session_version` is bumped by every event that ends the account's
 * sessions (access tokens carry the version they were issued at), and `suspended_at` marks an account an
 * admin has suspended. `email_change`: one row per requested change of the sign-in email, with the sha256
 * of its two tokens (confirm, sent to the new address; cancel, sent to the old one). The confirm token works
 * while the change is open (not confirmed, cancelled or superseded) and before `expires_at`; the cancel token
 * ("this wasn't me") also after a confirmation, until `cancel_expires_at`, so it can undo a takeover.
 */
export class SessionsAndEmailChange1765500000000 implements MigrationInterface {
  name = 'SessionsAndEmailChange1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "user" ADD COLUMN session_version integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "user" ADD COLUMN suspended_at timestamptz`);
    await q.query(`CREATE TABLE email_change (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      old_email text NOT NULL,
      new_email text NOT NULL,
      confirm_token_hash text NOT NULL,
      cancel_token_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      cancel_expires_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      cancelled_at timestamptz,
      superseded_at timestamptz
    )`);
    await q.query(`CREATE UNIQUE INDEX email_change_confirm_hash ON email_change (confirm_token_hash)`);
    await q.query(`CREATE UNIQUE INDEX email_change_cancel_hash ON email_change (cancel_token_hash)`);
    await q.query(`CREATE INDEX email_change_user_time ON email_change (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_change`);
    await q.query(`ALTER TABLE "user" DROP COLUMN suspended_at`);
    await q.query(`ALTER TABLE "user" DROP COLUMN session_version`);
  }
}
