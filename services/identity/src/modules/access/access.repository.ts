import type { Database, Tx } from '@tandem/subgraph-kit';
import type { AccessRelation } from './access.policy';

/** What links a viewer to one subject. */
export interface RelationRow extends AccessRelation {
  subjectId: string;
}

/** Facts learnt from matching's and relationships' events: who asked whom, who are counterparts, active mentee counts. */
export class AccessRepository {
  constructor(private readonly db: Database) {}

  /** For one viewer and many subjects, in one statement (a row per subject). */
  relations(viewerId: string, subjectIds: readonly string[]): Promise<RelationRow[]> {
    return this.db.query<RelationRow>(
      `SELECT s.id AS "subjectId",
         EXISTS (SELECT 1 FROM profile_access pa WHERE pa.viewer_id = $1 AND pa.subject_id = s.id) AS asked,
         EXISTS (SELECT 1 FROM relationship_fact r WHERE r.status IN ('ACTIVE', 'COMPLETED')
                 AND ((r.mentee_id = $1 AND r.mentor_id = s.id) OR (r.mentor_id = $1 AND r.mentee_id = s.id))) AS counterpart
       FROM unnest($2::uuid[]) AS s(id)`,
      [viewerId, [...subjectIds]],
    );
  }

  async activeMentees(mentorId: string, tx?: Tx): Promise<number> {
    const row = await (tx ?? this.db).one<{ n: number }>(
      `SELECT count(*)::int AS n FROM relationship_fact WHERE mentor_id = $1 AND status = 'ACTIVE'`,
      [mentorId],
    );
    return row!.n;
  }

  async grantProfileAccess(
    tx: Tx,
    reason: 'REQUEST' | 'PROPOSAL',
    sourceId: string,
    viewerId: string,
    subjectId: string,
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO profile_access (reason, source_id, viewer_id, subject_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [reason, sourceId, viewerId, subjectId],
    );
  }

  /** A coach proposed this pair in a programme: that coach may then record both partners' orientation. */
  async proposalMade(
    tx: Tx,
    p: { proposalId: string; coachId: string; mentorId: string; menteeId: string; programmeId: string },
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO proposal_fact (proposal_id, coach_id, mentor_id, mentee_id, programme_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (proposal_id) DO NOTHING`,
      [p.proposalId, p.coachId, p.mentorId, p.menteeId, p.programmeId],
    );
  }

  /** Started: ACTIVE unless a later fact (completed, withdrawn) already arrived. */
  async relationshipStarted(tx: Tx, id: string, menteeId: string, mentorId: string): Promise<void> {
    await tx.execute(
      `INSERT INTO relationship_fact (relationship_id, mentee_id, mentor_id, status) VALUES ($1, $2, $3, 'ACTIVE') ON CONFLICT (relationship_id) DO NOTHING`,
      [id, menteeId, mentorId],
    );
  }

  /**
   * Ended, in any arrival order: COMPLETED wins over everything (a completed relationship keeps its
   * counterparts' access even if a withdrawal arrives later or earlier); WITHDRAWN only replaces ACTIVE.
   */
  async relationshipEnded(
    tx: Tx,
    id: string,
    menteeId: string,
    mentorId: string,
    status: 'COMPLETED' | 'WITHDRAWN',
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO relationship_fact (relationship_id, mentee_id, mentor_id, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (relationship_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()
       WHERE relationship_fact.status = 'ACTIVE' OR (EXCLUDED.status = 'COMPLETED' AND relationship_fact.status <> 'COMPLETED')`,
      [id, menteeId, mentorId, status],
    );
  }
}
