import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1763800000000 implements MigrationInterface {
  name = 'CreateUsers1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "user" (
      id uuid PRIMARY KEY,
      email text NOT NULL,
      display_name text NOT NULL,
      roles text[] NOT NULL DEFAULT '{}',
      organization_id uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX user_email_unique ON "user" (lower(email))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "user"`);
  }
}
