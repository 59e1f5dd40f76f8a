import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { LocalDate, outcome, type SubgraphContext } from '@tandem/subgraph-kit';
import type { Connection } from '@tandem/subgraph-kit';
import { Relationship } from '../relationships/relationship.type';
import { ActionPlanInput, SmartGoalInput } from './goal.inputs';
import { GoalService } from './goal.service';
import {
  ActionPlan,
  ActionPlanResult,
  Goal,
  GoalConnection,
  GoalProgressUpdate,
  GoalResult,
  Milestone,
} from './goal.type';

@Resolver(() => Goal)
export class GoalResolver {
  constructor(private readonly service: GoalService) {}

  @FieldResolver(() => [Milestone], { description: 'Milestones, by due date.' })
  milestones(@Root() goal: Goal, @Ctx() ctx: SubgraphContext): Promise<Milestone[]> {
    return this.service.milestones(ctx, goal.id);
  }

  @FieldResolver(() => [GoalProgressUpdate], { description: 'Progress updates, oldest first.' })
  progressUpdates(@Root() goal: Goal, @Ctx() ctx: SubgraphContext): Promise<GoalProgressUpdate[]> {
    return this.service.progressUpdates(ctx, goal.id);
  }

  @Mutation(() => GoalResult, {
    description: 'A partner sets a SMART goal; each missing or invalid part comes back as a field error.',
  })
  createGoal(
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('input', () => SmartGoalInput) input: SmartGoalInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('goal', () => this.service.create(ctx, relationshipId, input));
  }

  @Mutation(() => GoalResult, { description: 'Adds a milestone with a due date to an open goal.' })
  addMilestone(
    @Arg('goalId', () => ID) goalId: string,
    @Arg('title', () => String) title: string,
    @Arg('dueOn', () => LocalDate) dueOn: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('goal', () => this.service.addMilestone(ctx, goalId, title, dueOn));
  }

  @Mutation(() => GoalResult, { description: 'Marks a milestone reached.' })
  completeMilestone(@Arg('milestoneId', () => ID) milestoneId: string, @Ctx() ctx: SubgraphContext) {
    return outcome('goal', () => this.service.completeMilestone(ctx, milestoneId));
  }

  @Mutation(() => GoalResult, {
    description: 'Records progress on an open goal, with a note and optionally the current value of the measure.',
  })
  recordGoalProgress(
    @Arg('goalId', () => ID) goalId: string,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('value', () => String, { nullable: true }) value?: string | null,
  ) {
    return outcome('goal', () => this.service.recordProgress(ctx, goalId, note, value ?? null));
  }

  @Mutation(() => GoalResult, { description: 'Marks an open goal achieved (publishes GoalAchieved).' })
  achieveGoal(@Arg('goalId', () => ID) goalId: string, @Ctx() ctx: SubgraphContext) {
    return outcome('goal', () => this.service.achieve(ctx, goalId));
  }

  @Mutation(() => GoalResult, { description: 'Drops an open goal, with a reason.' })
  dropGoal(
    @Arg('goalId', () => ID) goalId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('goal', () => this.service.drop(ctx, goalId, reason));
  }

  @Mutation(() => ActionPlanResult, { description: 'Saves the action plan (replacing the previous one).' })
  saveActionPlan(
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('input', () => ActionPlanInput) input: ActionPlanInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('actionPlan', () => this.service.saveActionPlan(ctx, relationshipId, input));
  }
}

@Resolver(() => Relationship)
export class RelationshipGoalsResolver {
  constructor(private readonly service: GoalService) {}

  @FieldResolver(() => [Goal], { description: 'SMART goals, oldest first.', deprecationReason: 'Use goalsConnection.' })
  goals(@Root() r: Relationship, @Ctx() ctx: SubgraphContext): Promise<Goal[]> {
    return this.service.forRelationship(ctx, r.id);
  }

  @FieldResolver(() => GoalConnection, { description: 'SMART goals, oldest first, a page at a time.' })
  goalsConnection(
    @Root() r: Relationship,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1..100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' })
    after?: string | null,
  ): Promise<Connection<Goal>> {
    return this.service.page(r.id, { first: first ?? null, after: after ?? null });
  }

  @FieldResolver(() => ActionPlan, { nullable: true, description: 'The action plan, once saved.' })
  actionPlan(@Root() r: Relationship, @Ctx() ctx: SubgraphContext): Promise<ActionPlan | null> {
    return this.service.actionPlan(ctx, r.id);
  }
}
