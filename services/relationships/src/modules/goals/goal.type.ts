import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { connectionTypes, FieldError, LocalDate } from '@tandem/subgraph-kit';
import { EffortUnit, GoalStatus, LearningActivityType } from '../shared/enums';
import { User } from '../users/user.type';
import type { ActionPlanRow, GoalProgressRow, GoalRow, MilestoneRow } from './goal.repository';

@ObjectType({ description: 'A dated step toward a goal.' })
export class Milestone {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'What the step is.' })
  title!: string;

  @Field(() => LocalDate, { description: 'When it is due.' })
  dueOn!: string;

  @Field(() => Date, { nullable: true, description: 'When it was reached.' })
  completedAt!: Date | null;
}

@ObjectType({ description: 'A progress update on a goal, with a note.' })
export class GoalProgressUpdate {
  @Field(() => ID)
  id!: string;

  @Field(() => User, { description: 'Who recorded it.' })
  author!: User;

  @Field(() => String, { description: 'What happened.' })
  note!: string;

  @Field(() => String, { nullable: true, description: 'The current value of the measure, if given.' })
  value!: string | null;

  @Field(() => Date, { description: 'When it was recorded.' })
  createdAt!: Date;
}

@ObjectType({
  description: 'A SMART goal of a relationship: specific, measurable, attainable, relevant and time-bound.',
})
@Directive('@key(fields: "id")')
export class Goal {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The relationship it belongs to.' })
  relationshipId!: string;

  @Field(() => String, { description: 'A short name.' })
  title!: string;

  @Field(() => String, { description: 'Specific: what exactly will be achieved.' })
  specific!: string;

  @Field(() => String, { description: 'Measurable: what is measured.' })
  measure!: string;

  @Field(() => String, { description: 'Measurable: the target value.' })
  target!: string;

  @Field(() => String, { description: 'Attainable: why it is within reach.' })
  attainable!: string;

  @Field(() => String, { description: 'Relevant: why it matters.' })
  relevant!: string;

  @Field(() => LocalDate, { description: 'Time-bound: the due date.' })
  dueOn!: string;

  @Field(() => GoalStatus, { description: 'OPEN, ACHIEVED or DROPPED.' })
  status!: GoalStatus;

  @Field(() => Date, { description: 'When it was set.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was achieved.' })
  achievedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was dropped.' })
  dropReason!: string | null;

  /** Not exposed: the row, for the field resolvers. */
  row!: GoalRow;
}

export const toGoal = (e: GoalRow): Goal =>
  Object.assign(new Goal(), {
    id: e.id,
    relationshipId: e.relationshipId,
    title: e.title,
    specific: e.specific,
    measure: e.measure,
    target: e.target,
    attainable: e.attainable,
    relevant: e.relevant,
    dueOn: e.dueOn,
    status: e.status as GoalStatus,
    createdAt: e.createdAt,
    achievedAt: e.achievedAt,
    dropReason: e.dropReason,
    row: e,
  });
export const toMilestone = (e: MilestoneRow): Milestone =>
  Object.assign(new Milestone(), { id: e.id, title: e.title, dueOn: e.dueOn, completedAt: e.completedAt });
export const toProgressUpdate = (e: GoalProgressRow): GoalProgressUpdate =>
  Object.assign(new GoalProgressUpdate(), {
    id: e.id,
    author: Object.assign(new User(), { id: e.authorId }),
    note: e.note,
    value: e.value,
    createdAt: e.createdAt,
  });

@ObjectType({ description: 'A learning activity of the action plan (seed 003).' })
export class LearningActivity {
  @Field(() => LearningActivityType)
  type!: LearningActivityType;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true, description: 'Outside resources needed.' })
  resources!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Target completion date.' })
  targetDate!: string | null;

  @Field(() => Float, { nullable: true, description: 'Estimated effort, in `effortUnit` (null: not estimated).' })
  effortAmount!: number | null;

  @Field(() => EffortUnit, { nullable: true, description: 'The unit of `effortAmount`: HOURS, DAYS or WEEKS.' })
  effortUnit!: EffortUnit | null;
}

@ObjectType({ description: 'A goal of the action plan with its objectives and learning activities.' })
export class ActionPlanGoal {
  @Field(() => Int, { description: 'Priority, 1 = highest.' })
  priority!: number;

  @Field(() => String)
  goal!: string;

  @Field(() => [String])
  objectives!: string[];

  @Field(() => [LearningActivity])
  activities!: LearningActivity[];

  @Field(() => LocalDate, { nullable: true })
  targetDate!: string | null;
}

@ObjectType({
  description:
    'The mentoring action plan (seed 003): prioritised goals, objectives, learning activities, resources, target dates.',
})
export class ActionPlan {
  @Field(() => ID)
  id!: string;

  @Field(() => [ActionPlanGoal], { description: 'Goals in priority order.' })
  goals!: ActionPlanGoal[];

  @Field(() => User, { description: 'Who saved the current version.' })
  updatedBy!: User;

  @Field(() => Date)
  updatedAt!: Date;
}

export const toActionPlan = (e: ActionPlanRow): ActionPlan =>
  Object.assign(new ActionPlan(), {
    id: e.id,
    goals: e.items.map((g) =>
      Object.assign(new ActionPlanGoal(), {
        ...g,
        activities: g.activities.map((a) =>
          Object.assign(new LearningActivity(), { effortAmount: null, effortUnit: null }, a),
        ),
      }),
    ),
    updatedBy: Object.assign(new User(), { id: e.updatedBy }),
    updatedAt: e.updatedAt,
  });

export const { EdgeType: GoalEdge, ConnectionType: GoalConnection } = connectionTypes(Goal, 'Goal', 'goal');

@ObjectType({ description: 'The outcome of a change to a goal: the goal, or what to fix.' })
export class GoalResult {
  @Field(() => Goal, { nullable: true, description: 'The goal after the change.' })
  goal!: Goal | null;

  @Field(() => [FieldError], { description: 'Why the change was refused (empty on success).' })
  errors!: FieldError[];
}

@ObjectType({ description: 'The outcome of saving the action plan.' })
export class ActionPlanResult {
  @Field(() => ActionPlan, { nullable: true, description: 'The action plan as saved.' })
  actionPlan!: ActionPlan | null;

  @Field(() => [FieldError], { description: 'Why the plan was refused (empty on success).' })
  errors!: FieldError[];
}
