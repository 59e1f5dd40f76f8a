import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@tandem/contracts';
import type { UserRecord } from './user.entity';

const SELECT = `SELECT u.id, u.email, u.display_name AS "displayName", u.roles, u.organization_id AS "organizationId", u.phone,
  u.created_at AS "createdAt", mp.status AS "mentorStatus",
  to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
  FROM "user" u LEFT JOIN mentor_profile mp ON mp.user_id = u.id`;

export interface UserListFilter {
  role: Role | null;
  organizationId: string | null;
  search: string | null;
  mentorStatus: string | null;
  after: { createdAt: string; id: string } | null;
  limit: number;
}

/** Reads and writes the identity.user table (accounts: email, name, roles, organisation, phone, password hash). */
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One statement whatever the number of ids (user plus mentor status). */
  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(`${SELECT} WHERE u.id = ANY($1::uuid[])`, [[...ids]]);
  }

  async findById(id: string, manager?: EntityManager): Promise<UserRecord | null> {
    const [row] = await (manager ?? this.dataSource).query(`${SELECT} WHERE u.id = $1`, [id]);
    return row ?? null;
  }

  async findCredentials(email: string): Promise<{ id: string; passwordHash: string | null } | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, password_hash AS "passwordHash" FROM "user" WHERE lower(email) = lower($1)`,
      [email],
    );
    return row ?? null;
  }

  async passwordHash(id: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT password_hash AS "passwordHash" FROM "user" WHERE id = $1`, [id]);
    return row?.passwordHash ?? null;
  }

  /** The account with this email, locked for the rest of the transaction (password reset requests queue on it). */
  async lockByEmail(
    manager: EntityManager,
    email: string,
  ): Promise<{ id: string; email: string; displayName: string } | null> {
    const [row] = await manager.query(
      `SELECT id, email, display_name AS "displayName" FROM "user" WHERE lower(email) = lower($1) FOR UPDATE`,
      [email],
    );
    return row ?? null;
  }

  async emailTaken(manager: EntityManager, email: string, exceptId: string | null = null): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM "user" WHERE lower(email) = lower($1) AND ($2::uuid IS NULL OR id <> $2)`,
      [email, exceptId],
    );
    return rows.length > 0;
  }

  /** Inserts; returns false when the email is taken (the unique index decides under concurrency). */
  async insert(
    manager: EntityManager,
    user: {
      id: string;
      email: string;
      displayName: string;
      roles: Role[];
      organizationId: string | null;
      passwordHash: string | null;
    },
  ): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO "user" (id, email, display_name, roles, organization_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [user.id, user.email, user.displayName, user.roles, user.organizationId, user.passwordHash],
    );
    return rows.length === 1;
  }

  async setRoles(manager: EntityManager, id: string, roles: Role[], organizationId: string | null): Promise<void> {
    await manager.query(`UPDATE "user" SET roles = $2, organization_id = $3, updated_at = now() WHERE id = $1`, [
      id,
      roles,
      organizationId,
    ]);
  }

  async setContact(
    manager: EntityManager,
    id: string,
    fields: { displayName: string; email: string; phone: string | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE "user" SET display_name = $2, email = $3, phone = $4, updated_at = now() WHERE id = $1`,
      [id, fields.displayName, fields.email, fields.phone],
    );
  }

  /**
   * An address the person no longer uses: its sign-in attempts are theirs, not the next owner's (whose
   * personal data export would list them), so they go with it.
   */
  async forgetAddress(manager: EntityManager, email: string): Promise<void> {
    await manager.query(`DELETE FROM login_attempt WHERE email = lower($1)`, [email]);
  }

  async setPasswordHash(manager: EntityManager, id: string, hash: string): Promise<void> {
    await manager.query(`UPDATE "user" SET password_hash = $2, updated_at = now() WHERE id = $1`, [id, hash]);
  }

  async hasOrganization(id: string, manager?: EntityManager): Promise<boolean> {
    return organizationExists(manager ?? this.dataSource, id);
  }

  /**
   * Erasure: the row stays (others reference the id) under a pseudonym, without email, phone, password or
   * roles; profiles, notifications, sessions, password resets, login attempts and profile access learnt for the person go.
   */
  async erase(manager: EntityManager, id: string, pseudonym: string): Promise<void> {
    const [row] = await manager.query(`SELECT email FROM "user" WHERE id = $1`, [id]);
    await manager.query(
      `UPDATE "user" SET display_name = $2, email = $3, phone = NULL, password_hash = NULL, roles = '{}', updated_at = now() WHERE id = $1`,
      [id, pseudonym, erasedEmail(id)],
    );
    for (const sql of [
      `DELETE FROM mentor_profile WHERE user_id = $1`,
      `DELETE FROM mentee_profile WHERE user_id = $1`,
      `DELETE FROM notification WHERE user_id = $1`,
      `DELETE FROM refresh_token WHERE user_id = $1`,
      `DELETE FROM password_reset_token WHERE user_id = $1`,
      `DELETE FROM profile_access WHERE subject_id = $1 OR viewer_id = $1`,
      `DELETE FROM orientation_attendance WHERE user_id = $1`,
      `DELETE FROM enrollment WHERE user_id = $1`,
    ]) {
      await manager.query(sql, [id]);
    }
    if (row) await manager.query(`DELETE FROM login_attempt WHERE email = lower($1)`, [row.email]);
  }

  async otherAdmins(manager: EntityManager, exceptId: string): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM "user" WHERE 'ADMIN' = ANY(roles) AND id <> $1`, [
      exceptId,
    ]);
    return row.n;
  }

  async anyAdmin(manager: EntityManager): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM "user" WHERE 'ADMIN' = ANY(roles) LIMIT 1`);
    return rows.length > 0;
  }

  async emailsOf(ids: readonly string[]): Promise<Map<string, { email: string; displayName: string }>> {
    const rows: Array<{ id: string; email: string; displayName: string }> = await this.dataSource.query(
      `SELECT id, email, display_name AS "displayName" FROM "user" WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Newest first, keyset-paginated. */
  async list(f: UserListFilter): Promise<UserRecord[]> {
    return this.dataSource.query(
      `${SELECT}
       WHERE ($1::text IS NULL OR $1 = ANY(u.roles))
         AND ($2::uuid IS NULL OR u.organization_id = $2)
         AND ($3::text IS NULL OR u.display_name ILIKE '%' || $3 || '%' OR u.email ILIKE '%' || $3 || '%')
         AND ($4::text IS NULL OR mp.status = $4)
         AND ($5::timestamptz IS NULL OR (u.created_at, u.id) < ($5, $6::uuid))
       ORDER BY u.created_at DESC, u.id DESC
       LIMIT $7`,
      [f.role, f.organizationId, f.search, f.mentorStatus, f.after?.createdAt ?? null, f.after?.id ?? null, f.limit],
    );
  }
}

/** The placeholder an erased account keeps instead of its email (unique, and never deliverable). */
export function erasedEmail(id: string): string {
  return `erased+${id}@erased.invalid`;
}

/** Whether an organisation exists (registration and role grants name one). */
export async function organizationExists(manager: EntityManager | DataSource, id: string): Promise<boolean> {
  const rows = await manager.query(`SELECT 1 FROM organization WHERE id = $1`, [id]);
  return rows.length > 0;
}
