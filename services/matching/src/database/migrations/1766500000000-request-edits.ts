import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A pending request's message can be edited by its mentee; each earlier wording is kept for the mentor to see. */
export class RequestEdits1766500000000 implements MigrationInterface {
  name = 'RequestEdits1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mentoring_request_edit (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES mentoring_request (id) ON DELETE CASCADE,
        previous_message text NOT NULL,
        edited_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX mentoring_request_edit_request ON mentoring_request_edit (request_id, edited_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mentoring_request_edit`);
  }
}
