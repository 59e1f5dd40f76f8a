import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A cohort run covers one organisation's mentees (a coach's run) or the whole cohort (NULL: an admin's). */
export class CohortRunScope1764200000000 implements MigrationInterface {
  name = 'CohortRunScope1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cohort_match_run ADD COLUMN organization_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cohort_match_run DROP COLUMN organization_id`);
  }
}
