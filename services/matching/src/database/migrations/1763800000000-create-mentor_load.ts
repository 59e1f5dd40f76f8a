import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMatchingSkeleton1763800000000 implements MigrationInterface {
  name = 'CreateMatchingSkeleton1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE mentor_load (user_id uuid PRIMARY KEY, active_mentees int NOT NULL DEFAULT 0 CHECK (active_mentees >= 0), capacity int NOT NULL DEFAULT 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mentor_load`);
  }
}
