import { randomUUID } from 'node:crypto';
import type { AtRiskParams } from '@tandem/contracts';
import type { Database, Tx } from '@tandem/subgraph-kit';
import { DEFAULT_TERMS, type ProgrammeTerms } from './relationship.progress';

export type RelationshipStatusValue = 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'WITHDRAWN';

/**
 * The figures and dates behind a flag, so each app words its reason in its reader's language (the English
 * `reason` is kept for older clients and the RelationshipAtRisk event, which carries both). Declared with the event
 * in @tandem/contracts.
 */
export type { AtRiskParams };

/** A flag of the at-risk scan, stored on the relationship (`at_risk_flags`). */
export interface AtRiskFlagRow {
  code: string;
  reason: string;
  /** The figures behind the reason (absent from flags stored before issue 22). */
  params?: AtRiskParams;
  since: string;
}

/** A row of `relationship`, with the programme terms it runs under (joined from the `programme` read model). */
export interface RelationshipRow {
  id: string;
  menteeId: string;
  mentorId: string;
  status: RelationshipStatusValue;
  startedOn: string;
  /** The instant it started (the match's confirmation; rows older than the column: 00:00 of the start date in the programme's zone). */
  startedAt: Date;
  /** How many days before `startedAt` the programme lets the pair record meetings already held (0 until known). */
  priorMeetingDays: number;
  matchId: string | null;
  programmeId: string | null;
  programmeName: string | null;
  organizationId: string | null;
  cohortId: string | null;
  coachId: string | null;
  plannedEndOn: string | null;
  pausedAt: Date | null;
  pausedBy: string | null;
  endedOn: string | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
  completionMentorAt: Date | null;
  completionMenteeAt: Date | null;
  closedAt: Date | null;
  continuedCount: number;
  atRiskFlags: AtRiskFlagRow[];
  atRiskFlaggedAt: Date | null;
  createdAt: Date;
  terms: ProgrammeTerms;
}

export interface NewRelationship {
  matchId: string;
  matchSource: string;
  menteeId: string;
  mentorId: string;
  programmeId: string;
  organizationId: string | null;
  cohortId: string | null;
  coachId: string | null;
  startedOn: string;
  /** The instant (ISO) the match was confirmed. */
  startedAt: string;
}

export interface RelationshipListFilter {
  organizationId: string | null;
  status: RelationshipStatusValue | null;
  atRisk: boolean | null;
}

export interface UserRelationshipCount {
  userId: string;
  count: number;
}

// calendar dates as YYYY-MM-DD text; the terms as one object, null until the programme is known
const SELECT = `SELECT r.id, r.mentee_id AS "menteeId", r.mentor_id AS "mentorId", r.status, r.started_on::text AS "startedOn",
    COALESCE(r.started_at, r.started_on::timestamp AT TIME ZONE COALESCE(p.time_zone, 'America/Toronto')) AS "startedAt",
    COALESCE(p.prior_meeting_days, 0) AS "priorMeetingDays",
    r.match_id AS "matchId", r.programme_id AS "programmeId", p.name AS "programmeName", r.organization_id AS "organizationId",
    r.cohort_id AS "cohortId", r.coach_id AS "coachId", r.planned_end_on::text AS "plannedEndOn", r.paused_at AS "pausedAt",
    r.paused_by AS "pausedBy", r.ended_on::text AS "endedOn", r.withdrawn_by AS "withdrawnBy", r.withdrawal_reason AS "withdrawalReason",
    r.completion_mentor_at AS "completionMentorAt", r.completion_mentee_at AS "completionMenteeAt", r.closed_at AS "closedAt",
    r.continued_count AS "continuedCount", r.at_risk_flags AS "atRiskFlags", r.at_risk_flagged_at AS "atRiskFlaggedAt",
    r.created_at AS "createdAt",
    CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('targetHours', p.target_hours::float8, 'durationWeeks', p.duration_weeks,
      'minMeetings', p.min_meetings, 'hoursOrMeetings', p.hours_or_meetings, 'requireSignedAgreement', p.require_signed_agreement,
      'maxMeetingMinutes', coalesce(p.max_meeting_minutes, 240), 'known', true) END AS terms
  FROM relationship r LEFT JOIN programme p ON p.id = r.programme_id`;

const LIST_WHERE = `($1::uuid IS NULL OR r.organization_id = $1)
  AND ($2::text IS NULL OR r.status = $2)
  AND ($3::boolean IS NULL OR (jsonb_array_length(r.at_risk_flags) > 0) = $3)`;

type SelectedRow = Omit<RelationshipRow, 'terms'> & { terms: ProgrammeTerms | null };
const withTerms = (rows: SelectedRow[]): RelationshipRow[] =>
  rows.map((r) => ({ ...r, terms: r.terms ?? DEFAULT_TERMS }));

/** Reads and writes relationships (the `relationship` table and its programme terms). */
export class RelationshipRepository {
  constructor(private readonly db: Database) {}

  async byIds(ids: readonly string[]): Promise<RelationshipRow[]> {
    if (!ids.length) return [];
    return withTerms(await this.db.query<SelectedRow>(`${SELECT} WHERE r.id = ANY($1::uuid[])`, [ids]));
  }

  /** The row, locked for the rest of the transaction (every change to a relationship takes this lock first). */
  async lock(tx: Tx, id: string): Promise<RelationshipRow | null> {
    return withTerms(await tx.query<SelectedRow>(`${SELECT} WHERE r.id = $1 FOR UPDATE OF r`, [id]))[0] ?? null;
  }

  /** A person's relationships, newest start first; `after` is the (startedOn, id) the page starts after. */
  async forUser(
    userId: string,
    status: RelationshipStatusValue | null,
    page: { after: [string, string] | null; limit: number } | null = null,
  ): Promise<RelationshipRow[]> {
    return withTerms(
      await this.db.query<SelectedRow>(
        `${SELECT} WHERE (r.mentee_id = $1 OR r.mentor_id = $1) AND ($2::text IS NULL OR r.status = $2)
           AND ($3::date IS NULL OR (r.started_on, r.id) < ($3::date, $4::uuid))
         ORDER BY r.started_on DESC, r.id DESC LIMIT $5`,
        [userId, status, page?.after?.[0] ?? null, page?.after?.[1] ?? null, page?.limit ?? null],
      ),
    );
  }

  async countForUser(userId: string, status: RelationshipStatusValue | null): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM relationship r WHERE (r.mentee_id = $1 OR r.mentor_id = $1) AND ($2::text IS NULL OR r.status = $2)`,
      [userId, status],
    );
    return row?.n ?? 0;
  }

  /** The coach's list, newest start first; `after` is the (startedOn, id) the page starts after. */
  async list(
    filter: RelationshipListFilter,
    after: [string, string] | null,
    limit: number,
  ): Promise<RelationshipRow[]> {
    return withTerms(
      await this.db.query<SelectedRow>(
        `${SELECT} WHERE ${LIST_WHERE} AND ($4::date IS NULL OR (r.started_on, r.id) < ($4::date, $5::uuid))
         ORDER BY r.started_on DESC, r.id DESC LIMIT $6`,
        [filter.organizationId, filter.status, filter.atRisk, after?.[0] ?? null, after?.[1] ?? null, limit],
      ),
    );
  }

  async count(filter: RelationshipListFilter): Promise<number> {
    const row = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM relationship r WHERE ${LIST_WHERE}`, [
      filter.organizationId,
      filter.status,
      filter.atRisk,
    ]);
    return row?.n ?? 0;
  }

  /** Relationships the at-risk scan looks at. */
  async running(): Promise<RelationshipRow[]> {
    return withTerms(
      await this.db.query<SelectedRow>(`${SELECT} WHERE r.status IN ('ACTIVE', 'PAUSED') ORDER BY r.id`),
    );
  }

  /** The running (ACTIVE, PAUSED) relationships of one organisation. */
  async runningOf(organizationId: string): Promise<RelationshipRow[]> {
    return withTerms(
      await this.db.query<SelectedRow>(
        `${SELECT} WHERE r.status IN ('ACTIVE', 'PAUSED') AND r.organization_id = $1 ORDER BY r.id`,
        [organizationId],
      ),
    );
  }

  /** Ended or paused relationships still carrying flags (the scan clears them). */
  async flaggedEnded(): Promise<RelationshipRow[]> {
    return withTerms(
      await this.db.query<SelectedRow>(
        `${SELECT} WHERE r.status IN ('COMPLETED', 'WITHDRAWN') AND jsonb_array_length(r.at_risk_flags) > 0 ORDER BY r.id`,
      ),
    );
  }

  /** How many relationships each person is or was in (people without any are left out). */
  async countsForUsers(userIds: readonly string[]): Promise<UserRelationshipCount[]> {
    return this.db.query<UserRelationshipCount>(
      `SELECT u.id AS "userId", count(r.id)::int AS count FROM unnest($1::uuid[]) AS u(id)
         JOIN relationship r ON r.mentee_id = u.id OR r.mentor_id = u.id GROUP BY u.id`,
      [userIds],
    );
  }

  /** Inserts unless a relationship for this match exists; returns the new row's id or null. */
  async insertFromMatch(tx: Tx, r: NewRelationship, durationWeeks: number): Promise<string | null> {
    const row = await tx.one<{ id: string }>(
      `INSERT INTO relationship (id, match_id, match_source, mentee_id, mentor_id, programme_id, organization_id, cohort_id, coach_id, status, started_on, planned_end_on, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'ACTIVE', $10::date, $10::date + ($11::int * 7), $12)
       ON CONFLICT (match_id) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        r.matchId,
        r.matchSource,
        r.menteeId,
        r.mentorId,
        r.programmeId,
        r.organizationId,
        r.cohortId,
        r.coachId,
        r.startedOn,
        durationWeeks,
        r.startedAt,
      ],
    );
    return row?.id ?? null;
  }

  /**
   * The planned ends of a programme's running relationships follow its duration as the read model holds it
   * (so a stale ProgrammeChanged, which the read model ignores, changes nothing here either).
   */
  async replanEnds(tx: Tx, programmeId: string): Promise<void> {
    await tx.execute(
      `UPDATE relationship r SET planned_end_on = r.started_on + (p.duration_weeks * 7)
         FROM programme p WHERE p.id = r.programme_id AND r.programme_id = $1 AND r.status IN ('ACTIVE', 'PAUSED')`,
      [programmeId],
    );
  }

  async pause(tx: Tx, id: string, by: string, at: Date): Promise<void> {
    await tx.execute(`UPDATE relationship SET status = 'PAUSED', paused_at = $2, paused_by = $3 WHERE id = $1`, [
      id,
      at,
      by,
    ]);
  }

  async resume(tx: Tx, id: string): Promise<void> {
    await tx.execute(`UPDATE relationship SET status = 'ACTIVE', paused_at = NULL, paused_by = NULL WHERE id = $1`, [
      id,
    ]);
  }

  async withdraw(tx: Tx, id: string, by: string, reason: string, on: string): Promise<void> {
    await tx.execute(
      `UPDATE relationship SET status = 'WITHDRAWN', ended_on = $2, withdrawn_by = $3, withdrawal_reason = $4, paused_at = NULL WHERE id = $1`,
      [id, on, by, reason],
    );
  }

  /** One side's confirmation of the completion; with `completedOn` the relationship completes. */
  async confirmCompletion(
    tx: Tx,
    id: string,
    side: 'MENTOR' | 'MENTEE',
    at: Date,
    completedOn: string | null,
  ): Promise<void> {
    const column = side === 'MENTOR' ? 'completion_mentor_at' : 'completion_mentee_at';
    await tx.execute(
      completedOn
        ? `UPDATE relationship SET ${column} = $2, status = 'COMPLETED', ended_on = $3, paused_at = NULL WHERE id = $1`
        : `UPDATE relationship SET ${column} = $2 WHERE id = $1`,
      completedOn ? [id, at, completedOn] : [id, at],
    );
  }

  async close(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.execute(`UPDATE relationship SET closed_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Back to ACTIVE after completion, with new goals. */
  /**
   * The mentor's seats in use here: their relationships that are ACTIVE or PAUSED (a paused one keeps its place),
   * counted under a lock on the mentor held to the end of the transaction, so two continuations of the same
   * mentor's relationships queue and the second sees the first.
   */
  async lockMentorSeats(tx: Tx, mentorId: string): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('relationships.mentor-seats:' || $1::text, 0))`, [
      mentorId,
    ]);
    const row = await tx.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM relationship WHERE mentor_id = $1 AND status IN ('ACTIVE', 'PAUSED')`,
      [mentorId],
    );
    return row?.n ?? 0;
  }

  async continueAfterCompletion(tx: Tx, id: string): Promise<void> {
    await tx.execute(
      `UPDATE relationship SET status = 'ACTIVE', ended_on = NULL, completion_mentor_at = NULL, completion_mentee_at = NULL,
         continued_count = continued_count + 1 WHERE id = $1`,
      [id],
    );
  }

  async setAtRisk(tx: Tx, id: string, flags: AtRiskFlagRow[], at: Date | null): Promise<void> {
    await tx.execute(`UPDATE relationship SET at_risk_flags = $2::jsonb, at_risk_flagged_at = $3 WHERE id = $1`, [
      id,
      JSON.stringify(flags),
      at,
    ]);
  }
}
