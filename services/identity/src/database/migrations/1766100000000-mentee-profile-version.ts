import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time of the last mentee snapshot published to matching (MenteeProfileChanged.changedAt): the profile's
 * version, which a search right after a save can wait for (read-your-writes across subgraphs).
 */
export class MenteeProfileVersion1766100000000 implements MigrationInterface {
  name = 'MenteeProfileVersion1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mentee_profile ADD COLUMN snapshot_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mentee_profile DROP COLUMN snapshot_at`);
  }
}
