import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { toYmd } from '../shared/dates';
import type {
  ActionPlanEntity,
  ActionPlanGoalEntity,
  GoalEntity,
  GoalProgressEntity,
  GoalStatusValue,
  MilestoneEntity,
  NewGoal,
} from './goal.entity';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

const toGoalEntity = (r: Row): GoalEntity => ({
  id: r.id,
  relationshipId: r.relationship_id,
  title: r.title,
  specific: r.specific,
  measure: r.measure,
  target: r.target,
  attainable: r.attainable,
  relevant: r.relevant,
  dueOn: toYmd(r.due_on)!,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  achievedAt: r.achieved_at,
  droppedAt: r.dropped_at,
  dropReason: r.drop_reason,
});
const toMilestoneEntity = (r: Row): MilestoneEntity => ({
  id: r.id,
  goalId: r.goal_id,
  title: r.title,
  dueOn: toYmd(r.due_on)!,
  completedAt: r.completed_at,
});
const toProgressEntity = (r: Row): GoalProgressEntity => ({
  id: r.id,
  goalId: r.goal_id,
  authorId: r.author_id,
  note: r.note,
  value: r.value,
  createdAt: r.created_at,
});

/** Reads and writes SMART goals, their milestones and progress updates, and action plans. */
export class GoalRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byIds(ids: readonly string[], manager?: EntityManager): Promise<GoalEntity[]> {
    return (await (manager ?? this.dataSource).query(`SELECT * FROM goal WHERE id = ANY($1::uuid[])`, [ids])).map(
      toGoalEntity,
    );
  }

  async lockGoal(manager: EntityManager, id: string): Promise<GoalEntity | null> {
    const rows = await manager.query(`SELECT * FROM goal WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toGoalEntity(rows[0]) : null;
  }

  async forRelationships(ids: readonly string[]): Promise<GoalEntity[]> {
    return (
      await this.dataSource.query(
        `SELECT * FROM goal WHERE relationship_id = ANY($1::uuid[]) ORDER BY created_at, id`,
        [ids],
      )
    ).map(toGoalEntity);
  }

  async insert(manager: EntityManager, relationshipId: string, createdBy: string, g: NewGoal): Promise<string> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO goal (id, relationship_id, title, specific, measure, target, attainable, relevant, due_on, status, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'OPEN',$10)`,
      [id, relationshipId, g.title, g.specific, g.measure, g.target, g.attainable, g.relevant, g.dueOn, createdBy],
    );
    return id;
  }

  async setStatus(
    manager: EntityManager,
    id: string,
    status: GoalStatusValue,
    at: Date,
    reason: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE goal SET status = $2, achieved_at = CASE WHEN $2 = 'ACHIEVED' THEN $3::timestamptz ELSE achieved_at END,
         dropped_at = CASE WHEN $2 = 'DROPPED' THEN $3::timestamptz ELSE dropped_at END, drop_reason = coalesce($4, drop_reason) WHERE id = $1`,
      [id, status, at, reason],
    );
  }

  async milestonesFor(goalIds: readonly string[]): Promise<MilestoneEntity[]> {
    return (
      await this.dataSource.query(
        `SELECT * FROM milestone WHERE goal_id = ANY($1::uuid[]) ORDER BY due_on, created_at`,
        [goalIds],
      )
    ).map(toMilestoneEntity);
  }

  async milestone(manager: EntityManager, id: string): Promise<MilestoneEntity | null> {
    const rows = await manager.query(`SELECT * FROM milestone WHERE id = $1`, [id]);
    return rows[0] ? toMilestoneEntity(rows[0]) : null;
  }

  async insertMilestone(manager: EntityManager, goalId: string, title: string, dueOn: string): Promise<void> {
    await manager.query(`INSERT INTO milestone (id, goal_id, title, due_on) VALUES ($1, $2, $3, $4)`, [
      randomUUID(),
      goalId,
      title,
      dueOn,
    ]);
  }

  async completeMilestone(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE milestone SET completed_at = $2 WHERE id = $1`, [id, at]);
  }

  async progressFor(goalIds: readonly string[]): Promise<GoalProgressEntity[]> {
    return (
      await this.dataSource.query(
        `SELECT * FROM goal_progress WHERE goal_id = ANY($1::uuid[]) ORDER BY created_at, id`,
        [goalIds],
      )
    ).map(toProgressEntity);
  }

  async insertProgress(
    manager: EntityManager,
    goalId: string,
    authorId: string,
    note: string,
    value: string | null,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO goal_progress (id, goal_id, author_id, note, value, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [randomUUID(), goalId, authorId, note, value, at],
    );
  }

  async actionPlans(relationshipIds: readonly string[]): Promise<ActionPlanEntity[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM action_plan WHERE relationship_id = ANY($1::uuid[])`,
      [relationshipIds],
    );
    return rows.map((r) => ({
      id: r.id,
      relationshipId: r.relationship_id,
      items: r.items,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    }));
  }

  async saveActionPlan(
    manager: EntityManager,
    relationshipId: string,
    items: ActionPlanGoalEntity[],
    by: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO action_plan (relationship_id, id, items, updated_by, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (relationship_id) DO UPDATE SET items = EXCLUDED.items, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [relationshipId, randomUUID(), JSON.stringify(items), by, at],
    );
  }
}
