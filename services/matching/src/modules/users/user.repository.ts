import type { DataSource } from 'typeorm';

/** Reads the matching figures kept per user. */
export class UserFiguresRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Mentees this person currently mentors. */
  async activeMentees(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ user_id: string; value: string | number }> = await this.dataSource.query(
      `SELECT user_id, active_mentees AS value FROM mentor_load WHERE user_id = ANY($1::uuid[])`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.user_id, Number(r.value)]));
  }
}
