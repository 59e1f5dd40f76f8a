import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The expiry reminder's lead per programme (issue 19): matching keeps `ProgrammeChanged.nudges.requestExpiryReminderDays`
 * in its programme read model; programmes known before it remind 2 days ahead (the fixed lead until now) until their
 * next ProgrammeChanged says otherwise.
 */
export class ProgrammeRequestExpiryReminder1769800000100 implements MigrationInterface {
  name = 'ProgrammeRequestExpiryReminder1769800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programme ADD COLUMN request_expiry_reminder_days integer NOT NULL DEFAULT 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programme DROP COLUMN request_expiry_reminder_days`);
  }
}
