import { randomUUID } from 'node:crypto';
import { prefixedColumns, splitJoined, type Database, type Queryable, type Tx } from '@tandem/subgraph-kit';

export type GoalStatusValue = 'OPEN' | 'ACHIEVED' | 'DROPPED';

/** A row of `goal`: a SMART goal of a relationship. */
export interface GoalRow {
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

/** A goal with where it sits in its relationship's list (its creation instant to the microsecond, ISO). */
export interface GoalPageRow extends GoalRow {
  position: string;
}

export interface MilestoneRow {
  id: string;
  goalId: string;
  title: string;
  dueOn: string;
  completedAt: Date | null;
}

export interface GoalProgressRow {
  id: string;
  goalId: string;
  authorId: string;
  note: string;
  value: string | null;
  createdAt: Date;
}

export interface LearningActivityRow {
  type: 'LEARNING_BY_DOING' | 'LEARNING_FROM_OTHERS' | 'STRETCH_ASSIGNMENT';
  description: string;
  resources: string | null;
  targetDate: string | null;
  /** absent in plans saved before efforts were estimated */
  effortAmount?: number | null;
  effortUnit?: 'HOURS' | 'DAYS' | 'WEEKS' | null;
}

export interface ActionPlanGoalRow {
  priority: number;
  goal: string;
  objectives: string[];
  activities: LearningActivityRow[];
  targetDate: string | null;
}

/** A row of `action_plan` (one per relationship; `items` is its jsonb). */
export interface ActionPlanRow {
  id: string;
  relationshipId: string;
  items: ActionPlanGoalRow[];
  updatedBy: string;
  updatedAt: Date;
}

/** What a new SMART goal needs (validated before it is stored). */
export type NewGoal = Pick<GoalRow, 'title' | 'specific' | 'measure' | 'target' | 'attainable' | 'relevant' | 'dueOn'>;

/** A goal's columns, of the table aliased `t` when given. */
const goalColumns = (t = '') => `${t}id, ${t}relationship_id AS "relationshipId", ${t}title, ${t}specific, ${t}measure,
  ${t}target, ${t}attainable, ${t}relevant, ${t}due_on::text AS "dueOn", ${t}status, ${t}created_by AS "createdBy",
  ${t}created_at AS "createdAt", ${t}achieved_at AS "achievedAt", ${t}dropped_at AS "droppedAt", ${t}drop_reason AS "dropReason"`;
const GOAL_COLUMNS = goalColumns();
const GOAL = `SELECT ${GOAL_COLUMNS} FROM goal`;
/** A milestone's fields and their columns. */
const MILESTONE_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['id', 'id'],
  ['goalId', 'goal_id'],
  ['title', 'title'],
  ['dueOn', 'due_on::text'],
  ['completedAt', 'completed_at'],
];
const MILESTONE = `SELECT ${MILESTONE_FIELDS.map(([field, col]) => `${col} AS "${field}"`).join(', ')} FROM milestone`;
const ACTION_PLAN = `SELECT id, relationship_id AS "relationshipId", items, updated_by AS "updatedBy", updated_at AS "updatedAt" FROM action_plan`;

/** Reads and writes SMART goals, their milestones and progress updates, and action plans. */
export class GoalRepository {
  constructor(private readonly db: Database) {}

  async byIds(ids: readonly string[], on: Queryable = this.db): Promise<GoalRow[]> {
    return on.query<GoalRow>(`${GOAL} WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async lockGoal(tx: Tx, id: string): Promise<GoalRow | null> {
    return tx.one<GoalRow>(`${GOAL} WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Every goal of the relationships, oldest first. */
  async forRelationships(ids: readonly string[]): Promise<GoalRow[]> {
    return this.db.query<GoalRow>(`${GOAL} WHERE relationship_id = ANY($1::uuid[]) ORDER BY created_at, id`, [ids]);
  }

  /**
   * Every goal of the relationships, oldest first, with their milestones (by due date), in one statement: the
   * lists that show goals show their milestones (the dashboard, the relationship page).
   */
  async forRelationshipsWithMilestones(
    ids: readonly string[],
  ): Promise<{ goals: GoalRow[]; milestones: MilestoneRow[] }> {
    const rows = await this.db.query<object>(
      `SELECT ${goalColumns('g.')}, ${prefixedColumns(MILESTONE_FIELDS, 'm', 'milestone:')}
       FROM goal g LEFT JOIN milestone m ON m.goal_id = g.id
       WHERE g.relationship_id = ANY($1::uuid[]) ORDER BY g.created_at, g.id, m.due_on, m.created_at`,
      [ids],
    );
    const goals: GoalRow[] = [];
    const milestones: MilestoneRow[] = [];
    for (const joined of rows) {
      const [goal, milestone] = splitJoined<GoalRow, MilestoneRow>(joined, 'milestone:', 'id');
      if (goals.at(-1)?.id !== goal.id) goals.push(goal);
      if (milestone) milestones.push(milestone);
    }
    return { goals, milestones };
  }

  /** A page of one relationship's goals, oldest first, after the (position, id) of the previous page's last. */
  async page(relationshipId: string, after: [string, string] | null, limit: number): Promise<GoalPageRow[]> {
    return this.db.query<GoalPageRow>(
      `SELECT ${GOAL_COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
       FROM goal WHERE relationship_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
       ORDER BY created_at, id LIMIT $4`,
      [relationshipId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async count(relationshipId: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM goal WHERE relationship_id = $1`, [
      relationshipId,
    ]);
    return row?.n ?? 0;
  }

  async insert(tx: Tx, relationshipId: string, createdBy: string, g: NewGoal): Promise<string> {
    const id = randomUUID();
    await tx.execute(
      `INSERT INTO goal (id, relationship_id, title, specific, measure, target, attainable, relevant, due_on, status, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'OPEN',$10)`,
      [id, relationshipId, g.title, g.specific, g.measure, g.target, g.attainable, g.relevant, g.dueOn, createdBy],
    );
    return id;
  }

  async setStatus(tx: Tx, id: string, status: GoalStatusValue, at: Date, reason: string | null): Promise<void> {
    await tx.execute(
      `UPDATE goal SET status = $2, achieved_at = CASE WHEN $2 = 'ACHIEVED' THEN $3::timestamptz ELSE achieved_at END,
         dropped_at = CASE WHEN $2 = 'DROPPED' THEN $3::timestamptz ELSE dropped_at END, drop_reason = coalesce($4, drop_reason) WHERE id = $1`,
      [id, status, at, reason],
    );
  }

  async milestonesFor(goalIds: readonly string[]): Promise<MilestoneRow[]> {
    return this.db.query<MilestoneRow>(`${MILESTONE} WHERE goal_id = ANY($1::uuid[]) ORDER BY due_on, created_at`, [
      goalIds,
    ]);
  }

  async milestone(id: string): Promise<MilestoneRow | null> {
    return this.db.one<MilestoneRow>(`${MILESTONE} WHERE id = $1`, [id]);
  }

  async insertMilestone(tx: Tx, goalId: string, title: string, dueOn: string): Promise<void> {
    await tx.execute(`INSERT INTO milestone (id, goal_id, title, due_on) VALUES ($1, $2, $3, $4)`, [
      randomUUID(),
      goalId,
      title,
      dueOn,
    ]);
  }

  async completeMilestone(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.execute(`UPDATE milestone SET completed_at = $2 WHERE id = $1`, [id, at]);
  }

  async progressFor(goalIds: readonly string[]): Promise<GoalProgressRow[]> {
    return this.db.query<GoalProgressRow>(
      `SELECT id, goal_id AS "goalId", author_id AS "authorId", note, value, created_at AS "createdAt"
       FROM goal_progress WHERE goal_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [goalIds],
    );
  }

  async insertProgress(
    tx: Tx,
    goalId: string,
    authorId: string,
    note: string,
    value: string | null,
    at: Date,
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO goal_progress (id, goal_id, author_id, note, value, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [randomUUID(), goalId, authorId, note, value, at],
    );
  }

  async actionPlans(relationshipIds: readonly string[], on: Queryable = this.db): Promise<ActionPlanRow[]> {
    return on.query<ActionPlanRow>(`${ACTION_PLAN} WHERE relationship_id = ANY($1::uuid[])`, [relationshipIds]);
  }

  async saveActionPlan(
    tx: Tx,
    relationshipId: string,
    items: ActionPlanGoalRow[],
    by: string,
    at: Date,
  ): Promise<ActionPlanRow> {
    return (await tx.one<ActionPlanRow>(
      `INSERT INTO action_plan (relationship_id, id, items, updated_by, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (relationship_id) DO UPDATE SET items = EXCLUDED.items, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
       RETURNING id, relationship_id AS "relationshipId", items, updated_by AS "updatedBy", updated_at AS "updatedAt"`,
      [relationshipId, randomUUID(), JSON.stringify(items), by, at],
    ))!;
  }
}
