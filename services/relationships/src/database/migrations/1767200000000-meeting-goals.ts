import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One line from goal to meeting (issue 20): a meeting's agenda and notes reference the goals of its relationship
 * it worked on. A link is per meeting revision; it goes with the meeting or the goal. Existing meetings start with
 * no goals referenced (nothing in the old log said which goal a meeting served, so nothing is guessed).
 */
export class MeetingGoals1767200000000 implements MigrationInterface {
  name = 'MeetingGoals1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE meeting_goal (
      meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
      goal_id uuid NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
      PRIMARY KEY (meeting_id, goal_id)
    )`);
    await q.query(`CREATE INDEX meeting_goal_goal ON meeting_goal (goal_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_goal`);
  }
}
