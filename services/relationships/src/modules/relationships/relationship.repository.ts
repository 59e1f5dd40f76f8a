import type { DataSource, EntityManager } from 'typeorm';
import { toYmd } from '../shared/dates';
import {
  DEFAULT_TERMS,
  type AtRiskFlagEntity,
  type RelationshipEntity,
  type RelationshipStatusValue,
} from './relationship.entity';

const SELECT = `SELECT r.*, p.name AS programme_name, p.target_hours, p.duration_weeks, p.min_meetings, p.hours_or_meetings, p.require_signed_agreement
  FROM relationship r LEFT JOIN programme p ON p.id = r.programme_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

export function toRelationshipEntity(r: Row): RelationshipEntity {
  const known = r.target_hours !== null && r.target_hours !== undefined;
  return {
    id: r.id,
    menteeId: r.mentee_id,
    mentorId: r.mentor_id,
    status: r.status,
    startedOn: toYmd(r.started_on)!,
    matchId: r.match_id,
    programmeId: r.programme_id,
    programmeName: r.programme_name ?? null,
    organizationId: r.organization_id,
    cohortId: r.cohort_id,
    coachId: r.coach_id,
    plannedEndOn: toYmd(r.planned_end_on),
    pausedAt: r.paused_at,
    pausedBy: r.paused_by,
    endedOn: toYmd(r.ended_on),
    withdrawnBy: r.withdrawn_by,
    withdrawalReason: r.withdrawal_reason,
    completionMentorAt: r.completion_mentor_at,
    completionMenteeAt: r.completion_mentee_at,
    closedAt: r.closed_at,
    continuedCount: r.continued_count ?? 0,
    atRiskFlags: r.at_risk_flags ?? [],
    atRiskFlaggedAt: r.at_risk_flagged_at,
    createdAt: r.created_at,
    terms: known
      ? {
          targetHours: Number(r.target_hours),
          durationWeeks: Number(r.duration_weeks),
          minMeetings: Number(r.min_meetings),
          hoursOrMeetings: !!r.hours_or_meetings,
          requireSignedAgreement: !!r.require_signed_agreement,
          known: true,
        }
      : DEFAULT_TERMS,
  };
}

export interface MeetingTotals {
  relationshipId: string;
  confirmedMinutes: number;
  confirmedMeetings: number;
  /** Confirmed by both but not counting yet (the programme requires a signed agreement). */
  notCountingMeetings: number;
  awaitingMeetings: number;
  lastConfirmedOn: string | null;
  oldestAwaitingLoggedAt: Date | null;
}

export interface NewRelationship {
  id: string;
  matchId: string;
  matchSource: string;
  menteeId: string;
  mentorId: string;
  programmeId: string;
  organizationId: string | null;
  cohortId: string | null;
  coachId: string | null;
  startedOn: string;
}

export interface RelationshipListFilter {
  organizationId: string | null;
  status: RelationshipStatusValue | null;
  atRisk: boolean | null;
  after: { startedOn: string; id: string } | null;
  limit: number;
}

/** Reads and writes relationships (the `relationship` table and its programme terms). */
export class RelationshipRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<RelationshipEntity[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.query(`${SELECT} WHERE r.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toRelationshipEntity);
  }

  /** The row, locked for the rest of the transaction (every change to a relationship takes this lock first). */
  async lock(manager: EntityManager, id: string): Promise<RelationshipEntity | null> {
    const rows = await manager.query(`${SELECT} WHERE r.id = $1 FOR UPDATE OF r`, [id]);
    return rows[0] ? toRelationshipEntity(rows[0]) : null;
  }

  async forUser(userId: string, status: RelationshipStatusValue | null): Promise<RelationshipEntity[]> {
    const rows = await this.dataSource.query(
      `${SELECT} WHERE (r.mentee_id = $1 OR r.mentor_id = $1) AND ($2::text IS NULL OR r.status = $2) ORDER BY r.started_on DESC, r.id DESC`,
      [userId, status],
    );
    return rows.map(toRelationshipEntity);
  }

  async list(filter: RelationshipListFilter): Promise<RelationshipEntity[]> {
    const rows = await this.dataSource.query(
      `${SELECT} WHERE ($1::uuid IS NULL OR r.organization_id = $1)
         AND ($2::text IS NULL OR r.status = $2)
         AND ($3::boolean IS NULL OR (jsonb_array_length(r.at_risk_flags) > 0) = $3)
         AND ($4::date IS NULL OR (r.started_on, r.id) < ($4::date, $5::uuid))
       ORDER BY r.started_on DESC, r.id DESC LIMIT $6`,
      [
        filter.organizationId,
        filter.status,
        filter.atRisk,
        filter.after?.startedOn ?? null,
        filter.after?.id ?? null,
        filter.limit,
      ],
    );
    return rows.map(toRelationshipEntity);
  }

  /** Relationships the at-risk scan looks at. */
  async running(): Promise<RelationshipEntity[]> {
    const rows = await this.dataSource.query(`${SELECT} WHERE r.status IN ('ACTIVE', 'PAUSED') ORDER BY r.id`);
    return rows.map(toRelationshipEntity);
  }

  /** Ended or paused relationships still carrying flags (the scan clears them). */
  async flaggedEnded(): Promise<RelationshipEntity[]> {
    const rows = await this.dataSource.query(
      `${SELECT} WHERE r.status IN ('COMPLETED', 'WITHDRAWN') AND jsonb_array_length(r.at_risk_flags) > 0 ORDER BY r.id`,
    );
    return rows.map(toRelationshipEntity);
  }

  async countsForUsers(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ user_id: string; value: string | number }> = await this.dataSource.query(
      `SELECT u.id AS user_id, count(r.id) AS value FROM unnest($1::uuid[]) AS u(id) JOIN relationship r ON r.mentee_id = u.id OR r.mentor_id = u.id GROUP BY u.id`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.user_id, Number(r.value)]));
  }

  async meetingTotals(ids: readonly string[], manager?: EntityManager): Promise<Map<string, MeetingTotals>> {
    const rows: Row[] = await (manager ?? this.dataSource).query(
      `SELECT relationship_id,
         coalesce(sum(duration_minutes) FILTER (WHERE status = 'CONFIRMED' AND counted_at IS NOT NULL), 0) AS minutes,
         count(*) FILTER (WHERE status = 'CONFIRMED' AND counted_at IS NOT NULL) AS meetings,
         count(*) FILTER (WHERE status = 'CONFIRMED' AND counted_at IS NULL) AS not_counting,
         count(*) FILTER (WHERE status = 'AWAITING_CONFIRMATION') AS awaiting,
         max(occurred_on) FILTER (WHERE status = 'CONFIRMED') AS last_confirmed_on,
         min(logged_at) FILTER (WHERE status = 'AWAITING_CONFIRMATION') AS oldest_awaiting
       FROM meeting WHERE relationship_id = ANY($1::uuid[]) GROUP BY relationship_id`,
      [ids],
    );
    const map = new Map<string, MeetingTotals>();
    for (const id of ids)
      map.set(id, {
        relationshipId: id,
        confirmedMinutes: 0,
        confirmedMeetings: 0,
        notCountingMeetings: 0,
        awaitingMeetings: 0,
        lastConfirmedOn: null,
        oldestAwaitingLoggedAt: null,
      });
    for (const r of rows) {
      map.set(r.relationship_id, {
        relationshipId: r.relationship_id,
        confirmedMinutes: Number(r.minutes),
        confirmedMeetings: Number(r.meetings),
        notCountingMeetings: Number(r.not_counting),
        awaitingMeetings: Number(r.awaiting),
        lastConfirmedOn: toYmd(r.last_confirmed_on),
        oldestAwaitingLoggedAt: r.oldest_awaiting,
      });
    }
    return map;
  }

  /** Inserts unless a relationship for this match exists; returns the new row's id or null. */
  async insertFromMatch(manager: EntityManager, r: NewRelationship, durationWeeks: number): Promise<string | null> {
    const rows = await manager.query(
      `INSERT INTO relationship (id, match_id, match_source, mentee_id, mentor_id, programme_id, organization_id, cohort_id, coach_id, status, started_on, planned_end_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'ACTIVE', $10::date, $10::date + ($11::int * 7))
       ON CONFLICT (match_id) DO NOTHING RETURNING id`,
      [
        r.id,
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
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** The programme's duration changed (or became known): planned ends of its running relationships follow. */
  async replanEnds(manager: EntityManager, programmeId: string, durationWeeks: number): Promise<void> {
    await manager.query(
      `UPDATE relationship SET planned_end_on = started_on + ($2::int * 7) WHERE programme_id = $1 AND status IN ('ACTIVE', 'PAUSED')`,
      [programmeId, durationWeeks],
    );
  }

  async update(manager: EntityManager, id: string, changes: Record<string, unknown>): Promise<void> {
    const keys = Object.keys(changes);
    if (!keys.length) return;
    const sets = keys.map((k, i) => `${k} = $${i + 2}`).join(', ');
    await manager.query(`UPDATE relationship SET ${sets} WHERE id = $1`, [id, ...keys.map((k) => changes[k])]);
  }

  async setAtRisk(manager: EntityManager, id: string, flags: AtRiskFlagEntity[], at: Date | null): Promise<void> {
    await manager.query(`UPDATE relationship SET at_risk_flags = $2::jsonb, at_risk_flagged_at = $3 WHERE id = $1`, [
      id,
      JSON.stringify(flags),
      at,
    ]);
  }
}
