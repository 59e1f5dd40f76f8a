import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How often a programme's coaches check in with each pair (issue 19): the days after the start or the latest
 * check-in at which a check-in falls due, 30 by default (the caseload's rule until now).
 */
export class ProgrammeCheckInInterval1769700000000 implements MigrationInterface {
  name = 'ProgrammeCheckInInterval1769700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program ADD COLUMN nudge_check_in_every_days integer NOT NULL DEFAULT 30
      CHECK (nudge_check_in_every_days BETWEEN 1 AND 365)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program DROP COLUMN nudge_check_in_every_days`);
  }
}
