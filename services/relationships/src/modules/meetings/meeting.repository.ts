import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { toYmd } from '../shared/dates';
import type { MeetingEntity, MeetingFacts, MeetingStatusValue } from './meeting.entity';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;
const toMeeting = (r: Row): MeetingEntity => ({
  id: r.id,
  relationshipId: r.relationship_id,
  revision: r.revision,
  amendsMeetingId: r.amends_meeting_id,
  supersededBy: r.superseded_by,
  occurredOn: toYmd(r.occurred_on)!,
  startTime: String(r.start_time).slice(0, 5),
  durationMinutes: r.duration_minutes,
  mode: r.mode,
  topics: r.topics,
  homework: r.homework,
  status: r.status,
  loggedBy: r.logged_by,
  loggedAt: r.logged_at,
  mentorConfirmedAt: r.mentor_confirmed_at,
  menteeConfirmedAt: r.mentee_confirmed_at,
  disputedBy: r.disputed_by,
  disputeReason: r.dispute_reason,
  disputedAt: r.disputed_at,
  countedAt: r.counted_at,
});

const ORDER = `ORDER BY occurred_on, start_time, revision`;

/** Reads and writes the meeting log, its confirmations, amendments and private notes. */
export class MeetingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byIds(ids: readonly string[], manager?: EntityManager): Promise<MeetingEntity[]> {
    return (await (manager ?? this.dataSource).query(`SELECT * FROM meeting WHERE id = ANY($1::uuid[])`, [ids])).map(
      toMeeting,
    );
  }

  async lock(manager: EntityManager, id: string): Promise<MeetingEntity | null> {
    const rows = await manager.query(`SELECT * FROM meeting WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toMeeting(rows[0]) : null;
  }

  async forRelationships(ids: readonly string[]): Promise<MeetingEntity[]> {
    return (
      await this.dataSource.query(`SELECT * FROM meeting WHERE relationship_id = ANY($1::uuid[]) ${ORDER}`, [ids])
    ).map(toMeeting);
  }

  /**
   * Live meetings (awaiting or confirmed) of the relationship whose time overlaps [start, start + duration).
   * Run under the relationship's row lock, so two concurrent logs cannot both pass.
   */
  async findOverlapping(
    manager: EntityManager,
    relationshipId: string,
    f: Pick<MeetingFacts, 'occurredOn' | 'startTime' | 'durationMinutes'>,
    exclude: string[],
  ): Promise<MeetingEntity[]> {
    return (
      await manager.query(
        `SELECT * FROM meeting WHERE relationship_id = $1 AND status IN ('AWAITING_CONFIRMATION', 'CONFIRMED') AND NOT (id = ANY($5::uuid[]))
           AND tsrange(occurred_on + start_time, occurred_on + start_time + make_interval(mins => duration_minutes))
            && tsrange($2::date + $3::time, $2::date + $3::time + make_interval(mins => $4::int)) ${ORDER}`,
        [relationshipId, f.occurredOn, f.startTime, f.durationMinutes, exclude],
      )
    ).map(toMeeting);
  }

  async pendingAmendment(manager: EntityManager, meetingId: string): Promise<MeetingEntity | null> {
    const rows = await manager.query(
      `SELECT * FROM meeting WHERE amends_meeting_id = $1 AND status = 'AWAITING_CONFIRMATION'`,
      [meetingId],
    );
    return rows[0] ? toMeeting(rows[0]) : null;
  }

  async insert(
    manager: EntityManager,
    m: MeetingFacts & {
      relationshipId: string;
      revision: number;
      amendsMeetingId: string | null;
      loggedBy: string;
      loggedAt: Date;
      side: 'MENTOR' | 'MENTEE';
    },
  ): Promise<string> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO meeting (id, relationship_id, revision, amends_meeting_id, occurred_on, start_time, duration_minutes, mode, topics, homework, status, logged_by, logged_at, mentor_confirmed_at, mentee_confirmed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'AWAITING_CONFIRMATION', $11, $12, $13, $14)`,
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
      ],
    );
    return id;
  }

  async confirm(manager: EntityManager, id: string, side: 'MENTOR' | 'MENTEE', at: Date): Promise<MeetingEntity> {
    const column = side === 'MENTOR' ? 'mentor_confirmed_at' : 'mentee_confirmed_at';
    const [rows] = await manager.query(
      `UPDATE meeting SET ${column} = $2, status = 'CONFIRMED' WHERE id = $1 RETURNING *`,
      [id, at],
    );
    return toMeeting(rows[0]);
  }

  async supersede(manager: EntityManager, id: string, by: string): Promise<void> {
    await manager.query(`UPDATE meeting SET status = 'SUPERSEDED', superseded_by = $2 WHERE id = $1`, [id, by]);
  }

  async dispute(manager: EntityManager, id: string, by: string, reason: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE meeting SET status = 'DISPUTED', disputed_by = $2, dispute_reason = $3, disputed_at = $4 WHERE id = $1`,
      [id, by, reason, at],
    );
  }

  async markCounted(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE meeting SET counted_at = $2 WHERE id = $1`, [id, at]);
  }

  async confirmedNotCounted(manager: EntityManager, relationshipId: string): Promise<MeetingEntity[]> {
    return (
      await manager.query(
        `SELECT * FROM meeting WHERE relationship_id = $1 AND status = 'CONFIRMED' AND counted_at IS NULL ${ORDER}`,
        [relationshipId],
      )
    ).map(toMeeting);
  }

  async notesOf(authorId: string, meetingIds: readonly string[]): Promise<Map<string, string>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT meeting_id, note FROM meeting_note WHERE author_id = $1 AND meeting_id = ANY($2::uuid[])`,
      [authorId, meetingIds],
    );
    return new Map(rows.map((r) => [r.meeting_id, r.note]));
  }

  async setNote(manager: EntityManager, meetingId: string, authorId: string, note: string | null): Promise<void> {
    if (note === null || note.trim() === '') {
      await manager.query(`DELETE FROM meeting_note WHERE meeting_id = $1 AND author_id = $2`, [meetingId, authorId]);
      return;
    }
    await manager.query(
      `INSERT INTO meeting_note (meeting_id, author_id, note, updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT (meeting_id, author_id) DO UPDATE SET note = EXCLUDED.note, updated_at = now()`,
      [meetingId, authorId, note],
    );
  }

  async statusCounts(manager: EntityManager, relationshipId: string): Promise<Record<MeetingStatusValue, number>> {
    const rows: Row[] = await manager.query(
      `SELECT status, count(*)::int AS n FROM meeting WHERE relationship_id = $1 GROUP BY status`,
      [relationshipId],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<MeetingStatusValue, number>;
  }
}
