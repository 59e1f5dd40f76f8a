import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '@tandem/subgraph-kit';
import { entryHash, GENESIS_HASH, type LedgerEntryContent } from './ledger-hash';

/** What an appended entry needs; id, seq and hashes are assigned at append time. */
export type LedgerEntryDraft = Omit<LedgerEntryContent, 'id' | 'seq'>;

/** A stored ledger row as read back. */
export interface LedgerEntryRow extends LedgerEntryContent {
  prevHash: string | null;
  hash: string | null;
  recordedAt: Date;
}

/** A person's net CPD hours. */
/** A person and a period (both days null: their whole ledger). */
export interface CpdTotalsKey {
  userId: string;
  from: string | null;
  to: string | null;
}

/** A period's verified hours and meetings (net of reversals). */
export interface CpdTotalsRow {
  hours: number;
  meetings: number;
}

/** Where a page of entries starts after: the entry's day, its place in the chain, its id. */
export type EntryCursor = [string, number, string];
export const isEntryCursor = (v: unknown): v is EntryCursor =>
  Array.isArray(v) && v.length === 3 && typeof v[0] === 'string' && Number.isInteger(v[1]) && typeof v[2] === 'string';
/** The sequence an unchained row sorts by (after every chained one). */
export const UNCHAINED = 2147483647;
export const entryCursor = (e: LedgerEntryRow): EntryCursor => [e.occurredOn, e.seq ?? UNCHAINED, e.id];

export const ENTRY_COLUMNS = `id, user_id AS "userId", seq, kind, role, relationship_id AS "relationshipId", programme_id AS "programmeId",
  counterpart_id AS "counterpartId", cpd_category AS "cpdCategory", meeting_id AS "meetingId", revision,
  reverses_entry_id AS "reversesEntryId", occurred_on::text AS "occurredOn", start_time AS "startTime",
  duration_minutes AS "durationMinutes", hours::float8 AS hours, topics, homework,
  confirmed_by_mentor_at AS "confirmedByMentorAt", confirmed_by_mentee_at AS "confirmedByMenteeAt",
  prev_hash AS "prevHash", hash, recorded_at AS "recordedAt"`;

/** The CPD ledger: appends only (the table refuses UPDATE and DELETE), one hash chain per person. */
export class LedgerRepository {
  constructor(private readonly db: Database) {}

  /**
   * Appends one entry to the person's chain. Appends of one person are serialised by a transaction-level
   * advisory lock, so two events for the same person never take the same sequence number.
   * Returns null when the entry (meeting, revision, person, kind) already exists.
   */
  async append(tx: Tx, draft: LedgerEntryDraft): Promise<LedgerEntryContent | null> {
    await this.lock(tx, [draft.userId]);
    if (draft.meetingId) {
      const existing = await tx.one(
        `SELECT 1 FROM cpd_entry WHERE meeting_id = $1 AND revision = $2 AND user_id = $3 AND kind = $4`,
        [draft.meetingId, draft.revision, draft.userId, draft.kind],
      );
      if (existing) return null;
    }
    const head = await tx.one<{ seq: number; hash: string }>(
      `SELECT seq, hash FROM cpd_entry WHERE user_id = $1 AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
      [draft.userId],
    );
    const entry: LedgerEntryContent = { ...draft, id: randomUUID(), seq: (head?.seq ?? 0) + 1 };
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = entryHash(entry, prevHash);
    await tx.execute(
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

  /**
   * Takes the people's ledger locks until the transaction ends (in id order, so two transactions never wait on
   * each other crosswise). A handler that reads the ledger before appending takes them first, so what it read
   * cannot change before it appends. Taking a lock again in the same transaction is free.
   */
  async lock(tx: Tx, userIds: string[]): Promise<void> {
    for (const userId of [...new Set(userIds)].sort()) {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('cpd:' || $1::text, 0))`, [userId]);
    }
  }

  /** The person's live (not yet reversed) entry for a meeting, the one an amendment supersedes. */
  async liveEntryForMeeting(tx: Tx, userId: string, meetingId: string): Promise<LedgerEntryRow | null> {
    return tx.one<LedgerEntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM cpd_entry e WHERE user_id = $1 AND meeting_id = $2 AND kind = 'MEETING'
         AND NOT EXISTS (SELECT 1 FROM cpd_entry r WHERE r.reverses_entry_id = e.id)
       ORDER BY seq DESC LIMIT 1`,
      [userId, meetingId],
    );
  }

  /** True when a confirmation (meeting and revision) is already credited, whatever event brought it. */
  async hasEntryForMeeting(tx: Tx, meetingId: string, revision: number): Promise<boolean> {
    return !!(await tx.one(
      `SELECT 1 FROM cpd_entry WHERE meeting_id = $1 AND revision = $2 AND kind = 'MEETING' LIMIT 1`,
      [meetingId, revision],
    ));
  }

  /** Every entry of a person in chain order (unchained rows last). */
  async chainOf(userId: string): Promise<LedgerEntryRow[]> {
    return this.db.query<LedgerEntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM cpd_entry WHERE user_id = $1 ORDER BY seq NULLS LAST, recorded_at`,
      [userId],
    );
  }

  /** A person's entries dated within [from, to]. */
  async entriesBetween(userId: string, from: string, to: string): Promise<LedgerEntryRow[]> {
    return this.db.query<LedgerEntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM cpd_entry WHERE user_id = $1 AND occurred_on BETWEEN $2 AND $3 ORDER BY occurred_on, seq`,
      [userId, from, to],
    );
  }

  /** A page of a person's entries dated within [from, to], in date then chain order, after the cursor's entry. */
  async entriesPage(
    userId: string,
    from: string,
    to: string,
    after: EntryCursor | null,
    limit: number,
  ): Promise<LedgerEntryRow[]> {
    // unchained rows (no seq) sort last within their day, as in entriesBetween
    return this.db.query<LedgerEntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM cpd_entry WHERE user_id = $1 AND occurred_on BETWEEN $2 AND $3
         AND ($4::date IS NULL OR (occurred_on, coalesce(seq, ${UNCHAINED}), id) > ($4::date, $5::int, $6::uuid))
       ORDER BY occurred_on, coalesce(seq, ${UNCHAINED}), id LIMIT $7`,
      [userId, from, to, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit],
    );
  }

  async countBetween(userId: string, from: string, to: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM cpd_entry WHERE user_id = $1 AND occurred_on BETWEEN $2 AND $3`,
      [userId, from, to],
    );
    return row!.n;
  }

  /**
   * Verified hours and meetings per (person, period), net of reversals (a reversal takes back its hours and its
   * meeting, as `buildStatement` counts them), in one statement for any number of people and periods; a period
   * without bounds is the person's whole ledger (their `cpdHours`). Rows come back in the order asked.
   */
  async totalsOf(asked: readonly CpdTotalsKey[]): Promise<CpdTotalsRow[]> {
    return this.db.query<CpdTotalsRow>(
      `SELECT coalesce(sum(e.hours), 0)::float8 AS hours,
         (count(e.id) FILTER (WHERE e.kind <> 'REVERSAL') - count(e.id) FILTER (WHERE e.kind = 'REVERSAL'))::int AS meetings
       FROM unnest($1::uuid[], $2::date[], $3::date[]) WITH ORDINALITY AS k(user_id, from_day, to_day, n)
       LEFT JOIN cpd_entry e ON e.user_id = k.user_id
         AND e.occurred_on BETWEEN coalesce(k.from_day, '-infinity') AND coalesce(k.to_day, 'infinity')
       GROUP BY k.n ORDER BY k.n`,
      [asked.map((k) => k.userId), asked.map((k) => k.from), asked.map((k) => k.to)],
    );
  }
}
