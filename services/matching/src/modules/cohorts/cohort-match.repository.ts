import { isUuid, uuids } from '../shared/access';
import type { DataSource, EntityManager } from 'typeorm';
import type { MenteeProfileRow, MentorProfileRow } from '../search/search.entity';
import type { CohortMatchRunRow, CohortPairRuleRow, PairRule } from './cohort-match.entity';

export interface CohortRow {
  id: string;
  programme_id: string;
  name: string;
  organization_ids: string[];
  matching_weights: Record<string, unknown>;
}

export interface CohortMentee {
  user_id: string;
  enrolled_at: Date;
  /** The organisation they enrolled through. */
  organization_id: string | null;
  profile: MenteeProfileRow | null;
  matched: boolean;
}

/** Everything cohort matching reads (participants, rules, history) and its runs. */
export class CohortMatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async cohort(id: string): Promise<CohortRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.dataSource.query(
      `SELECT c.id, c.programme_id, c.name, p.organization_ids, p.matching_weights FROM cohort c JOIN programme p ON p.id = c.programme_id WHERE c.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The cohort's mentees, with their profile when known and whether they already have a mentor. */
  async mentees(cohortId: string): Promise<CohortMentee[]> {
    const rows = await this.dataSource.query(
      `SELECT e.user_id, e.enrolled_at, e.organization_id, CASE WHEN mp.user_id IS NULL THEN NULL ELSE to_jsonb(mp) END AS profile,
              EXISTS (SELECT 1 FROM mentor_relationship r WHERE r.mentee_id = e.user_id AND r.active)
              OR EXISTS (SELECT 1 FROM confirmed_match c WHERE c.mentee_id = e.user_id AND c.programme_id = e.programme_id) AS matched
       FROM enrolment e LEFT JOIN mentee_profile mp ON mp.user_id = e.user_id
       WHERE e.cohort_id = $1 AND e.role = 'MENTEE' ORDER BY e.enrolled_at, e.user_id`,
      [cohortId],
    );
    return rows;
  }

  /** Eligible mentors of the cohort (or of its programme without a cohort), with their free places. */
  async mentors(cohortId: string, programmeId: string): Promise<Array<MentorProfileRow & { free: number }>> {
    return this.dataSource.query(
      `SELECT m.*, GREATEST(0, m.capacity - COALESCE(l.active_mentees, 0) - COALESCE(l.pending_matches, 0))::int AS free
       FROM enrolment e JOIN mentor_profile m ON m.user_id = e.user_id LEFT JOIN mentor_load l ON l.user_id = m.user_id
       WHERE e.role = 'MENTOR' AND e.programme_id = $2 AND (e.cohort_id = $1 OR e.cohort_id IS NULL)
         AND m.status = 'APPROVED' AND (m.paused_until IS NULL OR m.paused_until <= current_date)
       ORDER BY m.user_id`,
      [cohortId, programmeId],
    );
  }

  /** Pairs where the mentor declined the mentee before (a request or a proposal, any time). */
  async declinedPairs(menteeIds: string[]): Promise<Set<string>> {
    const rows: Array<{ mentee_id: string; mentor_id: string }> = await this.dataSource.query(
      `SELECT mentee_id, mentor_id FROM mentoring_request WHERE status = 'DECLINED' AND mentee_id = ANY($1::uuid[])
       UNION SELECT mentee_id, mentor_id FROM match_proposal WHERE status = 'DECLINED' AND mentee_id = ANY($1::uuid[])`,
      [menteeIds],
    );
    return new Set(rows.map((r) => `${r.mentee_id}:${r.mentor_id}`));
  }

  async rules(cohortId: string): Promise<CohortPairRuleRow[]> {
    return this.dataSource.query(`SELECT * FROM cohort_pair_rule WHERE cohort_id = $1 ORDER BY set_at`, [cohortId]);
  }

  async setRule(
    manager: EntityManager,
    r: { cohortId: string; menteeId: string; mentorId: string; rule: PairRule; setBy: string },
  ): Promise<CohortPairRuleRow> {
    const [row] = await manager.query(
      `INSERT INTO cohort_pair_rule (cohort_id, mentee_id, mentor_id, rule, set_by, set_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (cohort_id, mentee_id, mentor_id) DO UPDATE SET rule = EXCLUDED.rule, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at RETURNING *`,
      [r.cohortId, r.menteeId, r.mentorId, r.rule, r.setBy],
    );
    return row;
  }

  async clearRule(manager: EntityManager, cohortId: string, menteeId: string, mentorId: string): Promise<boolean> {
    const [, count] = await manager.query(
      `DELETE FROM cohort_pair_rule WHERE cohort_id = $1 AND mentee_id = $2 AND mentor_id = $3`,
      [cohortId, menteeId, mentorId],
    );
    return count > 0;
  }

  /** Another lock of the same mentee replaces it (a mentee has one mentor). */
  async clearOtherLocks(manager: EntityManager, cohortId: string, menteeId: string, mentorId: string): Promise<void> {
    await manager.query(
      `DELETE FROM cohort_pair_rule WHERE cohort_id = $1 AND mentee_id = $2 AND mentor_id <> $3 AND rule = 'LOCKED'`,
      [cohortId, menteeId, mentorId],
    );
  }

  async insertRun(
    manager: EntityManager,
    r: Omit<CohortMatchRunRow, 'published_at' | 'status'>,
  ): Promise<CohortMatchRunRow> {
    const [row] = await manager.query(
      `INSERT INTO cohort_match_run (id, cohort_id, programme_id, organization_id, objective, status, created_by, created_at, total_score, matched_count, result)
       VALUES ($1, $2, $3, $4, $5, 'DRAFT', $6, $7, $8, $9, $10) RETURNING *`,
      [
        r.id,
        r.cohort_id,
        r.programme_id,
        r.organization_id,
        r.objective,
        r.created_by,
        r.created_at,
        r.total_score,
        r.matched_count,
        JSON.stringify(r.result),
      ],
    );
    return row;
  }

  async findRuns(ids: readonly string[]): Promise<CohortMatchRunRow[]> {
    return this.dataSource.query(`SELECT * FROM cohort_match_run WHERE id = ANY($1::uuid[])`, [uuids(ids)]);
  }

  /** The cohort's runs, newest first; `organizationId` (a coach's) keeps that organisation's runs only. */
  async runsOf(cohortId: string, organizationId: string | null): Promise<CohortMatchRunRow[]> {
    return organizationId
      ? this.dataSource.query(
          `SELECT * FROM cohort_match_run WHERE cohort_id = $1 AND organization_id = $2 ORDER BY created_at DESC LIMIT 50`,
          [cohortId, organizationId],
        )
      : this.dataSource.query(`SELECT * FROM cohort_match_run WHERE cohort_id = $1 ORDER BY created_at DESC LIMIT 50`, [
          cohortId,
        ]);
  }

  async lockRun(manager: EntityManager, id: string): Promise<CohortMatchRunRow | null> {
    const [row] = await manager.query(`SELECT * FROM cohort_match_run WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async markPublished(manager: EntityManager, id: string): Promise<CohortMatchRunRow> {
    const [[row]] = await manager.query(
      `UPDATE cohort_match_run SET status = 'PUBLISHED', published_at = now() WHERE id = $1 RETURNING *`,
      [id],
    );
    return row;
  }
}
