import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity's relationship facts learn continuations (issue 19): the last completion, continuation and withdrawal
 * dates are kept, and the status is derived from them, so a completed relationship that goes on is active again
 * (its coaches see the pair's contact details) whatever order the three events arrive in. Existing ended rows are
 * dated by their last update, which keeps their status.
 */
export class RelationshipFactContinued1767800000001 implements MigrationInterface {
  name = 'RelationshipFactContinued1767800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE relationship_fact ADD COLUMN completed_on date, ADD COLUMN continued_on date, ADD COLUMN withdrawn_on date`,
    );
    await q.query(`UPDATE relationship_fact SET completed_on = updated_at::date WHERE status = 'COMPLETED'`);
    await q.query(`UPDATE relationship_fact SET withdrawn_on = updated_at::date WHERE status = 'WITHDRAWN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE relationship_fact DROP COLUMN completed_on, DROP COLUMN continued_on, DROP COLUMN withdrawn_on`,
    );
  }
}
