import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The kinds of notification a person asked not to receive by email (in-app stays). A row is an opt-out: every
 * kind is emailed until its person turns it off; security notices cannot be turned off (the service refuses).
 */
export class NotificationEmailOptOut1766800000000 implements MigrationInterface {
  name = 'NotificationEmailOptOut1766800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_email_opt_out (
        user_id uuid NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_email_opt_out`);
  }
}
