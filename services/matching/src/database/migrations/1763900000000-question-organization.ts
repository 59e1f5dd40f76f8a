import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Questions carry the mentee's organisation, so its coaches can see them. */
export class QuestionOrganization1763900000000 implements MigrationInterface {
  name = 'QuestionOrganization1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mentor_question ADD COLUMN organization_id uuid`);
    await q.query(`CREATE INDEX mentor_question_org ON mentor_question (organization_id, asked_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mentor_question DROP COLUMN organization_id`);
  }
}
