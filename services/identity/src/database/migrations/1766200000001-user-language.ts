import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `user.language`: the language the person chose in the app ('en' or 'fr-CA'); what the platform writes to them
 * (notifications, in the app and by email) follows it. Null until a choice reaches it (English meanwhile): the
 * app then saves the language it shows.
 */
export class UserLanguage1766200000001 implements MigrationInterface {
  name = 'UserLanguage1766200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "user" ADD COLUMN language text CONSTRAINT user_language_known CHECK (language IN ('en', 'fr-CA'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "user" DROP COLUMN language`);
  }
}
