import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far back a pair may record the meetings they held before their relationship started on the platform (issue
 * 20): a number of days per programme, 0 (none) for every existing programme.
 */
export class ProgrammePriorMeetings1769600000200 implements MigrationInterface {
  name = 'ProgrammePriorMeetings1769600000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program ADD COLUMN prior_meeting_days integer NOT NULL DEFAULT 0
      CHECK (prior_meeting_days BETWEEN 0 AND 365)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program DROP COLUMN prior_meeting_days`);
  }
}
