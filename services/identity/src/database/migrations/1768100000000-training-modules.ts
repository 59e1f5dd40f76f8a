import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentor training (issue 19): a programme's training modules (content and/or a link, whether and what they gate,
 * for whom), who completed which (and who recorded it), and the training needs a mentor writes for staff.
 */
export class TrainingModules1768100000000 implements MigrationInterface {
  name = 'TrainingModules1768100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE training_module (
      id uuid PRIMARY KEY,
      program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
      title text NOT NULL,
      summary text NOT NULL,
      content text,
      link text,
      estimated_minutes int,
      required boolean NOT NULL DEFAULT false,
      gate text CHECK (gate IN ('BEFORE_VISIBLE', 'BEFORE_START')),
      audience text NOT NULL CHECK (audience IN ('MENTOR', 'MENTEE', 'BOTH')),
      retired_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT training_module_required_gate CHECK (required = (gate IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX training_module_program ON training_module (program_id, created_at)`);
    await q.query(`CREATE TABLE training_completion (
      module_id uuid NOT NULL REFERENCES training_module(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      completed_at timestamptz NOT NULL DEFAULT now(),
      recorded_by uuid NOT NULL,
      confirmation text,
      PRIMARY KEY (module_id, user_id)
    )`);
    await q.query(`CREATE INDEX training_completion_user ON training_completion (user_id)`);
    await q.query(`CREATE TABLE mentor_training_needs (
      user_id uuid PRIMARY KEY REFERENCES "user"(id) ON DELETE CASCADE,
      needs text,
      tags text[] NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mentor_training_needs`);
    await q.query(`DROP TABLE training_completion`);
    await q.query(`DROP TABLE training_module`);
  }
}
