import type { EventPayloads, Principal } from '@tandem/contracts';
import { FieldErrors, refuse, type Database, type EventBus, type SubgraphContext, type Tx } from '@tandem/subgraph-kit';
import type { Clock } from '../shared/dates';
import type { GoalRepository } from '../goals/goal.repository';
import type { SmartGoalInput } from '../goals/goal.inputs';
import { validateSmartGoal } from '../goals/goal.validation';
import type { ProgrammeRepository } from '../programmes/programme.repository';
import type { PersonProfileRepository } from '../users/person-profile.repository';
import { PARTNERS, STAFF, viewerOf, type RelationshipViewer } from './relationship.access';
import { refOf } from './relationship.events';
import { computeProgress, DEFAULT_TERMS } from './relationship.progress';
import type { RelationshipRepository, RelationshipRow, RelationshipStatusValue } from './relationship.repository';
import type { MeetingTotalsRepository } from './relationship-totals.repository';
import type { RelationshipService } from './relationship.service';
import { toRelationship, type Relationship } from './relationship.type';

/** The life of a relationship: started by a confirmed match; paused, resumed, withdrawn, completed by both, closed or continued. */
export class RelationshipLifecycleService {
  constructor(
    private readonly repo: RelationshipRepository,
    private readonly totals: MeetingTotalsRepository,
    private readonly relationships: RelationshipService,
    private readonly goals: GoalRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly people: PersonProfileRepository,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** MatchConfirmed: starts the relationship once per match (a redelivery or a second copy changes nothing). */
  async startFromMatch(tx: Tx, m: EventPayloads['MatchConfirmed']): Promise<void> {
    const durationWeeks = (await this.programmes.durationWeeks(tx, m.programmeId)) ?? DEFAULT_TERMS.durationWeeks;
    const id = await this.repo.insertFromMatch(
      tx,
      {
        matchId: m.matchId,
        matchSource: m.source,
        menteeId: m.menteeId,
        mentorId: m.mentorId,
        programmeId: m.programmeId,
        organizationId: m.organizationId,
        cohortId: m.cohortId,
        coachId: m.coachId,
        startedOn: m.confirmedAt.slice(0, 10),
        startedAt: m.confirmedAt,
      },
      durationWeeks,
    );
    if (!id) return;
    const rel = (await this.repo.lock(tx, id))!;
    await this.events.publish(tx, 'RelationshipStarted', {
      ...refOf(rel),
      matchId: m.matchId,
      cohortId: m.cohortId,
      startedOn: rel.startedOn,
      plannedEndOn: rel.plannedEndOn!,
      coachId: rel.coachId,
    });
  }

  /** Locks the relationship for a change by a partner; the state must be one of `states`. */
  private partnerChange(
    ctx: SubgraphContext,
    id: string,
    states: RelationshipStatusValue[],
    work: (tx: Tx, rel: RelationshipRow, principal: Principal, viewer: RelationshipViewer) => Promise<void>,
  ): Promise<Relationship> {
    return this.change(ctx, id, PARTNERS, states, work);
  }

  /** Locks the relationship for a change by one of `allowed`; the state must be one of `states`. */
  private async change(
    ctx: SubgraphContext,
    id: string,
    allowed: readonly RelationshipViewer[],
    states: RelationshipStatusValue[],
    work: (tx: Tx, rel: RelationshipRow, principal: Principal, viewer: RelationshipViewer) => Promise<void>,
  ): Promise<Relationship> {
    const { principal } = await this.relationships.require(ctx, id, allowed);
    return this.db.transaction(async (tx) => {
      const rel = (await this.repo.lock(tx, id))!;
      const viewer = viewerOf(principal, rel)!;
      if (!states.includes(rel.status))
        throw refuse('id', 'INVALID_STATE', `Not possible while the relationship is ${rel.status.toLowerCase()}.`);
      await work(tx, rel, principal, viewer);
      return toRelationship((await this.repo.lock(tx, id))!, viewer);
    });
  }

  pause(ctx: SubgraphContext, id: string): Promise<Relationship> {
    return this.partnerChange(ctx, id, ['ACTIVE'], async (tx, rel, p) => {
      const at = this.clock();
      await this.repo.pause(tx, id, p.userId, at);
      await this.events.publish(tx, 'RelationshipPaused', {
        ...refOf(rel),
        pausedBy: p.userId,
        pausedAt: at.toISOString(),
      });
    });
  }

  resume(ctx: SubgraphContext, id: string): Promise<Relationship> {
    return this.partnerChange(ctx, id, ['PAUSED'], async (tx, rel, p) => {
      const at = this.clock();
      await this.repo.resume(tx, id);
      await this.events.publish(tx, 'RelationshipResumed', {
        ...refOf(rel),
        resumedBy: p.userId,
        resumedAt: at.toISOString(),
      });
    });
  }

  withdraw(ctx: SubgraphContext, id: string, reason: string): Promise<Relationship> {
    return this.partnerChange(ctx, id, ['ACTIVE', 'PAUSED'], (tx, rel, p) => this.end(tx, rel, p.userId, reason));
  }

  /**
   * Staff end an active or paused relationship early, with a reason: the coach of its organisation, programme
   * admins and admins (issue 19's bulk close). It is withdrawn as by a partner (the same rules, the same event,
   * `withdrawnBy` the staff member), so the partners are asked for feedback and every read model follows.
   */
  endByStaff(ctx: SubgraphContext, id: string, reason: string): Promise<Relationship> {
    return this.change(ctx, id, STAFF, ['ACTIVE', 'PAUSED'], (tx, rel, p) => this.end(tx, rel, p.userId, reason));
  }

  /** The reason is checked (REQUIRED, TOO_LONG), then the relationship is withdrawn and RelationshipWithdrawn told. */
  private async end(tx: Tx, rel: RelationshipRow, by: string, reason: string): Promise<void> {
    const text = reason.trim();
    if (!text) throw refuse('reason', 'REQUIRED', 'Say why you withdraw.');
    if (text.length > 2000) throw refuse('reason', 'TOO_LONG', 'At most 2000 characters.');
    const on = this.relationships.today();
    await this.repo.withdraw(tx, rel.id, by, text, on);
    const t = await this.totals.of(tx, rel.id);
    const figures = computeProgress({
      ...rel,
      confirmedMinutes: t.confirmedMinutes,
      confirmedMeetings: t.confirmedMeetings,
      today: on,
    });
    await this.events.publish(tx, 'RelationshipWithdrawn', {
      ...refOf(rel),
      withdrawnBy: by,
      reason: text,
      withdrawnOn: on,
      confirmedHours: t.confirmedMinutes / 60,
      confirmedMeetings: t.confirmedMeetings,
      // said by the owner of the terms, so reporting need not hold them when the event arrives
      metTerms: figures.termsMet,
    });
  }

  /** Records the caller's confirmation; the second confirmation completes the relationship. */
  complete(ctx: SubgraphContext, id: string): Promise<Relationship> {
    return this.partnerChange(ctx, id, ['ACTIVE', 'PAUSED'], async (tx, rel, _p, viewer) => {
      const at = this.clock();
      const side = viewer === 'MENTOR' ? 'MENTOR' : 'MENTEE';
      const already = side === 'MENTOR' ? rel.completionMentorAt : rel.completionMenteeAt;
      if (already)
        throw refuse('id', 'ALREADY_CONFIRMED', 'You already confirmed the completion; waiting for your partner.');
      const other = side === 'MENTOR' ? rel.completionMenteeAt : rel.completionMentorAt;
      if (!other) {
        await this.repo.confirmCompletion(tx, id, side, at, null);
        return;
      }
      const on = this.relationships.today();
      await this.repo.confirmCompletion(tx, id, side, at, on);
      const t = await this.totals.of(tx, id);
      const figures = computeProgress({
        ...rel,
        confirmedMinutes: t.confirmedMinutes,
        confirmedMeetings: t.confirmedMeetings,
        today: on,
      });
      await this.events.publish(tx, 'RelationshipCompleted', {
        ...refOf(rel),
        completedOn: on,
        confirmedHours: figures.confirmedHours,
        confirmedMeetings: t.confirmedMeetings,
        metTerms: figures.termsMet,
      });
    });
  }

  /** From COMPLETED: close it for good. */
  close(ctx: SubgraphContext, id: string): Promise<Relationship> {
    return this.partnerChange(ctx, id, ['COMPLETED'], async (tx, rel) => {
      if (rel.closedAt) throw refuse('id', 'ALREADY_CLOSED', 'The relationship is already closed.');
      await this.repo.close(tx, id, this.clock());
    });
  }

  /**
   * From COMPLETED (not closed): set new goals and go on, back to ACTIVE (seed 001). Like every other way into a
   * relationship, only while the mentor has a free place: their ACTIVE and PAUSED relationships here against the
   * capacity of their profile (identity's MentorProfileChanged; 1 until it has arrived, as matching assumes).
   */
  continueWithGoals(ctx: SubgraphContext, id: string, goals: SmartGoalInput[]): Promise<Relationship> {
    return this.partnerChange(ctx, id, ['COMPLETED'], async (tx, rel, p) => {
      if (rel.closedAt) throw refuse('id', 'ALREADY_CLOSED', 'A closed relationship cannot continue.');
      const today = this.relationships.today();
      const errors = new FieldErrors();
      if (!goals.length) errors.add('goals', 'REQUIRED', 'Set at least one new goal to continue.');
      const valid = goals.map((g, i) => validateSmartGoal(g, `goals.${i}`, today, errors));
      errors.throwIfAny();
      const used = await this.repo.lockMentorSeats(tx, rel.mentorId);
      const capacity = (await this.people.mentorCapacity(tx, rel.mentorId)) ?? 1;
      if (used >= capacity)
        throw refuse(
          'id',
          'CAPACITY_REACHED',
          p.userId === rel.mentorId
            ? `You already mentor ${used} of ${capacity} mentees: end or complete another relationship first.`
            : 'Your mentor has no free place to continue now.',
        );
      for (const g of valid) await this.goals.insert(tx, id, p.userId, g);
      await this.repo.continueAfterCompletion(tx, id);
      await this.events.publish(tx, 'RelationshipContinued', { ...refOf(rel), continuedOn: today });
    });
  }
}
