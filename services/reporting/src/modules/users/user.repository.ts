import type { DataSource } from 'typeorm';

/** Reads the reporting figures kept per user. */
export class UserFiguresRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** CPD hours recorded from meetings confirmed by both sides. */
  async cpdHours(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ user_id: string; value: string | number }> = await this.dataSource.query(`SELECT user_id, sum(hours) AS value FROM cpd_entry WHERE user_id = ANY($1::uuid[]) GROUP BY user_id`, [userIds]);
    return new Map(rows.map((r) => [r.user_id, Number(r.value)]));
  }
}
