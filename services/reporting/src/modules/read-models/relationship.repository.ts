import type { Database, Tx } from '@tandem/subgraph-kit';
import type { EventPayloads } from '@tandem/contracts';
import type { StatsScope } from '../stats/stats-rollup.repository';

type P<N extends keyof EventPayloads> = EventPayloads[N];

export interface RelationshipRow {
  id: string;
  menteeId: string;
  mentorId: string;
  programmeId: string;
  organizationId: string | null;
  cohortId: string | null;
  industryCode: string | null;
  status: string;
}

/** The ids every relationship event carries. */
export interface RelationshipRef {
  relationshipId: string;
  menteeId: string;
  mentorId: string;
  programmeId: string;
  organizationId: string | null;
}

/** How a relationship ended, as its event says. */
export interface RelationshipEnding {
  status: 'COMPLETED' | 'WITHDRAWN';
  endedOn: string;
  hours: number;
  meetings: number;
  metTerms: boolean;
}

/** Reporting's copies of relationships (status, scope, how they ended), achieved goals and feedback forms. */
export class RelationshipRepository {
  constructor(private readonly db: Database) {}

  /** True when the relationship is new here. */
  async start(tx: Tx, e: P<'RelationshipStarted'>, scope: StatsScope): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO relationship (id, mentee_id, mentor_id, programme_id, organization_id, cohort_id, industry_code, status, started_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE', $8)
       ON CONFLICT (id) DO UPDATE SET started_on = EXCLUDED.started_on, cohort_id = coalesce(relationship.cohort_id, EXCLUDED.cohort_id)
       WHERE relationship.started_on IS NULL
       RETURNING (xmax = 0) AS inserted, status`,
      [
        e.relationshipId,
        e.menteeId,
        e.mentorId,
        e.programmeId,
        scope.organizationId,
        scope.cohortId,
        scope.industryCode,
        e.startedOn,
      ],
    );
    return rows.length > 0;
  }

  /** Ends a relationship once; true when this is the end transition. */
  async end(tx: Tx, e: RelationshipRef, scope: StatsScope, ending: RelationshipEnding): Promise<boolean> {
    await this.ensure(tx, e, scope);
    const ended = await tx.execute(
      `UPDATE relationship SET status = $2, ended_on = $3, confirmed_hours = $4, confirmed_meetings = $5, met_terms = $6
       WHERE id = $1 AND ended_on IS NULL`,
      [e.relationshipId, ending.status, ending.endedOn, ending.hours, ending.meetings, ending.metTerms],
    );
    return ended > 0;
  }

  /**
   * COMPLETED -> ACTIVE (the ended facts cleared): true. A continuation applied before the completion it
   * follows (two consumers, a redelivery) is kept on the row and applied by that completion: false.
   * The row is locked first, so a completion and its continuation applied at once see each other.
   */
  async continue(tx: Tx, e: RelationshipRef, scope: StatsScope, continuedOn: string): Promise<boolean> {
    await this.ensure(tx, e, scope);
    const row = await tx.one<{ status: string; endedOn: string | null }>(
      `SELECT status, ended_on AS "endedOn" FROM relationship WHERE id = $1 FOR UPDATE`,
      [e.relationshipId],
    );
    if (row!.status === 'COMPLETED') {
      await tx.execute(
        `UPDATE relationship SET status = 'ACTIVE', ended_on = NULL, confirmed_hours = NULL, confirmed_meetings = NULL, met_terms = NULL WHERE id = $1`,
        [e.relationshipId],
      );
      return true;
    }
    if (row!.endedOn === null)
      await tx.execute(`UPDATE relationship SET continued_early_on = $2 WHERE id = $1`, [
        e.relationshipId,
        continuedOn,
      ]);
    return false;
  }

  /** The continuation that arrived before this completion, applied now: its day, or null when there was none. */
  async takeEarlyContinuation(tx: Tx, id: string, completedOn: string): Promise<string | null> {
    // (RETURNING would give the cleared value: read the day from the row as it was)
    const row = await tx.one<{ day: string }>(
      `UPDATE relationship r SET status = 'ACTIVE', ended_on = NULL, confirmed_hours = NULL, confirmed_meetings = NULL, met_terms = NULL, continued_early_on = NULL
       FROM (SELECT id, continued_early_on FROM relationship WHERE id = $1) before
       WHERE r.id = before.id AND r.status = 'COMPLETED' AND before.continued_early_on >= $2 RETURNING before.continued_early_on::text AS day`,
      [id, completedOn],
    );
    return row?.day ?? null;
  }

  async byId(tx: Tx, id: string): Promise<RelationshipRow | null> {
    return tx.one<RelationshipRow>(
      `SELECT id, mentee_id AS "menteeId", mentor_id AS "mentorId", programme_id AS "programmeId", organization_id AS "organizationId",
         cohort_id AS "cohortId", industry_code AS "industryCode", status FROM relationship WHERE id = $1`,
      [id],
    );
  }

  /** True when the two people have (or had) a relationship, either way round. */
  async between(a: string, b: string): Promise<boolean> {
    return !!(await this.db.one(
      `SELECT 1 FROM relationship WHERE (mentor_id = $1 AND mentee_id = $2) OR (mentor_id = $2 AND mentee_id = $1) LIMIT 1`,
      [a, b],
    ));
  }

  async goalAchieved(tx: Tx, e: P<'GoalAchieved'>): Promise<boolean> {
    const inserted = await tx.execute(
      `INSERT INTO goal_achieved (goal_id, relationship_id, achieved_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [e.goalId, e.relationshipId, e.achievedAt],
    );
    return inserted > 0;
  }

  async feedback(tx: Tx, e: P<'FeedbackSubmitted'>): Promise<boolean> {
    const inserted = await tx.execute(
      `INSERT INTO feedback (relationship_id, respondent_role, ratings, submitted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [e.relationshipId, e.respondentRole, JSON.stringify(e.ratings), e.submittedAt],
    );
    return inserted > 0;
  }

  /** The relationship as an ending or continuation names it, when no earlier event created it here. */
  private async ensure(tx: Tx, e: RelationshipRef, scope: StatsScope): Promise<void> {
    await tx.execute(
      `INSERT INTO relationship (id, mentee_id, mentor_id, programme_id, organization_id, cohort_id, industry_code, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE')
       ON CONFLICT (id) DO NOTHING`,
      [
        e.relationshipId,
        e.menteeId,
        e.mentorId,
        e.programmeId,
        scope.organizationId,
        scope.cohortId,
        scope.industryCode,
      ],
    );
  }
}
