import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '@tandem/contracts';
import { sqlParams, uuids, visibleWhere } from '../shared/access';
import type { MentorQuestionRow } from './mentor-question.entity';

/** Questions to mentors and their answers. */
export class MentorQuestionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<MentorQuestionRow[]> {
    return this.dataSource.query(`SELECT * FROM mentor_question WHERE id = ANY($1::uuid[])`, [uuids(ids)]);
  }

  async insert(
    manager: EntityManager,
    row: Omit<MentorQuestionRow, 'answer' | 'answered_at'>,
  ): Promise<MentorQuestionRow> {
    const [created] = await manager.query(
      `INSERT INTO mentor_question (id, mentee_id, mentor_id, organization_id, question, asked_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [row.id, row.mentee_id, row.mentor_id, row.organization_id, row.question, row.asked_at],
    );
    return created;
  }

  async answer(manager: EntityManager, id: string, answer: string, at: Date): Promise<MentorQuestionRow> {
    const [[row]] = await manager.query(
      `UPDATE mentor_question SET answer = $2, answered_at = $3 WHERE id = $1 RETURNING *`,
      [id, answer, at],
    );
    return row;
  }

  async list(
    principal: Principal,
    after: { t: string; id: string } | null,
    limit: number,
  ): Promise<MentorQuestionRow[]> {
    const { params, p } = sqlParams();
    const where = [visibleWhere(principal, p)];
    if (after) where.push(`(asked_at, id) < (${p(after.t)}::timestamptz, ${p(after.id)}::uuid)`);
    return this.dataSource.query(
      `SELECT * FROM mentor_question WHERE ${where.join(' AND ')} ORDER BY asked_at DESC, id DESC LIMIT ${p(limit + 1)}`,
      params,
    );
  }
}
