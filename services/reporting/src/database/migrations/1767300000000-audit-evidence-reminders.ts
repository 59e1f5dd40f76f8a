import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders before an audit's deadline: one row per selection and lead (days before the deadline) once the
 * reminder is published, so the scheduled job sends each lead at most once however often it runs.
 */
export class AuditEvidenceReminders1767300000000 implements MigrationInterface {
  name = 'AuditEvidenceReminders1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_reminder (
      selection_id uuid NOT NULL REFERENCES audit_selection(id),
      lead_days int NOT NULL CHECK (lead_days > 0),
      sent_at timestamptz NOT NULL,
      PRIMARY KEY (selection_id, lead_days)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_reminder`);
  }
}
