import { NotFound, requirePrincipal, type EventBus, type SubgraphContext, type Transact } from '@tandem/subgraph-kit';
import { utcDate, type Clock } from '../shared/dates';
import { FieldErrors, refuse } from '../shared/payload';
import { ANY_VIEWER, PARTNERS } from '../relationships/relationship.access';
import type { RelationshipEntity } from '../relationships/relationship.entity';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import { refOf, type RelationshipService } from '../relationships/relationship.service';
import type { ActionPlanGoalEntity, GoalEntity, GoalProgressEntity, MilestoneEntity } from './goal.entity';
import type { ActionPlanInput, SmartGoalInput } from './goal.inputs';
import type { GoalRepository } from './goal.repository';
import {
  toActionPlan,
  toGoal,
  toMilestone,
  toProgressUpdate,
  type ActionPlan,
  type Goal,
  type GoalProgressUpdate,
  type Milestone,
} from './goal.type';
import { validateSmartGoal } from './goal.validation';

/** SMART goals with milestones and progress updates, and the action plan; partners change them, the coach and admins read them. */
export class GoalService {
  constructor(
    private readonly repo: GoalRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly transact: Transact,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  private today() {
    return utcDate(this.clock());
  }

  async forRelationship(ctx: SubgraphContext, relationshipId: string): Promise<Goal[]> {
    const loader = ctx.loaders.get<string, GoalEntity[]>('goals:byRelationship', async (ids) => {
      const rows = await this.repo.forRelationships(ids);
      return ids.map((id) => rows.filter((g) => g.relationshipId === id));
    });
    return (await loader.load(relationshipId)).map(toGoal);
  }

  async milestones(ctx: SubgraphContext, goalId: string): Promise<Milestone[]> {
    const loader = ctx.loaders.get<string, MilestoneEntity[]>('goals:milestones', async (ids) => {
      const rows = await this.repo.milestonesFor(ids);
      return ids.map((id) => rows.filter((m) => m.goalId === id));
    });
    return (await loader.load(goalId)).map(toMilestone);
  }

  async progressUpdates(ctx: SubgraphContext, goalId: string): Promise<GoalProgressUpdate[]> {
    const loader = ctx.loaders.get<string, GoalProgressEntity[]>('goals:progress', async (ids) => {
      const rows = await this.repo.progressFor(ids);
      return ids.map((id) => rows.filter((p) => p.goalId === id));
    });
    return (await loader.load(goalId)).map(toProgressUpdate);
  }

  async actionPlan(ctx: SubgraphContext, relationshipId: string): Promise<ActionPlan | null> {
    const loader = ctx.loaders.get<string, ActionPlan | null>('actionPlan:byRelationship', async (ids) => {
      const plans = new Map((await this.repo.actionPlans(ids)).map((p) => [p.relationshipId, toActionPlan(p)]));
      return ids.map((id) => plans.get(id) ?? null);
    });
    return loader.load(relationshipId);
  }

  /** `_entities` and goal mutations: the goal if the caller may see its relationship. */
  async byId(
    ctx: SubgraphContext,
    id: string,
    allowed = ANY_VIEWER,
  ): Promise<{ goal: GoalEntity; rel: RelationshipEntity; userId: string }> {
    requirePrincipal(ctx);
    const [goal] = await this.repo.byIds([id]);
    if (!goal) throw NotFound('Goal');
    const { rel, principal } = await this.relationships.require(ctx, goal.relationshipId, allowed).catch(() => {
      throw NotFound('Goal');
    });
    return { goal, rel, userId: principal.userId };
  }

  async reference(ctx: SubgraphContext, id: string): Promise<Goal> {
    return toGoal((await this.byId(ctx, id)).goal);
  }

  async create(ctx: SubgraphContext, relationshipId: string, input: SmartGoalInput): Promise<Goal> {
    const { principal } = await this.relationships.require(ctx, relationshipId, PARTNERS);
    const errors = new FieldErrors();
    const goal = validateSmartGoal(input, 'input', this.today(), errors);
    errors.throwIfAny();
    return this.transact(async (m) => {
      const rel = (await this.relationshipRepo.lock(m, relationshipId))!;
      if (rel.status !== 'ACTIVE' && rel.status !== 'PAUSED')
        throw refuse(
          'relationshipId',
          'INVALID_STATE',
          `Goals are set while the relationship runs (it is ${rel.status.toLowerCase()}).`,
        );
      const id = await this.repo.insert(m, relationshipId, principal.userId, goal);
      return toGoal((await this.repo.byIds([id], m))[0]);
    });
  }

  async addMilestone(ctx: SubgraphContext, goalId: string, title: string, dueOn: string): Promise<Goal> {
    await this.byId(ctx, goalId, PARTNERS);
    const e = new FieldErrors();
    const t = e.required('title', title, 'A title');
    if (dueOn < this.today()) e.add('dueOn', 'IN_THE_PAST', 'The due date must be today or later.');
    e.throwIfAny();
    return this.transact(async (m) => {
      const goal = (await this.repo.lockGoal(m, goalId))!;
      if (goal.status !== 'OPEN') throw refuse('goalId', 'NOT_OPEN', `The goal is ${goal.status.toLowerCase()}.`);
      await this.repo.insertMilestone(m, goalId, t, dueOn);
      return toGoal(goal);
    });
  }

  async completeMilestone(ctx: SubgraphContext, milestoneId: string): Promise<Goal> {
    requirePrincipal(ctx);
    const milestone = await this.transact((m) => this.repo.milestone(m, milestoneId));
    if (!milestone) throw NotFound('Milestone');
    const { goal } = await this.byId(ctx, milestone.goalId, PARTNERS).catch(() => {
      throw NotFound('Milestone');
    });
    if (milestone.completedAt) throw refuse('milestoneId', 'ALREADY_COMPLETED', 'This milestone is already reached.');
    await this.transact((m) => this.repo.completeMilestone(m, milestoneId, this.clock()));
    return toGoal(goal);
  }

  async recordProgress(ctx: SubgraphContext, goalId: string, note: string, value: string | null): Promise<Goal> {
    const { userId } = await this.byId(ctx, goalId, PARTNERS);
    const text = note.trim();
    if (!text) throw refuse('note', 'REQUIRED', 'Describe the progress in a note.');
    return this.transact(async (m) => {
      const goal = (await this.repo.lockGoal(m, goalId))!;
      if (goal.status !== 'OPEN') throw refuse('goalId', 'NOT_OPEN', `The goal is ${goal.status.toLowerCase()}.`);
      await this.repo.insertProgress(m, goalId, userId, text, value?.trim() || null, this.clock());
      return toGoal(goal);
    });
  }

  async achieve(ctx: SubgraphContext, goalId: string): Promise<Goal> {
    await this.byId(ctx, goalId, PARTNERS);
    return this.transact(async (m) => {
      const goal = (await this.repo.lockGoal(m, goalId))!;
      if (goal.status !== 'OPEN') throw refuse('goalId', 'NOT_OPEN', `The goal is ${goal.status.toLowerCase()}.`);
      const rel = (await this.relationshipRepo.lock(m, goal.relationshipId))!;
      const at = this.clock();
      await this.repo.setStatus(m, goalId, 'ACHIEVED', at, null);
      await this.events.publish(m, 'GoalAchieved', { ...refOf(rel), goalId, achievedAt: at.toISOString() });
      return toGoal((await this.repo.byIds([goalId], m))[0]);
    });
  }

  async drop(ctx: SubgraphContext, goalId: string, reason: string): Promise<Goal> {
    await this.byId(ctx, goalId, PARTNERS);
    const text = reason.trim();
    if (!text) throw refuse('reason', 'REQUIRED', 'Say why the goal is dropped.');
    return this.transact(async (m) => {
      const goal = (await this.repo.lockGoal(m, goalId))!;
      if (goal.status !== 'OPEN') throw refuse('goalId', 'NOT_OPEN', `The goal is ${goal.status.toLowerCase()}.`);
      await this.repo.setStatus(m, goalId, 'DROPPED', this.clock(), text);
      return toGoal((await this.repo.byIds([goalId], m))[0]);
    });
  }

  async saveActionPlan(ctx: SubgraphContext, relationshipId: string, input: ActionPlanInput): Promise<ActionPlan> {
    const { principal } = await this.relationships.require(ctx, relationshipId, PARTNERS);
    const e = new FieldErrors();
    if (!input.goals.length) e.add('input.goals', 'REQUIRED', 'List at least one goal.');
    const items: ActionPlanGoalEntity[] = input.goals.map((g, i) => {
      const goal = e.required(`input.goals.${i}.goal`, g.goal, 'The goal');
      const objectives = g.objectives.map((o) => o.trim()).filter(Boolean);
      if (!objectives.length)
        e.add(`input.goals.${i}.objectives`, 'REQUIRED', 'At least one objective describes how to achieve the goal.');
      if (!g.activities.length) e.add(`input.goals.${i}.activities`, 'REQUIRED', 'At least one learning activity.');
      const activities = g.activities.map((a, j) => ({
        type: a.type,
        description: e.required(`input.goals.${i}.activities.${j}.description`, a.description, 'The activity'),
        resources: a.resources?.trim() || null,
        targetDate: a.targetDate ?? null,
      }));
      return { priority: i + 1, goal, objectives, activities, targetDate: g.targetDate ?? null };
    });
    e.throwIfAny();
    return this.transact(async (m) => {
      const rel = (await this.relationshipRepo.lock(m, relationshipId))!;
      if (rel.status !== 'ACTIVE' && rel.status !== 'PAUSED')
        throw refuse('relationshipId', 'INVALID_STATE', `The relationship is ${rel.status.toLowerCase()}.`);
      await this.repo.saveActionPlan(m, relationshipId, items, principal.userId, this.clock());
      const [plan] = await m.query(`SELECT * FROM action_plan WHERE relationship_id = $1`, [relationshipId]);
      return toActionPlan({
        id: plan.id,
        relationshipId,
        items: plan.items,
        updatedBy: plan.updated_by,
        updatedAt: plan.updated_at,
      });
    });
  }
}
