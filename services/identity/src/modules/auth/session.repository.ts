import type { Database, Tx } from '@tandem/subgraph-kit';

/** A refresh token as rotation reads it (never its hash). */
export interface RefreshTokenRow {
  id: string;
  familyId: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** Refresh tokens (hashed, in rotating families: a family is one sign-in), in Postgres so every replica agrees. */
export class SessionRepository {
  constructor(private readonly db: Database) {}

  async insertRefreshToken(
    tx: Tx,
    row: { id: string; familyId: string; userId: string; tokenHash: string; expiresAt: Date },
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO refresh_token (id, family_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [row.id, row.familyId, row.userId, row.tokenHash, row.expiresAt],
    );
  }

  /** The token with this hash, locked for the rest of the transaction. */
  findRefreshToken(tx: Tx, tokenHash: string): Promise<RefreshTokenRow | null> {
    return tx.one<RefreshTokenRow>(
      `SELECT id, family_id AS "familyId", user_id AS "userId", expires_at AS "expiresAt", used_at AS "usedAt", revoked_at AS "revokedAt"
       FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
  }

  /** Marks a token used; false if another request used it first. */
  async markUsed(tx: Tx, id: string): Promise<boolean> {
    const updated = await tx.execute(
      `UPDATE refresh_token SET used_at = now() WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
      [id],
    );
    return updated === 1;
  }

  async revokeFamily(tx: Tx, familyId: string): Promise<void> {
    await tx.execute(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
      familyId,
    ]);
  }

  /** Drops refresh tokens expired a week ago (they decide nothing any more). */
  async prune(): Promise<void> {
    await this.db.execute(`DELETE FROM refresh_token WHERE expires_at < now() - interval '7 days'`);
  }
}
