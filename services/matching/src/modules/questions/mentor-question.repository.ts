import type { Principal } from '@tandem/contracts';
import { uuids, type Database, type TimeIdCursor, type Tx } from '@tandem/subgraph-kit';
import { columns } from '../shared/columns';
import { sqlParams, visibleWhere } from '../shared/access';

/** A question a mentee asked a mentor. */
export interface MentorQuestionRow {
  id: string;
  menteeId: string;
  mentorId: string;
  organizationId: string | null;
  question: string;
  answer: string | null;
  askedAt: Date;
  answeredAt: Date | null;
}

/** The columns of a {@link MentorQuestionRow} of `mentor_question` under the alias `t`. */
export const questionColumns = (t = 'mentor_question') =>
  columns(t, ['id', 'mentee_id', 'mentor_id', 'organization_id', 'question', 'answer', 'asked_at', 'answered_at']);

const COLUMNS = questionColumns();

/** Questions to mentors and their answers. */
export class MentorQuestionRepository {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<MentorQuestionRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM mentor_question WHERE id = ANY($1::uuid[])`, [uuids(ids)]);
  }

  async insert(tx: Tx, row: Omit<MentorQuestionRow, 'answer' | 'answeredAt'>): Promise<MentorQuestionRow> {
    return (await tx.one<MentorQuestionRow>(
      `INSERT INTO mentor_question (id, mentee_id, mentor_id, organization_id, question, asked_at) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${COLUMNS}`,
      [row.id, row.menteeId, row.mentorId, row.organizationId, row.question, row.askedAt],
    ))!;
  }

  async answer(tx: Tx, id: string, answer: string, at: Date): Promise<MentorQuestionRow> {
    return (await tx.one<MentorQuestionRow>(
      `UPDATE mentor_question SET answer = $2, answered_at = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, answer, at],
    ))!;
  }

  /** A page of the questions this principal may see, newest first (keyset on asked_at, id), one row more than asked. */
  async list(principal: Principal, after: TimeIdCursor | null, size: number): Promise<MentorQuestionRow[]> {
    const { params, p } = sqlParams();
    const where = [visibleWhere(principal, p)];
    if (after) where.push(`(asked_at, id) < (${p(after[0])}::timestamptz, ${p(after[1])}::uuid)`);
    return this.db.query(
      `SELECT ${COLUMNS} FROM mentor_question WHERE ${where.join(' AND ')} ORDER BY asked_at DESC, id DESC LIMIT ${p(size + 1)}`,
      params,
    );
  }

  /** How many questions this principal may see. */
  async count(principal: Principal): Promise<number> {
    const { params, p } = sqlParams();
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM mentor_question WHERE ${visibleWhere(principal, p)}`,
      params,
    );
    return row!.n;
  }

  /** An erased person's words go; the facts (who asked whom, when) stay for the counterpart and reporting. */
  async eraseWordsOf(tx: Tx, userId: string): Promise<void> {
    await tx.execute(`UPDATE mentor_question SET question = '[erased]' WHERE mentee_id = $1`, [userId]);
    await tx.execute(`UPDATE mentor_question SET answer = '[erased]' WHERE mentor_id = $1 AND answer IS NOT NULL`, [
      userId,
    ]);
  }
}
