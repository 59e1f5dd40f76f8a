import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '@tandem/subgraph-kit';
import type { PlanDetails, PlanTimes } from './meeting-plan.rules';

export type MeetingPlanStatusValue = 'AWAITING_RESPONSE' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED';

/** A row of `meeting_plan`: a meeting planned ahead by the partners. */
export interface MeetingPlanRow extends PlanTimes, PlanDetails {
  id: string;
  relationshipId: string;
  /** Who proposed the current times. */
  proposedBy: string;
  /** The partner whose answer is awaited (null unless AWAITING_RESPONSE). */
  awaitingUserId: string | null;
  status: MeetingPlanStatusValue;
  endsAt: Date;
  /** Grows with every change: the ICS SEQUENCE. */
  sequence: number;
  /** Why it was declined or cancelled, and by whom. */
  reason: string | null;
  closedBy: string | null;
  /** The logged meeting that recorded it. */
  meetingId: string | null;
  /** Accepted at some point: the partners' calendars hold it. */
  inCalendars: boolean;
  /** The occurrence of the agreement's schedule it was proposed for (by the platform); null for a partner's proposal. */
  scheduleSlot: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, relationship_id AS "relationshipId", proposed_by AS "proposedBy", awaiting_user_id AS "awaitingUserId",
  status, starts_at AS "startsAt", starts_at + make_interval(mins => duration_minutes) AS "endsAt",
  duration_minutes AS "durationMinutes", time_zone AS "timeZone", mode, place, video_url AS "videoUrl", agenda,
  goal_ids::text[] AS "goalIds", sequence, reason, closed_by AS "closedBy", meeting_id AS "meetingId",
  in_calendars AS "inCalendars", schedule_slot AS "scheduleSlot", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Reads and writes the meetings planned ahead. */
export class MeetingPlanRepository {
  constructor(private readonly db: Database) {}

  async insert(
    tx: Tx,
    p: PlanTimes &
      PlanDetails & {
        relationshipId: string;
        proposedBy: string;
        awaitingUserId: string;
        at: Date;
        scheduleSlot?: Date | null;
      },
  ): Promise<MeetingPlanRow> {
    return (await tx.one<MeetingPlanRow>(
      `INSERT INTO meeting_plan (id, relationship_id, proposed_by, awaiting_user_id, status, starts_at, duration_minutes,
         time_zone, mode, place, video_url, agenda, goal_ids, created_at, updated_at, schedule_slot)
       VALUES ($1, $2, $3, $4, 'AWAITING_RESPONSE', $5, $6, $7, $8, $9, $10, $11, $12::uuid[], $13, $13, $14)
       RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        p.relationshipId,
        p.proposedBy,
        p.awaitingUserId,
        p.startsAt,
        p.durationMinutes,
        p.timeZone,
        p.mode,
        p.place,
        p.videoUrl,
        p.agenda,
        p.goalIds,
        p.at,
        p.scheduleSlot ?? null,
      ],
    ))!;
  }

  /**
   * Whether the relationship has a proposal from the schedule still open at `now`: awaiting an answer before its
   * start, or accepted and not yet over (and not recorded).
   */
  async hasOpenScheduled(tx: Tx, relationshipId: string, now: Date): Promise<boolean> {
    const row = await tx.one<{ open: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM meeting_plan WHERE relationship_id = $1 AND schedule_slot IS NOT NULL AND meeting_id IS NULL
         AND ((status = 'AWAITING_RESPONSE' AND starts_at > $2)
           OR (status = 'ACCEPTED' AND starts_at + make_interval(mins => duration_minutes) > $2))) AS open`,
      [relationshipId, now],
    );
    return row?.open ?? false;
  }

  /** The latest occurrence of the schedule the relationship was proposed (null before the first). */
  async lastScheduleSlot(tx: Tx, relationshipId: string): Promise<Date | null> {
    const row = await tx.one<{ slot: Date | null }>(
      `SELECT max(schedule_slot) AS slot FROM meeting_plan WHERE relationship_id = $1`,
      [relationshipId],
    );
    return row?.slot ?? null;
  }

  /**
   * The ACTIVE relationships whose binding agreement has a schedule and that have no proposal from it open at
   * `now` (at most 500 a pass; the next pass takes the rest).
   */
  async scheduleCandidates(now: Date): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT r.id FROM relationship r
         JOIN agreement a ON a.relationship_id = r.id
         JOIN agreement_version v ON v.agreement_id = a.id AND v.version = a.signed_version AND v.schedule_weekday IS NOT NULL
       WHERE r.status = 'ACTIVE' AND (r.planned_end_on IS NULL OR r.planned_end_on >= ($1::timestamptz AT TIME ZONE 'UTC')::date - 1)
         AND NOT EXISTS (SELECT 1 FROM meeting_plan p WHERE p.relationship_id = r.id AND p.schedule_slot IS NOT NULL
           AND p.meeting_id IS NULL AND ((p.status = 'AWAITING_RESPONSE' AND p.starts_at > $1)
             OR (p.status = 'ACCEPTED' AND p.starts_at + make_interval(mins => p.duration_minutes) > $1)))
       ORDER BY r.id LIMIT 500`,
      [now],
    );
    return rows.map((r) => r.id);
  }

  async byIds(ids: readonly string[]): Promise<MeetingPlanRow[]> {
    return this.db.query<MeetingPlanRow>(`SELECT ${COLUMNS} FROM meeting_plan WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async lock(tx: Tx, id: string): Promise<MeetingPlanRow | null> {
    return tx.one<MeetingPlanRow>(`SELECT ${COLUMNS} FROM meeting_plan WHERE id = $1 FOR UPDATE`, [id]);
  }

  /**
   * New times proposed by `by`, awaiting `awaiting`, and new details when given (the goals stay); the sequence
   * grows.
   */
  async retime(
    tx: Tx,
    id: string,
    t: PlanTimes,
    by: string,
    awaiting: string,
    at: Date,
    d: Omit<PlanDetails, 'goalIds'> | null = null,
  ): Promise<MeetingPlanRow> {
    return (await tx.one<MeetingPlanRow>(
      `UPDATE meeting_plan SET starts_at = $2, duration_minutes = $3, time_zone = $4, proposed_by = $5,
         awaiting_user_id = $6, status = 'AWAITING_RESPONSE', sequence = sequence + 1, updated_at = $7,
         mode = COALESCE($8, mode),
         place = CASE WHEN $8::text IS NULL THEN place ELSE $9 END,
         video_url = CASE WHEN $8::text IS NULL THEN video_url ELSE $10 END,
         agenda = CASE WHEN $8::text IS NULL THEN agenda ELSE $11::text[] END
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        t.startsAt,
        t.durationMinutes,
        t.timeZone,
        by,
        awaiting,
        at,
        d?.mode ?? null,
        d?.place ?? null,
        d?.videoUrl ?? null,
        d?.agenda ?? null,
      ],
    ))!;
  }

  /** Accepted, declined or cancelled (with the reason and who closed it); the sequence grows. */
  async settle(
    tx: Tx,
    id: string,
    status: Exclude<MeetingPlanStatusValue, 'AWAITING_RESPONSE'>,
    by: string,
    reason: string | null,
    at: Date,
  ): Promise<MeetingPlanRow> {
    return (await tx.one<MeetingPlanRow>(
      `UPDATE meeting_plan SET status = $2, awaiting_user_id = NULL, reason = $4,
         closed_by = CASE WHEN $2 = 'ACCEPTED' THEN NULL ELSE $3::uuid END,
         in_calendars = in_calendars OR $2 = 'ACCEPTED', sequence = sequence + 1, updated_at = $5
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, status, by, reason, at],
    ))!;
  }

  /** The logged meeting that recorded the plan. */
  async recorded(tx: Tx, id: string, meetingId: string, at: Date): Promise<MeetingPlanRow> {
    return (await tx.one<MeetingPlanRow>(
      `UPDATE meeting_plan SET meeting_id = $2, updated_at = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, meetingId, at],
    ))!;
  }

  /**
   * A page of a relationship's plans: upcoming ones (not yet ended at `now`) soonest first, or past ones latest
   * first; `after` is the (startsAt, id) the page starts after.
   */
  async page(
    relationshipId: string,
    past: boolean,
    now: Date,
    after: [string, string] | null,
    limit: number,
  ): Promise<MeetingPlanRow[]> {
    const ends = `starts_at + make_interval(mins => duration_minutes)`;
    return this.db.query<MeetingPlanRow>(
      past
        ? `SELECT ${COLUMNS} FROM meeting_plan WHERE relationship_id = $1 AND ${ends} <= $2
             AND ($3::timestamptz IS NULL OR (starts_at, id) < ($3::timestamptz, $4::uuid))
           ORDER BY starts_at DESC, id DESC LIMIT $5`
        : `SELECT ${COLUMNS} FROM meeting_plan WHERE relationship_id = $1 AND ${ends} > $2
             AND ($3::timestamptz IS NULL OR (starts_at, id) > ($3::timestamptz, $4::uuid))
           ORDER BY starts_at, id LIMIT $5`,
      [relationshipId, now, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async count(relationshipId: string, past: boolean, now: Date): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM meeting_plan WHERE relationship_id = $1
         AND (starts_at + make_interval(mins => duration_minutes) <= $2) = $3`,
      [relationshipId, now, past],
    );
    return row?.n ?? 0;
  }
}
