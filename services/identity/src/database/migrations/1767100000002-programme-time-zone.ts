import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A programme's time zone (issue 20): the IANA zone its dates and sessions are stated in when no person's zone
 * applies. Existing programmes take America/Toronto (the platform's programmes run from Ontario); staff change it.
 */
export class ProgrammeTimeZone1767100000002 implements MigrationInterface {
  name = 'ProgrammeTimeZone1767100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program ADD COLUMN time_zone text NOT NULL DEFAULT 'America/Toronto'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program DROP COLUMN time_zone`);
  }
}
