/** Rows of `goal`, `milestone`, `goal_progress` and `action_plan`. */
export type GoalStatusValue = 'OPEN' | 'ACHIEVED' | 'DROPPED';

export interface GoalEntity {
  id: string;
  relationshipId: string;
  title: string;
  specific: string;
  measure: string;
  target: string;
  attainable: string;
  relevant: string;
  dueOn: string;
  status: GoalStatusValue;
  createdBy: string;
  createdAt: Date;
  achievedAt: Date | null;
  droppedAt: Date | null;
  dropReason: string | null;
}

export interface MilestoneEntity {
  id: string;
  goalId: string;
  title: string;
  dueOn: string;
  completedAt: Date | null;
}

export interface GoalProgressEntity {
  id: string;
  goalId: string;
  authorId: string;
  note: string;
  value: string | null;
  createdAt: Date;
}

export interface LearningActivityEntity {
  type: 'LEARNING_BY_DOING' | 'LEARNING_FROM_OTHERS' | 'STRETCH_ASSIGNMENT';
  description: string;
  resources: string | null;
  targetDate: string | null;
}

export interface ActionPlanGoalEntity {
  priority: number;
  goal: string;
  objectives: string[];
  activities: LearningActivityEntity[];
  targetDate: string | null;
}

export interface ActionPlanEntity {
  id: string;
  relationshipId: string;
  items: ActionPlanGoalEntity[];
  updatedBy: string;
  updatedAt: Date;
}

/** What a new SMART goal needs (validated before it is stored). */
export type NewGoal = Pick<
  GoalEntity,
  'title' | 'specific' | 'measure' | 'target' | 'attainable' | 'relevant' | 'dueOn'
>;
