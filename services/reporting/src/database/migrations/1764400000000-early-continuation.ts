import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A continuation applied before the completion it follows is kept until that completion arrives. */
export class EarlyContinuation1764400000000 implements MigrationInterface {
  name = 'EarlyContinuation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE relationship ADD COLUMN continued_early_on date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE relationship DROP COLUMN continued_early_on`);
  }
}
