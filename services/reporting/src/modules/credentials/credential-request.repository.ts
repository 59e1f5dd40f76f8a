import type { Database, Tx } from '@tandem/subgraph-kit';

/** A partner's request for a credential, and how staff resolved it. */
export interface CredentialRequestRow {
  id: string;
  userId: string;
  relationshipId: string;
  organizationId: string;
  programmeId: string;
  role: 'MENTOR' | 'MENTEE';
  hours: number;
  note: string | null;
  requestedAt: Date;
  resolution: 'ISSUED' | 'DECLINED' | null;
  resolvedAt: Date | null;
  declineReason: string | null;
  /** The person's name as reporting's read model has it. */
  personName: string | null;
  programmeName: string | null;
}

/** What a person has confirmed in one relationship: live (not reversed) meeting entries. */
export interface EarnedRow {
  relationshipId: string;
  programmeId: string | null;
  programmeName: string | null;
  role: 'MENTOR' | 'MENTEE';
  hours: number;
  meetings: number;
}

const REQUEST = `q.id, q.user_id AS "userId", q.relationship_id AS "relationshipId", q.organization_id AS "organizationId",
  q.programme_id AS "programmeId", q.role, q.hours::float8 AS hours, q.note, q.requested_at AS "requestedAt",
  q.resolution, q.resolved_at AS "resolvedAt", q.decline_reason AS "declineReason",
  pe.display_name AS "personName", pr.name AS "programmeName"`;
const FROM = `FROM credential_request q LEFT JOIN person pe ON pe.user_id = q.user_id LEFT JOIN programme pr ON pr.id = q.programme_id`;

/** Credential requests (reporting.credential_request) and the confirmed hours a request is about. */
export class CredentialRequestRepository {
  constructor(private readonly db: Database) {}

  byId(id: string, tx?: Tx): Promise<CredentialRequestRow | null> {
    return (tx ?? this.db).one<CredentialRequestRow>(`SELECT ${REQUEST} ${FROM} WHERE q.id = $1`, [id]);
  }

  /** A person's requests, newest first (at most 200). */
  ofPerson(userId: string): Promise<CredentialRequestRow[]> {
    return this.db.query<CredentialRequestRow>(
      `SELECT ${REQUEST} ${FROM} WHERE q.user_id = $1 ORDER BY q.requested_at DESC LIMIT 200`,
      [userId],
    );
  }

  /** Open requests, oldest first (at most 100): of one organisation (null: all), optionally of one relationship. */
  open(organizationId: string | null, relationshipId: string | null): Promise<CredentialRequestRow[]> {
    return this.db.query<CredentialRequestRow>(
      `SELECT ${REQUEST} ${FROM}
       WHERE q.resolved_at IS NULL AND ($1::uuid IS NULL OR q.organization_id = $1)
         AND ($2::uuid IS NULL OR q.relationship_id = $2)
       ORDER BY q.requested_at, q.id LIMIT 100`,
      [organizationId, relationshipId],
    );
  }

  /** The person's confirmed hours per relationship (at most 100 relationships, the most recent first). */
  earned(userId: string): Promise<EarnedRow[]> {
    return this.db.query<EarnedRow>(
      `SELECT e.relationship_id AS "relationshipId", r.programme_id AS "programmeId", p.name AS "programmeName", e.role,
         sum(e.hours)::float8 AS hours, count(*)::int AS meetings
       FROM cpd_entry e
       LEFT JOIN relationship r ON r.id = e.relationship_id
       LEFT JOIN programme p ON p.id = r.programme_id
       WHERE e.user_id = $1 AND e.kind = 'MEETING' AND e.role IN ('MENTOR', 'MENTEE') AND e.relationship_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM cpd_entry x WHERE x.user_id = e.user_id AND x.reverses_entry_id = e.id)
       GROUP BY e.relationship_id, r.programme_id, p.name, e.role
       ORDER BY max(e.occurred_on) DESC LIMIT 100`,
      [userId],
    );
  }

  /** A new open request; false when the person already has one open for the relationship. */
  async insert(
    tx: Tx,
    r: Pick<
      CredentialRequestRow,
      'id' | 'userId' | 'relationshipId' | 'organizationId' | 'programmeId' | 'role' | 'hours' | 'note'
    >,
  ): Promise<boolean> {
    const n = await tx.execute(
      `INSERT INTO credential_request (id, user_id, relationship_id, organization_id, programme_id, role, hours, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (user_id, relationship_id) WHERE resolved_at IS NULL DO NOTHING`,
      [r.id, r.userId, r.relationshipId, r.organizationId, r.programmeId, r.role, r.hours, r.note],
    );
    return n > 0;
  }

  /** Issuing answers the open requests of the partners it issued to (returns their ids). */
  async markIssued(tx: Tx, relationshipId: string, userIds: readonly string[], by: string): Promise<string[]> {
    const rows = await tx.query<{ id: string }>(
      `UPDATE credential_request SET resolution = 'ISSUED', resolved_at = now(), resolved_by = $3
       WHERE relationship_id = $1 AND user_id = ANY($2::uuid[]) AND resolved_at IS NULL RETURNING id`,
      [relationshipId, [...userIds], by],
    );
    return rows.map((r) => r.id);
  }

  /** Declines an open request; false when it was already resolved. */
  async decline(tx: Tx, id: string, by: string, reason: string): Promise<boolean> {
    return (
      (await tx.execute(
        `UPDATE credential_request SET resolution = 'DECLINED', resolved_at = now(), resolved_by = $2, decline_reason = $3
         WHERE id = $1 AND resolved_at IS NULL`,
        [id, by, reason],
      )) > 0
    );
  }

  /** The person erased their account: the notes they wrote go (the requests' facts stay, pseudonymous). */
  async eraseNotesOf(tx: Tx, userId: string): Promise<void> {
    await tx.execute(`UPDATE credential_request SET note = NULL WHERE user_id = $1 AND note IS NOT NULL`, [userId]);
  }
}
