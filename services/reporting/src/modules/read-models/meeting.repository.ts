import type { Database, Tx } from '@tandem/subgraph-kit';
import type { EventPayloads } from '@tandem/contracts';

type P<N extends keyof EventPayloads> = EventPayloads[N];

export interface MeetingRow {
  id: string;
  relationshipId: string;
  status: string;
  occurredOn: string | null;
  durationMinutes: number | null;
  revision: number;
  /** The meeting that amends this one, once its confirmation has arrived (whichever arrived first). */
  supersededBy: string | null;
}

/** Reporting's copy of relationships' meetings: logged, disputed, confirmed (with their evidence), superseded. */
export class MeetingRepository {
  constructor(private readonly db: Database) {}

  /**
   * Takes the two people's meeting locks until the transaction ends (in id order, so two transactions never wait
   * on each other crosswise): a meeting and its amendment may be applied in either order by two workers at once,
   * and each must read what the other wrote.
   */
  async lockPeople(tx: Tx, userIds: string[]): Promise<void> {
    for (const userId of [...new Set(userIds)].sort())
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('meeting:' || $1::text, 0))`, [userId]);
  }

  /** A logged meeting; its date fills a row an earlier dispute, confirmation or amendment made first. */
  async logged(tx: Tx, e: P<'MeetingLogged'>): Promise<void> {
    await tx.execute(
      `INSERT INTO meeting (id, relationship_id, mentee_id, mentor_id, programme_id, status, occurred_on) VALUES ($1, $2, $3, $4, $5, 'LOGGED', $6)
       ON CONFLICT (id) DO UPDATE SET occurred_on = coalesce(meeting.occurred_on, EXCLUDED.occurred_on)`,
      [e.meetingId, e.relationshipId, e.menteeId, e.mentorId, e.programmeId, e.occurredOn],
    );
  }

  /**
   * A disputed meeting (never confirmed after: one disputed is logged anew). Its date comes with it, so the meeting
   * keeps its day whichever of its events arrives first.
   */
  async disputed(tx: Tx, e: P<'MeetingDisputed'>): Promise<void> {
    await tx.execute(
      `INSERT INTO meeting (id, relationship_id, mentee_id, mentor_id, programme_id, status, disputed_by, occurred_on) VALUES ($1, $2, $3, $4, $5, 'DISPUTED', $6, $7)
       ON CONFLICT (id) DO UPDATE SET status = CASE WHEN meeting.status IN ('CONFIRMED', 'SUPERSEDED') THEN meeting.status ELSE 'DISPUTED' END,
         disputed_by = EXCLUDED.disputed_by, occurred_on = coalesce(meeting.occurred_on, EXCLUDED.occurred_on)`,
      [e.meetingId, e.relationshipId, e.menteeId, e.mentorId, e.programmeId, e.disputedBy, e.occurredOn ?? null],
    );
  }

  async byId(tx: Tx, id: string): Promise<MeetingRow | null> {
    return tx.one<MeetingRow>(
      `SELECT id, relationship_id AS "relationshipId", status, occurred_on::text AS "occurredOn", duration_minutes AS "durationMinutes", revision, superseded_by AS "supersededBy"
       FROM meeting WHERE id = $1`,
      [id],
    );
  }

  /**
   * True when this confirmation (meeting and revision) is already recorded, whatever event id brought it: the
   * duration is written only by a confirmation (a logged, disputed or superseded-ahead-of-time row has none).
   */
  async hasConfirmation(tx: Tx, meetingId: string, revision: number): Promise<boolean> {
    return !!(await tx.one(`SELECT 1 FROM meeting WHERE id = $1 AND revision = $2 AND duration_minutes IS NOT NULL`, [
      meetingId,
      revision,
    ]));
  }

  async confirmed(tx: Tx, e: P<'MeetingConfirmed'>): Promise<void> {
    await tx.execute(
      `INSERT INTO meeting (id, relationship_id, mentee_id, mentor_id, programme_id, status, amends_meeting_id, revision, occurred_on, start_time, duration_minutes, mode, topics, homework, confirmed_by_mentor_at, confirmed_by_mentee_at)
       VALUES ($1, $2, $3, $4, $5, 'CONFIRMED', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (id) DO UPDATE SET status = CASE WHEN meeting.superseded_by IS NULL THEN 'CONFIRMED' ELSE meeting.status END, amends_meeting_id = EXCLUDED.amends_meeting_id, revision = EXCLUDED.revision, occurred_on = EXCLUDED.occurred_on,
         start_time = EXCLUDED.start_time, duration_minutes = EXCLUDED.duration_minutes, mode = EXCLUDED.mode, topics = EXCLUDED.topics, homework = EXCLUDED.homework,
         confirmed_by_mentor_at = EXCLUDED.confirmed_by_mentor_at, confirmed_by_mentee_at = EXCLUDED.confirmed_by_mentee_at
       WHERE meeting.revision <= EXCLUDED.revision`,
      [
        e.meetingId,
        e.relationshipId,
        e.menteeId,
        e.mentorId,
        e.programmeId,
        e.amendsMeetingId,
        e.revision,
        e.occurredOn,
        e.startTime,
        e.durationMinutes,
        e.mode,
        e.topics,
        e.homework,
        e.confirmedByMentorAt,
        e.confirmedByMenteeAt,
      ],
    );
    if (e.amendsMeetingId && e.amendsMeetingId !== e.meetingId) {
      // recorded even when the superseded meeting has not arrived yet, so that it is known as superseded when it does
      await tx.execute(
        `INSERT INTO meeting (id, relationship_id, mentee_id, mentor_id, programme_id, status, superseded_by, revision) VALUES ($1, $3, $4, $5, $6, 'SUPERSEDED', $2, $7)
         ON CONFLICT (id) DO UPDATE SET superseded_by = EXCLUDED.superseded_by, status = 'SUPERSEDED'`,
        [
          e.amendsMeetingId,
          e.meetingId,
          e.relationshipId,
          e.menteeId,
          e.mentorId,
          e.programmeId,
          Math.max(1, e.revision - 1),
        ],
      );
    }
  }

  /** A person's meetings logged in the period but not confirmed by both sides (or disputed), per relationship. */
  async pendingByRelationship(userId: string, from: string, to: string): Promise<Map<string, number>> {
    const rows = await this.db.query<{ relationshipId: string; n: number }>(
      `SELECT relationship_id AS "relationshipId", count(*)::int AS n FROM meeting
       WHERE (mentor_id = $1 OR mentee_id = $1) AND status IN ('LOGGED', 'DISPUTED') AND occurred_on BETWEEN $2 AND $3 GROUP BY relationship_id`,
      [userId, from, to],
    );
    return new Map(rows.map((r) => [r.relationshipId, r.n]));
  }

  /** Disputed meetings per person (undated ones included), a risk factor of audits. */
  async disputedCounts(userIds: readonly string[], from: string, to: string): Promise<Map<string, number>> {
    const rows = await this.db.query<{ userId: string; n: number }>(
      `SELECT u.user_id AS "userId", count(*)::int AS n FROM meeting m
       CROSS JOIN LATERAL (VALUES (m.mentor_id), (m.mentee_id)) AS u(user_id)
       WHERE m.status = 'DISPUTED' AND u.user_id = ANY($1::uuid[]) AND (m.occurred_on IS NULL OR m.occurred_on BETWEEN $2 AND $3)
       GROUP BY u.user_id`,
      [userIds, from, to],
    );
    return new Map(rows.map((r) => [r.userId, r.n]));
  }
}
