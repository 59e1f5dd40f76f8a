import { randomUUID } from 'node:crypto';
import type { Database, TimeIdCursor, Tx } from '@tandem/subgraph-kit';

/** What happened, in the log's words. */
export type SecurityAuditKind =
  | 'STAFF_SIGNED_IN'
  | 'ROLES_CHANGED'
  | 'ACCOUNT_ERASED'
  | 'SUSPENSION_CHANGED'
  | 'SECOND_FACTOR_CHANGED'
  | 'CPD_EXPORT_CREATED'
  | 'PERSONAL_DATA_EXPORTED'
  | 'LIST_EXPORTED'
  | 'API_KEY_CREATED'
  | 'API_KEY_REVOKED';

/** One line to append. */
export interface SecurityAuditEntry {
  /** The event it comes from (a redelivery adds nothing); null for what reporting records itself. */
  eventId: string | null;
  kind: SecurityAuditKind;
  actorId: string | null;
  subjectId: string | null;
  occurredAt: Date | string;
  details: Record<string, unknown>;
}

export interface SecurityAuditRow extends SecurityAuditEntry {
  id: string;
  occurredAt: Date;
  recordedAt: Date;
}

export interface SecurityAuditFilterValues {
  actorId: string | null;
  subjectId: string | null;
  kind: SecurityAuditKind | null;
  from: Date | null;
  to: Date | null;
}

/** Where a page starts after: the line's time (ISO) and id, newest first. */
export const auditCursor = (r: SecurityAuditRow): TimeIdCursor => [new Date(r.occurredAt).toISOString(), r.id];

const COLUMNS = `id, event_id AS "eventId", kind, actor_id AS "actorId", subject_id AS "subjectId",
  occurred_at AS "occurredAt", recorded_at AS "recordedAt", details`;
const FILTER = `($1::uuid IS NULL OR actor_id = $1) AND ($2::uuid IS NULL OR subject_id = $2)
  AND ($3::text IS NULL OR kind = $3) AND ($4::timestamptz IS NULL OR occurred_at >= $4)
  AND ($5::timestamptz IS NULL OR occurred_at <= $5)`;
const filterValues = (f: SecurityAuditFilterValues) => [f.actorId, f.subjectId, f.kind, f.from, f.to];

/** The staff audit log: append-only (the runtime role may insert, never update or delete). */
export class SecurityAuditRepository {
  constructor(private readonly db: Database) {}

  /** Appends a line; a line for an event already logged (at-least-once delivery) is not added again. */
  async append(tx: Tx, entry: SecurityAuditEntry): Promise<void> {
    await tx.execute(
      `INSERT INTO security_audit_event (id, event_id, kind, actor_id, subject_id, occurred_at, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
      [
        randomUUID(),
        entry.eventId,
        entry.kind,
        entry.actorId,
        entry.subjectId,
        entry.occurredAt,
        JSON.stringify(entry.details),
      ],
    );
  }

  /** A page, newest first, after the cursor's line. */
  async page(
    filter: SecurityAuditFilterValues,
    after: TimeIdCursor | null,
    limit: number,
  ): Promise<SecurityAuditRow[]> {
    return this.db.query<SecurityAuditRow>(
      `SELECT ${COLUMNS} FROM security_audit_event
        WHERE ${FILTER} AND ($6::timestamptz IS NULL OR (occurred_at, id) < ($6::timestamptz, $7::uuid))
        ORDER BY occurred_at DESC, id DESC LIMIT $8`,
      [...filterValues(filter), after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async count(filter: SecurityAuditFilterValues): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM security_audit_event WHERE ${FILTER}`,
      filterValues(filter),
    );
    return row!.n;
  }
}
