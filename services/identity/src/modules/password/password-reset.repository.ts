import type { Database, Tx } from '@tandem/subgraph-kit';

/**
 * A usable reset link with the account it resets, as the reset reads it (identity.password_reset_token keeps only
 * the sha256 of the token in the link).
 */
export interface UsableReset {
  id: string;
  userId: string;
  email: string;
  displayName: string;
}

/** Password reset links (identity.password_reset_token): issued, counted per account, used once. Time is the database's. */
export class PasswordResetRepository {
  constructor(private readonly db: Database) {}

  /** Requests recorded for this account within the last `seconds` (refused ones are not recorded). */
  async requestsWithin(tx: Tx, userId: string, seconds: number): Promise<number> {
    const row = await tx.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM password_reset_token WHERE user_id = $1 AND created_at > now() - make_interval(secs => $2)`,
      [userId, seconds],
    );
    return row!.n;
  }

  /** Makes every link of this account that could still be used useless. */
  async supersedeOpen(tx: Tx, userId: string): Promise<void> {
    await tx.execute(
      `UPDATE password_reset_token SET superseded_at = now() WHERE user_id = $1 AND used_at IS NULL AND superseded_at IS NULL`,
      [userId],
    );
  }

  async insert(tx: Tx, row: { id: string; userId: string; tokenHash: string; ttlMinutes: number }): Promise<void> {
    await tx.execute(
      `INSERT INTO password_reset_token (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
      [row.id, row.userId, row.tokenHash, row.ttlMinutes],
    );
  }

  /**
   * The link with this token hash if it can still be used (not used, not superseded, not expired), with its
   * account. In a transaction the row is locked: a concurrent use of the same link waits, then finds it used.
   */
  findUsable(tokenHash: string, tx?: Tx): Promise<UsableReset | null> {
    return (tx ?? this.db).one<UsableReset>(
      `SELECT r.id, r.user_id AS "userId", u.email, u.display_name AS "displayName"
       FROM password_reset_token r JOIN "user" u ON u.id = r.user_id
       WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.superseded_at IS NULL AND r.expires_at > now()
       ${tx ? 'FOR UPDATE OF r' : ''}`,
      [tokenHash],
    );
  }

  async markUsed(tx: Tx, id: string): Promise<void> {
    await tx.execute(`UPDATE password_reset_token SET used_at = now() WHERE id = $1`, [id]);
  }

  /** Drops links created more than a week ago (they decide nothing any more: the hourly count and expiry are long past). */
  async prune(): Promise<void> {
    await this.db.execute(`DELETE FROM password_reset_token WHERE created_at < now() - interval '7 days'`);
  }
}
