import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A programme's longest creditable meeting (evidence rules, issue 17): 240 minutes unless the programme says otherwise. */
export class ProgrammeMaxMeetingMinutes1765610000000 implements MigrationInterface {
  name = 'ProgrammeMaxMeetingMinutes1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program ADD COLUMN max_meeting_minutes int NOT NULL DEFAULT 240`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program DROP COLUMN max_meeting_minutes`);
  }
}
