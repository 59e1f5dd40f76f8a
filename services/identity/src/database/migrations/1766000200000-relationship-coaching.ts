import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coach and the pair (issue 19): identity keeps each relationship's organisation and proposing coach (from
 * relationships' events), so the coaches of an active relationship's organisation and its two partners may see
 * each other's contact details, and the pair may see who their coach is.
 */
export class RelationshipCoaching1766000200000 implements MigrationInterface {
  name = 'RelationshipCoaching1766000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE relationship_fact ADD COLUMN organization_id uuid, ADD COLUMN coach_id uuid`);
    await q.query(`CREATE INDEX relationship_fact_organization ON relationship_fact (organization_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX relationship_fact_organization`);
    await q.query(`ALTER TABLE relationship_fact DROP COLUMN coach_id, DROP COLUMN organization_id`);
  }
}
