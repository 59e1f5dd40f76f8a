import {
  FieldErrors,
  groupedByKey,
  isTimeIdCursor,
  NotFound,
  readPage,
  refuse,
  requirePrincipal,
  rowLoader,
  rowsLoader,
  toConnection,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { Connection } from '@tandem/subgraph-kit';
import { utcDate, type Clock } from '../shared/dates';
import { ANY_VIEWER, PARTNERS } from '../relationships/relationship.access';
import { refOf } from '../relationships/relationship.events';
import type { RelationshipRepository, RelationshipRow } from '../relationships/relationship.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import type { ActionPlanInput, LearningActivityInput, SmartGoalInput } from './goal.inputs';
import type {
  ActionPlanGoalRow,
  ActionPlanRow,
  GoalProgressRow,
  GoalRepository,
  GoalRow,
  LearningActivityRow,
  MilestoneRow,
} from './goal.repository';
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
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  private today() {
    return utcDate(this.clock());
  }

  /**
   * Every goal of a relationship the caller may already see, oldest first (batched per request). Their milestones
   * come in the same statement and wait in the request's milestone loader, so a list showing them asks no more.
   */
  async forRelationship(ctx: SubgraphContext, relationshipId: string): Promise<Goal[]> {
    const loader = ctx.loaders.get<string, GoalRow[]>('goals:byRelationship', async (ids) => {
      const { goals, milestones } = await this.repo.forRelationshipsWithMilestones(ids);
      const goalIds = goals.map((g) => g.id);
      const byGoal = groupedByKey(milestones, (m) => m.goalId, goalIds);
      const milestonesOf = this.milestoneLoader(ctx);
      goalIds.forEach((id, i) => milestonesOf.prime(id, byGoal[i]));
      return groupedByKey(goals, (g) => g.relationshipId, ids);
    });
    return (await loader.load(relationshipId)).map(toGoal);
  }

  /** A page of the goals of a relationship the caller may already see, oldest first. */
  async page(relationshipId: string, args: { first: number | null; after: string | null }): Promise<Connection<Goal>> {
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.repo.page(relationshipId, page.after, page.size + 1);
    return toConnection(
      rows,
      page,
      (g) => [g.position, g.id],
      toGoal,
      () => this.repo.count(relationshipId),
    );
  }

  async milestones(ctx: SubgraphContext, goalId: string): Promise<Milestone[]> {
    return (await this.milestoneLoader(ctx).load(goalId)).map(toMilestone);
  }

  /** The request's milestones by goal (primed by the goal lists). */
  private milestoneLoader(ctx: SubgraphContext) {
    return rowsLoader(
      ctx,
      'goals:milestones',
      (m: MilestoneRow) => m.goalId,
      (ids) => this.repo.milestonesFor(ids),
    );
  }

  async progressUpdates(ctx: SubgraphContext, goalId: string): Promise<GoalProgressUpdate[]> {
    const loader = rowsLoader(
      ctx,
      'goals:progress',
      (p: GoalProgressRow) => p.goalId,
      (ids) => this.repo.progressFor(ids),
    );
    return (await loader.load(goalId)).map(toProgressUpdate);
  }

  async actionPlan(ctx: SubgraphContext, relationshipId: string): Promise<ActionPlan | null> {
    const loader = rowLoader(
      ctx,
      'actionPlan:byRelationship',
      (p: ActionPlanRow) => p.relationshipId,
      (ids) => this.repo.actionPlans(ids),
    );
    const plan = await loader.load(relationshipId);
    return plan ? toActionPlan(plan) : null;
  }

  /** `_entities` and goal mutations: the goal if the caller may see its relationship. */
  async byId(
    ctx: SubgraphContext,
    id: string,
    allowed = ANY_VIEWER,
  ): Promise<{ goal: GoalRow; rel: RelationshipRow; userId: string }> {
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
    return this.db.transaction(async (tx) => {
      const rel = (await this.relationshipRepo.lock(tx, relationshipId))!;
      if (rel.status !== 'ACTIVE' && rel.status !== 'PAUSED')
        throw refuse(
          'relationshipId',
          'INVALID_STATE',
          `Goals are set while the relationship runs (it is ${rel.status.toLowerCase()}).`,
        );
      const id = await this.repo.insert(tx, relationshipId, principal.userId, goal);
      return toGoal((await this.repo.byIds([id], tx))[0]);
    });
  }

  async addMilestone(ctx: SubgraphContext, goalId: string, title: string, dueOn: string): Promise<Goal> {
    await this.byId(ctx, goalId, PARTNERS);
    const e = new FieldErrors();
    const t = e.required('title', title, 'A title');
    if (dueOn < this.today()) e.add('dueOn', 'IN_THE_PAST', 'The due date must be today or later.');
    e.throwIfAny();
    return this.db.transaction(async (tx) => {
      const goal = (await this.repo.lockGoal(tx, goalId))!;
      if (goal.status !== 'OPEN') throw refuse('goalId', 'NOT_OPEN', `The goal is ${goal.status.toLowerCase()}.`);
      await this.repo.insertMilestone(tx, goalId, t, dueOn);
      return toGoal(goal);
    });
  }

  async completeMilestone(ctx: SubgraphContext, milestoneId: string): Promise<Goal> {
    requirePrincipal(ctx);
    const milestone = await this.repo.milestone(milestoneId);
    if (!milestone) throw NotFound('Milestone');
    const { goal } = await this.byId(ctx, milestone.goalId, PARTNERS).catch(() => {
      throw NotFound('Milestone');
    });
    if (milestone.completedAt) throw refuse('milestoneId', 'ALREADY_COMPLETED', 'This milestone is already reached.');
    await this.db.transaction((tx) => this.repo.completeMilestone(tx, milestoneId, this.clock()));
    return toGoal(goal);
  }

  async recordProgress(ctx: SubgraphContext, goalId: string, note: string, value: string | null): Promise<Goal> {
    const { userId } = await this.byId(ctx, goalId, PARTNERS);
    const text = note.trim();
    if (!text) throw refuse('note', 'REQUIRED', 'Describe the progress in a note.');
    return this.db.transaction(async (tx) => {
      const goal = (await this.repo.lockGoal(tx, goalId))!;
      if (goal.status !== 'OPEN') throw refuse('goalId', 'NOT_OPEN', `The goal is ${goal.status.toLowerCase()}.`);
      await this.repo.insertProgress(tx, goalId, userId, text, value?.trim() || null, this.clock());
      return toGoal(goal);
    });
  }

  async achieve(ctx: SubgraphContext, goalId: string): Promise<Goal> {
    await this.byId(ctx, goalId, PARTNERS);
    return this.db.transaction(async (tx) => {
      const goal = (await this.repo.lockGoal(tx, goalId))!;
      if (goal.status !== 'OPEN') throw refuse('goalId', 'NOT_OPEN', `The goal is ${goal.status.toLowerCase()}.`);
      const rel = (await this.relationshipRepo.lock(tx, goal.relationshipId))!;
      const at = this.clock();
      await this.repo.setStatus(tx, goalId, 'ACHIEVED', at, null);
      await this.events.publish(tx, 'GoalAchieved', { ...refOf(rel), goalId, achievedAt: at.toISOString() });
      return toGoal((await this.repo.byIds([goalId], tx))[0]);
    });
  }

  async drop(ctx: SubgraphContext, goalId: string, reason: string): Promise<Goal> {
    await this.byId(ctx, goalId, PARTNERS);
    const text = reason.trim();
    if (!text) throw refuse('reason', 'REQUIRED', 'Say why the goal is dropped.');
    return this.db.transaction(async (tx) => {
      const goal = (await this.repo.lockGoal(tx, goalId))!;
      if (goal.status !== 'OPEN') throw refuse('goalId', 'NOT_OPEN', `The goal is ${goal.status.toLowerCase()}.`);
      await this.repo.setStatus(tx, goalId, 'DROPPED', this.clock(), text);
      return toGoal((await this.repo.byIds([goalId], tx))[0]);
    });
  }

  async saveActionPlan(ctx: SubgraphContext, relationshipId: string, input: ActionPlanInput): Promise<ActionPlan> {
    const { principal } = await this.relationships.require(ctx, relationshipId, PARTNERS);
    const e = new FieldErrors();
    if (!input.goals.length) e.add('input.goals', 'REQUIRED', 'List at least one goal.');
    const items: ActionPlanGoalRow[] = input.goals.map((g, i) => {
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
        ...effortOf(a, `input.goals.${i}.activities.${j}`, e),
      }));
      return { priority: i + 1, goal, objectives, activities, targetDate: g.targetDate ?? null };
    });
    e.throwIfAny();
    return this.db.transaction(async (tx) => {
      const rel = (await this.relationshipRepo.lock(tx, relationshipId))!;
      if (rel.status !== 'ACTIVE' && rel.status !== 'PAUSED')
        throw refuse('relationshipId', 'INVALID_STATE', `The relationship is ${rel.status.toLowerCase()}.`);
      return toActionPlan(await this.repo.saveActionPlan(tx, relationshipId, items, principal.userId, this.clock()));
    });
  }
}

/** An activity's effort estimate: an amount with its unit, or neither. */
function effortOf(
  a: LearningActivityInput,
  path: string,
  e: FieldErrors,
): Pick<LearningActivityRow, 'effortAmount' | 'effortUnit'> {
  const amount = a.effortAmount ?? null;
  const unit = a.effortUnit ?? null;
  if ((amount === null) !== (unit === null))
    e.add(
      amount === null ? `${path}.effortAmount` : `${path}.effortUnit`,
      'REQUIRED',
      'Give the effort with its unit, or neither.',
    );
  else if (amount !== null && !(amount > 0 && amount <= 1000))
    e.add(`${path}.effortAmount`, 'OUT_OF_RANGE', 'The effort is more than 0 and at most 1000.');
  return { effortAmount: amount, effortUnit: unit };
}
