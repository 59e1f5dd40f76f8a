import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../../database/sql';

export interface RefreshTokenRow {
  id: string;
  familyId: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** Refresh tokens (hashed, in rotating families) and login attempts (for throttling), in Postgres so every replica agrees. */
export class AuthRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertRefreshToken(
    manager: EntityManager,
    row: { id: string; familyId: string; userId: string; tokenHash: string; expiresAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO refresh_token (id, family_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [row.id, row.familyId, row.userId, row.tokenHash, row.expiresAt],
    );
  }

  async findRefreshToken(manager: EntityManager, tokenHash: string): Promise<RefreshTokenRow | null> {
    const [row] = await manager.query(
      `SELECT id, family_id AS "familyId", user_id AS "userId", expires_at AS "expiresAt", used_at AS "usedAt", revoked_at AS "revokedAt"
       FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    return row ?? null;
  }

  /** Marks a token used; false if another request used it first. */
  async markUsed(manager: EntityManager, id: string): Promise<boolean> {
    const rows = returnedRows(
      await manager.query(
        `UPDATE refresh_token SET used_at = now() WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id`,
        [id],
      ),
    );
    return rows.length === 1;
  }

  async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
      familyId,
    ]);
  }

  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
    ]);
  }

  async recordAttempt(email: string, clientIp: string | null, succeeded: boolean): Promise<void> {
    await this.dataSource.query(`INSERT INTO login_attempt (email, client_ip, succeeded) VALUES ($1, $2, $3)`, [
      email,
      clientIp,
      succeeded,
    ]);
  }

  /**
   * Failures for this account inside the window, since its last successful login or password reset (newest
   * first, at most `limit`): a person who proved they own the address by resetting is not kept locked out.
   */
  async accountFailures(email: string, windowSeconds: number, limit: number): Promise<Date[]> {
    const rows: Array<{ at: Date }> = await this.dataSource.query(
      `SELECT attempted_at AS at FROM login_attempt
       WHERE email = $1 AND NOT succeeded AND attempted_at > now() - make_interval(secs => $2)
         AND attempted_at > greatest(
           (SELECT max(attempted_at) FROM login_attempt WHERE email = $1 AND succeeded),
           (SELECT max(r.used_at) FROM password_reset_token r JOIN "user" u ON u.id = r.user_id WHERE lower(u.email) = $1),
           '-infinity')
       ORDER BY attempted_at DESC LIMIT $3`,
      [email, windowSeconds, limit],
    );
    return rows.map((r) => new Date(r.at));
  }

  /** Failures from this address inside the window (newest first, at most `limit`). */
  async addressFailures(clientIp: string, windowSeconds: number, limit: number): Promise<Date[]> {
    const rows: Array<{ at: Date }> = await this.dataSource.query(
      `SELECT attempted_at AS at FROM login_attempt
       WHERE client_ip = $1 AND NOT succeeded AND attempted_at > now() - make_interval(secs => $2)
       ORDER BY attempted_at DESC LIMIT $3`,
      [clientIp, windowSeconds, limit],
    );
    return rows.map((r) => new Date(r.at));
  }

  /** Drops login attempts older than a day and refresh tokens expired a week ago (they decide nothing any more). */
  async prune(): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_attempt WHERE attempted_at < now() - interval '1 day'`);
    await this.dataSource.query(`DELETE FROM refresh_token WHERE expires_at < now() - interval '7 days'`);
  }

  async now(): Promise<Date> {
    const [row] = await this.dataSource.query(`SELECT now() AS now`);
    return new Date(row.now);
  }
}
