import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orientation enforced (issue 19): matching keeps whether a programme requires orientation (of mentors, and of
 * mentees when it says so) and who attended, learnt from identity's ProgrammeChanged and OrientationAttended.
 */
export class OrientationReadModel1766000100000 implements MigrationInterface {
  name = 'OrientationReadModel1766000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programme ADD COLUMN require_orientation boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE programme ADD COLUMN require_mentee_orientation boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE orientation_attended (
      user_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      attended_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, programme_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE orientation_attended`);
    await q.query(`ALTER TABLE programme DROP COLUMN require_mentee_orientation`);
    await q.query(`ALTER TABLE programme DROP COLUMN require_orientation`);
  }
}
