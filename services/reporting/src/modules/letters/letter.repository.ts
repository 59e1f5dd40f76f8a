import type { Database, Tx } from '@tandem/subgraph-kit';

export type LetterStatus = 'REQUESTED' | 'ISSUED' | 'DECLINED' | 'REVOKED';

/** A letter request and, once issued, what the letter states. */
export interface LetterRow {
  id: string;
  reference: string;
  userId: string;
  programmeId: string;
  periodFrom: string;
  periodTo: string;
  status: LetterStatus;
  requestedAt: Date;
  reviewedAt: Date | null;
  declineReason: string | null;
  signatoryName: string | null;
  signatoryRole: string | null;
  personName: string | null;
  organizationName: string | null;
  programmeName: string | null;
  participantRole: string | null;
  hours: number | null;
  meetings: number | null;
  sha256: string | null;
  issuedAt: Date | null;
  revokedAt: Date | null;
  revokeReason: string | null;
}

/** What issuing writes. */
export interface IssuedLetter {
  reviewedBy: string;
  signatoryName: string;
  signatoryRole: string;
  typedSignature: string;
  personName: string;
  organizationName: string;
  programmeName: string;
  participantRole: string;
  hours: number;
  meetings: number;
  pdf: Buffer;
  sha256: string;
}

const COLUMNS = `id, reference, user_id AS "userId", programme_id AS "programmeId", period_from::text AS "periodFrom",
  period_to::text AS "periodTo", status, requested_at AS "requestedAt", reviewed_at AS "reviewedAt",
  decline_reason AS "declineReason", signatory_name AS "signatoryName", signatory_role AS "signatoryRole",
  person_name AS "personName", organization_name AS "organizationName", programme_name AS "programmeName",
  participant_role AS "participantRole", hours::float8 AS hours, meetings, sha256, issued_at AS "issuedAt",
  revoked_at AS "revokedAt", revoke_reason AS "revokeReason"`;

/** The letters table: requests, issued letters (with their PDF bytes and hash), refusals and revocations. */
export class LetterRepository {
  constructor(private readonly db: Database) {}

  async insert(
    tx: Tx,
    row: { id: string; reference: string; userId: string; programmeId: string; from: string; to: string },
  ): Promise<LetterRow> {
    const [created] = await tx.query<LetterRow>(
      `INSERT INTO letter (id, reference, user_id, programme_id, period_from, period_to, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'REQUESTED') RETURNING ${COLUMNS}`,
      [row.id, row.reference, row.userId, row.programmeId, row.from, row.to],
    );
    return created;
  }

  byId(id: string, tx?: Tx): Promise<LetterRow | null> {
    return (tx ?? this.db).one<LetterRow>(`SELECT ${COLUMNS} FROM letter WHERE id = $1`, [id]);
  }

  byReference(reference: string): Promise<LetterRow | null> {
    return this.db.one<LetterRow>(`SELECT ${COLUMNS} FROM letter WHERE reference = $1`, [reference]);
  }

  ofPerson(userId: string): Promise<LetterRow[]> {
    return this.db.query<LetterRow>(
      `SELECT ${COLUMNS} FROM letter WHERE user_id = $1 ORDER BY requested_at DESC LIMIT 100`,
      [userId],
    );
  }

  withStatus(status: LetterStatus, programmeIds: string[] | null): Promise<LetterRow[]> {
    return this.db.query<LetterRow>(
      `SELECT ${COLUMNS} FROM letter WHERE status = $1 AND ($2::uuid[] IS NULL OR programme_id = ANY($2::uuid[]))
       ORDER BY requested_at LIMIT 100`,
      [status, programmeIds],
    );
  }

  async pdf(id: string): Promise<Buffer | null> {
    const row = await this.db.one<{ pdf: Buffer | null }>(`SELECT pdf FROM letter WHERE id = $1`, [id]);
    return row?.pdf ?? null;
  }

  /** Locks a request for its review (null when it is not awaiting one). */
  lockRequested(tx: Tx, id: string): Promise<LetterRow | null> {
    return tx.one<LetterRow>(`SELECT ${COLUMNS} FROM letter WHERE id = $1 AND status = 'REQUESTED' FOR UPDATE`, [id]);
  }

  async issue(tx: Tx, id: string, l: IssuedLetter): Promise<void> {
    await tx.execute(
      `UPDATE letter SET status = 'ISSUED', reviewed_by = $2, reviewed_at = now(), signatory_name = $3, signatory_role = $4,
         typed_signature = $5, person_name = $6, organization_name = $7, programme_name = $8, participant_role = $9,
         hours = $10, meetings = $11, pdf = $12, sha256 = $13, issued_at = now()
       WHERE id = $1`,
      [
        id,
        l.reviewedBy,
        l.signatoryName,
        l.signatoryRole,
        l.typedSignature,
        l.personName,
        l.organizationName,
        l.programmeName,
        l.participantRole,
        l.hours,
        l.meetings,
        l.pdf,
        l.sha256,
      ],
    );
  }

  async decline(tx: Tx, id: string, reviewedBy: string, reason: string): Promise<void> {
    await tx.execute(
      `UPDATE letter SET status = 'DECLINED', reviewed_by = $2, reviewed_at = now(), decline_reason = $3 WHERE id = $1`,
      [id, reviewedBy, reason],
    );
  }

  /** Revokes an issued letter; false when it is not (or no longer) issued. */
  async revoke(tx: Tx, id: string, revokedBy: string, reason: string): Promise<boolean> {
    const n = await tx.execute(
      `UPDATE letter SET status = 'REVOKED', revoked_by = $2, revoked_at = now(), revoke_reason = $3
       WHERE id = $1 AND status = 'ISSUED'`,
      [id, revokedBy, reason],
    );
    return n > 0;
  }

  /** The programme's name and organisations (the read model), to scope programme admins and print the letter. */
  programme(programmeId: string): Promise<{ name: string | null; organizationIds: string[] } | null> {
    return this.db.one<{ name: string | null; organizationIds: string[] }>(
      `SELECT name, coalesce(organization_ids, '{}') AS "organizationIds" FROM programme WHERE id = $1`,
      [programmeId],
    );
  }

  async programmesOfOrganization(organizationId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM programme WHERE $1 = ANY(organization_ids)`, [
      organizationId,
    ]);
    return rows.map((r) => r.id);
  }
}
