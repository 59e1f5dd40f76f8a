import type { Database, Tx } from '@tandem/subgraph-kit';

/** Reads and writes the time zone saved on an account (identity.user.time_zone). */
export class TimeZoneRepository {
  constructor(private readonly db: Database) {}

  /** The IANA zone the person saved, or null when they never chose one. */
  async saved(userId: string, tx?: Tx): Promise<string | null> {
    const row = await (tx ?? this.db).one<{ timeZone: string | null }>(
      `SELECT time_zone AS "timeZone" FROM "user" WHERE id = $1`,
      [userId],
    );
    return row?.timeZone ?? null;
  }

  async set(tx: Tx, userId: string, timeZone: string): Promise<boolean> {
    return (
      (await tx.execute(`UPDATE "user" SET time_zone = $2, updated_at = now() WHERE id = $1`, [userId, timeZone])) > 0
    );
  }
}
