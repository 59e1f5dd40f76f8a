import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Statements count a person's pending meetings by participant. */
export class MeetingParticipantIndexes1763900000000 implements MigrationInterface {
  name = 'MeetingParticipantIndexes1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX meeting_mentor ON meeting (mentor_id, occurred_on)`);
    await q.query(`CREATE INDEX meeting_mentee ON meeting (mentee_id, occurred_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX meeting_mentee`);
    await q.query(`DROP INDEX meeting_mentor`);
  }
}
