import { Field, Float, InputType } from 'type-graphql';
import { LocalDate } from '@tandem/subgraph-kit';
import { EffortUnit, LearningActivityType } from '../shared/enums';

/** Fields are nullable in the schema so that each missing one comes back as its own field error. */
@InputType({ description: 'A SMART goal: every part is required.' })
export class SmartGoalInput {
  @Field(() => String, { nullable: true, description: 'A short name for the goal.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Specific: what exactly will be achieved.' })
  specific?: string | null;

  @Field(() => String, { nullable: true, description: 'Measurable: what is measured (e.g. "applications sent").' })
  measure?: string | null;

  @Field(() => String, { nullable: true, description: 'Measurable: the target value of the measure (e.g. "10").' })
  target?: string | null;

  @Field(() => String, { nullable: true, description: 'Attainable: why it is within reach.' })
  attainable?: string | null;

  @Field(() => String, { nullable: true, description: 'Relevant: how it serves the mentee’s aims.' })
  relevant?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Time-bound: the due date (today or later).' })
  dueOn?: string | null;
}

@InputType({ description: 'A learning activity of an action-plan goal.' })
export class LearningActivityInput {
  @Field(() => LearningActivityType)
  type!: LearningActivityType;

  @Field(() => String, { description: 'What will be done.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Outside resources needed.' })
  resources?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Target completion date.' })
  targetDate?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Estimated effort, in `effortUnit` (more than 0, at most 1000); given with its unit or not at all.',
  })
  effortAmount?: number | null;

  @Field(() => EffortUnit, { nullable: true, description: 'The unit of `effortAmount`: HOURS, DAYS or WEEKS.' })
  effortUnit?: EffortUnit | null;
}

@InputType({ description: 'A goal of the action plan; the list order is the priority order.' })
export class ActionPlanGoalInput {
  @Field(() => String, { description: 'The learning goal.' })
  goal!: string;

  @Field(() => [String], { description: 'Objectives describing how the goal will be achieved.' })
  objectives!: string[];

  @Field(() => [LearningActivityInput], { description: 'Learning activities.' })
  activities!: LearningActivityInput[];

  @Field(() => LocalDate, { nullable: true, description: 'Target date for the goal.' })
  targetDate?: string | null;
}

@InputType({ description: 'The whole action plan (replaces the previous one).' })
export class ActionPlanInput {
  @Field(() => [ActionPlanGoalInput], { description: 'Goals in priority order (first = highest).' })
  goals!: ActionPlanGoalInput[];
}
