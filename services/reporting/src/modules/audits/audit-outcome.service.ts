import {
  NotFound,
  outcome,
  refuse,
  requireRole,
  type Database,
  type EventBus,
  type Outcome,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { RelationshipRepository } from '../read-models/relationship.repository';
import type { LedgerRepository } from '../cpd/ledger.repository';
import { auditDenialReversal } from '../cpd/cpd.rules';
import type { AuditRepository, SelectionRow } from './audit.repository';
import type { AuditVerificationRepository, VerificationRow } from './audit-verification.repository';
import type { RecordAuditOutcomeInput } from './audit.inputs';
import { acceptedHours, deriveOutcome } from './audit.rules';
import { AUDITOR_ROLES, type AuditService } from './audit.service';
import type { AuditOutcome, AuditSelection } from './audit.type';

/**
 * Audit outcomes: an auditor's decision (never on a conflict of interest), or no response by the deadline; a
 * meeting denied by its counterpart leaves the audited person's CPD hours through a reversing ledger entry.
 */
export class AuditOutcomeService {
  constructor(
    private readonly audits: AuditRepository,
    private readonly verifications: AuditVerificationRepository,
    private readonly relationships: RelationshipRepository,
    private readonly auditService: AuditService,
    private readonly ledger: LedgerRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async record(ctx: SubgraphContext, input: RecordAuditOutcomeInput): Promise<Outcome<'selection', AuditSelection>> {
    const principal = requireRole(ctx, ...AUDITOR_ROLES);
    const current = await this.audits.selection(input.selectionId);
    if (!current) throw NotFound('Audit selection');
    return outcome('selection', async () => {
      const checks = await this.verifications.verificationsOfSelections([current.id]);
      // conflict of interest: one's own audit, or one that involves one's own relationships
      if (current.userId === principal.userId)
        throw refuse('input.selectionId', 'CONFLICT_OF_INTEREST', 'You cannot review your own audit.');
      if (
        checks.some((c) => c.verifierId === principal.userId) ||
        (await this.relationships.between(principal.userId, current.userId))
      )
        throw refuse(
          'input.selectionId',
          'CONFLICT_OF_INTEREST',
          'You cannot review an audit that involves your own mentoring relationships.',
        );
      if (!input.notes.trim()) throw refuse('input.notes', 'REQUIRED', 'Write the reviewer notes.');
      const decided = await this.decide(current, checks, input.outcome ?? null, principal.userId, input.notes.trim());
      if (!decided) throw refuse('input.selectionId', 'ALREADY_DECIDED', 'This selection already has an outcome.');
      return decided;
    });
  }

  /** Scheduled: selections past their deadline with no answer at all close as NO_RESPONSE. */
  async closeOverdue(today = new Date().toISOString().slice(0, 10)): Promise<number> {
    let closed = 0;
    for (const id of await this.audits.overdueWithoutAnswer(today)) {
      const s = await this.audits.selection(id);
      if (
        s &&
        (await this.decide(
          s,
          await this.verifications.verificationsOfSelections([id]),
          'NO_RESPONSE' as AuditOutcome,
          null,
          'Closed automatically: no response by the deadline.',
        ))
      )
        closed++;
    }
    return closed;
  }

  /** Records the outcome once (null when one was recorded meanwhile) and publishes it. */
  private async decide(
    s: SelectionRow,
    checks: VerificationRow[],
    override: AuditOutcome | null,
    reviewerId: string | null,
    notes: string,
  ): Promise<AuditSelection | null> {
    const outcome = override ?? deriveOutcome(checks, Number(s.claimedHours)).outcome;
    const verifiedHours = acceptedHours(outcome, Number(s.claimedHours), checks);
    const ok = await this.db.transaction(async (tx) => {
      if (!(await this.audits.decide(tx, s.id, outcome, verifiedHours, reviewerId, notes))) return false;
      // the outcome reaches the evidence: each meeting the counterpart denied is reversed in the audited person's
      // ledger (append-only), unless the reviewer overrode the answers to VERIFIED
      if (outcome === 'PARTIALLY_VERIFIED' || outcome === 'NOT_VERIFIED') {
        await this.ledger.lock(tx, [s.userId]);
        for (const c of checks.filter((c) => c.answer === 'DENIED')) {
          const live = await this.ledger.liveEntryForMeeting(tx, s.userId, c.meetingId);
          if (live) await this.ledger.append(tx, auditDenialReversal(live));
        }
      }
      await this.events.publish(tx, 'AuditOutcomeRecorded', {
        auditId: s.auditId,
        selectionId: s.id,
        userId: s.userId,
        outcome,
        verifiedHours,
        recordedAt: new Date().toISOString(),
      });
      return true;
    });
    return ok ? this.auditService.forAuditor(s.id) : null;
  }
}
