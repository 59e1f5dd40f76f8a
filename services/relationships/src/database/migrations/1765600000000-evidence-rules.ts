import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence that cannot be inflated (issue 17). A meeting keeps the time zone it was logged in and the instants it
 * started and ended (from its local date and time in that zone), so meetings of one person across relationships
 * and zones can be compared; a meeting selected for audit is locked; the programme read model carries the longest
 * meeting it credits; and a read model of identity's profiles gives each person's time zone and a mentor's capacity.
 * Meetings logged before this migration were local times without a zone: they are taken as UTC.
 */
export class EvidenceRules1765600000000 implements MigrationInterface {
  name = 'EvidenceRules1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC',
      ADD COLUMN starts_at timestamptz, ADD COLUMN ends_at timestamptz,
      ADD COLUMN audit_locked_at timestamptz, ADD COLUMN audit_id uuid`);
    await q.query(`UPDATE meeting SET starts_at = (occurred_on + start_time) AT TIME ZONE 'UTC',
      ends_at = (occurred_on + start_time + make_interval(mins => duration_minutes)) AT TIME ZONE 'UTC'`);
    await q.query(`ALTER TABLE meeting ALTER COLUMN starts_at SET NOT NULL, ALTER COLUMN ends_at SET NOT NULL,
      ALTER COLUMN time_zone DROP DEFAULT, ADD CONSTRAINT meeting_ends_after_start CHECK (ends_at > starts_at)`);
    await q.query(
      `CREATE INDEX meeting_live_time ON meeting (relationship_id, starts_at) WHERE status IN ('AWAITING_CONFIRMATION', 'CONFIRMED')`,
    );
    // the audits that locked meetings, and their outcomes once recorded (reporting's AuditVerificationRequested, AuditOutcomeRecorded)
    await q.query(`CREATE TABLE audit_selection (
      selection_id uuid PRIMARY KEY,
      audit_id uuid NOT NULL,
      meeting_ids uuid[] NOT NULL DEFAULT '{}',
      locked_at timestamptz,
      outcome text,
      outcome_recorded_at timestamptz
    )`);
    await q.query(`ALTER TABLE programme ADD COLUMN max_meeting_minutes int`);
    await q.query(`CREATE TABLE person_profile (
      user_id uuid PRIMARY KEY,
      time_zone text,
      time_zone_changed_at timestamptz,
      mentor_capacity int,
      mentor_changed_at timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_profile`);
    await q.query(`ALTER TABLE programme DROP COLUMN max_meeting_minutes`);
    await q.query(`DROP TABLE audit_selection`);
    await q.query(`DROP INDEX meeting_live_time`);
    await q.query(`ALTER TABLE meeting DROP CONSTRAINT meeting_ends_after_start, DROP COLUMN time_zone, DROP COLUMN starts_at,
      DROP COLUMN ends_at, DROP COLUMN audit_locked_at, DROP COLUMN audit_id`);
  }
}
