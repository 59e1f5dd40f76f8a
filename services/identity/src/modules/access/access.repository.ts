import type { Database, Tx } from '@tandem/subgraph-kit';
import type { AccessRelation } from './access.policy';

/** A relationship as identity learns it from relationships' events. */
export interface RelationshipFact {
  relationshipId: string;
  menteeId: string;
  mentorId: string;
  organizationId: string | null;
  /** The programme it runs in (every relationships event carries it; rows learnt before issue 19 have none). */
  programmeId?: string | null;
}

/** What links a viewer to one subject. */
export interface RelationRow extends AccessRelation {
  subjectId: string;
}

/** Facts learnt from matching's and relationships' events: who asked whom, who are counterparts, active mentee counts. */
/**
 * A relationship's status from its last dates: ACTIVE until it ends, and again when a continuation follows its last
 * completion (on the same day or later) unless it was withdrawn; an ended relationship that was ever completed
 * stays COMPLETED (its partners keep each other's contact details even if a withdrawal follows), else WITHDRAWN.
 */
const STATUS = `CASE WHEN withdrawn_on IS NULL AND (completed_on IS NULL OR continued_on >= completed_on) THEN 'ACTIVE'
  WHEN completed_on IS NOT NULL THEN 'COMPLETED' ELSE 'WITHDRAWN' END`;

export class AccessRepository {
  constructor(private readonly db: Database) {}

  /**
   * For one viewer (of organisation `viewerOrganizationId`) and many subjects, in one statement (a row per
   * subject). `coaching`: the subject is a partner of an ACTIVE relationship of the viewer's organisation;
   * `coachedBy`: the subject is a COACH of the organisation of an ACTIVE relationship the viewer is a partner of.
   */
  relations(
    viewerId: string,
    viewerOrganizationId: string | null,
    subjectIds: readonly string[],
  ): Promise<RelationRow[]> {
    return this.db.query<RelationRow>(
      `SELECT s.id AS "subjectId",
         EXISTS (SELECT 1 FROM profile_access pa WHERE pa.viewer_id = $1 AND pa.subject_id = s.id) AS asked,
         EXISTS (SELECT 1 FROM relationship_fact r WHERE r.status IN ('ACTIVE', 'COMPLETED')
                 AND ((r.mentee_id = $1 AND r.mentor_id = s.id) OR (r.mentor_id = $1 AND r.mentee_id = s.id))) AS counterpart,
         ($3::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM relationship_fact r WHERE r.status = 'ACTIVE'
                 AND r.organization_id = $3 AND s.id IN (r.mentee_id, r.mentor_id))) AS coaching,
         EXISTS (SELECT 1 FROM relationship_fact r JOIN "user" u ON u.id = s.id
                 WHERE r.status = 'ACTIVE' AND $1 IN (r.mentee_id, r.mentor_id)
                   AND u.organization_id = r.organization_id AND 'COACH' = ANY(u.roles)) AS "coachedBy"
       FROM unnest($2::uuid[]) AS s(id)`,
      [viewerId, [...subjectIds], viewerOrganizationId],
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

  /** Started: ACTIVE unless a later fact (completed, withdrawn) already arrived; its organisation and coach either way. */
  async relationshipStarted(tx: Tx, r: RelationshipFact & { coachId: string | null }): Promise<void> {
    await tx.execute(
      `INSERT INTO relationship_fact (relationship_id, mentee_id, mentor_id, status, organization_id, coach_id, programme_id)
       VALUES ($1, $2, $3, 'ACTIVE', $4, $5, $6)
       ON CONFLICT (relationship_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, coach_id = EXCLUDED.coach_id,
         programme_id = coalesce(relationship_fact.programme_id, EXCLUDED.programme_id)`,
      [r.relationshipId, r.menteeId, r.mentorId, r.organizationId, r.coachId, r.programmeId ?? null],
    );
  }

  /**
   * A completion, continuation or withdrawal, in any arrival order and however often: the latest date of each is
   * kept and the status derived from them (`STATUS`), so the facts converge whatever order the events came in.
   */
  async relationshipChanged(
    tx: Tx,
    r: RelationshipFact,
    change: { completedOn?: string; continuedOn?: string; withdrawnOn?: string },
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO relationship_fact (relationship_id, mentee_id, mentor_id, status, organization_id, completed_on, continued_on, withdrawn_on, programme_id)
       VALUES ($1, $2, $3, 'ACTIVE', $4, $5, $6, $7, $8)
       ON CONFLICT (relationship_id) DO UPDATE SET
         completed_on = GREATEST(relationship_fact.completed_on, EXCLUDED.completed_on),
         continued_on = GREATEST(relationship_fact.continued_on, EXCLUDED.continued_on),
         withdrawn_on = GREATEST(relationship_fact.withdrawn_on, EXCLUDED.withdrawn_on),
         organization_id = coalesce(relationship_fact.organization_id, EXCLUDED.organization_id),
         programme_id = coalesce(relationship_fact.programme_id, EXCLUDED.programme_id), updated_at = now()`,
      [
        r.relationshipId,
        r.menteeId,
        r.mentorId,
        r.organizationId,
        change.completedOn ?? null,
        change.continuedOn ?? null,
        change.withdrawnOn ?? null,
        r.programmeId ?? null,
      ],
    );
    await tx.execute(`UPDATE relationship_fact SET status = ${STATUS} WHERE relationship_id = $1`, [r.relationshipId]);
  }
}
