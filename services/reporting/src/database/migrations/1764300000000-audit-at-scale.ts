import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opening an audit cycle over a large platform: the population is read by period (index-only), disputed
 * meetings and reversals are rare (partial indexes), instead of scanning the whole ledger and meeting log.
 */
export class AuditAtScale1764300000000 implements MigrationInterface {
  name = 'AuditAtScale1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX cpd_entry_period ON cpd_entry (occurred_on) INCLUDE (user_id, programme_id, hours) WHERE seq IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX cpd_entry_reverses ON cpd_entry (reverses_entry_id) WHERE reverses_entry_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX meeting_disputed ON meeting (occurred_on) WHERE status = 'DISPUTED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX meeting_disputed`);
    await q.query(`DROP INDEX cpd_entry_reverses`);
    await q.query(`DROP INDEX cpd_entry_period`);
  }
}
