import {
  isTimeIdCursor,
  NotFound,
  readPage,
  refuse,
  requirePrincipal,
  rowsLoader,
  toConnection,
  uuids,
  type Connection,
  type Database,
  type EventBus,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { EventPayloads } from '@tandem/contracts';
import type { Clock } from '../shared/dates';
import { ANY_VIEWER, PARTNERS } from '../relationships/relationship.access';
import { refOf } from '../relationships/relationship.events';
import type { RelationshipRepository, RelationshipRow } from '../relationships/relationship.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import type { GoalRepository } from '../goals/goal.repository';
import { toGoal, type Goal } from '../goals/goal.type';
import type { PersonProfileRepository } from '../users/person-profile.repository';
import type { MeetingGoalRepository } from './meeting-goal.repository';
import type { MeetingLogService } from './meeting-log.service';
import type { MeetingInput } from './meeting.inputs';
import type { MeetingRepository } from './meeting.repository';
import { toMeeting, type Meeting } from './meeting.type';
import type { MeetingPlanChangeInput, MeetingPlanInput, MeetingPlanTimeInput } from './meeting-plan.inputs';
import type { MeetingPlanRepository, MeetingPlanRow } from './meeting-plan.repository';
import { refuseStep, validatePlan, validatePlanChange, validateReason, type PlanStep } from './meeting-plan.rules';
import { toMeetingPlan, type MeetingPlan } from './meeting-plan.type';
import type { MeetingScheduleService } from './meeting-schedule.service';

type PlanEvent =
  'MeetingPlanned' | 'MeetingPlanRescheduled' | 'MeetingPlanAccepted' | 'MeetingPlanDeclined' | 'MeetingPlanCancelled';

/**
 * Meetings planned ahead (issue 20): a partner of an ACTIVE relationship proposes one (in the future, in their own
 * zone unless they name another, 15 to 480 minutes); the other accepts, declines (with a reason) or proposes another
 * time (back to the proposer); either reschedules (back to awaiting the other) or cancels with a reason. Every change
 * grows the plan's sequence and publishes an event with ids and times. The partners, the coach of the relationship's
 * organisation and admins read the plans. Once an accepted plan has ended, a partner records it as a logged meeting.
 */
export class MeetingPlanService {
  constructor(
    private readonly repo: MeetingPlanRepository,
    private readonly meetingGoals: MeetingGoalRepository,
    private readonly goalRepo: GoalRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly people: PersonProfileRepository,
    private readonly meetingRepo: MeetingRepository,
    private readonly meetingLog: MeetingLogService,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly schedule: MeetingScheduleService,
  ) {}

  async propose(ctx: SubgraphContext, relationshipId: string, input: MeetingPlanInput): Promise<MeetingPlan> {
    const { principal } = await this.relationships.require(ctx, relationshipId, PARTNERS);
    return this.db.transaction(async (tx) => {
      const rel = await this.lockActive(tx, relationshipId, 'relationshipId');
      const now = this.clock();
      const zone = (await this.people.timeZone(tx, principal.userId)) ?? 'UTC';
      const plan = validatePlan(input, { now, defaultTimeZone: zone });
      const known = new Set(await this.meetingGoals.goalsOfRelationship(tx, rel.id, uuids(plan.goalIds)));
      const foreign = plan.goalIds.findIndex((id) => !known.has(id));
      if (foreign >= 0)
        throw refuse(`input.goalIds.${foreign}`, 'NOT_IN_RELATIONSHIP', 'This goal is not a goal of the relationship.');
      const awaitingUserId = otherPartner(rel, principal.userId);
      const row = await this.repo.insert(tx, {
        ...plan,
        relationshipId: rel.id,
        proposedBy: principal.userId,
        awaitingUserId,
        at: now,
      });
      await this.publish(tx, 'MeetingPlanned', rel, row, principal.userId, { awaitingUserId, source: 'PERSON' });
      return toMeetingPlan(row);
    });
  }

  async accept(ctx: SubgraphContext, planId: string): Promise<MeetingPlan> {
    return this.step(ctx, planId, 'ACCEPT', async (tx, rel, plan, userId) => {
      const row = await this.repo.settle(tx, plan.id, 'ACCEPTED', userId, null, this.clock());
      await this.publish(tx, 'MeetingPlanAccepted', rel, row, userId, {});
      return row;
    });
  }

  async decline(ctx: SubgraphContext, planId: string, reason: string): Promise<MeetingPlan> {
    return this.step(ctx, planId, 'DECLINE', async (tx, rel, plan, userId) => {
      const row = await this.repo.settle(tx, plan.id, 'DECLINED', userId, validateReason(reason), this.clock());
      await this.publish(tx, 'MeetingPlanDeclined', rel, row, userId, {});
      // the schedule's following occurrence, when this was its proposal
      if (row.scheduleSlot) await this.schedule.proposeNext(tx, rel.id, this.clock());
      return row;
    });
  }

  async cancel(ctx: SubgraphContext, planId: string, reason: string): Promise<MeetingPlan> {
    return this.step(ctx, planId, 'CANCEL', async (tx, rel, plan, userId) => {
      const row = await this.repo.settle(tx, plan.id, 'CANCELLED', userId, validateReason(reason), this.clock());
      await this.publish(tx, 'MeetingPlanCancelled', rel, row, userId, {});
      if (row.scheduleSlot) await this.schedule.proposeNext(tx, rel.id, this.clock());
      return row;
    });
  }

  /**
   * New times: another time proposed by the partner awaited (`counter`), or a reschedule by either partner, which may
   * change how, where and the agenda too (`details`).
   */
  async retime(
    ctx: SubgraphContext,
    planId: string,
    input: MeetingPlanTimeInput,
    counter: boolean,
    details: MeetingPlanChangeInput | null = null,
  ): Promise<MeetingPlan> {
    return this.step(ctx, planId, counter ? 'COUNTER' : 'RESCHEDULE', async (tx, rel, plan, userId) => {
      const now = this.clock();
      const zone = (await this.people.timeZone(tx, userId)) ?? 'UTC';
      const { details: changed, ...times } = validatePlanChange(input, details, { now, defaultTimeZone: zone });
      const awaitingUserId = otherPartner(rel, userId);
      const row = await this.repo.retime(tx, plan.id, times, userId, awaitingUserId, now, changed);
      await this.publish(tx, 'MeetingPlanRescheduled', rel, row, userId, { awaitingUserId, counter });
      return row;
    });
  }

  /**
   * A partner records an accepted plan once its end has passed: the meeting is logged (every rule of the log
   * applies; the other partner confirms it as usual), the plan's goals become the meeting's, and the plan points to
   * it. A plan never recorded counts for nothing.
   */
  async record(ctx: SubgraphContext, planId: string, input: MeetingInput): Promise<MeetingPlan> {
    const { found, principal } = await this.partnerPlan(ctx, planId);
    return this.db.transaction(async (tx) => {
      const plan = (await this.repo.lock(tx, found.id))!;
      if (plan.meetingId) throw refuse('planId', 'ALREADY_RECORDED', 'This planned meeting is already recorded.');
      if (plan.status !== 'ACCEPTED')
        throw refuse('planId', 'INVALID_STATE', 'Only a planned meeting both accepted is recorded.');
      if (plan.endsAt.getTime() > this.clock().getTime())
        throw refuse('planId', 'NOT_ENDED', 'Record this meeting once it has ended.');
      const meeting = await this.meetingLog.logIn(tx, principal, plan.relationshipId, input);
      const known = await this.meetingGoals.goalsOfRelationship(tx, plan.relationshipId, plan.goalIds);
      if (known.length) await this.meetingGoals.replace(tx, meeting.id, known);
      const recorded = await this.repo.recorded(tx, plan.id, meeting.id, this.clock());
      if (recorded.scheduleSlot) await this.schedule.proposeNext(tx, plan.relationshipId, this.clock());
      return toMeetingPlan(recorded);
    });
  }

  /** The meeting that recorded the plan (null until recorded). */
  async meetingOf(plan: MeetingPlan): Promise<Meeting | null> {
    if (!plan.row.meetingId) return null;
    const [m] = await this.meetingRepo.byIds([plan.row.meetingId]);
    return m ? toMeeting(m) : null;
  }

  /** A page of a relationship's plans the caller may see: upcoming soonest first, or past latest first. */
  async page(
    ctx: SubgraphContext,
    relationshipId: string,
    past: boolean,
    args: { first: number | null; after: string | null },
  ): Promise<Connection<MeetingPlan>> {
    await this.relationships.require(ctx, relationshipId, ANY_VIEWER);
    const now = this.clock();
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.repo.page(relationshipId, past, now, page.after, page.size + 1);
    return toConnection(
      rows,
      page,
      (p) => [p.startsAt.toISOString(), p.id],
      toMeetingPlan,
      () => this.repo.count(relationshipId, past, now),
    );
  }

  /** The goals a plan's agenda names (batched per request; a goal deleted since is left out). */
  async goalsOf(ctx: SubgraphContext, plan: MeetingPlan): Promise<Goal[]> {
    const ids = plan.row.goalIds;
    if (!ids.length) return [];
    const loader = rowsLoader(
      ctx,
      'meetingPlans:goals',
      (g: { id: string }) => g.id,
      (goalIds) => this.goalRepo.byIds(goalIds),
    );
    const found = await Promise.all(ids.map((id) => loader.load(id)));
    return found.flat().map(toGoal);
  }

  /** Whether the plan has ended at the service's "now". */
  ended(plan: MeetingPlan): boolean {
    return plan.endsAt.getTime() <= this.clock().getTime();
  }

  /** Checks the caller is a partner and may take `step` now, then runs `work` on the locked plan. */
  private async step(
    ctx: SubgraphContext,
    planId: string,
    step: PlanStep,
    work: (tx: Tx, rel: RelationshipRow, plan: MeetingPlanRow, userId: string) => Promise<MeetingPlanRow>,
  ): Promise<MeetingPlan> {
    const { found, principal } = await this.partnerPlan(ctx, planId);
    return this.db.transaction(async (tx) => {
      const rel =
        step === 'DECLINE' || step === 'CANCEL'
          ? (await this.relationshipRepo.lock(tx, found.relationshipId))!
          : await this.lockActive(tx, found.relationshipId, 'planId');
      const plan = (await this.repo.lock(tx, found.id))!;
      refuseStep(plan, step, principal.userId, this.clock());
      return toMeetingPlan(await work(tx, rel, plan, principal.userId));
    });
  }

  /** The plan if the caller is a partner of its relationship; NOT_FOUND otherwise. */
  private async partnerPlan(ctx: SubgraphContext, planId: string) {
    const principal = requirePrincipal(ctx);
    const [found] = await this.repo.byIds(uuids([planId]));
    if (!found) throw NotFound('MeetingPlan');
    await this.relationships.require(ctx, found.relationshipId, PARTNERS).catch(() => {
      throw NotFound('MeetingPlan');
    });
    return { found, principal };
  }

  private async lockActive(tx: Tx, relationshipId: string, field: string): Promise<RelationshipRow> {
    const rel = (await this.relationshipRepo.lock(tx, relationshipId))!;
    if (rel.status !== 'ACTIVE')
      throw refuse(field, 'INVALID_STATE', `Meetings are planned only while the relationship is active.`);
    return rel;
  }

  private publish<K extends PlanEvent>(
    tx: Tx,
    name: K,
    rel: RelationshipRow,
    row: MeetingPlanRow,
    byId: string,
    extra: Omit<EventPayloads[K], keyof EventPayloads['MeetingPlanAccepted']>,
  ): Promise<void> {
    return publishPlan(this.events, tx, name, rel, row, byId, extra);
  }
}

/** Publishes a plan's event with its facts (ids, times, where and what for): also the reminder job's. */
export async function publishPlan<K extends PlanEvent | 'MeetingPlanReminderDue'>(
  events: EventBus,
  tx: Tx,
  name: K,
  rel: Parameters<typeof refOf>[0],
  row: MeetingPlanRow,
  byId: string,
  extra: Omit<EventPayloads[K], keyof EventPayloads['MeetingPlanAccepted']>,
): Promise<void> {
  const payload = {
    ...refOf(rel),
    planId: row.id,
    byId,
    startsAt: row.startsAt.toISOString(),
    durationMinutes: row.durationMinutes,
    timeZone: row.timeZone,
    sequence: row.sequence,
    changedAt: row.updatedAt.toISOString(),
    mode: row.mode,
    place: row.place,
    videoUrl: row.videoUrl,
    agenda: row.agenda,
    inCalendars: row.inCalendars,
    ...extra,
  } as EventPayloads[K];
  await events.publish(tx, name, payload);
}

const otherPartner = (rel: RelationshipRow, userId: string) => (rel.mentorId === userId ? rel.menteeId : rel.mentorId);
