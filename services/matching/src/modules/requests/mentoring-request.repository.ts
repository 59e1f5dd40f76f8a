import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '@tandem/contracts';
import { isUuid, sqlParams, uuids, visibleWhere } from '../shared/access';
import type {
  MentoringRequestMessageRow,
  MentoringRequestRow,
  MentoringRequestStatus,
} from './mentoring-request.entity';

/** Mentoring requests and their message threads. */
export class MentoringRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<MentoringRequestRow[]> {
    return this.dataSource.query(`SELECT * FROM mentoring_request WHERE id = ANY($1::uuid[])`, [uuids(ids)]);
  }

  /** The request, locked for the rest of the transaction. */
  async lock(manager: EntityManager, id: string): Promise<MentoringRequestRow | null> {
    const [row] = await manager.query(`SELECT * FROM mentoring_request WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  /** Serialises a mentee's sends, so the open-request limit holds under concurrent sends. */
  async lockMentee(manager: EntityManager, menteeId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('matching:mentee:' || $1))`, [menteeId]);
  }

  async openCount(
    manager: EntityManager,
    menteeId: string,
    programmeId: string,
  ): Promise<{ total: number; toMentor: (mentorId: string) => boolean }> {
    const rows: Array<{ mentor_id: string }> = await manager.query(
      `SELECT mentor_id FROM mentoring_request WHERE mentee_id = $1 AND programme_id = $2 AND status = 'PENDING'`,
      [menteeId, programmeId],
    );
    const anyOpen: Array<{ mentor_id: string }> = await manager.query(
      `SELECT mentor_id FROM mentoring_request WHERE mentee_id = $1 AND status = 'PENDING'`,
      [menteeId],
    );
    return { total: rows.length, toMentor: (mentorId) => anyOpen.some((r) => r.mentor_id === mentorId) };
  }

  async insert(
    manager: EntityManager,
    row: Omit<MentoringRequestRow, 'reminded_at' | 'responded_at' | 'decline_reason'>,
  ): Promise<MentoringRequestRow> {
    const [created] = await manager.query(
      `INSERT INTO mentoring_request (id, mentee_id, mentor_id, programme_id, organization_id, message, status, sent_at, expires_at, mentee_enrolled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        row.id,
        row.mentee_id,
        row.mentor_id,
        row.programme_id,
        row.organization_id,
        row.message,
        row.status,
        row.sent_at,
        row.expires_at,
        row.mentee_enrolled_at,
      ],
    );
    return created;
  }

  async setStatus(
    manager: EntityManager,
    id: string,
    status: MentoringRequestStatus,
    at: Date,
    declineReason: string | null = null,
  ): Promise<MentoringRequestRow> {
    const [[row]] = await manager.query(
      `UPDATE mentoring_request SET status = $2, responded_at = $3, decline_reason = COALESCE($4, decline_reason) WHERE id = $1 RETURNING *`,
      [id, status, at, declineReason],
    );
    return row;
  }

  async markReminded(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE mentoring_request SET reminded_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Pending requests due a reminder (within `leadDays` of expiry, not reminded yet), locked, skipping those another worker holds. */
  async dueReminders(manager: EntityManager, now: Date, leadDays: number): Promise<MentoringRequestRow[]> {
    return manager.query(
      `SELECT * FROM mentoring_request WHERE status = 'PENDING' AND reminded_at IS NULL AND expires_at > $1 AND expires_at <= $1 + make_interval(days => $2)
       ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
      [now, leadDays],
    );
  }

  async dueExpiry(manager: EntityManager, now: Date): Promise<MentoringRequestRow[]> {
    return manager.query(
      `SELECT * FROM mentoring_request WHERE status = 'PENDING' AND expires_at <= $1 ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
      [now],
    );
  }

  /** A page of the requests this principal may see, newest first (keyset on sent_at, id). */
  async list(
    principal: Principal,
    filter: { status: MentoringRequestStatus | null; programmeId: string | null; menteeId: string | null },
    after: { t: string; id: string } | null,
    limit: number,
  ): Promise<MentoringRequestRow[]> {
    const { params, p } = sqlParams();
    const where = [visibleWhere(principal, p)];
    if (filter.status) where.push(`status = ${p(filter.status)}`);
    if (filter.programmeId)
      where.push(isUuid(filter.programmeId) ? `programme_id = ${p(filter.programmeId)}::uuid` : 'FALSE');
    if (filter.menteeId) where.push(isUuid(filter.menteeId) ? `mentee_id = ${p(filter.menteeId)}::uuid` : 'FALSE');
    if (after) where.push(`(sent_at, id) < (${p(after.t)}::timestamptz, ${p(after.id)}::uuid)`);
    return this.dataSource.query(
      `SELECT * FROM mentoring_request WHERE ${where.join(' AND ')} ORDER BY sent_at DESC, id DESC LIMIT ${p(limit + 1)}`,
      params,
    );
  }

  async addMessage(manager: EntityManager, row: MentoringRequestMessageRow): Promise<MentoringRequestMessageRow> {
    const [created] = await manager.query(
      `INSERT INTO mentoring_request_message (id, request_id, author_id, body, posted_at) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [row.id, row.request_id, row.author_id, row.body, row.posted_at],
    );
    return created;
  }

  async messages(requestIds: readonly string[]): Promise<MentoringRequestMessageRow[]> {
    return this.dataSource.query(
      `SELECT * FROM mentoring_request_message WHERE request_id = ANY($1::uuid[]) ORDER BY posted_at, id`,
      [requestIds],
    );
  }
}
