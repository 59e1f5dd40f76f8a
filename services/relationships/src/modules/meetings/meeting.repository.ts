import { randomUUID } from 'node:crypto';
import type { Database, Queryable, Tx } from '@tandem/subgraph-kit';

export type MeetingStatusValue = 'AWAITING_CONFIRMATION' | 'CONFIRMED' | 'DISPUTED' | 'SUPERSEDED';

/** A row of `meeting`: one revision of a logged meeting (amendments are new rows that point at the revision they amend). */
export interface MeetingRow {
  id: string;
  relationshipId: string;
  revision: number;
  amendsMeetingId: string | null;
  supersededBy: string | null;
  occurredOn: string;
  /** `HH:MM`, local to the partners, in `timeZone`. */
  startTime: string;
  durationMinutes: number;
  /** The IANA time zone the date and time are local to (meetings logged before it was kept: UTC). */
  timeZone: string;
  /** The instants it started and ended (its local date and time in its zone). */
  startsAt: Date;
  endsAt: Date;
  mode: 'IN_PERSON' | 'VIDEO' | 'PHONE';
  topics: string[];
  homework: string | null;
  status: MeetingStatusValue;
  loggedBy: string;
  loggedAt: Date;
  mentorConfirmedAt: Date | null;
  menteeConfirmedAt: Date | null;
  disputedBy: string | null;
  disputeReason: string | null;
  disputedAt: Date | null;
  /** When it started counting toward hours (MeetingConfirmed published); null while it does not count. */
  countedAt: Date | null;
  /** When an audit selected it (reporting's AuditVerificationRequested): from then on only the audit may judge it. */
  auditLockedAt: Date | null;
}

export type MeetingFacts = Pick<
  MeetingRow,
  'occurredOn' | 'startTime' | 'durationMinutes' | 'mode' | 'topics' | 'homework' | 'timeZone' | 'startsAt' | 'endsAt'
>;

/** A live meeting of one of the people a new meeting credits, in time with it. */
export interface PersonMeetingRow extends MeetingRow {
  /** The person (of those asked about) it belongs to. */
  userId: string;
}

export interface NewMeeting extends MeetingFacts {
  relationshipId: string;
  revision: number;
  amendsMeetingId: string | null;
  loggedBy: string;
  loggedAt: Date;
  side: 'MENTOR' | 'MENTEE';
}

/** The author's private note on a meeting. */
export interface MeetingNoteRow {
  meetingId: string;
  note: string;
}

/** Where a page of a meeting log starts after: the (occurredOn, startTime, revision, id) of its last meeting. */
export type MeetingCursor = [string, string, number, string];
export const isMeetingCursor = (v: unknown): v is MeetingCursor =>
  Array.isArray(v) &&
  v.length === 4 &&
  typeof v[0] === 'string' &&
  typeof v[1] === 'string' &&
  typeof v[2] === 'number' &&
  typeof v[3] === 'string';

const COLUMNS = `id, relationship_id AS "relationshipId", revision, amends_meeting_id AS "amendsMeetingId", superseded_by AS "supersededBy",
  occurred_on::text AS "occurredOn", to_char(start_time, 'HH24:MI') AS "startTime", duration_minutes AS "durationMinutes", mode, topics,
  homework, status, logged_by AS "loggedBy", logged_at AS "loggedAt", mentor_confirmed_at AS "mentorConfirmedAt",
  mentee_confirmed_at AS "menteeConfirmedAt", disputed_by AS "disputedBy", dispute_reason AS "disputeReason",
  disputed_at AS "disputedAt", counted_at AS "countedAt", time_zone AS "timeZone", starts_at AS "startsAt", ends_at AS "endsAt",
  audit_locked_at AS "auditLockedAt"`;
// the meetings that count or may count: awaiting the other side or confirmed (not disputed, not superseded)
const LIVE = `status IN ('AWAITING_CONFIRMATION', 'CONFIRMED')`;
const SELECT = `SELECT ${COLUMNS} FROM meeting`;

/** The request's loader of each relationship's whole log (every revision), by relationship id. */
export const MEETINGS_BY_RELATIONSHIP = 'meetings:byRelationship';
// the log's order, oldest first
const ORDER = `ORDER BY occurred_on, start_time, revision, id`;
const LIVE_OR_ALL = `($2::boolean OR status <> 'SUPERSEDED')`;

/** Reads and writes the meeting log, its confirmations, amendments and private notes. */
export class MeetingRepository {
  constructor(private readonly db: Database) {}

  async byIds(ids: readonly string[], on: Queryable = this.db): Promise<MeetingRow[]> {
    return on.query<MeetingRow>(`${SELECT} WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async lock(tx: Tx, id: string): Promise<MeetingRow | null> {
    return tx.one<MeetingRow>(`${SELECT} WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Every revision of the relationships' meetings, oldest first. */
  async forRelationships(ids: readonly string[]): Promise<MeetingRow[]> {
    return this.db.query<MeetingRow>(`${SELECT} WHERE relationship_id = ANY($1::uuid[]) ${ORDER}`, [ids]);
  }

  /** A page of one relationship's log, oldest first, starting after `after`. */
  async page(
    relationshipId: string,
    includeSuperseded: boolean,
    after: MeetingCursor | null,
    limit: number,
  ): Promise<MeetingRow[]> {
    return this.db.query<MeetingRow>(
      `${SELECT} WHERE relationship_id = $1 AND ${LIVE_OR_ALL}
         AND ($3::date IS NULL OR (occurred_on, start_time, revision, id) > ($3::date, $4::time, $5::int, $6::uuid))
       ${ORDER} LIMIT $7`,
      [
        relationshipId,
        includeSuperseded,
        after?.[0] ?? null,
        after?.[1] ?? null,
        after?.[2] ?? null,
        after?.[3] ?? null,
        limit,
      ],
    );
  }

  async count(relationshipId: string, includeSuperseded: boolean): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM meeting WHERE relationship_id = $1 AND ${LIVE_OR_ALL}`,
      [relationshipId, includeSuperseded],
    );
    return row?.n ?? 0;
  }

  /**
   * Serialises every write that credits these people with meeting time (a transaction-scoped advisory lock per
   * person, taken in a stable order so two transactions never wait on each other in a cycle), so the daily-hours
   * and overlap checks made after it see every meeting committed before and none can be added meanwhile.
   */
  async lockPeople(tx: Tx, userIds: readonly string[]): Promise<void> {
    for (const id of [...new Set(userIds)].sort())
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('relationships.meeting-person:' || $1::text, 0))`, [
        id,
      ]);
  }

  /** Per person, the minutes of their live meetings (every relationship, either side) on the local date `occurredOn`. */
  async minutesOn(
    tx: Tx,
    userIds: readonly string[],
    occurredOn: string,
    exclude: readonly string[],
  ): Promise<Map<string, number>> {
    const rows = await tx.query<{ userId: string; minutes: number }>(
      `SELECT p.user_id AS "userId", coalesce(sum(m.duration_minutes), 0)::int AS minutes
         FROM unnest($1::uuid[]) AS p (user_id)
         JOIN relationship r ON p.user_id IN (r.mentor_id, r.mentee_id)
         JOIN meeting m ON m.relationship_id = r.id
        WHERE m.occurred_on = $2::date AND m.${LIVE} AND NOT (m.id = ANY($3::uuid[]))
        GROUP BY p.user_id`,
      [userIds, occurredOn, exclude],
    );
    return new Map(rows.map((r) => [r.userId, r.minutes]));
  }

  /** Live meetings of these people (every relationship, either side) whose time overlaps [startsAt, endsAt). */
  async overlapping(
    tx: Tx,
    userIds: readonly string[],
    f: Pick<MeetingFacts, 'startsAt' | 'endsAt'>,
    exclude: readonly string[],
  ): Promise<PersonMeetingRow[]> {
    return tx.query<PersonMeetingRow>(
      `WITH hit AS (
         SELECT DISTINCT p.user_id, m.id AS meeting_id
           FROM unnest($1::uuid[]) AS p (user_id)
           JOIN relationship r ON p.user_id IN (r.mentor_id, r.mentee_id)
           JOIN meeting m ON m.relationship_id = r.id
          WHERE m.${LIVE} AND NOT (m.id = ANY($4::uuid[])) AND m.starts_at < $3 AND m.ends_at > $2)
       SELECT hit.user_id AS "userId", ${COLUMNS} FROM hit JOIN meeting ON meeting.id = hit.meeting_id ORDER BY starts_at, id`,
      [userIds, f.startsAt, f.endsAt, exclude],
    );
  }

  async pendingAmendment(tx: Tx, meetingId: string): Promise<MeetingRow | null> {
    return tx.one<MeetingRow>(`${SELECT} WHERE amends_meeting_id = $1 AND status = 'AWAITING_CONFIRMATION'`, [
      meetingId,
    ]);
  }

  async insert(tx: Tx, m: NewMeeting): Promise<string> {
    const id = randomUUID();
    await tx.execute(
      `INSERT INTO meeting (id, relationship_id, revision, amends_meeting_id, occurred_on, start_time, duration_minutes, mode, topics, homework, status,
         logged_by, logged_at, mentor_confirmed_at, mentee_confirmed_at, time_zone, starts_at, ends_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'AWAITING_CONFIRMATION', $11, $12, $13, $14, $15, $16, $17)`,
      [
        id,
        m.relationshipId,
        m.revision,
        m.amendsMeetingId,
        m.occurredOn,
        m.startTime,
        m.durationMinutes,
        m.mode,
        m.topics,
        m.homework,
        m.loggedBy,
        m.loggedAt,
        m.side === 'MENTOR' ? m.loggedAt : null,
        m.side === 'MENTEE' ? m.loggedAt : null,
        m.timeZone,
        m.startsAt,
        m.endsAt,
      ],
    );
    return id;
  }

  async confirm(tx: Tx, id: string, side: 'MENTOR' | 'MENTEE', at: Date): Promise<MeetingRow> {
    const column = side === 'MENTOR' ? 'mentor_confirmed_at' : 'mentee_confirmed_at';
    const rows = await tx.query<MeetingRow>(
      `UPDATE meeting SET ${column} = $2, status = 'CONFIRMED' WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, at],
    );
    return rows[0];
  }

  async supersede(tx: Tx, id: string, by: string): Promise<void> {
    await tx.execute(`UPDATE meeting SET status = 'SUPERSEDED', superseded_by = $2 WHERE id = $1`, [id, by]);
  }

  async dispute(tx: Tx, id: string, by: string, reason: string, at: Date): Promise<void> {
    await tx.execute(
      `UPDATE meeting SET status = 'DISPUTED', disputed_by = $2, dispute_reason = $3, disputed_at = $4 WHERE id = $1`,
      [id, by, reason, at],
    );
  }

  async markCounted(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.execute(`UPDATE meeting SET counted_at = $2 WHERE id = $1`, [id, at]);
  }

  async confirmedNotCounted(tx: Tx, relationshipId: string): Promise<MeetingRow[]> {
    return tx.query<MeetingRow>(
      `${SELECT} WHERE relationship_id = $1 AND status = 'CONFIRMED' AND counted_at IS NULL ${ORDER}`,
      [relationshipId],
    );
  }

  /** The notes `authorId` wrote on these meetings. */
  async notesOf(authorId: string, meetingIds: readonly string[]): Promise<MeetingNoteRow[]> {
    return this.db.query<MeetingNoteRow>(
      `SELECT meeting_id AS "meetingId", note FROM meeting_note WHERE author_id = $1 AND meeting_id = ANY($2::uuid[])`,
      [authorId, meetingIds],
    );
  }

  async setNote(tx: Tx, meetingId: string, authorId: string, note: string | null): Promise<void> {
    if (note === null || note.trim() === '') {
      await tx.execute(`DELETE FROM meeting_note WHERE meeting_id = $1 AND author_id = $2`, [meetingId, authorId]);
      return;
    }
    await tx.execute(
      `INSERT INTO meeting_note (meeting_id, author_id, note, updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT (meeting_id, author_id) DO UPDATE SET note = EXCLUDED.note, updated_at = now()`,
      [meetingId, authorId, note],
    );
  }
}
