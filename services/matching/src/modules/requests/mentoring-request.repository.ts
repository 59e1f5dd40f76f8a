import type { Principal } from '@tandem/contracts';
import { uuids, type Database, type TimeIdCursor, type Tx } from '@tandem/subgraph-kit';
import { columns } from '../shared/columns';
import { partyListWhere, type PartyListFilter } from '../shared/access';

export const MENTORING_REQUEST_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED'] as const;
export type MentoringRequestStatus = (typeof MENTORING_REQUEST_STATUSES)[number];

/** A mentoring request. */
export interface MentoringRequestRow {
  id: string;
  menteeId: string;
  mentorId: string;
  programmeId: string;
  organizationId: string | null;
  message: string;
  status: MentoringRequestStatus;
  declineReason: string | null;
  sentAt: Date;
  expiresAt: Date;
  remindedAt: Date | null;
  respondedAt: Date | null;
  menteeEnrolledAt: Date | null;
}

/** A message of the thread on a pending request. */
export interface MentoringRequestMessageRow {
  id: string;
  requestId: string;
  authorId: string;
  body: string;
  postedAt: Date;
}

export interface MentoringRequestFilter extends PartyListFilter {
  status: MentoringRequestStatus | null;
  /** Only pending requests that expire after `from` and by `until` (a coach's "about to expire"). */
  expiring?: { from: Date; until: Date } | null;
}

/** The filter's own conditions beside the party and status ones every list shares. */
function requestListWhere(principal: Principal, filter: MentoringRequestFilter) {
  const list = partyListWhere(principal, filter);
  if (filter.expiring)
    list.where.push(
      `status = 'PENDING'`,
      `expires_at > ${list.p(filter.expiring.from)}::timestamptz`,
      `expires_at <= ${list.p(filter.expiring.until)}::timestamptz`,
    );
  return list;
}

/** The columns of a {@link MentoringRequestRow} of `mentoring_request` under the alias `t`. */
export const requestColumns = (t = 'mentoring_request') =>
  columns(t, [
    'id',
    'mentee_id',
    'mentor_id',
    'programme_id',
    'organization_id',
    'message',
    'status',
    'decline_reason',
    'sent_at',
    'expires_at',
    'reminded_at',
    'responded_at',
    'mentee_enrolled_at',
  ]);

/** An earlier wording of a request's message, replaced by its mentee while the request was pending. */
export interface MentoringRequestEditRow {
  id: string;
  requestId: string;
  previousMessage: string;
  editedAt: Date;
}

const EDIT_COLUMNS = `id, request_id AS "requestId", previous_message AS "previousMessage", edited_at AS "editedAt"`;

/** The columns of a {@link MentoringRequestMessageRow} of `mentoring_request_message` under the alias `t`. */
export const requestMessageColumns = (t = 'mentoring_request_message') =>
  columns(t, ['id', 'request_id', 'author_id', 'body', 'posted_at']);

const COLUMNS = requestColumns();
const REMINDER_COLUMNS = requestColumns('r');
const MESSAGE_COLUMNS = requestMessageColumns();

/** Mentoring requests and their message threads. */
export class MentoringRequestRepository {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<MentoringRequestRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM mentoring_request WHERE id = ANY($1::uuid[])`, [uuids(ids)]);
  }

  /** The request, locked for the rest of the transaction. */
  async lock(tx: Tx, id: string): Promise<MentoringRequestRow | null> {
    return tx.one(`SELECT ${COLUMNS} FROM mentoring_request WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Serialises a mentee's sends, so the open-request limit holds under concurrent sends. */
  async lockMentee(tx: Tx, menteeId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('matching:mentee:' || $1))`, [menteeId]);
  }

  /** The mentee's pending requests: how many in this programme, and whether one (in any programme) asks this mentor. */
  async openCount(
    tx: Tx,
    menteeId: string,
    programmeId: string,
  ): Promise<{ total: number; toMentor: (mentorId: string) => boolean }> {
    const open = await tx.query<{ mentorId: string; programmeId: string }>(
      `SELECT mentor_id AS "mentorId", programme_id AS "programmeId" FROM mentoring_request WHERE mentee_id = $1 AND status = 'PENDING'`,
      [menteeId],
    );
    return {
      total: open.filter((r) => r.programmeId === programmeId).length,
      toMentor: (mentorId) => open.some((r) => r.mentorId === mentorId),
    };
  }

  async insert(
    tx: Tx,
    row: Omit<MentoringRequestRow, 'remindedAt' | 'respondedAt' | 'declineReason'>,
  ): Promise<MentoringRequestRow> {
    return (await tx.one<MentoringRequestRow>(
      `INSERT INTO mentoring_request (id, mentee_id, mentor_id, programme_id, organization_id, message, status, sent_at, expires_at, mentee_enrolled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
      [
        row.id,
        row.menteeId,
        row.mentorId,
        row.programmeId,
        row.organizationId,
        row.message,
        row.status,
        row.sentAt,
        row.expiresAt,
        row.menteeEnrolledAt,
      ],
    ))!;
  }

  async setStatus(
    tx: Tx,
    id: string,
    status: MentoringRequestStatus,
    at: Date,
    declineReason: string | null = null,
  ): Promise<MentoringRequestRow> {
    return (await tx.one<MentoringRequestRow>(
      `UPDATE mentoring_request SET status = $2, responded_at = $3, decline_reason = COALESCE($4, decline_reason) WHERE id = $1
       RETURNING ${COLUMNS}`,
      [id, status, at, declineReason],
    ))!;
  }

  async markReminded(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.execute(`UPDATE mentoring_request SET reminded_at = $2 WHERE id = $1`, [id, at]);
  }

  /**
   * Pending requests due a reminder (within their programme's `request_expiry_reminder_days` of expiry, or
   * `defaultLeadDays` for a programme not known here yet; not reminded yet), locked, skipping those another worker
   * holds. One statement, whatever the number of programmes.
   */
  async dueReminders(tx: Tx, now: Date, defaultLeadDays: number): Promise<MentoringRequestRow[]> {
    return tx.query(
      `SELECT ${REMINDER_COLUMNS} FROM mentoring_request r LEFT JOIN programme p ON p.id = r.programme_id
       WHERE r.status = 'PENDING' AND r.reminded_at IS NULL AND r.expires_at > $1
         AND r.expires_at <= $1 + make_interval(days => coalesce(p.request_expiry_reminder_days, $2))
       ORDER BY r.expires_at LIMIT 500 FOR UPDATE OF r SKIP LOCKED`,
      [now, defaultLeadDays],
    );
  }

  /** Pending requests past their expiry, locked, skipping those another worker holds. */
  async dueExpiry(tx: Tx, now: Date): Promise<MentoringRequestRow[]> {
    return tx.query(
      `SELECT ${COLUMNS} FROM mentoring_request WHERE status = 'PENDING' AND expires_at <= $1
       ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
      [now],
    );
  }

  /** A page of the requests this principal may see, newest first (keyset on sent_at, id), one row more than asked. */
  async list(
    principal: Principal,
    filter: MentoringRequestFilter,
    after: TimeIdCursor | null,
    size: number,
  ): Promise<MentoringRequestRow[]> {
    const { params, p, where } = requestListWhere(principal, filter);
    if (after) where.push(`(sent_at, id) < (${p(after[0])}::timestamptz, ${p(after[1])}::uuid)`);
    return this.db.query(
      `SELECT ${COLUMNS} FROM mentoring_request WHERE ${where.join(' AND ')} ORDER BY sent_at DESC, id DESC LIMIT ${p(size + 1)}`,
      params,
    );
  }

  /** How many requests of the list this principal may see. */
  async count(principal: Principal, filter: MentoringRequestFilter): Promise<number> {
    const { params, where } = requestListWhere(principal, filter);
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM mentoring_request WHERE ${where.join(' AND ')}`,
      params,
    );
    return row!.n;
  }

  async addMessage(tx: Tx, row: MentoringRequestMessageRow): Promise<MentoringRequestMessageRow> {
    return (await tx.one<MentoringRequestMessageRow>(
      `INSERT INTO mentoring_request_message (id, request_id, author_id, body, posted_at) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${MESSAGE_COLUMNS}`,
      [row.id, row.requestId, row.authorId, row.body, row.postedAt],
    ))!;
  }

  /** The threads of these requests, oldest message first. */
  async messages(requestIds: readonly string[]): Promise<MentoringRequestMessageRow[]> {
    return this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM mentoring_request_message WHERE request_id = ANY($1::uuid[]) ORDER BY posted_at, id`,
      [uuids(requestIds)],
    );
  }

  /** A page of one request's thread, oldest first (keyset on posted_at, id), one row more than asked. */
  async messagePage(
    requestId: string,
    after: TimeIdCursor | null,
    size: number,
  ): Promise<MentoringRequestMessageRow[]> {
    return this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM mentoring_request_message
       WHERE request_id = $1 AND ($2::timestamptz IS NULL OR (posted_at, id) > ($2::timestamptz, $3::uuid))
       ORDER BY posted_at, id LIMIT $4`,
      [requestId, after?.[0] ?? null, after?.[1] ?? null, size + 1],
    );
  }

  async messageCount(requestId: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM mentoring_request_message WHERE request_id = $1`,
      [requestId],
    );
    return row!.n;
  }

  /** The mentee rewords a pending request: the earlier wording is kept, the request shows the new one. */
  async replaceMessage(tx: Tx, edit: MentoringRequestEditRow, message: string): Promise<void> {
    await tx.execute(
      `INSERT INTO mentoring_request_edit (id, request_id, previous_message, edited_at) VALUES ($1, $2, $3, $4)`,
      [edit.id, edit.requestId, edit.previousMessage, edit.editedAt],
    );
    await tx.execute(`UPDATE mentoring_request SET message = $2 WHERE id = $1`, [edit.requestId, message]);
  }

  /** The earlier wordings of these requests, oldest first. */
  async edits(requestIds: readonly string[]): Promise<MentoringRequestEditRow[]> {
    return this.db.query(
      `SELECT ${EDIT_COLUMNS} FROM mentoring_request_edit WHERE request_id = ANY($1::uuid[]) ORDER BY edited_at, id`,
      [uuids(requestIds)],
    );
  }

  /** An erased person's words go; the facts (who asked whom, when) stay for the counterpart and reporting. */
  async eraseWordsOf(tx: Tx, userId: string): Promise<void> {
    await tx.execute(`UPDATE mentoring_request SET message = '[erased]' WHERE mentee_id = $1`, [userId]);
    await tx.execute(
      `UPDATE mentoring_request_edit SET previous_message = '[erased]'
       WHERE request_id IN (SELECT id FROM mentoring_request WHERE mentee_id = $1)`,
      [userId],
    );
    await tx.execute(`UPDATE mentoring_request_message SET body = '[erased]' WHERE author_id = $1`, [userId]);
  }
}
