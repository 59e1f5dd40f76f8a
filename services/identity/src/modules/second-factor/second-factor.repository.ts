import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';

/** A row of identity.second_factor. */
export interface SecondFactorRow {
  userId: string;
  secretEncrypted: string;
  createdAt: Date;
  /** Null while the enrolment waits for its first code. */
  confirmedAt: Date | null;
  lastTimeStep: number | null;
}

/** A row of identity.second_factor_challenge. */
export interface ChallengeRow {
  id: string;
  userId: string;
  purpose: ChallengePurpose;
  expiresAt: Date;
  usedAt: Date | null;
}

export type ChallengePurpose = 'SIGN_IN' | 'ENROL';

const FACTOR = `SELECT user_id AS "userId", secret_encrypted AS "secretEncrypted", created_at AS "createdAt",
  confirmed_at AS "confirmedAt", last_time_step::float8 AS "lastTimeStep" FROM second_factor`;

/** TOTP factors, recovery codes and sign-in challenges (identity.second_factor, recovery_code, second_factor_challenge). */
export class SecondFactorRepository {
  constructor(private readonly db: Database) {}

  factor(userId: string, on: Queryable = this.db): Promise<SecondFactorRow | null> {
    return on.one<SecondFactorRow>(`${FACTOR} WHERE user_id = $1`, [userId]);
  }

  /** The factor, locked for this transaction (a code is checked and its step recorded under the lock). */
  factorForUpdate(tx: Tx, userId: string): Promise<SecondFactorRow | null> {
    return tx.one<SecondFactorRow>(`${FACTOR} WHERE user_id = $1 FOR UPDATE`, [userId]);
  }

  /** Starts (or restarts) an enrolment that is not confirmed yet; a confirmed factor is left alone. */
  async startEnrolment(tx: Tx, userId: string, secretEncrypted: string): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO second_factor (user_id, secret_encrypted) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_encrypted = EXCLUDED.secret_encrypted, created_at = now(), last_time_step = NULL
         WHERE second_factor.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, secretEncrypted],
    );
    return rows.length === 1;
  }

  async confirm(tx: Tx, userId: string, timeStep: number): Promise<void> {
    await tx.execute(`UPDATE second_factor SET confirmed_at = now(), last_time_step = $2 WHERE user_id = $1`, [
      userId,
      timeStep,
    ]);
  }

  /** Records the step of an accepted code; false when a concurrent sign-in used this step or a later one. */
  async useTimeStep(tx: Tx, userId: string, timeStep: number): Promise<boolean> {
    const n = await tx.execute(
      `UPDATE second_factor SET last_time_step = $2 WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2)`,
      [userId, timeStep],
    );
    return n === 1;
  }

  /** Removes the factor and its recovery codes; true when there was one. */
  async remove(tx: Tx, userId: string): Promise<boolean> {
    await tx.execute(`DELETE FROM recovery_code WHERE user_id = $1`, [userId]);
    return (await tx.execute(`DELETE FROM second_factor WHERE user_id = $1`, [userId])) === 1;
  }

  /** Replaces every recovery code of the person. */
  async replaceRecoveryCodes(tx: Tx, userId: string, hashes: string[]): Promise<void> {
    await tx.execute(`DELETE FROM recovery_code WHERE user_id = $1`, [userId]);
    await tx.execute(
      `INSERT INTO recovery_code (user_id, code_hash) SELECT $1, h FROM unnest($2::text[]) AS h ON CONFLICT DO NOTHING`,
      [userId, hashes],
    );
  }

  /** Uses up a recovery code: true when it existed (it is gone now). */
  async useRecoveryCode(tx: Tx, userId: string, hash: string): Promise<boolean> {
    return (await tx.execute(`DELETE FROM recovery_code WHERE user_id = $1 AND code_hash = $2`, [userId, hash])) === 1;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM recovery_code WHERE user_id = $1`, [
      userId,
    ]);
    return row!.n;
  }

  async insertChallenge(
    tx: Tx,
    c: { id: string; userId: string; purpose: ChallengePurpose; tokenHash: string; ttlSeconds: number },
  ): Promise<Date> {
    const row = await tx.one<{ expiresAt: Date }>(
      `INSERT INTO second_factor_challenge (id, user_id, purpose, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING expires_at AS "expiresAt"`,
      [c.id, c.userId, c.purpose, c.tokenHash, c.ttlSeconds],
    );
    return new Date(row!.expiresAt);
  }

  /** An open (unused, unexpired: database time) challenge by the hash of its token. */
  openChallenge(tokenHash: string, on: Queryable = this.db): Promise<ChallengeRow | null> {
    return on.one<ChallengeRow>(
      `SELECT id, user_id AS "userId", purpose, expires_at AS "expiresAt", used_at AS "usedAt"
       FROM second_factor_challenge WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`,
      [tokenHash],
    );
  }

  /** Uses a challenge up; false when it was used (or expired) meanwhile. */
  async useChallenge(tx: Tx, id: string): Promise<boolean> {
    const n = await tx.execute(
      `UPDATE second_factor_challenge SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now()`,
      [id],
    );
    return n === 1;
  }

  /** Whether the person's organisation requires a second factor of its coaches. */
  async organisationRequiresForCoaches(organizationId: string | null, on: Queryable = this.db): Promise<boolean> {
    if (!organizationId) return false;
    const row = await on.one<{ required: boolean }>(
      `SELECT coach_second_factor_required AS required FROM organization WHERE id = $1`,
      [organizationId],
    );
    return row?.required ?? false;
  }

  organisationsRequiringForCoaches(ids: readonly string[]): Promise<Array<{ id: string; required: boolean }>> {
    return this.db.query<{ id: string; required: boolean }>(
      `SELECT id, coach_second_factor_required AS required FROM organization WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
  }

  async setOrganisationRequiresForCoaches(tx: Tx, organizationId: string, required: boolean): Promise<boolean> {
    const n = await tx.execute(
      `UPDATE organization SET coach_second_factor_required = $2, updated_at = now() WHERE id = $1`,
      [organizationId, required],
    );
    return n === 1;
  }

  /** Housekeeping: challenges older than a day decide nothing any more. */
  async prune(): Promise<void> {
    await this.db.execute(`DELETE FROM second_factor_challenge WHERE created_at < now() - interval '1 day'`);
  }
}
