import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nudges (issue 19): the programme read model keeps identity's nudge cadence (null until a ProgrammeChanged carries
 * it: the defaults apply), and `nudge_sent` records each nudge occurrence the daily scan published, so a re-run
 * (or a second replica) sends nothing twice.
 */
export class Nudges1768400000100 implements MigrationInterface {
  name = 'Nudges1768400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programme ADD COLUMN nudges jsonb`);
    await q.query(`CREATE TABLE nudge_sent (
      relationship_id uuid NOT NULL REFERENCES relationship (id) ON DELETE CASCADE,
      nudge text NOT NULL CHECK (nudge IN ('NO_MEETING', 'MEETING_AWAITING_CONFIRMATION', 'CHECK_IN_DUE')),
      occurrence text NOT NULL,
      sent_at timestamptz NOT NULL,
      PRIMARY KEY (relationship_id, nudge, occurrence)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE nudge_sent`);
    await q.query(`ALTER TABLE programme DROP COLUMN nudges`);
  }
}
