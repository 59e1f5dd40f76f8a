import type { Database, EventBus } from '@tandem/subgraph-kit';
import type { AuditRepository } from './audit.repository';

/** Days before a selection's deadline when the member is reminded, largest first. */
export const REMINDER_LEAD_DAYS = [7, 1] as const;

/**
 * The audit clock (a scheduled job): reminds each selected member not yet decided on, 7 and 1 days before the
 * cycle's deadline. Each lead is sent once (audit_reminder); a lead whose window had already begun when the cycle
 * opened is skipped (the request itself just told them), and a late run sends only the nearest lead.
 */
export class AuditReminderService {
  constructor(
    private readonly audits: AuditRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async remindDue(today = new Date().toISOString().slice(0, 10)): Promise<number> {
    return this.db.transaction(async (tx) => {
      let sent = 0;
      for (const r of await this.audits.dueReminders(tx, today, REMINDER_LEAD_DAYS)) {
        // this lead and every larger one are done (a member is never reminded twice for one window); a run
        // that lost the race to another publishes nothing
        const leads = REMINDER_LEAD_DAYS.filter((l) => l >= r.leadDays);
        if (!(await this.audits.markReminded(tx, r.selectionId, r.leadDays, leads))) continue;
        await this.events.publish(tx, 'AuditEvidenceDueSoon', {
          auditId: r.auditId,
          selectionId: r.selectionId,
          userId: r.userId,
          dueOn: r.dueOn,
          daysLeft: Number(r.daysLeft),
        });
        sent++;
      }
      return sent;
    });
  }
}
