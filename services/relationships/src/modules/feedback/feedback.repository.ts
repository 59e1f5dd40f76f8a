import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '@tandem/subgraph-kit';

/** A row of `feedback`: one person's end-of-relationship evaluation. */
export interface FeedbackRow {
  id: string;
  relationshipId: string;
  respondentId: string;
  respondentRole: 'MENTOR' | 'MENTEE';
  ratings: Record<string, number>;
  comments: string | null;
  submittedAt: Date;
}

const COLUMNS = `id, relationship_id AS "relationshipId", respondent_id AS "respondentId", respondent_role AS "respondentRole",
  ratings, comments, submitted_at AS "submittedAt"`;

/** Reads and writes end-of-relationship feedback (one per person per relationship). */
export class FeedbackRepository {
  constructor(private readonly db: Database) {}

  async forRelationships(ids: readonly string[]): Promise<FeedbackRow[]> {
    return this.db.query<FeedbackRow>(
      `SELECT ${COLUMNS} FROM feedback WHERE relationship_id = ANY($1::uuid[]) ORDER BY submitted_at`,
      [ids],
    );
  }

  /** Inserts unless this person already answered; returns null then. */
  async insert(tx: Tx, f: Omit<FeedbackRow, 'id'>): Promise<FeedbackRow | null> {
    return tx.one<FeedbackRow>(
      `INSERT INTO feedback (id, relationship_id, respondent_id, respondent_role, ratings, comments, submitted_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
       ON CONFLICT (relationship_id, respondent_id) DO NOTHING RETURNING ${COLUMNS}`,
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
  }
}
