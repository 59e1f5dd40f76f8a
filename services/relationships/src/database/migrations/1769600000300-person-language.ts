import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a person saved on their account (identity's UserLanguageChanged, issue 20): their calendar feed's
 * titles and texts are written in it (English until known).
 */
export class PersonLanguage1769600000300 implements MigrationInterface {
  name = 'PersonLanguage1769600000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_profile ADD COLUMN language text, ADD COLUMN language_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_profile DROP COLUMN language, DROP COLUMN language_at`);
  }
}
