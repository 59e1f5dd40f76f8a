import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training modules in more than one language (issue 22): the language staff wrote a module in, and a version of its
 * text (title, summary, content, link) per other language. A completion stays one per module and person, whatever
 * version they read; gates and audiences are the module's own.
 */
export class TrainingModuleLanguages1769900000000 implements MigrationInterface {
  name = 'TrainingModuleLanguages1769900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE training_module ADD COLUMN language text NOT NULL DEFAULT 'en'
      CONSTRAINT training_module_language CHECK (language IN ('en', 'fr-CA'))`);
    await q.query(`CREATE TABLE training_module_version (
      module_id uuid NOT NULL REFERENCES training_module(id) ON DELETE CASCADE,
      language text NOT NULL CHECK (language IN ('en', 'fr-CA')),
      title text NOT NULL,
      summary text NOT NULL,
      content text,
      link text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (module_id, language),
      CONSTRAINT training_module_version_text CHECK (content IS NOT NULL OR link IS NOT NULL)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE training_module_version`);
    await q.query(`ALTER TABLE training_module DROP COLUMN language`);
  }
}
