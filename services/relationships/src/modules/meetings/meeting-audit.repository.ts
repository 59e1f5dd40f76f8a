import type { EventPayloads } from '@tandem/contracts';
import type { Tx } from '@tandem/subgraph-kit';

/**
 * Audit locks on meetings, from reporting's audit events (`audit_selection`, `meeting.audit_locked_at`): a
 * verification request names the meetings an audit selected, which are locked from then on; an outcome is
 * recorded against its selection. Written in the consumer's transaction; converges whatever the order.
 */
export class MeetingAuditRepository {
  /** AuditVerificationRequested: the selection's meetings are locked (the first lock stays). */
  async verificationRequested(tx: Tx, p: EventPayloads['AuditVerificationRequested'], at: Date): Promise<void> {
    await tx.execute(
      `INSERT INTO audit_selection (selection_id, audit_id, meeting_ids, locked_at) VALUES ($1, $2, $3::uuid[], $4)
       ON CONFLICT (selection_id) DO UPDATE SET meeting_ids = ARRAY(SELECT DISTINCT unnest(audit_selection.meeting_ids || EXCLUDED.meeting_ids)),
         locked_at = coalesce(audit_selection.locked_at, EXCLUDED.locked_at)`,
      [p.selectionId, p.auditId, p.meetingIds, at],
    );
    await tx.execute(
      `UPDATE meeting SET audit_locked_at = $3, audit_id = $2 WHERE id = ANY($1::uuid[]) AND audit_locked_at IS NULL`,
      [p.meetingIds, p.auditId, at],
    );
  }

  /**
   * AuditOutcomeRecorded: the outcome is kept with the selection. The meetings stay locked: a recorded audit is
   * final, and lifting the lock would let the evidence it judged be changed after the verdict.
   */
  async outcomeRecorded(tx: Tx, p: EventPayloads['AuditOutcomeRecorded']): Promise<void> {
    await tx.execute(
      `INSERT INTO audit_selection (selection_id, audit_id, outcome, outcome_recorded_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (selection_id) DO UPDATE SET outcome = EXCLUDED.outcome, outcome_recorded_at = EXCLUDED.outcome_recorded_at
       WHERE audit_selection.outcome_recorded_at IS NULL OR audit_selection.outcome_recorded_at <= EXCLUDED.outcome_recorded_at`,
      [p.selectionId, p.auditId, p.outcome, p.recordedAt],
    );
  }
}
