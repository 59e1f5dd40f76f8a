import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coach thread (issue 19): a message belongs to one thread of its relationship. PARTNERS is the partners'
 * private thread (every message written before this migration); COACH is the thread that includes the coaches
 * of the relationship's organisation.
 */
export class CoachThread1767500000000 implements MigrationInterface {
  name = 'CoachThread1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE message ADD COLUMN thread text NOT NULL DEFAULT 'PARTNERS' CHECK (thread IN ('PARTNERS', 'COACH'))`,
    );
    await q.query(`DROP INDEX message_page`);
    await q.query(`CREATE INDEX message_page ON message (relationship_id, thread, sent_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM message WHERE thread = 'COACH'`);
    await q.query(`DROP INDEX message_page`);
    await q.query(`ALTER TABLE message DROP COLUMN thread`);
    await q.query(`CREATE INDEX message_page ON message (relationship_id, sent_at DESC, id DESC)`);
  }
}
