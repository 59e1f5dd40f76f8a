import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A programme's nudge cadence (issue 19): days without a logged meeting before the pair is nudged (default 21),
 * days a logged meeting may await confirmation before the other partner is reminded (default 3), a null day
 * count turning either off; and switches for the coach's check-in-due notice and the hours-reached notice.
 */
export class ProgrammeNudges1768400000000 implements MigrationInterface {
  name = 'ProgrammeNudges1768400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program
      ADD COLUMN nudge_no_meeting_days integer DEFAULT 21 CHECK (nudge_no_meeting_days BETWEEN 1 AND 365),
      ADD COLUMN nudge_awaiting_confirmation_days integer DEFAULT 3 CHECK (nudge_awaiting_confirmation_days BETWEEN 1 AND 365),
      ADD COLUMN nudge_check_in_due boolean NOT NULL DEFAULT true,
      ADD COLUMN nudge_hours_reached boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program DROP COLUMN nudge_no_meeting_days, DROP COLUMN nudge_awaiting_confirmation_days,
      DROP COLUMN nudge_check_in_due, DROP COLUMN nudge_hours_reached`);
  }
}
