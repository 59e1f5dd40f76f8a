import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { entryHash, GENESIS_HASH, type LedgerEntryContent } from './ledger-hash';

/** What an appended entry needs; id, seq and hashes are assigned at append time. */
export type LedgerEntryDraft = Omit<LedgerEntryContent, 'id' | 'seq'>;

/** A stored ledger row as read back. */
export interface LedgerEntryRow extends LedgerEntryContent {
  prevHash: string | null;
  hash: string | null;
  recordedAt: Date;
}

export const ENTRY_COLUMNS = `id, user_id AS "userId", seq, kind, role, relationship_id AS "relationshipId", programme_id AS "programmeId",
  counterpart_id AS "counterpartId", cpd_category AS "cpdCategory", meeting_id AS "meetingId", revision,
  reverses_entry_id AS "reversesEntryId", occurred_on::text AS "occurredOn", start_time AS "startTime",
  duration_minutes AS "durationMinutes", hours::float8 AS hours, topics, homework,
  confirmed_by_mentor_at AS "confirmedByMentorAt", confirmed_by_mentee_at AS "confirmedByMenteeAt",
  prev_hash AS "prevHash", hash, recorded_at AS "recordedAt"`;

/** The CPD ledger: appends only (the table refuses UPDATE and DELETE), one hash chain per person. */
export class LedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one entry to the person's chain. Appends of one person are serialised by a transaction-level
   * advisory lock, so two events for the same person never take the same sequence number.
   * Returns null when the entry (meeting, revision, person, kind) already exists.
   */
  async append(manager: EntityManager, draft: LedgerEntryDraft): Promise<LedgerEntryContent | null> {
    await this.lock(manager, [draft.userId]);
    if (draft.meetingId) {
      const existing = await manager.query(
        `SELECT 1 FROM cpd_entry WHERE meeting_id = $1 AND revision = $2 AND user_id = $3 AND kind = $4`,
        [draft.meetingId, draft.revision, draft.userId, draft.kind],
      );
      if (existing.length) return null;
    }
    const [head]: Array<{ seq: number; hash: string }> = await manager.query(
      `SELECT seq, hash FROM cpd_entry WHERE user_id = $1 AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
      [draft.userId],
    );
    const entry: LedgerEntryContent = { ...draft, id: randomUUID(), seq: (head?.seq ?? 0) + 1 };
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = entryHash(entry, prevHash);
    await manager.query(
      `INSERT INTO cpd_entry (id, user_id, seq, kind, role, relationship_id, programme_id, counterpart_id, cpd_category, meeting_id, revision,
         reverses_entry_id, occurred_on, start_time, duration_minutes, hours, topics, homework, confirmed_by_mentor_at, confirmed_by_mentee_at, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22)`,
      [
        entry.id,
        entry.userId,
        entry.seq,
        entry.kind,
        entry.role,
        entry.relationshipId,
        entry.programmeId,
        entry.counterpartId,
        entry.cpdCategory,
        entry.meetingId,
        entry.revision,
        entry.reversesEntryId,
        entry.occurredOn,
        entry.startTime,
        entry.durationMinutes,
        entry.hours,
        entry.topics,
        entry.homework,
        entry.confirmedByMentorAt,
        entry.confirmedByMenteeAt,
        prevHash,
        hash,
      ],
    );
    return entry;
  }

  /** The person's live (not yet reversed) entry for a meeting, the one an amendment supersedes. */
  /**
   * Takes the people's ledger locks until the transaction ends (in id order, so two transactions never wait on
   * each other crosswise). A handler that reads the ledger before appending takes them first, so what it read
   * cannot change before it appends. Taking a lock again in the same transaction is free.
   */
  async lock(manager: EntityManager, userIds: string[]): Promise<void> {
    for (const userId of [...new Set(userIds)].sort()) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('cpd:' || $1::text, 0))`, [userId]);
    }
  }

  async liveEntryForMeeting(manager: EntityManager, userId: string, meetingId: string): Promise<LedgerEntryRow | null> {
    const rows: LedgerEntryRow[] = await manager.query(
      `SELECT ${ENTRY_COLUMNS} FROM cpd_entry e WHERE user_id = $1 AND meeting_id = $2 AND kind = 'MEETING'
         AND NOT EXISTS (SELECT 1 FROM cpd_entry r WHERE r.reverses_entry_id = e.id)
       ORDER BY seq DESC LIMIT 1`,
      [userId, meetingId],
    );
    return rows[0] ?? null;
  }

  async hasEntryForMeeting(manager: EntityManager, meetingId: string, revision: number): Promise<boolean> {
    return (
      (
        await manager.query(
          `SELECT 1 FROM cpd_entry WHERE meeting_id = $1 AND revision = $2 AND kind = 'MEETING' LIMIT 1`,
          [meetingId, revision],
        )
      ).length > 0
    );
  }

  /** Every entry of a person in chain order (unchained rows last). */
  async chainOf(userId: string): Promise<LedgerEntryRow[]> {
    return this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS} FROM cpd_entry WHERE user_id = $1 ORDER BY seq NULLS LAST, recorded_at`,
      [userId],
    );
  }

  /** A person's entries dated within [from, to]. */
  async entriesBetween(userId: string, from: string, to: string): Promise<LedgerEntryRow[]> {
    return this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS} FROM cpd_entry WHERE user_id = $1 AND occurred_on BETWEEN $2 AND $3 ORDER BY occurred_on, seq`,
      [userId, from, to],
    );
  }

  /** Net CPD hours per person. */
  async hoursOf(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ user_id: string; value: string | number }> = await this.dataSource.query(
      `SELECT user_id, sum(hours) AS value FROM cpd_entry WHERE user_id = ANY($1::uuid[]) GROUP BY user_id`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.user_id, Number(r.value)]));
  }
}
