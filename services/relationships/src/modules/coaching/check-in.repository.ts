import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '@tandem/subgraph-kit';

/** A row of `check_in`: a coach's check-in with the partners. */
export interface CheckInRow {
  id: string;
  relationshipId: string;
  coachId: string;
  heldOn: string;
  notes: string;
  followUp: string | null;
  followUpOn: string | null;
  createdAt: Date;
}

const COLUMNS = `id, relationship_id AS "relationshipId", coach_id AS "coachId", held_on::text AS "heldOn", notes,
  follow_up AS "followUp", follow_up_on::text AS "followUpOn", created_at AS "createdAt"`;

/** Reads and writes coach check-ins. */
export class CheckInRepository {
  constructor(private readonly db: Database) {}

  /** Newest first. */
  async forRelationships(ids: readonly string[]): Promise<CheckInRow[]> {
    return this.db.query<CheckInRow>(
      `SELECT ${COLUMNS} FROM check_in WHERE relationship_id = ANY($1::uuid[]) ORDER BY held_on DESC, created_at DESC`,
      [ids],
    );
  }

  async insert(tx: Tx, c: Omit<CheckInRow, 'id' | 'createdAt'>): Promise<CheckInRow> {
    return (await tx.one<CheckInRow>(
      `INSERT INTO check_in (id, relationship_id, coach_id, held_on, notes, follow_up, follow_up_on) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [randomUUID(), c.relationshipId, c.coachId, c.heldOn, c.notes, c.followUp, c.followUpOn],
    ))!;
  }
}
