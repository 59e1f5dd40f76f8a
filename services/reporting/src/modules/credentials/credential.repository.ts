import type { Database, Tx } from '@tandem/subgraph-kit';

/** An issued credential and what it states. */
export interface CredentialRow {
  id: string;
  organizationId: string;
  userId: string;
  relationshipId: string;
  programmeId: string;
  role: 'MENTOR' | 'MENTEE';
  personName: string;
  organizationName: string;
  programmeName: string;
  periodFrom: string;
  periodTo: string;
  hours: number;
  meetings: number;
  statusIndex: number;
  jwt: string;
  issuedAt: Date;
  revokedAt: Date | null;
  revokeReason: string | null;
}

/** An organisation's signing key as stored: the public JWK and the sealed private key. */
export interface IssuerKeyRow {
  organizationId: string;
  keyId: string;
  publicJwk: { kty?: string; crv?: string; x?: string };
  privateKeySealed: string;
}

/** What a relationship's partners earned in it: live (not reversed) meeting entries, per person. */
export interface PartnerHoursRow {
  userId: string;
  role: 'MENTOR' | 'MENTEE';
  hours: number;
  meetings: number;
  firstDay: string;
  lastDay: string;
}

/** The relationship as the read models know it, with the organisation that issues its credentials. */
export interface IssuingRelationshipRow {
  relationshipId: string;
  programmeId: string;
  programmeName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  mentorId: string;
  menteeId: string;
  mentorName: string | null;
  menteeName: string | null;
}

const COLUMNS = `id, organization_id AS "organizationId", user_id AS "userId", relationship_id AS "relationshipId",
  programme_id AS "programmeId", role, person_name AS "personName", organization_name AS "organizationName",
  programme_name AS "programmeName", period_from::text AS "periodFrom", period_to::text AS "periodTo",
  hours::float8 AS hours, meetings, status_index AS "statusIndex", jwt, issued_at AS "issuedAt",
  revoked_at AS "revokedAt", revoke_reason AS "revokeReason"`;

/** Credentials, the organisations' signing keys, and the ledger and read models a credential states. */
export class CredentialRepository {
  constructor(private readonly db: Database) {}

  byId(id: string): Promise<CredentialRow | null> {
    return this.db.one<CredentialRow>(`SELECT ${COLUMNS} FROM credential WHERE id = $1 AND erased_at IS NULL`, [id]);
  }

  ofPerson(userId: string): Promise<CredentialRow[]> {
    return this.db.query<CredentialRow>(
      `SELECT ${COLUMNS} FROM credential WHERE user_id = $1 AND erased_at IS NULL ORDER BY issued_at DESC LIMIT 100`,
      [userId],
    );
  }

  /** Newest first, at most 100: of one organisation (null: all) and, when given, one relationship. */
  issuedBy(organizationId: string | null, relationshipId: string | null): Promise<CredentialRow[]> {
    return this.db.query<CredentialRow>(
      `SELECT ${COLUMNS} FROM credential
       WHERE ($1::uuid IS NULL OR organization_id = $1) AND ($2::uuid IS NULL OR relationship_id = $2)
         AND erased_at IS NULL
       ORDER BY issued_at DESC LIMIT 100`,
      [organizationId, relationshipId],
    );
  }

  relationship(relationshipId: string): Promise<IssuingRelationshipRow | null> {
    return this.db.one<IssuingRelationshipRow>(
      `SELECT r.id AS "relationshipId", r.programme_id AS "programmeId", p.name AS "programmeName",
         o.id AS "organizationId", o.name AS "organizationName", r.mentor_id AS "mentorId", r.mentee_id AS "menteeId",
         mp.display_name AS "mentorName", ep.display_name AS "menteeName"
       FROM relationship r
       LEFT JOIN programme p ON p.id = r.programme_id
       LEFT JOIN organization o ON o.id = coalesce(r.organization_id, p.organization_ids[1])
       LEFT JOIN person mp ON mp.user_id = r.mentor_id
       LEFT JOIN person ep ON ep.user_id = r.mentee_id
       WHERE r.id = $1`,
      [relationshipId],
    );
  }

  partnerHours(relationshipId: string): Promise<PartnerHoursRow[]> {
    return this.db.query<PartnerHoursRow>(
      `SELECT e.user_id AS "userId", e.role, sum(e.hours)::float8 AS hours, count(*)::int AS meetings,
         min(e.occurred_on)::text AS "firstDay", max(e.occurred_on)::text AS "lastDay"
       FROM cpd_entry e
       WHERE e.relationship_id = $1 AND e.kind = 'MEETING' AND e.role IN ('MENTOR', 'MENTEE')
         AND NOT EXISTS (SELECT 1 FROM cpd_entry r WHERE r.user_id = e.user_id AND r.reverses_entry_id = e.id)
       GROUP BY e.user_id, e.role
       ORDER BY e.role`,
      [relationshipId],
    );
  }

  issuerKey(organizationId: string, tx?: Tx): Promise<IssuerKeyRow | null> {
    return (tx ?? this.db).one<IssuerKeyRow>(
      `SELECT organization_id AS "organizationId", key_id AS "keyId", public_jwk AS "publicJwk",
         private_key_sealed AS "privateKeySealed"
       FROM issuer_key WHERE organization_id = $1`,
      [organizationId],
    );
  }

  /** Stores a new key unless another issuance stored one first (the first one stays: it may already have signed). */
  async insertIssuerKey(tx: Tx, key: IssuerKeyRow): Promise<void> {
    await tx.execute(
      `INSERT INTO issuer_key (organization_id, key_id, public_jwk, private_key_sealed) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id) DO NOTHING`,
      [key.organizationId, key.keyId, JSON.stringify(key.publicJwk), key.privateKeySealed],
    );
  }

  /** Locks the organisation's key row: issuances of one organisation take status indexes one at a time. */
  async lockIssuer(tx: Tx, organizationId: string): Promise<void> {
    await tx.query(`SELECT 1 FROM issuer_key WHERE organization_id = $1 FOR UPDATE`, [organizationId]);
  }

  async usedIndexes(tx: Tx, organizationId: string): Promise<Set<number>> {
    const rows = await tx.query<{ i: number }>(`SELECT status_index AS i FROM credential WHERE organization_id = $1`, [
      organizationId,
    ]);
    return new Set(rows.map((r) => r.i));
  }

  async insert(tx: Tx, row: Omit<CredentialRow, 'issuedAt' | 'revokedAt' | 'revokeReason'>, issuedBy: string) {
    await tx.execute(
      `INSERT INTO credential (id, organization_id, user_id, relationship_id, programme_id, role, person_name,
         organization_name, programme_name, period_from, period_to, hours, meetings, status_index, jwt, issued_by, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now())`,
      [
        row.id,
        row.organizationId,
        row.userId,
        row.relationshipId,
        row.programmeId,
        row.role,
        row.personName,
        row.organizationName,
        row.programmeName,
        row.periodFrom,
        row.periodTo,
        row.hours,
        row.meetings,
        row.statusIndex,
        row.jwt,
        issuedBy,
      ],
    );
  }

  /**
   * The holder erased their account: their name and the signed documents go; the rows stay as status-list slots
   * (their index and revocation), hidden from every listing.
   */
  async eraseHolder(tx: Tx, userId: string, pseudonym: string, erasedAt: string): Promise<number> {
    return tx.execute(
      `UPDATE credential SET person_name = $2, jwt = NULL, erased_at = $3 WHERE user_id = $1 AND erased_at IS NULL`,
      [userId, pseudonym, erasedAt],
    );
  }

  /** Revokes a credential; false when it already was. */
  async revoke(tx: Tx, id: string, revokedBy: string, reason: string): Promise<boolean> {
    const n = await tx.execute(
      `UPDATE credential SET revoked_by = $2, revoked_at = now(), revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL`,
      [id, revokedBy, reason],
    );
    return n > 0;
  }

  async revokedIndexes(organizationId: string): Promise<number[]> {
    const rows = await this.db.query<{ i: number }>(
      `SELECT status_index AS i FROM credential WHERE organization_id = $1 AND revoked_at IS NOT NULL`,
      [organizationId],
    );
    return rows.map((r) => r.i);
  }

  async organizationName(organizationId: string): Promise<string | null> {
    const row = await this.db.one<{ name: string }>(`SELECT name FROM organization WHERE id = $1`, [organizationId]);
    return row?.name ?? null;
  }
}
