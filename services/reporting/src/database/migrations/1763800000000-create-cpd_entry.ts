import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReportingSkeleton1763800000000 implements MigrationInterface {
  name = 'CreateReportingSkeleton1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cpd_entry (id uuid PRIMARY KEY, user_id uuid NOT NULL, hours numeric(6,2) NOT NULL, occurred_on date NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cpd_entry`);
  }
}
