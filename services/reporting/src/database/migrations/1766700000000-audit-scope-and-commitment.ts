import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audits for one body: a cycle is scoped to a programme or an organisation (both null: the whole platform, as
 * before), publishes the commitment sha256(seed) and keeps its population (the sorted ids with the stratum and the
 * risk the draw used), so anyone given them can recompute the selection. Earlier cycles get their commitment
 * computed from their seed; their population was not kept (empty).
 */
export class AuditScopeAndCommitment1766700000000 implements MigrationInterface {
  name = 'AuditScopeAndCommitment1766700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit ADD COLUMN programme_id uuid, ADD COLUMN organization_id uuid,
      ADD COLUMN seed_commitment text, ADD COLUMN population_recorded boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE audit SET seed_commitment = encode(sha256(convert_to(seed, 'UTF8')), 'hex')`);
    await q.query(`ALTER TABLE audit ALTER COLUMN seed_commitment SET NOT NULL`);
    await q.query(`CREATE TABLE audit_population (
      audit_id uuid NOT NULL REFERENCES audit(id),
      user_id uuid NOT NULL,
      programme_id uuid,
      risk_score numeric(10,3) NOT NULL,
      PRIMARY KEY (audit_id, user_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_population`);
    await q.query(`ALTER TABLE audit DROP COLUMN population_recorded, DROP COLUMN seed_commitment,
      DROP COLUMN organization_id, DROP COLUMN programme_id`);
  }
}
