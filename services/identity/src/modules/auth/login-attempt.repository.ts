import type { Database } from '@tandem/subgraph-kit';

/** Sign-in attempts (identity.login_attempt), counted for throttling. Time is the database's. */
export class LoginAttemptRepository {
  constructor(private readonly db: Database) {}

  async record(email: string, clientIp: string | null, succeeded: boolean): Promise<void> {
    await this.db.execute(`INSERT INTO login_attempt (email, client_ip, succeeded) VALUES ($1, $2, $3)`, [
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
    const rows = await this.db.query<{ at: Date }>(
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
    const rows = await this.db.query<{ at: Date }>(
      `SELECT attempted_at AS at FROM login_attempt
       WHERE client_ip = $1 AND NOT succeeded AND attempted_at > now() - make_interval(secs => $2)
       ORDER BY attempted_at DESC LIMIT $3`,
      [clientIp, windowSeconds, limit],
    );
    return rows.map((r) => new Date(r.at));
  }

  /** Drops attempts older than a day (they decide nothing any more). */
  async prune(): Promise<void> {
    await this.db.execute(`DELETE FROM login_attempt WHERE attempted_at < now() - interval '1 day'`);
  }

  async now(): Promise<Date> {
    const row = await this.db.one<{ now: Date }>(`SELECT now() AS now`);
    return new Date(row!.now);
  }
}
