import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

export interface FeedbackEntity {
  id: string;
  relationshipId: string;
  respondentId: string;
  respondentRole: 'MENTOR' | 'MENTEE';
  ratings: Record<string, number>;
  comments: string | null;
  submittedAt: Date;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toFeedback = (r: Record<string, any>): FeedbackEntity => ({
  id: r.id,
  relationshipId: r.relationship_id,
  respondentId: r.respondent_id,
  respondentRole: r.respondent_role,
  ratings: r.ratings,
  comments: r.comments,
  submittedAt: r.submitted_at,
});

/** Reads and writes end-of-relationship feedback (one per person per relationship). */
export class FeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forRelationships(ids: readonly string[]): Promise<FeedbackEntity[]> {
    return (
      await this.dataSource.query(
        `SELECT * FROM feedback WHERE relationship_id = ANY($1::uuid[]) ORDER BY submitted_at`,
        [ids],
      )
    ).map(toFeedback);
  }

  /** Inserts unless this person already answered; returns null then. */
  async insert(manager: EntityManager, f: Omit<FeedbackEntity, 'id'>): Promise<FeedbackEntity | null> {
    const rows = await manager.query(
      `INSERT INTO feedback (id, relationship_id, respondent_id, respondent_role, ratings, comments, submitted_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
       ON CONFLICT (relationship_id, respondent_id) DO NOTHING RETURNING *`,
      [
        randomUUID(),
        f.relationshipId,
        f.respondentId,
        f.respondentRole,
        JSON.stringify(f.ratings),
        f.comments,
        f.submittedAt,
      ],
    );
    return rows[0] ? toFeedback(rows[0]) : null;
  }
}
