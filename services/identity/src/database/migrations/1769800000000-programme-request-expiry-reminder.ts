import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many days before a pending mentoring request expires its mentor is reminded of it (issue 19): a programme's
 * nudge setting, 2 by default (matching's fixed lead until now).
 */
export class ProgrammeRequestExpiryReminder1769800000000 implements MigrationInterface {
  name = 'ProgrammeRequestExpiryReminder1769800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program ADD COLUMN nudge_request_expiry_reminder_days integer NOT NULL DEFAULT 2
      CHECK (nudge_request_expiry_reminder_days BETWEEN 1 AND 30)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program DROP COLUMN nudge_request_expiry_reminder_days`);
  }
}
