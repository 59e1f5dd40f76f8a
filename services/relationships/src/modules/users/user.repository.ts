import type { DataSource } from 'typeorm';

/** Reads the relationships figures kept per user. */
export class UserFiguresRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Mentoring relationships this person is or was in. */
  async relationshipCount(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ user_id: string; value: string | number }> = await this.dataSource.query(`SELECT u.id AS user_id, count(r.id) AS value FROM unnest($1::uuid[]) AS u(id) JOIN relationship r ON r.mentee_id = u.id OR r.mentor_id = u.id GROUP BY u.id`, [userIds]);
    return new Map(rows.map((r) => [r.user_id, Number(r.value)]));
  }
}
