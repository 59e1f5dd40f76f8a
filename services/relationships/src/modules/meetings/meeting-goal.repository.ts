import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';

/** A row of `meeting_goal`: a meeting worked on a goal of its relationship. */
export interface MeetingGoalRow {
  meetingId: string;
  goalId: string;
}

/** Reads and writes which goals each meeting worked on. */
export class MeetingGoalRepository {
  constructor(private readonly db: Database) {}

  /** The goals each meeting worked on. */
  async forMeetings(meetingIds: readonly string[], on: Queryable = this.db): Promise<MeetingGoalRow[]> {
    return on.query<MeetingGoalRow>(
      `SELECT meeting_id AS "meetingId", goal_id AS "goalId" FROM meeting_goal WHERE meeting_id = ANY($1::uuid[])`,
      [meetingIds],
    );
  }

  /** The meetings (not superseded by an amendment) that worked on each goal, in the log's order. */
  async forGoals(goalIds: readonly string[]): Promise<MeetingGoalRow[]> {
    return this.db.query<MeetingGoalRow>(
      `SELECT mg.meeting_id AS "meetingId", mg.goal_id AS "goalId" FROM meeting_goal mg
        JOIN meeting m ON m.id = mg.meeting_id
        WHERE mg.goal_id = ANY($1::uuid[]) AND m.status <> 'SUPERSEDED'
        ORDER BY m.starts_at, m.revision, m.id`,
      [goalIds],
    );
  }

  /** Of `goalIds`, those that are goals of the relationship. */
  async goalsOfRelationship(tx: Tx, relationshipId: string, goalIds: readonly string[]): Promise<string[]> {
    const rows = await tx.query<{ id: string }>(
      `SELECT id FROM goal WHERE relationship_id = $1 AND id = ANY($2::uuid[])`,
      [relationshipId, goalIds],
    );
    return rows.map((r) => r.id);
  }

  /** Replaces the goals a meeting worked on. */
  async replace(tx: Tx, meetingId: string, goalIds: readonly string[]): Promise<void> {
    await tx.execute(`DELETE FROM meeting_goal WHERE meeting_id = $1`, [meetingId]);
    if (goalIds.length)
      await tx.execute(
        `INSERT INTO meeting_goal (meeting_id, goal_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [meetingId, goalIds],
      );
  }
}
