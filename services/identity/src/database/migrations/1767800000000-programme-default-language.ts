import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A programme's default language (issue 22): what the platform writes in to someone who has not chosen one yet
 * (an invited person, first of all). Every existing programme keeps English.
 */
export class ProgrammeDefaultLanguage1767800000000 implements MigrationInterface {
  name = 'ProgrammeDefaultLanguage1767800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE program ADD COLUMN default_language text NOT NULL DEFAULT 'en'
         CONSTRAINT program_default_language_known CHECK (default_language IN ('en', 'fr-CA'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program DROP COLUMN default_language`);
  }
}
