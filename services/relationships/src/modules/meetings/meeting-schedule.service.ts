import type { Database, EventBus, Tx } from '@tandem/subgraph-kit';
import type { AgreementRepository } from '../agreements/agreement.repository';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import type { MeetingPlanRepository, MeetingPlanRow } from './meeting-plan.repository';
import { publishPlan } from './meeting-plan.service';
import {
  localDate,
  nextOccurrence,
  SCHEDULE_LEAD_HOURS,
  scheduledDetails,
  scheduledProposer,
} from './meeting-schedule.rules';

/**
 * The agreement's schedule proposes the pair's next meeting (issue 20). Once an agreement with a schedule binds,
 * the platform proposes its next occurrence (at least SCHEDULE_LEAD_HOURS ahead) on the pair's behalf, in the name
 * of the partner who initiates meetings, for the other to accept, decline or move; when that one is over (held,
 * declined, cancelled, or its time passed unanswered), the following occurrence. One open proposal from the
 * schedule at a time, one per occurrence (`meeting_plan.schedule_slot`), none past the planned end and none while
 * the relationship is not ACTIVE. Called in the transaction of the change that frees the slot, and by the
 * reminder job for the times that simply pass.
 */
export class MeetingScheduleService {
  constructor(
    private readonly agreements: AgreementRepository,
    private readonly plans: MeetingPlanRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /** Proposes the schedule's next meeting of the relationship when one is due; the new plan, or null. */
  async proposeNext(tx: Tx, relationshipId: string, now: Date): Promise<MeetingPlanRow | null> {
    const rel = await this.relationshipRepo.lock(tx, relationshipId);
    if (!rel || rel.status !== 'ACTIVE') return null;
    const schedule = await this.agreements.bindingSchedule(tx, rel.id);
    if (!schedule) return null;
    if (await this.plans.hasOpenScheduled(tx, rel.id, now)) return null;
    const lastSlot = await this.plans.lastScheduleSlot(tx, rel.id);
    const earliest = Math.max(now.getTime() + SCHEDULE_LEAD_HOURS * 3_600_000, lastSlot?.getTime() ?? 0);
    const slot = nextOccurrence(schedule, schedule.bindingSince, new Date(earliest));
    if (rel.plannedEndOn && localDate(slot, schedule.timeZone) > rel.plannedEndOn) return null;
    const { durationMinutes, ...details } = scheduledDetails(schedule.place, schedule.lengthMinutes);
    const { proposedBy, awaitingUserId } = scheduledProposer(schedule.initiator, rel);
    const row = await this.plans.insert(tx, {
      ...details,
      startsAt: slot,
      durationMinutes,
      timeZone: schedule.timeZone,
      agenda: [],
      goalIds: [],
      relationshipId: rel.id,
      proposedBy,
      awaitingUserId,
      at: now,
      scheduleSlot: slot,
    });
    // from the schedule: both partners are told the agreed schedule proposed it, not the partner in whose name it stands
    await publishPlan(this.events, tx, 'MeetingPlanned', rel, row, proposedBy, { awaitingUserId, source: 'SCHEDULE' });
    return row;
  }

  /** The reminder job's pass: every running pair whose schedule has no open proposal gets its next one. */
  async sweep(now: Date): Promise<number> {
    let proposed = 0;
    for (const id of await this.plans.scheduleCandidates(now)) {
      if (await this.db.transaction((tx) => this.proposeNext(tx, id, now))) proposed += 1;
    }
    return proposed;
  }
}
