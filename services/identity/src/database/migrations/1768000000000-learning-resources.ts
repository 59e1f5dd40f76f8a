import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_LEARNING_RESOURCES } from '../../modules/learning/learning.defaults';

/**
 * Learning resources per programme (issue 19): guides, checklists, video links and templates tagged to the stage
 * of a relationship they help with, in a language. Every existing programme gets its own copy of the defaults
 * (which its staff may then edit or delete). relationship_fact learns the programme of each relationship (from
 * relationships' events; rows learnt before have none), so a programme's partners may read its resources.
 */
export class LearningResources1768000000000 implements MigrationInterface {
  name = 'LearningResources1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE learning_resource (
        id uuid PRIMARY KEY,
        program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('GUIDE', 'CHECKLIST', 'VIDEO', 'TEMPLATE')),
        body text,
        url text,
        language text NOT NULL CHECK (language IN ('en', 'fr-CA')),
        stage text NOT NULL CHECK (stage IN ('PREPARING_FIRST_MEETING', 'WRITING_AGREEMENT', 'ACTION_PLAN', 'MID_WAY', 'COMPLETING')),
        position int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (body IS NOT NULL OR url IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX learning_resource_programme ON learning_resource (program_id, stage, position)`);
    await q.query(`ALTER TABLE relationship_fact ADD COLUMN programme_id uuid`);
    await q.query(`CREATE INDEX relationship_fact_programme ON relationship_fact (programme_id)`);
    const positions = new Map<string, number>();
    for (const r of DEFAULT_LEARNING_RESOURCES) {
      const position = (positions.get(r.stage) ?? 0) + 1;
      positions.set(r.stage, position);
      await q.query(
        `INSERT INTO learning_resource (id, program_id, title, kind, body, url, language, stage, position)
         SELECT gen_random_uuid(), p.id, $1, $2, $3, NULL, $4, $5, $6 FROM program p`,
        [r.title, r.kind, r.body, r.language, r.stage, position],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX relationship_fact_programme`);
    await q.query(`ALTER TABLE relationship_fact DROP COLUMN programme_id`);
    await q.query(`DROP TABLE learning_resource`);
  }
}
