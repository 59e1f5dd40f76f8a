import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language each person saved on their account (identity's UserLanguageChanged), with the time of the change so
 * an older event arriving late changes nothing: tracking sheets and confirmation letters are written in it when the
 * request names none.
 */
export class PersonLanguage1769500000000 implements MigrationInterface {
  name = 'PersonLanguage1769500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person ADD COLUMN language text, ADD COLUMN language_changed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person DROP COLUMN language, DROP COLUMN language_changed_at`);
  }
}
