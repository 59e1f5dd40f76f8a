import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models that converge whatever the order and however often events arrive: a relationship's lifecycle is the
 * set of its dated transitions (its status derived from them), a person's industry and mentor status keep the time
 * of the snapshot they came from, and a mentor approval remembers where it was counted so it can move when an
 * enrolment arrives after it.
 */
export class OrderIndependentReadModels1766100000000 implements MigrationInterface {
  name = 'OrderIndependentReadModels1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE relationship_transition (
      relationship_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('STARTED', 'COMPLETED', 'WITHDRAWN', 'CONTINUED')),
      on_day date NOT NULL,
      confirmed_hours numeric(8,2),
      confirmed_meetings int,
      met_terms boolean,
      PRIMARY KEY (relationship_id, kind, on_day)
    )`);
    // what the rows say today, as transitions (a continuation already applied left no trace but the status)
    await q.query(`INSERT INTO relationship_transition (relationship_id, kind, on_day)
      SELECT id, 'STARTED', started_on FROM relationship WHERE started_on IS NOT NULL`);
    await q.query(`INSERT INTO relationship_transition (relationship_id, kind, on_day, confirmed_hours, confirmed_meetings, met_terms)
      SELECT id, status, ended_on, confirmed_hours, confirmed_meetings, met_terms FROM relationship
      WHERE ended_on IS NOT NULL AND status IN ('COMPLETED', 'WITHDRAWN')`);
    await q.query(`ALTER TABLE relationship DROP COLUMN continued_early_on`);

    await q.query(
      `ALTER TABLE person ADD COLUMN industry_changed_at timestamptz, ADD COLUMN mentor_changed_at timestamptz`,
    );

    await q.query(`ALTER TABLE mentor_review ADD COLUMN first_approved_at timestamptz`);
    await q.query(`UPDATE mentor_review SET first_approved_at = reviewed_at WHERE decision = 'APPROVED'`);
    // where each approval was counted: a programme, or outside any (the nil uuid), with the scope it was counted in
    await q.query(`CREATE TABLE mentor_approval_count (
      user_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      day date NOT NULL,
      organization_id uuid NOT NULL,
      cohort_id uuid NOT NULL,
      industry_code text NOT NULL,
      PRIMARY KEY (user_id, programme_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mentor_approval_count`);
    await q.query(`ALTER TABLE mentor_review DROP COLUMN first_approved_at`);
    await q.query(`ALTER TABLE person DROP COLUMN industry_changed_at, DROP COLUMN mentor_changed_at`);
    await q.query(`ALTER TABLE relationship ADD COLUMN continued_early_on date`);
    await q.query(`DROP TABLE relationship_transition`);
  }
}
