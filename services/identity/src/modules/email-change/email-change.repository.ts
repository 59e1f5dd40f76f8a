import type { Database, Tx } from '@tandem/subgraph-kit';
import type { Language } from '../language/language';

/** An email change with the account it belongs to, as the account is now. */
export interface EmailChangeRow {
  id: string;
  userId: string;
  oldEmail: string;
  newEmail: string;
  confirmedAt: Date | null;
  accountEmail: string;
  displayName: string;
  phone: string | null;
  suspendedAt: Date | null;
}

export interface EmailChangeAccount {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  /** Whose app the links open: staff use the admin app, participants the web app. */
  roles: string[];
  /** The emails' language: the account's saved one, English when none was saved. */
  language: Language;
}

const WITH_ACCOUNT = `SELECT c.id, c.user_id AS "userId", c.old_email AS "oldEmail", c.new_email AS "newEmail",
  c.confirmed_at AS "confirmedAt", u.email AS "accountEmail", u.display_name AS "displayName", u.phone,
  u.suspended_at AS "suspendedAt"
  FROM email_change c JOIN "user" u ON u.id = c.user_id`;

/**
 * Changes of the sign-in email (identity.email_change) and the account columns they touch. Only the sha256 of
 * each token is stored; time is the database's; a token is looked up with its row locked, so it is used once.
 */
export class EmailChangeRepository {
  constructor(private readonly db: Database) {}

  async account(userId: string): Promise<EmailChangeAccount | null> {
    return this.db.one<EmailChangeAccount>(
      `SELECT id, email, display_name AS "displayName", password_hash AS "passwordHash", roles,
              coalesce(language, 'en') AS language
         FROM "user" WHERE id = $1`,
      [userId],
    );
  }

  /** Changes requested for this account within the last `seconds`. */
  async requestsWithin(tx: Tx, userId: string, seconds: number): Promise<number> {
    const row = await tx.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM email_change WHERE user_id = $1 AND created_at > now() - make_interval(secs => $2)`,
      [userId, seconds],
    );
    return row?.n ?? 0;
  }

  /** Locks the account row: requests of one account queue, so the hourly count holds under concurrency. */
  async lockAccount(tx: Tx, userId: string): Promise<void> {
    await tx.execute(`SELECT 1 FROM "user" WHERE id = $1 FOR UPDATE`, [userId]);
  }

  /** A newer request replaces the open ones. */
  async supersedeOpen(tx: Tx, userId: string): Promise<void> {
    await tx.execute(
      `UPDATE email_change SET superseded_at = now()
       WHERE user_id = $1 AND confirmed_at IS NULL AND cancelled_at IS NULL AND superseded_at IS NULL`,
      [userId],
    );
  }

  async insert(
    tx: Tx,
    row: {
      id: string;
      userId: string;
      oldEmail: string;
      newEmail: string;
      confirmTokenHash: string;
      cancelTokenHash: string;
      ttlHours: number;
      cancelTtlHours: number;
    },
  ): Promise<Date> {
    const inserted = await tx.one<{ expiresAt: Date }>(
      `INSERT INTO email_change (id, user_id, old_email, new_email, confirm_token_hash, cancel_token_hash, expires_at, cancel_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $7), now() + make_interval(hours => $8))
       RETURNING expires_at AS "expiresAt"`,
      [
        row.id,
        row.userId,
        row.oldEmail,
        row.newEmail,
        row.confirmTokenHash,
        row.cancelTokenHash,
        row.ttlHours,
        row.cancelTtlHours,
      ],
    );
    return new Date(inserted!.expiresAt);
  }

  /** The account's change still waiting for its confirmation (at most one: a newer request replaces the open ones). */
  async pending(userId: string): Promise<{ email: string; expiresAt: Date } | null> {
    return this.db.one<{ email: string; expiresAt: Date }>(
      `SELECT new_email AS email, expires_at AS "expiresAt" FROM email_change
       WHERE user_id = $1 AND confirmed_at IS NULL AND cancelled_at IS NULL AND superseded_at IS NULL
         AND expires_at > now()
       ORDER BY created_at DESC LIMIT 1`,
      [userId],
    );
  }

  /** The open, unexpired change with this confirm token, locked. */
  async openByConfirmToken(tx: Tx, tokenHash: string): Promise<EmailChangeRow | null> {
    return tx.one<EmailChangeRow>(
      `${WITH_ACCOUNT}
       WHERE c.confirm_token_hash = $1 AND c.confirmed_at IS NULL AND c.cancelled_at IS NULL AND c.superseded_at IS NULL
         AND c.expires_at > now()
       FOR UPDATE OF c, u`,
      [tokenHash],
    );
  }

  /** The change with this cancel token, confirmed or not, while it can still be disputed; locked. */
  async disputableByCancelToken(tx: Tx, tokenHash: string): Promise<EmailChangeRow | null> {
    return tx.one<EmailChangeRow>(
      `${WITH_ACCOUNT}
       WHERE c.cancel_token_hash = $1 AND c.cancelled_at IS NULL AND c.superseded_at IS NULL
         AND c.cancel_expires_at > now()
       FOR UPDATE OF c, u`,
      [tokenHash],
    );
  }

  async markConfirmed(tx: Tx, id: string): Promise<void> {
    await tx.execute(`UPDATE email_change SET confirmed_at = now() WHERE id = $1`, [id]);
  }

  async markCancelled(tx: Tx, id: string): Promise<void> {
    await tx.execute(`UPDATE email_change SET cancelled_at = now() WHERE id = $1`, [id]);
  }

  async emailTaken(tx: Tx, email: string, exceptId: string): Promise<boolean> {
    return (
      (await tx.one(`SELECT 1 FROM "user" WHERE lower(email) = lower($1) AND id <> $2`, [email, exceptId])) !== null
    );
  }

  async setEmail(tx: Tx, userId: string, email: string): Promise<void> {
    await tx.execute(`UPDATE "user" SET email = $2, updated_at = now() WHERE id = $1`, [userId, email]);
  }

  /** The sign-in attempts of an address the account no longer uses go with it (they are not the next owner's). */
  async forgetAddress(tx: Tx, email: string): Promise<void> {
    await tx.execute(`DELETE FROM login_attempt WHERE email = lower($1)`, [email]);
  }

  /** "This wasn't me": whoever asked knew the password, so it stops working (the owner resets it by email). */
  async clearPassword(tx: Tx, userId: string): Promise<void> {
    await tx.execute(`UPDATE "user" SET password_hash = NULL, updated_at = now() WHERE id = $1`, [userId]);
  }
}
