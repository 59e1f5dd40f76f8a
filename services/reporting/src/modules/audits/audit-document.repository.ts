import type { Database, Tx } from '@tandem/subgraph-kit';

export interface AuditDocumentRow {
  id: string;
  selectionId: string;
  userId: string;
  storageKey: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

/** A selection with what deciding who may see and change its documents needs. */
export interface DocumentSelectionRow {
  id: string;
  userId: string;
  programmeId: string | null;
  outcome: string | null;
  answeredAt: Date | null;
  /** The cycle's scope. */
  auditProgrammeId: string | null;
  auditOrganizationId: string | null;
}

const DOCUMENT = `d.id, d.selection_id AS "selectionId", d.user_id AS "userId", d.storage_key AS "storageKey", d.filename,
  d.media_type AS "mediaType", d.size_bytes AS "sizeBytes", d.sha256, d.uploaded_at AS "uploadedAt"`;
const SELECTION = `s.id, s.user_id AS "userId", s.programme_id AS "programmeId", s.outcome, s.answered_at AS "answeredAt",
  a.programme_id AS "auditProgrammeId", a.organization_id AS "auditOrganizationId"`;

/** Audit documents' rows (the bytes are in the store) and the member's answer. */
export class AuditDocumentRepository {
  constructor(private readonly db: Database) {}

  async selection(id: string): Promise<DocumentSelectionRow | null> {
    return this.db.one<DocumentSelectionRow>(
      `SELECT ${SELECTION} FROM audit_selection s JOIN audit a ON a.id = s.audit_id WHERE s.id = $1`,
      [id],
    );
  }

  /** The selection locked until the transaction ends: uploads, removals and the answer of one person queue here. */
  async lockSelection(tx: Tx, id: string): Promise<DocumentSelectionRow | null> {
    return tx.one<DocumentSelectionRow>(
      `SELECT ${SELECTION} FROM audit_selection s JOIN audit a ON a.id = s.audit_id WHERE s.id = $1 FOR UPDATE OF s`,
      [id],
    );
  }

  async usage(tx: Tx, selectionId: string): Promise<{ count: number; bytes: number }> {
    return (await tx.one<{ count: number; bytes: number }>(
      `SELECT count(*)::int AS count, coalesce(sum(size_bytes), 0)::float8 AS bytes FROM audit_document WHERE selection_id = $1`,
      [selectionId],
    ))!;
  }

  async insert(tx: Tx, d: AuditDocumentRow): Promise<void> {
    await tx.execute(
      `INSERT INTO audit_document (id, selection_id, user_id, storage_key, filename, media_type, size_bytes, sha256, uploaded_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [d.id, d.selectionId, d.userId, d.storageKey, d.filename, d.mediaType, d.sizeBytes, d.sha256, d.uploadedAt],
    );
  }

  async document(id: string): Promise<AuditDocumentRow | null> {
    return this.db.one<AuditDocumentRow>(`SELECT ${DOCUMENT} FROM audit_document d WHERE d.id = $1`, [id]);
  }

  async deleteDocument(tx: Tx, id: string): Promise<boolean> {
    return (await tx.execute(`DELETE FROM audit_document WHERE id = $1`, [id])) > 0;
  }

  /**
   * A person erased their account: the documents they uploaded (rows; the caller removes the files), their answers
   * to audits of them and their notes as a counterpart go. Outcomes, verified hours and yes/no answers stay: they are
   * the body's decision, and the ledger already reflects them. Returns the removed documents' storage keys.
   */
  async eraseWordsOf(tx: Tx, userId: string): Promise<string[]> {
    const removed = await tx.query<{ key: string }>(
      `DELETE FROM audit_document WHERE user_id = $1 RETURNING storage_key AS key`,
      [userId],
    );
    await tx.execute(
      `UPDATE audit_selection SET member_answer = NULL WHERE user_id = $1 AND member_answer IS NOT NULL`,
      [userId],
    );
    await tx.execute(`UPDATE audit_verification SET note = NULL WHERE verifier_id = $1 AND note IS NOT NULL`, [userId]);
    return removed.map((r) => r.key);
  }

  /** The documents of the selections a request reads, oldest first, in one statement per batch. */
  async documentsOfSelections(selectionIds: readonly string[]): Promise<AuditDocumentRow[]> {
    return this.db.query<AuditDocumentRow>(
      `SELECT ${DOCUMENT} FROM audit_document d WHERE d.selection_id = ANY($1::uuid[]) ORDER BY d.uploaded_at, d.id`,
      [selectionIds],
    );
  }

  /** The member's answer, once (false when it was already given). */
  async submitAnswer(tx: Tx, selectionId: string, answer: string): Promise<boolean> {
    return (
      (await tx.execute(
        `UPDATE audit_selection SET member_answer = $2, answered_at = now() WHERE id = $1 AND answered_at IS NULL`,
        [selectionId, answer],
      )) > 0
    );
  }

  /** The organisations running a programme (from the programme service's events). */
  async organizationsOfProgramme(programmeId: string): Promise<string[]> {
    const row = await this.db.one<{ ids: string[] }>(
      `SELECT coalesce(organization_ids, '{}') AS ids FROM programme WHERE id = $1`,
      [programmeId],
    );
    return row?.ids ?? [];
  }
}
