import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each relationship's latest transition (its day, and on one day start < end < continuation), so the latest
 * decides whether it takes a seat whatever order its events arrive in. And the people erased, kept as ids only: a profile snapshot that arrives after the erasure (a redelivery, a worker
 * that was behind) must not bring the person back into search and cohort matching.
 */
export class OrderedLoadAndErasedPeople1766100000000 implements MigrationInterface {
  name = 'OrderedLoadAndErasedPeople1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mentor_relationship ADD COLUMN changed_on date, ADD COLUMN changed_rank int`);
    await q.query(`CREATE TABLE erased_user (user_id uuid PRIMARY KEY, erased_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE erased_user`);
    await q.query(`ALTER TABLE mentor_relationship DROP COLUMN changed_on, DROP COLUMN changed_rank`);
  }
}
