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

/** The transitions of a relationship's lifecycle. */
export type RelationshipTransition = 'STARTED' | 'COMPLETED' | 'WITHDRAWN' | 'CONTINUED';

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

  /**
   * The relationship starts: its row (scope first written by whichever event came first; a cohort only the start
   * knows is filled in) and its STARTED transition. True when the transition is new here.
   */
  async start(tx: Tx, e: P<'RelationshipStarted'>, scope: StatsScope): Promise<boolean> {
    await this.ensure(tx, e, scope);
    await tx.execute(`UPDATE relationship SET cohort_id = coalesce(cohort_id, $2) WHERE id = $1`, [
      e.relationshipId,
      scope.cohortId,
    ]);
    return this.transition(tx, e.relationshipId, { kind: 'STARTED', on: e.startedOn });
  }

  /** An ending (completed or withdrawn) on its day; true when it is new here (it is then counted). */
  async end(tx: Tx, e: RelationshipRef, scope: StatsScope, ending: RelationshipEnding): Promise<boolean> {
    await this.ensure(tx, e, scope);
    return this.transition(tx, e.relationshipId, { kind: ending.status, on: ending.endedOn, ending });
  }

  /** A completed relationship goes on with new goals, on its day; true when the continuation is new here. */
  async continue(tx: Tx, e: RelationshipRef, scope: StatsScope, continuedOn: string): Promise<boolean> {
    await this.ensure(tx, e, scope);
    return this.transition(tx, e.relationshipId, { kind: 'CONTINUED', on: continuedOn });
  }

  /**
   * Records a transition once (a relationship's lifecycle is the set of its dated transitions, whatever order they
   * arrive in) and derives the row from the set: started on its STARTED day; status, end and figures from the
   * latest transition (the start before everything, then by day, on one day a continuation after an ending). The row is locked
   * first, so two transitions applied at once see each other.
   */
  private async transition(
    tx: Tx,
    id: string,
    t: { kind: RelationshipTransition; on: string; ending?: RelationshipEnding },
  ): Promise<boolean> {
    await tx.query(`SELECT 1 FROM relationship WHERE id = $1 FOR UPDATE`, [id]);
    const inserted = await tx.execute(
      `INSERT INTO relationship_transition (relationship_id, kind, on_day, confirmed_hours, confirmed_meetings, met_terms)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [id, t.kind, t.on, t.ending?.hours ?? null, t.ending?.meetings ?? null, t.ending?.metTerms ?? null],
    );
    if (!inserted) return false;
    await tx.execute(
      `UPDATE relationship r SET
         started_on = (SELECT min(on_day) FROM relationship_transition WHERE relationship_id = r.id AND kind = 'STARTED'),
         status = CASE WHEN last.kind IN ('COMPLETED', 'WITHDRAWN') THEN last.kind ELSE 'ACTIVE' END,
         ended_on = CASE WHEN last.kind IN ('COMPLETED', 'WITHDRAWN') THEN last.on_day END,
         confirmed_hours = last.confirmed_hours, confirmed_meetings = last.confirmed_meetings, met_terms = last.met_terms
       FROM (SELECT kind, on_day, confirmed_hours, confirmed_meetings, met_terms FROM relationship_transition WHERE relationship_id = $1
             ORDER BY CASE kind WHEN 'STARTED' THEN '-infinity' ELSE on_day END DESC, CASE kind WHEN 'CONTINUED' THEN 1 ELSE 0 END DESC, kind DESC LIMIT 1) last
       WHERE r.id = $1`,
      [id],
    );
    return true;
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
