import { isUuid, uuids, type Database, type TimeIdCursor, type Tx } from '@tandem/subgraph-kit';
import { columns } from '../shared/columns';
import {
  menteeColumns,
  mentorColumns,
  type MenteeProfileRow,
  type MentorProfileRow,
} from '../read-models/read-model.repository';
import type { CohortObjective } from './assignment';
import type { PairRule, StoredPair, StoredUnmatched } from './cohort-planner';
import { trainingHiddenSql } from '../shared/training.rules';

export interface CohortRow {
  id: string;
  programmeId: string;
  name: string;
  organizationIds: string[];
  matchingWeights: Record<string, unknown>;
}

export interface CohortMentee {
  userId: string;
  enrolledAt: Date;
  /** The organisation they enrolled through. */
  organizationId: string | null;
  profile: MenteeProfileRow | null;
  matched: boolean;
}

/** A cohort matching run (a draft until published). */
export interface CohortMatchRunRow {
  id: string;
  cohortId: string;
  programmeId: string;
  /** The organisation whose mentees the run covers; null: the whole cohort. */
  organizationId: string | null;
  objective: CohortObjective;
  status: 'DRAFT' | 'PUBLISHED';
  createdBy: string;
  createdAt: Date;
  publishedAt: Date | null;
  totalScore: number;
  matchedCount: number;
  result: { pairs: StoredPair[]; unmatched: StoredUnmatched[]; basis?: StoredBasis };
}

/** The data a run used (absent from runs made before it was recorded). */
export interface StoredBasis {
  readAt: string;
  mentees: number;
  mentors: number;
  /** Profile, approval, enrolment and relationship updates published but not applied yet (null: unknown). */
  updatesArriving: number | null;
  oldestUpdateAt: string | null;
}

export interface CohortPairRuleRow {
  cohortId: string;
  menteeId: string;
  mentorId: string;
  rule: PairRule;
  setBy: string;
  setAt: Date;
}

const RUN_COLUMNS = columns('cohort_match_run', [
  'id',
  'cohort_id',
  'programme_id',
  'organization_id',
  'objective',
  'status',
  'created_by',
  'created_at',
  'published_at',
  'matched_count',
  'result',
]).concat(', cohort_match_run.total_score::float8 AS "totalScore"');

const RULE_COLUMNS = columns('cohort_pair_rule', ['cohort_id', 'mentee_id', 'mentor_id', 'rule', 'set_by', 'set_at']);

/** Everything cohort matching reads (participants, rules, history) and its runs. */
export class CohortMatchRepository {
  constructor(private readonly db: Database) {}

  async cohort(id: string): Promise<CohortRow | null> {
    if (!isUuid(id)) return null;
    return this.db.one<CohortRow>(
      `SELECT c.id, c.programme_id AS "programmeId", c.name, p.organization_ids AS "organizationIds", p.matching_weights AS "matchingWeights"
       FROM cohort c JOIN programme p ON p.id = c.programme_id WHERE c.id = $1`,
      [id],
    );
  }

  /** The cohort's mentees, with their profile when known and whether they already have a mentor. */
  async mentees(cohortId: string): Promise<CohortMentee[]> {
    const rows = await this.db.query<Omit<CohortMentee, 'profile'>>(
      `SELECT e.user_id AS "userId", e.enrolled_at AS "enrolledAt", e.organization_id AS "organizationId",
              EXISTS (SELECT 1 FROM mentor_relationship r WHERE r.mentee_id = e.user_id AND r.active)
              OR EXISTS (SELECT 1 FROM confirmed_match c WHERE c.mentee_id = e.user_id AND c.programme_id = e.programme_id) AS matched
       FROM enrolment e WHERE e.cohort_id = $1 AND e.role = 'MENTEE' ORDER BY e.enrolled_at, e.user_id`,
      [cohortId],
    );
    const profiles = new Map(
      (
        await this.db.query<MenteeProfileRow>(
          `SELECT ${menteeColumns('mp')} FROM mentee_profile mp
           WHERE mp.user_id IN (SELECT user_id FROM enrolment WHERE cohort_id = $1 AND role = 'MENTEE')`,
          [cohortId],
        )
      ).map((p) => [p.userId, p]),
    );
    return rows.map((r) => ({ ...r, profile: profiles.get(r.userId) ?? null }));
  }

  /** Eligible mentors of the cohort (or of its programme without a cohort), with their free places. */
  async mentors(cohortId: string, programmeId: string): Promise<Array<MentorProfileRow & { free: number }>> {
    return this.db.query(
      `SELECT ${mentorColumns('m')}, GREATEST(0, m.capacity - COALESCE(l.active_mentees, 0) - COALESCE(l.pending_matches, 0))::int AS free
       FROM enrolment e JOIN mentor_profile m ON m.user_id = e.user_id LEFT JOIN mentor_load l ON l.user_id = m.user_id
       WHERE e.role = 'MENTOR' AND e.programme_id = $2 AND (e.cohort_id = $1 OR e.cohort_id IS NULL)
         AND m.status = 'APPROVED' AND (m.paused_until IS NULL OR m.paused_until <= current_date)
         AND NOT ${trainingHiddenSql('m.user_id', '$2')}
       ORDER BY m.user_id`,
      [cohortId, programmeId],
    );
  }

  /** Pairs (`menteeId:mentorId`) where the mentor declined the mentee before (a request or a proposal, any time). */
  async declinedPairs(menteeIds: string[]): Promise<Set<string>> {
    const rows = await this.db.query<{ menteeId: string; mentorId: string }>(
      `SELECT mentee_id AS "menteeId", mentor_id AS "mentorId" FROM mentoring_request WHERE status = 'DECLINED' AND mentee_id = ANY($1::uuid[])
       UNION SELECT mentee_id, mentor_id FROM match_proposal WHERE status = 'DECLINED' AND mentee_id = ANY($1::uuid[])`,
      [menteeIds],
    );
    return new Set(rows.map((r) => `${r.menteeId}:${r.mentorId}`));
  }

  async rules(cohortId: string): Promise<CohortPairRuleRow[]> {
    return this.db.query(`SELECT ${RULE_COLUMNS} FROM cohort_pair_rule WHERE cohort_id = $1 ORDER BY set_at`, [
      cohortId,
    ]);
  }

  async setRule(
    tx: Tx,
    r: { cohortId: string; menteeId: string; mentorId: string; rule: PairRule; setBy: string },
  ): Promise<CohortPairRuleRow> {
    return (await tx.one<CohortPairRuleRow>(
      `INSERT INTO cohort_pair_rule (cohort_id, mentee_id, mentor_id, rule, set_by, set_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (cohort_id, mentee_id, mentor_id) DO UPDATE SET rule = EXCLUDED.rule, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
       RETURNING ${RULE_COLUMNS}`,
      [r.cohortId, r.menteeId, r.mentorId, r.rule, r.setBy],
    ))!;
  }

  async clearRule(tx: Tx, cohortId: string, menteeId: string, mentorId: string): Promise<boolean> {
    const count = await tx.execute(
      `DELETE FROM cohort_pair_rule WHERE cohort_id = $1 AND mentee_id = $2 AND mentor_id = $3`,
      [cohortId, menteeId, mentorId],
    );
    return count > 0;
  }

  /** Another lock of the same mentee replaces it (a mentee has one mentor). */
  async clearOtherLocks(tx: Tx, cohortId: string, menteeId: string, mentorId: string): Promise<void> {
    await tx.execute(
      `DELETE FROM cohort_pair_rule WHERE cohort_id = $1 AND mentee_id = $2 AND mentor_id <> $3 AND rule = 'LOCKED'`,
      [cohortId, menteeId, mentorId],
    );
  }

  async insertRun(tx: Tx, r: Omit<CohortMatchRunRow, 'publishedAt' | 'status'>): Promise<CohortMatchRunRow> {
    return (await tx.one<CohortMatchRunRow>(
      `INSERT INTO cohort_match_run (id, cohort_id, programme_id, organization_id, objective, status, created_by, created_at, total_score, matched_count, result)
       VALUES ($1, $2, $3, $4, $5, 'DRAFT', $6, $7, $8, $9, $10) RETURNING ${RUN_COLUMNS}`,
      [
        r.id,
        r.cohortId,
        r.programmeId,
        r.organizationId,
        r.objective,
        r.createdBy,
        r.createdAt,
        r.totalScore,
        r.matchedCount,
        JSON.stringify(r.result),
      ],
    ))!;
  }

  async findRuns(ids: readonly string[]): Promise<CohortMatchRunRow[]> {
    return this.db.query(`SELECT ${RUN_COLUMNS} FROM cohort_match_run WHERE id = ANY($1::uuid[])`, [uuids(ids)]);
  }

  /** The cohort's runs, newest first; `organizationId` (a coach's) keeps that organisation's runs only. */
  async runsOf(cohortId: string, organizationId: string | null): Promise<CohortMatchRunRow[]> {
    return this.db.query(
      `SELECT ${RUN_COLUMNS} FROM cohort_match_run WHERE cohort_id = $1 AND ($2::uuid IS NULL OR organization_id = $2::uuid)
       ORDER BY created_at DESC LIMIT 50`,
      [cohortId, organizationId],
    );
  }

  /** A page of the cohort's runs, newest first (keyset on created_at, id), one row more than asked; a coach's organisation only. */
  async runsPage(
    cohortId: string,
    organizationId: string | null,
    after: TimeIdCursor | null,
    size: number,
  ): Promise<CohortMatchRunRow[]> {
    return this.db.query(
      `SELECT ${RUN_COLUMNS} FROM cohort_match_run WHERE cohort_id = $1 AND ($2::uuid IS NULL OR organization_id = $2::uuid)
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $5`,
      [cohortId, organizationId, after?.[0] ?? null, after?.[1] ?? null, size + 1],
    );
  }

  async runCount(cohortId: string, organizationId: string | null): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM cohort_match_run WHERE cohort_id = $1 AND ($2::uuid IS NULL OR organization_id = $2::uuid)`,
      [cohortId, organizationId],
    );
    return row!.n;
  }

  async lockRun(tx: Tx, id: string): Promise<CohortMatchRunRow | null> {
    return tx.one(`SELECT ${RUN_COLUMNS} FROM cohort_match_run WHERE id = $1 FOR UPDATE`, [id]);
  }

  async markPublished(tx: Tx, id: string): Promise<CohortMatchRunRow> {
    return (await tx.one<CohortMatchRunRow>(
      `UPDATE cohort_match_run SET status = 'PUBLISHED', published_at = now() WHERE id = $1 RETURNING ${RUN_COLUMNS}`,
      [id],
    ))!;
  }
}
