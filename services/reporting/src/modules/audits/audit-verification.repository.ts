import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';
import { IN_SCOPE } from './audit.repository';

export interface VerificationRow {
  selectionId: string;
  meetingId: string;
  verifierId: string;
  subjectId: string;
  relationshipId: string | null;
  occurredOn: string;
  hours: number;
  topics: string[];
  answer: string | null;
  note: string | null;
  answeredAt: Date | null;
  dueOn: string;
  decided: boolean;
}

/** The meetings one verifier is asked about for one selection. */
export interface VerificationRequestRow {
  selectionId: string;
  subjectId: string;
  verifierId: string;
  meetingIds: string[];
}

const VERIFICATION = `v.selection_id AS "selectionId", v.meeting_id AS "meetingId", v.verifier_id AS "verifierId", s.user_id AS "subjectId",
  v.relationship_id AS "relationshipId", v.occurred_on::text AS "occurredOn", v.hours::float8 AS hours, v.topics, v.answer, v.note,
  v.answered_at AS "answeredAt", s.due_on::text AS "dueOn", (s.outcome IS NOT NULL) AS decided`;

/** The counterparts' verifications of audited meetings: asked when a cycle opens, answered by the counterparts. */
export class AuditVerificationRepository {
  constructor(private readonly db: Database) {}

  /**
   * Asks the counterparts about every selected person's live meeting entries in the period and the cycle's scope
   * (one statement),
   * and returns the requests per selection and verifier, meetings in date order.
   */
  async requestVerifications(tx: Tx, auditId: string, from: string, to: string): Promise<VerificationRequestRow[]> {
    await tx.execute(
      `INSERT INTO audit_verification (selection_id, meeting_id, verifier_id, relationship_id, occurred_on, hours, topics)
       SELECT s.id, e.meeting_id, e.counterpart_id, e.relationship_id, e.occurred_on, e.hours, e.topics
       FROM audit_selection s JOIN audit a ON a.id = s.audit_id JOIN cpd_entry e ON e.user_id = s.user_id
       WHERE s.audit_id = $1 AND ${IN_SCOPE('e.programme_id', 'a.programme_id', 'a.organization_id')} AND e.kind = 'MEETING' AND e.occurred_on BETWEEN $2 AND $3 AND e.counterpart_id IS NOT NULL AND e.meeting_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM cpd_entry r WHERE r.reverses_entry_id = e.id)
       ON CONFLICT DO NOTHING`,
      [auditId, from, to],
    );
    return tx.query<VerificationRequestRow>(
      `SELECT v.selection_id AS "selectionId", s.user_id AS "subjectId", v.verifier_id AS "verifierId",
              array_agg(v.meeting_id ORDER BY v.occurred_on, v.meeting_id) AS "meetingIds"
       FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id
       WHERE s.audit_id = $1 GROUP BY v.selection_id, s.user_id, v.verifier_id ORDER BY v.selection_id, v.verifier_id`,
      [auditId],
    );
  }

  async verificationsOfSelections(selectionIds: readonly string[]): Promise<VerificationRow[]> {
    return this.db.query<VerificationRow>(
      `SELECT ${VERIFICATION} FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id WHERE v.selection_id = ANY($1::uuid[]) ORDER BY v.occurred_on, v.meeting_id`,
      [selectionIds],
    );
  }

  /** What a verifier is asked (about one selection, or all); in `tx` to see the answers it just wrote. */
  async verificationsFor(verifierId: string, selectionId?: string, tx?: Tx): Promise<VerificationRow[]> {
    const q: Queryable = tx ?? this.db;
    return q.query<VerificationRow>(
      `SELECT ${VERIFICATION} FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id
       WHERE v.verifier_id = $1 AND ($2::uuid IS NULL OR v.selection_id = $2) ORDER BY s.due_on, v.selection_id, v.occurred_on`,
      [verifierId, selectionId ?? null],
    );
  }

  /**
   * A page of the selections a verifier is asked about, earliest deadline first: `limit` rows after the cursor's
   * (due on, selection).
   */
  async requestedSelectionsPage(
    verifierId: string,
    after: [string, string] | null,
    limit: number,
  ): Promise<Array<{ selectionId: string; dueOn: string }>> {
    return this.db.query(
      `SELECT DISTINCT s.id AS "selectionId", s.due_on::text AS "dueOn" FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id
       WHERE v.verifier_id = $1 AND ($2::date IS NULL OR (s.due_on, s.id) > ($2::date, $3::uuid))
       ORDER BY 2, 1 LIMIT $4`,
      [verifierId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async countRequestedSelections(verifierId: string): Promise<number> {
    return (await this.db.one<{ n: number }>(
      `SELECT count(DISTINCT selection_id)::int AS n FROM audit_verification WHERE verifier_id = $1`,
      [verifierId],
    ))!.n;
  }

  /** What a verifier is asked about the given selections, in the order of `verificationsFor`. */
  async verificationsOfVerifier(verifierId: string, selectionIds: readonly string[]): Promise<VerificationRow[]> {
    return this.db.query<VerificationRow>(
      `SELECT ${VERIFICATION} FROM audit_verification v JOIN audit_selection s ON s.id = v.selection_id
       WHERE v.verifier_id = $1 AND v.selection_id = ANY($2::uuid[]) ORDER BY s.due_on, v.selection_id, v.occurred_on`,
      [verifierId, selectionIds],
    );
  }

  async answer(
    tx: Tx,
    selectionId: string,
    meetingId: string,
    verifierId: string,
    answer: string,
    note: string | null,
  ): Promise<void> {
    await tx.execute(
      `UPDATE audit_verification SET answer = $4, note = $5, answered_at = now() WHERE selection_id = $1 AND meeting_id = $2 AND verifier_id = $3`,
      [selectionId, meetingId, verifierId, answer, note],
    );
  }
}
