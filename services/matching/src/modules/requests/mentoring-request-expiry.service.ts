import { DEFAULT_PROGRAMME_NUDGES } from '@tandem/contracts';
import type { Database, EventBus } from '@tandem/subgraph-kit';
import type { MentoringRequestRepository } from './mentoring-request.repository';

/**
 * The clock of pending requests (a scheduled job): reminds mentors before expiry, as many days ahead as each
 * request's programme says (`Programme.nudges.requestExpiryReminderDays`, kept in the programme read model), then
 * expires the overdue ones.
 */
export class MentoringRequestExpiryService {
  constructor(
    private readonly requests: MentoringRequestRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async expireDue(now = new Date()): Promise<{ reminded: number; expired: number }> {
    return this.db.transaction(async (tx) => {
      const due = await this.requests.dueReminders(tx, now, DEFAULT_PROGRAMME_NUDGES.requestExpiryReminderDays);
      for (const r of due) {
        await this.requests.markReminded(tx, r.id, now);
        await this.events.publish(tx, 'MentoringRequestExpiring', {
          requestId: r.id,
          menteeId: r.menteeId,
          mentorId: r.mentorId,
          programmeId: r.programmeId,
          expiresAt: r.expiresAt.toISOString(),
        });
      }
      const overdue = await this.requests.dueExpiry(tx, now);
      for (const r of overdue) {
        await this.requests.setStatus(tx, r.id, 'EXPIRED', now);
        await this.events.publish(tx, 'MentoringRequestExpired', {
          requestId: r.id,
          menteeId: r.menteeId,
          mentorId: r.mentorId,
          programmeId: r.programmeId,
          expiredAt: now.toISOString(),
        });
      }
      return { reminded: due.length, expired: overdue.length };
    });
  }
}
