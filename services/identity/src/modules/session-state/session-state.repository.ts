import type { Role } from '@tandem/contracts';
import type { Database, Tx } from '@tandem/subgraph-kit';

/** An account's session state as the gateway needs it (identity.user). */
export interface SessionStateRow {
  id: string;
  email: string;
  roles: Role[];
  organizationId: string | null;
  sessionVersion: number;
  suspendedAt: Date | null;
}

/**
 * Session versions and what ends a session (identity.user.session_version and suspended_at, refresh tokens,
 * open email changes and password reset links). Writes take the transaction of the change that ends the sessions.
 */
export class SessionStateRepository {
  constructor(private readonly db: Database) {}

  async state(userId: string, tx?: Tx): Promise<SessionStateRow | null> {
    return (tx ?? this.db).one<SessionStateRow>(
      `SELECT id, email, roles, organization_id AS "organizationId", session_version AS "sessionVersion",
              suspended_at AS "suspendedAt"
       FROM "user" WHERE id = $1`,
      [userId],
    );
  }

  /** Every token issued before this statement carries an older version from now on. */
  async bump(tx: Tx, userId: string): Promise<void> {
    await tx.execute(`UPDATE "user" SET session_version = session_version + 1 WHERE id = $1`, [userId]);
  }

  async revokeRefreshTokens(tx: Tx, userId: string): Promise<void> {
    await tx.execute(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** Links sent before the sessions ended stop working: open email changes and password reset links. */
  async supersedeOpenLinks(tx: Tx, userId: string): Promise<void> {
    await tx.execute(
      `UPDATE email_change SET superseded_at = now()
       WHERE user_id = $1 AND confirmed_at IS NULL AND cancelled_at IS NULL AND superseded_at IS NULL`,
      [userId],
    );
    await tx.execute(
      `UPDATE password_reset_token SET superseded_at = now() WHERE user_id = $1 AND used_at IS NULL AND superseded_at IS NULL`,
      [userId],
    );
  }

  /** Erasure: the email changes name addresses, so they go with the rest of the person's data. */
  async forgetEmailChanges(tx: Tx, userId: string): Promise<void> {
    await tx.execute(`DELETE FROM email_change WHERE user_id = $1`, [userId]);
  }

  /** Sets or clears the suspension; the row as it is now, or null for an unknown id. */
  async setSuspended(tx: Tx, userId: string, suspended: boolean): Promise<{ id: string } | null> {
    return tx.one<{ id: string }>(
      `UPDATE "user" SET suspended_at = CASE WHEN $2 THEN coalesce(suspended_at, now()) END, updated_at = now()
       WHERE id = $1 RETURNING id`,
      [userId, suspended],
    );
  }
}
