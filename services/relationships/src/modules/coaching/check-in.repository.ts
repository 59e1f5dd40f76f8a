import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { toYmd } from '../shared/dates';

export interface CheckInEntity {
  id: string;
  relationshipId: string;
  coachId: string;
  heldOn: string;
  notes: string;
  followUp: string | null;
  followUpOn: string | null;
  createdAt: Date;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toCheckIn = (r: Record<string, any>): CheckInEntity => ({
  id: r.id,
  relationshipId: r.relationship_id,
  coachId: r.coach_id,
  heldOn: toYmd(r.held_on)!,
  notes: r.notes,
  followUp: r.follow_up,
  followUpOn: toYmd(r.follow_up_on),
  createdAt: r.created_at,
});

/** Reads and writes coach check-ins. */
export class CheckInRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forRelationships(ids: readonly string[]): Promise<CheckInEntity[]> {
    return (
      await this.dataSource.query(
        `SELECT * FROM check_in WHERE relationship_id = ANY($1::uuid[]) ORDER BY held_on DESC, created_at DESC`,
        [ids],
      )
    ).map(toCheckIn);
  }

  async insert(manager: EntityManager, c: Omit<CheckInEntity, 'id' | 'createdAt'>): Promise<CheckInEntity> {
    const rows = await manager.query(
      `INSERT INTO check_in (id, relationship_id, coach_id, held_on, notes, follow_up, follow_up_on) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [randomUUID(), c.relationshipId, c.coachId, c.heldOn, c.notes, c.followUp, c.followUpOn],
    );
    return toCheckIn(rows[0]);
  }

  /** For the at-risk scan: ids of relationships whose agreement was signed by both at some point. */
  async signedAgreements(ids: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ relationship_id: string }> = await this.dataSource.query(
      `SELECT relationship_id FROM agreement WHERE relationship_id = ANY($1::uuid[]) AND first_fully_signed_at IS NOT NULL`,
      [ids],
    );
    return new Set(rows.map((r) => r.relationship_id));
  }
}
