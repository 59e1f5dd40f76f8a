import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planned meetings reach calendars (issue 20): a notification's email may carry a calendar invitation
 * (`calendar_method` REQUEST or CANCEL, `calendar` the iCalendar text, built when the event arrived), and a person
 * may ask to be reminded an hour before their meetings too (`meeting_reminder_choice`; the day-before reminder is
 * a notification kind, switched off like any other).
 */
export class MeetingCalendars1768600000000 implements MigrationInterface {
  name = 'MeetingCalendars1768600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE notification ADD COLUMN calendar_method text CHECK (calendar_method IN ('REQUEST', 'CANCEL'))`,
    );
    await q.query(`ALTER TABLE notification ADD COLUMN calendar text`);
    await q.query(`CREATE TABLE meeting_reminder_choice (
      user_id uuid PRIMARY KEY REFERENCES "user" (id) ON DELETE CASCADE,
      hour_before boolean NOT NULL,
      changed_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_reminder_choice`);
    await q.query(`ALTER TABLE notification DROP COLUMN calendar`);
    await q.query(`ALTER TABLE notification DROP COLUMN calendar_method`);
  }
}
