import { uuids, type Database } from '@tandem/subgraph-kit';

export interface ActiveMenteesRow {
  userId: string;
  activeMentees: number;
}

/** Reads the matching figures kept per user. */
export class UserFiguresRepository {
  constructor(private readonly db: Database) {}

  /** Mentees these people currently mentor (people who mentor nobody have no row). */
  async activeMentees(userIds: readonly string[]): Promise<ActiveMenteesRow[]> {
    return this.db.query<ActiveMenteesRow>(
      `SELECT user_id AS "userId", active_mentees::int AS "activeMentees" FROM mentor_load WHERE user_id = ANY($1::uuid[])`,
      [uuids(userIds)],
    );
  }
}
