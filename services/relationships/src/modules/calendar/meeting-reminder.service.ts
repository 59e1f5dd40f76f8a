import type { Database, EventBus } from '@tandem/subgraph-kit';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import type { MeetingPlanRepository } from '../meetings/meeting-plan.repository';
import { publishPlan } from '../meetings/meeting-plan.service';
import type { MeetingReminderRepository } from './meeting-reminder.repository';
import { remindersDue } from './meeting-reminder.rules';

/**
 * The reminder job (every 5 minutes, as of `now`): for each accepted, unrecorded plan, the reminders due
 * (meeting-reminder.rules.ts) are claimed once per plan, kind and start and published as MeetingPlanReminderDue,
 * in one transaction per plan (identity tells the partners, by their choices). A rerun sends nothing twice.
 */
export class MeetingReminderService {
  constructor(
    private readonly repo: MeetingReminderRepository,
    private readonly plans: MeetingPlanRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** Sends what is due at `now`; how many reminders were published. */
  async run(now: Date): Promise<number> {
    let sent = 0;
    for (const candidate of await this.repo.candidates(now)) {
      const due = remindersDue(candidate, now);
      if (!due.length) continue;
      sent += await this.db.transaction(async (tx) => {
        const plan = await this.plans.lock(tx, candidate.id);
        // changed since the scan (moved, cancelled or recorded): the next run sees it as it is
        if (!plan || plan.status !== 'ACCEPTED' || plan.meetingId) return 0;
        if (plan.startsAt.getTime() !== candidate.startsAt.getTime()) return 0;
        const [rel] = await this.relationshipRepo.byIds([plan.relationshipId]);
        if (!rel) return 0;
        let n = 0;
        for (const reminder of due) {
          if (!(await this.repo.claim(tx, plan.id, reminder, plan.startsAt, now))) continue;
          await publishPlan(this.events, tx, 'MeetingPlanReminderDue', rel, plan, plan.proposedBy, { reminder });
          n += 1;
        }
        return n;
      });
    }
    return sent;
  }
}
