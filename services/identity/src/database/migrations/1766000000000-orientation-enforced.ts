import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orientation enforced (issue 19): a programme may require mentees to attend too, a session has a time zone, and
 * identity learns from matching's MatchProposed which coach proposed whom (that coach may record their attendance).
 */
export class OrientationEnforced1766000000000 implements MigrationInterface {
  name = 'OrientationEnforced1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program ADD COLUMN require_mentee_orientation boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE orientation_session ADD COLUMN time_zone text`);
    await q.query(`CREATE TABLE proposal_fact (
      proposal_id uuid PRIMARY KEY,
      coach_id uuid NOT NULL,
      mentor_id uuid NOT NULL,
      mentee_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX proposal_fact_coach ON proposal_fact (coach_id, programme_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE proposal_fact`);
    await q.query(`ALTER TABLE orientation_session DROP COLUMN time_zone`);
    await q.query(`ALTER TABLE program DROP COLUMN require_mentee_orientation`);
  }
}
