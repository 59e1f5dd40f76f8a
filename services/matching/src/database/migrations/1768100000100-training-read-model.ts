import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentor training (issue 19): matching keeps each programme's required training modules (what they gate, for whom)
 * and who completed which, learnt from identity's TrainingRequirementsChanged and TrainingCompleted, to hide a
 * mentor until done (BEFORE_VISIBLE) and refuse the start of a relationship (BEFORE_START).
 */
export class TrainingReadModel1768100000100 implements MigrationInterface {
  name = 'TrainingReadModel1768100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE training_requirements (
      programme_id uuid PRIMARY KEY,
      changed_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE TABLE training_requirement (
      programme_id uuid NOT NULL,
      module_id uuid NOT NULL,
      title text NOT NULL,
      gate text NOT NULL,
      audience text NOT NULL,
      PRIMARY KEY (programme_id, module_id)
    )`);
    await q.query(`CREATE TABLE training_completed (
      user_id uuid NOT NULL,
      module_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      completed_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, module_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE training_completed`);
    await q.query(`DROP TABLE training_requirement`);
    await q.query(`DROP TABLE training_requirements`);
  }
}
