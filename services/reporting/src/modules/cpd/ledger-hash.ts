/** The canonical serialisation and hash of one CPD ledger entry (one link of a person's chain). */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The content an entry's hash covers: everything that makes it evidence. */
export interface LedgerEntryContent {
  id: string;
  userId: string;
  seq: number;
  kind: string;
  role: string | null;
  relationshipId: string | null;
  programmeId: string | null;
  counterpartId: string | null;
  cpdCategory: string | null;
  meetingId: string | null;
  revision: number | null;
  reversesEntryId: string | null;
  occurredOn: string;
  startTime: string | null;
  durationMinutes: number | null;
  hours: number;
  topics: string[];
  homework: string | null;
  confirmedByMentorAt: string | null;
  confirmedByMenteeAt: string | null;
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

/** Sorted keys, fixed number and time formats: the same entry always serialises to the same bytes. */
export function canonicalEntry(e: LedgerEntryContent): string {
  const normalised: Record<string, unknown> = {
    id: e.id,
    userId: e.userId,
    kind: e.kind,
    role: e.role,
    relationshipId: e.relationshipId,
    programmeId: e.programmeId,
    counterpartId: e.counterpartId,
    cpdCategory: e.cpdCategory,
    meetingId: e.meetingId,
    reversesEntryId: e.reversesEntryId,
    occurredOn: e.occurredOn,
    startTime: e.startTime,
    topics: [...(e.topics ?? [])],
    homework: e.homework,
    hours: Number(e.hours).toFixed(2),
    confirmedByMentorAt: iso(e.confirmedByMentorAt),
    confirmedByMenteeAt: iso(e.confirmedByMenteeAt),
    durationMinutes: e.durationMinutes === null ? null : Number(e.durationMinutes),
    revision: e.revision === null ? null : Number(e.revision),
    seq: Number(e.seq),
  };
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(normalised)
        .sort()
        .map((k) => [k, normalised[k]]),
    ),
  );
}

export function entryHash(e: LedgerEntryContent, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntry(e)).digest('hex');
}

export type ChainBreakReason = 'CONTENT_CHANGED' | 'LINK_BROKEN' | 'SEQUENCE_GAP' | 'UNCHAINED_ENTRY';

export interface ChainCheck {
  intact: boolean;
  entries: number;
  brokenAtSeq: number | null;
  reason: ChainBreakReason | null;
}

/** Walks a person's entries in sequence order and reports the first one that does not hold. */
export function verifyChain(
  rows: Array<LedgerEntryContent & { prevHash: string | null; hash: string | null }>,
): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.hash === null || row.prevHash === null)
      return { intact: false, entries: rows.length, brokenAtSeq: row.seq ?? null, reason: 'UNCHAINED_ENTRY' };
    if (Number(row.seq) !== expectedSeq)
      return { intact: false, entries: rows.length, brokenAtSeq: expectedSeq, reason: 'SEQUENCE_GAP' };
    if (row.prevHash !== prev)
      return { intact: false, entries: rows.length, brokenAtSeq: Number(row.seq), reason: 'LINK_BROKEN' };
    if (entryHash(row, row.prevHash) !== row.hash)
      return { intact: false, entries: rows.length, brokenAtSeq: Number(row.seq), reason: 'CONTENT_CHANGED' };
    prev = row.hash;
    expectedSeq += 1;
  }
  return { intact: true, entries: rows.length, brokenAtSeq: null, reason: null };
}
