import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nudges by email as one daily digest (issue 19): a nudge's notification waits with email_status DIGEST until the
 * person's digest goes out (at most one a day, `notification_digest`, keyed by the person's local day), unless
 * they chose each one as it happens (`notification_email_delivery`: no row is the digest).
 */
export class NudgeDigests1768400000001 implements MigrationInterface {
  name = 'NudgeDigests1768400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification DROP CONSTRAINT notification_email_status_check`);
    await q.query(`ALTER TABLE notification ADD CONSTRAINT notification_email_status_check
      CHECK (email_status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED', 'DIGEST'))`);
    await q.query(
      `CREATE INDEX notification_digest_due ON notification (user_id, created_at) WHERE email_status = 'DIGEST'`,
    );
    await q.query(`CREATE TABLE notification_email_delivery (
      user_id uuid PRIMARY KEY REFERENCES "user" (id) ON DELETE CASCADE,
      each_nudge boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE notification_digest (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
      local_day date NOT NULL,
      notification_ids uuid[] NOT NULL,
      status text NOT NULL CHECK (status IN ('SENDING', 'SENT', 'FAILED')),
      email_ref text,
      email_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      UNIQUE (user_id, local_day)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_digest`);
    await q.query(`DROP TABLE notification_email_delivery`);
    await q.query(`DROP INDEX notification_digest_due`);
    await q.query(`UPDATE notification SET email_status = 'PENDING' WHERE email_status = 'DIGEST'`);
    await q.query(`ALTER TABLE notification DROP CONSTRAINT notification_email_status_check`);
    await q.query(`ALTER TABLE notification ADD CONSTRAINT notification_email_status_check
      CHECK (email_status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED'))`);
  }
}
