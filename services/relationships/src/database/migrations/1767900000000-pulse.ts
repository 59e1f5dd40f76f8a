import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pulse check-ins (issue 19): a coach (or an admin) asks both partners a short question; each partner answers
 * once with a score 1–5 and an optional note. A pulse is open until both partners answered (`closed_at` set by
 * the second answer); at most one pulse per relationship is open.
 */
export class Pulse1767900000000 implements MigrationInterface {
  name = 'Pulse1767900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE pulse (
      id uuid PRIMARY KEY,
      relationship_id uuid NOT NULL REFERENCES relationship (id) ON DELETE CASCADE,
      question text NOT NULL,
      asked_by uuid NOT NULL,
      asked_at timestamptz NOT NULL,
      closed_at timestamptz
    )`);
    await q.query(`CREATE INDEX pulse_relationship ON pulse (relationship_id, asked_at DESC)`);
    await q.query(`CREATE UNIQUE INDEX pulse_one_open ON pulse (relationship_id) WHERE closed_at IS NULL`);
    await q.query(`CREATE TABLE pulse_answer (
      pulse_id uuid NOT NULL REFERENCES pulse (id) ON DELETE CASCADE,
      respondent_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('MENTEE', 'MENTOR')),
      score int NOT NULL CHECK (score BETWEEN 1 AND 5),
      note text,
      answered_at timestamptz NOT NULL,
      PRIMARY KEY (pulse_id, respondent_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pulse_answer`);
    await q.query(`DROP TABLE pulse`);
  }
}
