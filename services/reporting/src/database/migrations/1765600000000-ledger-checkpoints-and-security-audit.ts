import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of the CPD ledger's hash chains (`cpd_checkpoint` with its heads in `cpd_checkpoint_head`)
 * and the staff audit log (`security_audit_event`). All three are append-only: the service definition revokes
 * UPDATE, DELETE and TRUNCATE from the runtime role, and a trigger refuses them to anyone who has not first
 * disabled it (only the owner can).
 */
export class LedgerCheckpointsAndSecurityAudit1765600000000 implements MigrationInterface {
  name = 'LedgerCheckpointsAndSecurityAudit1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION append_only_table() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await q.query(`CREATE TABLE cpd_checkpoint (
      seq int PRIMARY KEY CHECK (seq > 0),
      created_at timestamptz NOT NULL,
      prev_digest text NOT NULL,
      digest text NOT NULL,
      buckets text[] NOT NULL,
      head_count int NOT NULL,
      key_id text NOT NULL,
      signature text NOT NULL
    )`);
    await q.query(`CREATE TABLE cpd_checkpoint_head (
      checkpoint_seq int NOT NULL REFERENCES cpd_checkpoint (seq),
      user_id uuid NOT NULL,
      seq int NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (checkpoint_seq, user_id)
    )`);
    await q.query(`CREATE INDEX cpd_checkpoint_head_user ON cpd_checkpoint_head (user_id, checkpoint_seq)`);
    // the checkpoint job looks for chains that moved since the previous checkpoint
    await q.query(`CREATE INDEX cpd_entry_recorded ON cpd_entry (recorded_at)`);

    await q.query(`CREATE TABLE security_audit_event (
      id uuid PRIMARY KEY,
      event_id uuid UNIQUE,
      kind text NOT NULL,
      actor_id uuid,
      subject_id uuid,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
    await q.query(`CREATE INDEX security_audit_event_time ON security_audit_event (occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX security_audit_event_actor ON security_audit_event (actor_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX security_audit_event_subject ON security_audit_event (subject_id, occurred_at DESC)`);

    for (const table of ['cpd_checkpoint', 'cpd_checkpoint_head', 'security_audit_event']) {
      await q.query(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION append_only_table()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION append_only_table()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE security_audit_event`);
    await q.query(`DROP INDEX cpd_entry_recorded`);
    await q.query(`DROP TABLE cpd_checkpoint_head`);
    await q.query(`DROP TABLE cpd_checkpoint`);
    await q.query(`DROP FUNCTION append_only_table()`);
  }
}
