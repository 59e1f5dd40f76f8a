import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRelationshipsSkeleton1763800000000 implements MigrationInterface {
  name = 'CreateRelationshipsSkeleton1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE relationship (id uuid PRIMARY KEY, mentee_id uuid NOT NULL, mentor_id uuid NOT NULL, status text NOT NULL, started_on date NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE relationship`);
  }
}
