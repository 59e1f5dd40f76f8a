import type { DataSource, EntityManager } from 'typeorm';
import type { AccessRelation } from './access.policy';

/** Facts learnt from matching's and relationships' events: who asked whom, who are counterparts, active mentee counts. */
export class AccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** For one viewer and many subjects, in one statement. */
  async relations(viewerId: string, subjectIds: readonly string[]): Promise<Map<string, AccessRelation>> {
    const rows: Array<{ subject_id: string; asked: boolean; counterpart: boolean }> = await this.dataSource.query(
      `SELECT s.id AS subject_id,
         EXISTS (SELECT 1 FROM profile_access pa WHERE pa.viewer_id = $1 AND pa.subject_id = s.id) AS asked,
         EXISTS (SELECT 1 FROM relationship_fact r WHERE r.status IN ('ACTIVE', 'COMPLETED')
                 AND ((r.mentee_id = $1 AND r.mentor_id = s.id) OR (r.mentor_id = $1 AND r.mentee_id = s.id))) AS counterpart
       FROM unnest($2::uuid[]) AS s(id)`,
      [viewerId, [...subjectIds]],
    );
    return new Map(rows.map((r) => [r.subject_id, { asked: r.asked, counterpart: r.counterpart }]));
  }

  async activeMentees(mentorId: string, manager?: EntityManager): Promise<number> {
    const [row] = await (manager ?? this.dataSource).query(
      `SELECT count(*)::int AS n FROM relationship_fact WHERE mentor_id = $1 AND status = 'ACTIVE'`,
      [mentorId],
    );
    return row.n;
  }

  async activeMenteesMany(mentorIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ mentor_id: string; n: number }> = await this.dataSource.query(
      `SELECT mentor_id, count(*)::int AS n FROM relationship_fact WHERE mentor_id = ANY($1::uuid[]) AND status = 'ACTIVE' GROUP BY mentor_id`,
      [[...mentorIds]],
    );
    return new Map(rows.map((r) => [r.mentor_id, r.n]));
  }

  async grantProfileAccess(
    manager: EntityManager,
    reason: 'REQUEST' | 'PROPOSAL',
    sourceId: string,
    viewerId: string,
    subjectId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO profile_access (reason, source_id, viewer_id, subject_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [reason, sourceId, viewerId, subjectId],
    );
  }

  /** Started: ACTIVE unless a later fact (completed, withdrawn) already arrived. */
  async relationshipStarted(manager: EntityManager, id: string, menteeId: string, mentorId: string): Promise<void> {
    await manager.query(
      `INSERT INTO relationship_fact (relationship_id, mentee_id, mentor_id, status) VALUES ($1, $2, $3, 'ACTIVE') ON CONFLICT (relationship_id) DO NOTHING`,
      [id, menteeId, mentorId],
    );
  }

  /**
   * Ended, in any arrival order: COMPLETED wins over everything (a completed relationship keeps its
   * counterparts' access even if a withdrawal arrives later or earlier); WITHDRAWN only replaces ACTIVE.
   */
  async relationshipEnded(
    manager: EntityManager,
    id: string,
    menteeId: string,
    mentorId: string,
    status: 'COMPLETED' | 'WITHDRAWN',
  ): Promise<void> {
    await manager.query(
      `INSERT INTO relationship_fact (relationship_id, mentee_id, mentor_id, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (relationship_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()
       WHERE relationship_fact.status = 'ACTIVE' OR (EXCLUDED.status = 'COMPLETED' AND relationship_fact.status <> 'COMPLETED')`,
      [id, menteeId, mentorId, status],
    );
  }
}
