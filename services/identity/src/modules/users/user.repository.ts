import type { Role } from '@tandem/contracts';
import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';
import type { MentorStatus } from '../access/access.policy';
import type { Language } from '../language/language';
import { menteeColumns, menteeOf, type MenteeProfileRow } from '../profiles/profile.repository';

/** A user row as the identity queries read it, with the mentor status the access rules need. */
export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  organizationId: string | null;
  phone: string | null;
  createdAt: Date;
  mentorStatus: MentorStatus | null;
  /** created_at with microseconds, for keyset cursors (a JS Date keeps only milliseconds). */
  cursorAt?: string;
}

/** The account fields a new user row is written with. */
export interface NewUserRow {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  organizationId: string | null;
  passwordHash: string | null;
  /** The IANA zone chosen at registration (validated by the caller); null when not given. */
  timeZone?: string | null;
}

const USER_COLUMNS = `u.id, u.email, u.display_name AS "displayName", u.roles, u.organization_id AS "organizationId", u.phone,
  u.created_at AS "createdAt", mp.status AS "mentorStatus",
  to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"`;
const FROM = `FROM "user" u LEFT JOIN mentor_profile mp ON mp.user_id = u.id`;
const SELECT = `SELECT ${USER_COLUMNS} ${FROM}`;

export interface UserListFilter {
  role: Role | null;
  organizationId: string | null;
  search: string | null;
  /** Whether the search also matches email addresses: only for readers who may see them (not coaches). */
  searchEmail: boolean;
  mentorStatus: string | null;
}

/** A search typed by a person matches literally: `%`, `_` and the escape character itself lose their meaning. */
export const likePattern = (search: string): string => `%${search.replace(/[\\%_]/g, '\\$&')}%`;

const LIST_WHERE = `($1::text IS NULL OR $1 = ANY(u.roles))
  AND ($2::uuid IS NULL OR u.organization_id = $2)
  AND ($3::text IS NULL OR search_fold(u.display_name) LIKE search_fold($3) ESCAPE '\\'
    OR ($5::boolean AND u.email ILIKE $3 ESCAPE '\\'))
  AND ($4::text IS NULL OR mp.status = $4)`;
const listParams = (f: UserListFilter) => [
  f.role,
  f.organizationId,
  f.search === null ? null : likePattern(f.search),
  f.mentorStatus,
  f.searchEmail,
];

/** Reads and writes the identity.user table (accounts: email, name, roles, organisation, phone, password hash). */
export class UserRepository {
  constructor(private readonly db: Database) {}

  /** One statement whatever the number of ids (user plus mentor status). */
  async findByIds(ids: readonly string[]): Promise<UserRow[]> {
    if (ids.length === 0) return [];
    return this.db.query<UserRow>(`${SELECT} WHERE u.id = ANY($1::uuid[])`, [[...ids]]);
  }

  /** A person with their mentee profile, in one statement (`me` asking for it); null when unknown. */
  async findWithMenteeProfile(id: string): Promise<{ row: UserRow; mentee: MenteeProfileRow | null } | null> {
    const joined = await this.db.one<object>(
      `SELECT ${USER_COLUMNS}, ${menteeColumns('mt')} ${FROM} LEFT JOIN mentee_profile mt ON mt.user_id = u.id
       WHERE u.id = $1`,
      [id],
    );
    return joined ? menteeOf<UserRow>(joined) : null;
  }

  findById(id: string, tx?: Tx): Promise<UserRow | null> {
    return (tx ?? this.db).one<UserRow>(`${SELECT} WHERE u.id = $1`, [id]);
  }

  findCredentials(
    email: string,
  ): Promise<{ id: string; passwordHash: string | null; roles: Role[]; organizationId: string | null } | null> {
    return this.db.one(
      `SELECT id, password_hash AS "passwordHash", roles, organization_id AS "organizationId" FROM "user" WHERE lower(email) = lower($1)`,
      [email],
    );
  }

  /** Who to write to at this address (any account with it), or null. */
  findContact(email: string): Promise<{ email: string; displayName: string; language: Language } | null> {
    return this.db.one(
      `SELECT email, display_name AS "displayName", coalesce(language, 'en') AS language
         FROM "user" WHERE lower(email) = lower($1)`,
      [email],
    );
  }

  async passwordHash(id: string): Promise<string | null> {
    const row = await this.db.one<{ passwordHash: string | null }>(
      `SELECT password_hash AS "passwordHash" FROM "user" WHERE id = $1`,
      [id],
    );
    return row?.passwordHash ?? null;
  }

  /** The account with this email, locked for the rest of the transaction (password reset requests queue on it). */
  lockByEmail(
    tx: Tx,
    email: string,
  ): Promise<{ id: string; email: string; displayName: string; roles: Role[]; language: Language } | null> {
    return tx.one(
      `SELECT id, email, display_name AS "displayName", roles, coalesce(language, 'en') AS language
         FROM "user" WHERE lower(email) = lower($1) FOR UPDATE`,
      [email],
    );
  }

  /** The account's roles and organisation, locked for the rest of the transaction (role changes queue on it). */
  lockRoles(tx: Tx, id: string): Promise<{ id: string; roles: Role[]; organizationId: string | null } | null> {
    return tx.one(`SELECT id, roles, organization_id AS "organizationId" FROM "user" WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Serialises the bootstrap admin step of replicas starting together (until the transaction ends). */
  async lockBootstrap(tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('tandem-identity-bootstrap-admin'))`);
  }

  /** The account with this email (roles and organisation only), or null. */
  byEmail(tx: Tx, email: string): Promise<{ id: string; roles: Role[]; organizationId: string | null } | null> {
    return tx.one(`SELECT id, roles, organization_id AS "organizationId" FROM "user" WHERE lower(email) = lower($1)`, [
      email,
    ]);
  }

  async emailTaken(tx: Tx, email: string, exceptId: string | null = null): Promise<boolean> {
    const row = await tx.one(`SELECT 1 FROM "user" WHERE lower(email) = lower($1) AND ($2::uuid IS NULL OR id <> $2)`, [
      email,
      exceptId,
    ]);
    return row !== null;
  }

  /** Inserts; returns false when the email is taken (the unique index decides under concurrency). */
  async insert(tx: Tx, user: NewUserRow): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO "user" (id, email, display_name, roles, organization_id, password_hash, time_zone) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [
        user.id,
        user.email,
        user.displayName,
        user.roles,
        user.organizationId,
        user.passwordHash,
        user.timeZone ?? null,
      ],
    );
    return rows.length === 1;
  }

  async setRoles(tx: Tx, id: string, roles: Role[], organizationId: string | null): Promise<void> {
    await tx.execute(`UPDATE "user" SET roles = $2, organization_id = $3, updated_at = now() WHERE id = $1`, [
      id,
      roles,
      organizationId,
    ]);
  }

  async setContact(
    tx: Tx,
    id: string,
    fields: { displayName: string; email: string; phone: string | null },
  ): Promise<void> {
    await tx.execute(`UPDATE "user" SET display_name = $2, email = $3, phone = $4, updated_at = now() WHERE id = $1`, [
      id,
      fields.displayName,
      fields.email,
      fields.phone,
    ]);
  }

  async setPasswordHash(tx: Tx, id: string, hash: string): Promise<void> {
    await tx.execute(`UPDATE "user" SET password_hash = $2, updated_at = now() WHERE id = $1`, [id, hash]);
  }

  hasOrganization(id: string, tx?: Tx): Promise<boolean> {
    return organizationExists(tx ?? this.db, id);
  }

  /**
   * Erasure: the row stays (others reference the id) under a pseudonym, without email, phone, password or
   * roles; profiles, notifications (and email choices), sessions, password resets, login attempts and profile access learnt for the person go.
   */
  async erase(tx: Tx, id: string, pseudonym: string): Promise<void> {
    const row = await tx.one<{ email: string }>(`SELECT email FROM "user" WHERE id = $1`, [id]);
    await tx.execute(
      `UPDATE "user" SET display_name = $2, email = $3, phone = NULL, password_hash = NULL, roles = '{}', updated_at = now() WHERE id = $1`,
      [id, pseudonym, erasedEmail(id)],
    );
    for (const sql of [
      `DELETE FROM mentor_profile WHERE user_id = $1`,
      `DELETE FROM mentee_profile WHERE user_id = $1`,
      `DELETE FROM notification WHERE user_id = $1`,
      `DELETE FROM notification_email_opt_out WHERE user_id = $1`,
      `DELETE FROM notification_email_delivery WHERE user_id = $1`,
      `DELETE FROM notification_digest WHERE user_id = $1`,
      `DELETE FROM refresh_token WHERE user_id = $1`,
      `DELETE FROM password_reset_token WHERE user_id = $1`,
      `DELETE FROM profile_access WHERE subject_id = $1 OR viewer_id = $1`,
      `DELETE FROM proposal_fact WHERE coach_id = $1 OR mentor_id = $1 OR mentee_id = $1`,
      `DELETE FROM orientation_attendance WHERE user_id = $1`,
      `DELETE FROM training_completion WHERE user_id = $1`,
      `DELETE FROM mentor_training_needs WHERE user_id = $1`,
      `DELETE FROM enrollment WHERE user_id = $1`,
      `DELETE FROM recovery_code WHERE user_id = $1`,
      `DELETE FROM second_factor WHERE user_id = $1`,
      `DELETE FROM second_factor_challenge WHERE user_id = $1`,
    ]) {
      await tx.execute(sql, [id]);
    }
    if (row) await tx.execute(`DELETE FROM login_attempt WHERE email = lower($1)`, [row.email]);
  }

  async otherAdmins(tx: Tx, exceptId: string): Promise<number> {
    const row = await tx.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "user" WHERE 'ADMIN' = ANY(roles) AND id <> $1`,
      [exceptId],
    );
    return row!.n;
  }

  async anyAdmin(tx: Tx): Promise<boolean> {
    return (await tx.one(`SELECT 1 FROM "user" WHERE 'ADMIN' = ANY(roles) LIMIT 1`)) !== null;
  }

  /** Newest first, keyset-paginated: `limit` rows after the cursor. */
  list(f: UserListFilter, after: { createdAt: string; id: string } | null, limit: number): Promise<UserRow[]> {
    return this.db.query<UserRow>(
      `${SELECT}
       WHERE ${LIST_WHERE}
         AND ($6::timestamptz IS NULL OR (u.created_at, u.id) < ($6, $7::uuid))
       ORDER BY u.created_at DESC, u.id DESC
       LIMIT $8`,
      [...listParams(f), after?.createdAt ?? null, after?.id ?? null, limit],
    );
  }

  /** How many people the list holds (a connection's totalCount). */
  async count(f: UserListFilter): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "user" u LEFT JOIN mentor_profile mp ON mp.user_id = u.id WHERE ${LIST_WHERE}`,
      listParams(f),
    );
    return row!.n;
  }
}

/** The placeholder an erased account keeps instead of its email (unique, and never deliverable). */
export function erasedEmail(id: string): string {
  return `erased+${id}@erased.invalid`;
}

/** Whether an organisation exists (registration and role grants name one). */
export async function organizationExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.one(`SELECT 1 FROM organization WHERE id = $1`, [id])) !== null;
}
