import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventPayloads, Principal } from '@tandem/contracts';
import {
  decodeCursor,
  encodeCursor,
  hasRole,
  loadAll,
  NotFound,
  pageSize,
  requirePrincipal,
  sliceAndPageInfo,
  type EventBus,
  type SubgraphContext,
  type Transact,
} from '@tandem/subgraph-kit';
import { utcDate, type Clock } from '../shared/dates';
import { FieldErrors, refuse } from '../shared/payload';
import type { GoalRepository } from '../goals/goal.repository';
import type { SmartGoalInput } from '../goals/goal.inputs';
import { validateSmartGoal } from '../goals/goal.validation';
import { ANY_VIEWER, PARTNERS, viewerOf, type RelationshipViewer } from './relationship.access';
import { DEFAULT_TERMS, type RelationshipEntity, type RelationshipStatusValue } from './relationship.entity';
import { computeProgress } from './relationship.progress';
import type { MeetingTotals, RelationshipRepository } from './relationship.repository';
import {
  toProgress,
  toRelationship,
  type Relationship,
  type RelationshipConnection,
  type RelationshipProgress,
} from './relationship.type';

/** The common part of every relationships event. */
export function refOf(r: RelationshipEntity) {
  return {
    relationshipId: r.id,
    menteeId: r.menteeId,
    mentorId: r.mentorId,
    programmeId: r.programmeId ?? '',
    organizationId: r.organizationId,
  };
}

/** The relationship itself: lookups with access rules, its lifecycle (start, pause, resume, withdraw, complete, close, continue) and progress. */
export class RelationshipService {
  constructor(
    private readonly repo: RelationshipRepository,
    private readonly goals: GoalRepository,
    private readonly transact: Transact,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return utcDate(this.clock());
  }

  /** Rows by id through the request's loader (one query per request). */
  async rows(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<RelationshipEntity | null>> {
    const loader = ctx.loaders.get<string, RelationshipEntity | null>('relationship:byId', async (keys) => {
      const found = new Map((await this.repo.findByIds(keys)).map((r) => [r.id, r]));
      return keys.map((k) => found.get(k) ?? null);
    });
    return loadAll(loader, ids);
  }

  /** The relationship if the caller may see it in one of the `allowed` capacities; NOT_FOUND otherwise. */
  async require(
    ctx: SubgraphContext,
    id: string,
    allowed: readonly RelationshipViewer[] = ANY_VIEWER,
  ): Promise<{ rel: RelationshipEntity; viewer: RelationshipViewer; principal: Principal }> {
    const principal = requirePrincipal(ctx);
    const [rel] = await this.rows(ctx, [id]);
    const viewer = rel ? viewerOf(principal, rel) : null;
    if (!rel || !viewer || !allowed.includes(viewer)) throw NotFound('Relationship');
    return { rel, viewer, principal };
  }

  async get(ctx: SubgraphContext, id: string): Promise<Relationship> {
    const { rel, viewer } = await this.require(ctx, id);
    return toRelationship(rel, viewer);
  }

  /** `_entities`: the same rule as the root field; a forbidden or unknown id answers NOT_FOUND. */
  async reference(ctx: SubgraphContext, id: string): Promise<Relationship> {
    return this.get(ctx, id);
  }

  /** The relationships of a user: the user themself, or admins. Others get null. */
  async forUser(
    ctx: SubgraphContext,
    userId: string,
    status: RelationshipStatusValue | null,
  ): Promise<Relationship[] | null> {
    const principal = requirePrincipal(ctx);
    if (principal.userId !== userId && !hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN')) return null;
    const rows = await this.repo.forUser(userId, status);
    return rows.map((r) => toRelationship(r, viewerOf(principal, r)));
  }

  async countForUser(ctx: SubgraphContext, userId: string): Promise<number | null> {
    if (ctx.principal?.userId !== userId && !hasRole(ctx.principal, 'ADMIN')) return null;
    const loader = ctx.loaders.get<string, number>('users:relationshipCount', async (ids) => {
      const values = await this.repo.countsForUsers(ids);
      return ids.map((id) => values.get(id) ?? 0);
    });
    return loader.load(userId);
  }

  /**
   * The coach's (and admin's) list: a coach sees only their own organisation's relationships, whatever
   * `organizationId` says; admins and programme admins see all, optionally one organisation's.
   */
  async list(
    ctx: SubgraphContext,
    args: {
      organizationId: string | null;
      status: RelationshipStatusValue | null;
      atRisk: boolean | null;
      first: number | null;
      after: string | null;
    },
  ): Promise<RelationshipConnection> {
    const principal = requirePrincipal(ctx);
    let organizationId = args.organizationId;
    if (!hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN')) {
      if (!hasRole(principal, 'COACH') || !principal.organizationId) throw NotFound('Organisation');
      if (organizationId && organizationId !== principal.organizationId) throw NotFound('Organisation');
      organizationId = principal.organizationId;
    }
    const size = pageSize(args.first);
    const after = decodeCursor(
      args.after,
      (v): v is [string, string] => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string'),
    );
    const rows = await this.repo.list({
      organizationId,
      status: args.status,
      atRisk: args.atRisk,
      after: after ? { startedOn: after[0], id: after[1] } : null,
      limit: size + 1,
    });
    const { nodes, pageInfo } = sliceAndPageInfo(rows, size, (r) => encodeCursor([r.startedOn, r.id]), !!after);
    return { nodes: nodes.map((r) => toRelationship(r, viewerOf(principal, r))), pageInfo } as RelationshipConnection;
  }

  async totals(ctx: SubgraphContext, id: string): Promise<MeetingTotals> {
    const loader = ctx.loaders.get<string, MeetingTotals>('relationship:totals', async (ids) => {
      const map = await this.repo.meetingTotals(ids);
      return ids.map((i) => map.get(i)!);
    });
    return loader.load(id);
  }

  async progress(ctx: SubgraphContext, rel: RelationshipEntity): Promise<RelationshipProgress> {
    const t = await this.totals(ctx, rel.id);
    const figures = computeProgress({
      ...rel,
      confirmedMinutes: t.confirmedMinutes,
      confirmedMeetings: t.confirmedMeetings,
      today: this.today(),
    });
    return toProgress(figures, t.notCountingMeetings, t.awaitingMeetings);
  }

  // --- event handlers -------------------------------------------------------------------------

  /** MatchConfirmed: starts the relationship once per match (a redelivery or a second copy changes nothing). */
  async startFromMatch(manager: EntityManager, m: EventPayloads['MatchConfirmed']): Promise<void> {
    const [programme] = await manager.query(`SELECT duration_weeks FROM programme WHERE id = $1`, [m.programmeId]);
    const durationWeeks = programme ? Number(programme.duration_weeks) : DEFAULT_TERMS.durationWeeks;
    const startedOn = m.confirmedAt.slice(0, 10);
    const id = await this.repo.insertFromMatch(
      manager,
      {
        id: randomUUID(),
        matchId: m.matchId,
        matchSource: m.source,
        menteeId: m.menteeId,
        mentorId: m.mentorId,
        programmeId: m.programmeId,
        organizationId: m.organizationId,
        cohortId: m.cohortId,
        coachId: m.coachId,
        startedOn,
      },
      durationWeeks,
    );
    if (!id) return;
    const rel = (await this.repo.lock(manager, id))!;
    await this.events.publish(manager, 'RelationshipStarted', {
      ...refOf(rel),
      matchId: m.matchId,
      cohortId: m.cohortId,
      startedOn: rel.startedOn,
      plannedEndOn: rel.plannedEndOn!,
    });
  }

  // --- lifecycle --------------------------------------------------------------------------------

  /** Locks the relationship for a change by a partner; the state must be one of `states`. */
  private async partnerChange<T>(
    ctx: SubgraphContext,
    id: string,
    states: RelationshipStatusValue[],
    work: (m: EntityManager, rel: RelationshipEntity, principal: Principal, viewer: RelationshipViewer) => Promise<T>,
  ): Promise<Relationship> {
    const { principal } = await this.require(ctx, id, PARTNERS);
    return this.transact(async (m) => {
      const rel = (await this.repo.lock(m, id))!;
      const viewer = viewerOf(principal, rel)!;
      if (!states.includes(rel.status))
        throw refuse('id', 'INVALID_STATE', `Not possible while the relationship is ${rel.status.toLowerCase()}.`);
      await work(m, rel, principal, viewer);
      return toRelationship((await this.repo.lock(m, id))!, viewer);
    });
  }

  pause(ctx: SubgraphContext, id: string): Promise<Relationship> {
    return this.partnerChange(ctx, id, ['ACTIVE'], async (m, rel, p) => {
      const at = this.clock();
      await this.repo.update(m, id, { status: 'PAUSED', paused_at: at, paused_by: p.userId });
      await this.events.publish(m, 'RelationshipPaused', {
        ...refOf(rel),
        pausedBy: p.userId,
        pausedAt: at.toISOString(),
      });
    });
  }

  resume(ctx: SubgraphContext, id: string): Promise<Relationship> {
    return this.partnerChange(ctx, id, ['PAUSED'], async (m, rel, p) => {
      const at = this.clock();
      await this.repo.update(m, id, { status: 'ACTIVE', paused_at: null, paused_by: null });
      await this.events.publish(m, 'RelationshipResumed', {
        ...refOf(rel),
        resumedBy: p.userId,
        resumedAt: at.toISOString(),
      });
    });
  }

  withdraw(ctx: SubgraphContext, id: string, reason: string): Promise<Relationship> {
    return this.partnerChange(ctx, id, ['ACTIVE', 'PAUSED'], async (m, rel, p) => {
      const text = reason.trim();
      if (!text) throw refuse('reason', 'REQUIRED', 'Say why you withdraw.');
      if (text.length > 2000) throw refuse('reason', 'TOO_LONG', 'At most 2000 characters.');
      const on = this.today();
      await this.repo.update(m, id, {
        status: 'WITHDRAWN',
        ended_on: on,
        withdrawn_by: p.userId,
        withdrawal_reason: text,
        paused_at: null,
      });
      const t = (await this.repo.meetingTotals([id], m)).get(id)!;
      await this.events.publish(m, 'RelationshipWithdrawn', {
        ...refOf(rel),
        withdrawnBy: p.userId,
        reason: text,
        withdrawnOn: on,
        confirmedHours: t.confirmedMinutes / 60,
        confirmedMeetings: t.confirmedMeetings,
      });
    });
  }

  /** Records the caller's confirmation; the second confirmation completes the relationship. */
  complete(ctx: SubgraphContext, id: string): Promise<Relationship> {
    return this.partnerChange(ctx, id, ['ACTIVE', 'PAUSED'], async (m, rel, _p, viewer) => {
      const at = this.clock();
      const column = viewer === 'MENTOR' ? 'completion_mentor_at' : 'completion_mentee_at';
      const already = viewer === 'MENTOR' ? rel.completionMentorAt : rel.completionMenteeAt;
      if (already)
        throw refuse('id', 'ALREADY_CONFIRMED', 'You already confirmed the completion; waiting for your partner.');
      const other = viewer === 'MENTOR' ? rel.completionMenteeAt : rel.completionMentorAt;
      if (!other) {
        await this.repo.update(m, id, { [column]: at });
        return;
      }
      const on = this.today();
      await this.repo.update(m, id, { [column]: at, status: 'COMPLETED', ended_on: on, paused_at: null });
      const t = (await this.repo.meetingTotals([id], m)).get(id)!;
      const figures = computeProgress({
        ...rel,
        confirmedMinutes: t.confirmedMinutes,
        confirmedMeetings: t.confirmedMeetings,
        today: on,
      });
      await this.events.publish(m, 'RelationshipCompleted', {
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
    return this.partnerChange(ctx, id, ['COMPLETED'], async (m, rel) => {
      if (rel.closedAt) throw refuse('id', 'ALREADY_CLOSED', 'The relationship is already closed.');
      await this.repo.update(m, id, { closed_at: this.clock() });
    });
  }

  /** From COMPLETED (not closed): set new goals and go on, back to ACTIVE (seed 001). */
  continueWithGoals(ctx: SubgraphContext, id: string, goals: SmartGoalInput[]): Promise<Relationship> {
    return this.partnerChange(ctx, id, ['COMPLETED'], async (m, rel, p) => {
      if (rel.closedAt) throw refuse('id', 'ALREADY_CLOSED', 'A closed relationship cannot continue.');
      const errors = new FieldErrors();
      if (!goals.length) errors.add('goals', 'REQUIRED', 'Set at least one new goal to continue.');
      const valid = goals.map((g, i) => validateSmartGoal(g, `goals.${i}`, this.today(), errors));
      errors.throwIfAny();
      for (const g of valid) await this.goals.insert(m, id, p.userId, g);
      await this.repo.update(m, id, {
        status: 'ACTIVE',
        ended_on: null,
        completion_mentor_at: null,
        completion_mentee_at: null,
        continued_count: rel.continuedCount + 1,
      });
      await this.events.publish(m, 'RelationshipContinued', { ...refOf(rel), continuedOn: this.today() });
    });
  }
}
