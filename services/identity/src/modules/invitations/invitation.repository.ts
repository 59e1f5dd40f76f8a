import type { Database, Tx } from '@tandem/subgraph-kit';
import type { Role } from '@tandem/contracts';
import type { Language } from '../language/language';

export interface InvitationRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
  programmeId: string | null;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewInvitation {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
  programmeId: string | null;
  tokenHash: string;
  invitedBy: string;
  ttlDays: number;
}

const COLUMNS = `id, email, display_name AS "displayName", role, organization_id AS "organizationId",
  programme_id AS "programmeId", invited_by AS "invitedBy", created_at AS "createdAt", expires_at AS "expiresAt",
  accepted_at AS "acceptedAt", revoked_at AS "revokedAt"`;

/** Invitations (identity.invitation): only the sha256 of each link's token; the database's clock. */
export class InvitationRepository {
  constructor(private readonly db: Database) {}

  /** Of these addresses, those with an account, and those with an open invitation that has not expired. */
  async taken(emails: readonly string[]): Promise<{ registered: Set<string>; invited: Set<string> }> {
    const lower = [...new Set(emails.map((e) => e.toLowerCase()))];
    const [users, invitations] = await Promise.all([
      this.db.query<{ email: string }>(
        `SELECT lower(email) AS email FROM "user" WHERE lower(email) = ANY($1::text[])`,
        [lower],
      ),
      this.db.query<{ email: string }>(
        `SELECT lower(email) AS email FROM invitation
         WHERE lower(email) = ANY($1::text[]) AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
        [lower],
      ),
    ]);
    return { registered: new Set(users.map((u) => u.email)), invited: new Set(invitations.map((i) => i.email)) };
  }

  /** Organisation ids by lower-cased name, and whether a programme exists. */
  async organisationsByName(): Promise<Map<string, string>> {
    const rows = await this.db.query<{ id: string; name: string }>(`SELECT id, name FROM organization`);
    return new Map(rows.map((r) => [r.name.trim().toLowerCase(), r.id]));
  }

  async organisationName(id: string): Promise<string | null> {
    return (await this.db.one<{ name: string }>(`SELECT name FROM organization WHERE id = $1`, [id]))?.name ?? null;
  }

  async organisationExists(id: string): Promise<boolean> {
    return (await this.db.one(`SELECT 1 FROM organization WHERE id = $1`, [id])) !== null;
  }

  async programme(id: string): Promise<{ id: string; name: string; defaultLanguage: Language } | null> {
    return this.db.one(`SELECT id, name, default_language AS "defaultLanguage" FROM program WHERE id = $1`, [id]);
  }

  /** Writes the batch; an expired open invitation of the same address is revoked first (a fresh one replaces it). */
  async insertAll(tx: Tx, rows: readonly NewInvitation[]): Promise<void> {
    if (!rows.length) return;
    await tx.execute(
      `UPDATE invitation SET revoked_at = now()
       WHERE lower(email) = ANY($1::text[]) AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= now()`,
      [rows.map((r) => r.email.toLowerCase())],
    );
    await tx.execute(
      `INSERT INTO invitation (id, email, display_name, role, organization_id, programme_id, token_hash, invited_by, expires_at)
       SELECT r.id, r.email, r.display_name, r.role, r.organization_id, r.programme_id, r.token_hash, r.invited_by,
              now() + make_interval(days => r.ttl_days)
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, email text, display_name text, role text, organization_id uuid,
            programme_id uuid, token_hash text, invited_by uuid, ttl_days int)`,
      [
        JSON.stringify(
          rows.map((r) => ({
            id: r.id,
            email: r.email,
            display_name: r.displayName,
            role: r.role,
            organization_id: r.organizationId,
            programme_id: r.programmeId,
            token_hash: r.tokenHash,
            invited_by: r.invitedBy,
            ttl_days: r.ttlDays,
          })),
        ),
      ],
    );
  }

  /** The open, unexpired invitation of this token (locked when in a transaction). */
  async openByToken(tokenHash: string, tx?: Tx): Promise<InvitationRow | null> {
    const sql = `SELECT ${COLUMNS} FROM invitation
      WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()`;
    return tx ? tx.one<InvitationRow>(`${sql} FOR UPDATE`, [tokenHash]) : this.db.one<InvitationRow>(sql, [tokenHash]);
  }

  async markAccepted(tx: Tx, id: string, userId: string): Promise<void> {
    await tx.execute(`UPDATE invitation SET accepted_at = now(), accepted_user_id = $2 WHERE id = $1`, [id, userId]);
  }

  /** Revokes an open invitation; false when there is none of this id (or it was accepted or revoked already). */
  async revoke(id: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE invitation SET revoked_at = now() WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length === 1;
  }

  /** The newest invitations first (keyset on created_at, id), one row more than asked. */
  /** Newest first; only those `invitedBy` sent when given. */
  async page(after: [string, string] | null, size: number, invitedBy: string | null = null): Promise<InvitationRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM invitation
       WHERE ($1::timestamptz IS NULL OR (created_at, id) < ($1::timestamptz, $2::uuid))
         AND ($4::uuid IS NULL OR invited_by = $4)
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, size + 1, invitedBy],
    );
  }

  async count(invitedBy: string | null = null): Promise<number> {
    return (await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM invitation WHERE ($1::uuid IS NULL OR invited_by = $1)`,
      [invitedBy],
    ))!.n;
  }

  /** Whether the organisation is one of the programme's partners (it runs the programme). */
  async programmeRunBy(programmeId: string, organizationId: string): Promise<boolean> {
    return !!(await this.db.one(`SELECT 1 FROM program_organization WHERE program_id = $1 AND organization_id = $2`, [
      programmeId,
      organizationId,
    ]));
  }

  async byId(id: string): Promise<InvitationRow | null> {
    return this.db.one(`SELECT ${COLUMNS} FROM invitation WHERE id = $1`, [id]);
  }
}
