import { describe, expect, it, vi } from 'vitest';
import { LoaderRegistry, type SubgraphContext } from '@tandem/subgraph-kit';
import type { Principal } from '@tandem/contracts';
import { signExportLink, verifyExportLink, type ExportClaims } from '../src/modules/exports/export-link';
import { formatDay, formatHours, formatInstant, timeRange } from '../src/modules/exports/export-format';
import { entryHash, GENESIS_HASH, verifyChain, type LedgerEntryContent } from '../src/modules/cpd/ledger-hash';
import { buildStatement, CpdService } from '../src/modules/cpd/cpd.service';
import type { LedgerEntryRow, LedgerRepository } from '../src/modules/cpd/ledger.repository';
import type { MeetingRepository } from '../src/modules/read-models/meeting.repository';
import type { CheckpointService } from '../src/modules/cpd/checkpoint.service';
import {
  bucketHashes,
  bucketOf,
  checkAgainstCheckpoints,
  checkpointDigest,
  checkpointValid,
  checkpointValidFor,
  CheckpointKey,
  type CheckpointBody,
  type PersonCheckpoint,
} from '../src/modules/cpd/ledger-checkpoint';
import { generateKeyPairSync } from 'node:crypto';

const ctx = (principal: Principal | null): SubgraphContext => ({
  principal,
  clientIp: null,
  requestId: 'r',
  log: console as never,
  loaders: new LoaderRegistry(),
  stats: { sqlStatements: 0 },
});

function chain(n: number): Array<LedgerEntryRow> {
  const rows: LedgerEntryRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e: LedgerEntryContent = {
      id: `00000000-0000-4000-8000-00000000000${i}`,
      userId: 'u',
      seq: i,
      kind: 'MEETING',
      role: 'MENTOR',
      relationshipId: 'r1',
      programmeId: 'p1',
      counterpartId: 'c1',
      cpdCategory: 'Peer',
      meetingId: `m${i}`,
      revision: 1,
      reversesEntryId: null,
      occurredOn: `2026-05-0${i}`,
      startTime: '18:00',
      durationMinutes: 60,
      hours: 1,
      topics: ['x'],
      homework: null,
      confirmedByMentorAt: '2026-05-01T20:00:00Z',
      confirmedByMenteeAt: '2026-05-01T21:00:00Z',
    };
    const hash = entryHash(e, prev);
    rows.push({ ...e, prevHash: prev, hash, recordedAt: new Date() });
    prev = hash;
  }
  return rows;
}

describe('ledger hash chain', () => {
  it('should hold for an untouched chain and name the first broken link', () => {
    expect(verifyChain(chain(3))).toEqual({ intact: true, entries: 3, brokenAtSeq: null, reason: null });
    const relinked = chain(3);
    relinked[2] = { ...relinked[2], prevHash: 'f'.repeat(64) };
    expect(verifyChain(relinked)).toMatchObject({ intact: false, brokenAtSeq: 3, reason: 'LINK_BROKEN' });
    const edited = chain(3);
    edited[0] = { ...edited[0], topics: ['something else'] };
    expect(verifyChain(edited)).toMatchObject({ intact: false, brokenAtSeq: 1, reason: 'CONTENT_CHANGED' });
  });

  it('should hash the same content the same way whatever the time format', () => {
    const [row] = chain(1);
    expect(
      entryHash({ ...row, confirmedByMentorAt: new Date('2026-05-01T20:00:00Z') as unknown as string }, GENESIS_HASH),
    ).toBe(row.hash);
  });
});

describe('export links', () => {
  const claims: ExportClaims = {
    kind: 'TRACKING_SHEET_PDF',
    userId: 'u',
    from: '2026-01-01',
    to: '2026-12-31',
    relationshipId: null,
    programmeId: null,
    requestedBy: 'u',
    exp: Math.floor(Date.now() / 1000) + 600,
  };

  it('should accept its own link and refuse a tampered, foreign-key or expired one', () => {
    const token = signExportLink(claims, 'k'.repeat(32));
    expect(verifyExportLink(token, 'k'.repeat(32))).toEqual(claims);
    expect(verifyExportLink(token, 'x'.repeat(32))).toBeNull();
    const [, sig] = token.split('.');
    expect(
      verifyExportLink(
        `${Buffer.from(JSON.stringify({ ...claims, userId: 'v' })).toString('base64url')}.${sig}`,
        'k'.repeat(32),
      ),
    ).toBeNull();
    expect(verifyExportLink(token, 'k'.repeat(32), Date.now() + 11 * 60 * 1000)).toBeNull();
  });

  it('should format dates and times like the seed 002 tracking sheet', () => {
    expect(formatDay('2016-05-18')).toBe('May 18, 2016');
    expect(timeRange('18:00', 60)).toBe('6:00 pm – 7:00 pm');
    expect(timeRange('11:30', 45)).toBe('11:30 am – 12:15 pm');
    expect(timeRange(null, 90)).toBe('90 min');
  });

  it('should format them as Canadian French writes them', () => {
    expect(formatDay('2016-05-18', 'fr-CA')).toBe('18 mai 2016');
    expect(formatDay('2026-05-01', 'fr-CA')).toBe('1er mai 2026');
    expect(timeRange('18:00', 60, 'fr-CA')).toBe('18 h – 19 h');
    expect(timeRange('11:30', 45, 'fr-CA')).toBe('11 h 30 – 12 h 15');
    expect(formatHours(1.5, 'fr-CA')).toBe('1,50');
    expect(formatInstant('2026-05-18T20:05:00Z', 'fr-CA')).toBe('18 mai 2026 20 h 05 UTC');
  });
});

describe(CpdService.name, () => {
  const ledger = { hoursOf: vi.fn(), entriesBetween: vi.fn(), chainOf: vi.fn() };
  const meetings = { pendingByRelationship: vi.fn() };
  const checkpoints = { checkPerson: vi.fn() };
  const sut = new CpdService(
    ledger as unknown as LedgerRepository,
    meetings as unknown as MeetingRepository,
    checkpoints as unknown as CheckpointService,
  );

  it("should not read anything for someone else's statement", async () => {
    const other: Principal = { userId: 'someone', roles: ['MENTEE'], organizationId: null };
    expect(await sut.statement(ctx(other), 'u', '2026-01-01', '2026-12-31')).toBeNull();
    await expect(sut.verify(ctx(other), 'u')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(ledger.entriesBetween).not.toHaveBeenCalled();
    expect(ledger.chainOf).not.toHaveBeenCalled();
    expect(meetings.pendingByRelationship).not.toHaveBeenCalled();
    expect(checkpoints.checkPerson).not.toHaveBeenCalled();
  });

  it('should net reversals so an amended meeting counts once', () => {
    const rows = chain(2);
    const reversal = { ...rows[1], id: 'rev', seq: 3, kind: 'REVERSAL', hours: -1, reversesEntryId: rows[1].id };
    const amended = { ...rows[1], id: 'new', seq: 4, hours: 1.5 };
    const st = buildStatement([...rows, reversal, amended], new Map([['r1', 2]]), '2026-01-01', '2026-12-31');
    expect([st.verifiedHours, st.verifiedMeetings, st.pendingMeetings]).toEqual([2.5, 2, 2]);
    expect(st.byRelationship.map((r) => [r.relationshipId, r.hours, r.meetings, r.pendingMeetings])).toEqual([
      ['r1', 2.5, 2, 2],
    ]);
  });
});

describe('CPD ledger checkpoints', () => {
  const pem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = CheckpointKey.fromPem(pem());
  const person = 'ab5d7e10-0000-4000-8000-000000000001';
  const other = { userId: '1f000000-0000-4000-8000-000000000002', seq: 7, hash: 'c'.repeat(64) };
  const neighbour = { userId: 'ab000000-0000-4000-8000-000000000003', seq: 2, hash: 'd'.repeat(64) };
  const signed = (rows: LedgerEntryRow[], at: number, seq = 1, signer = key) => {
    const head = { userId: person, seq: at, hash: rows[at - 1].hash! };
    const heads = [other, head, neighbour];
    const body: CheckpointBody = {
      seq,
      createdAt: '2026-05-10T10:00:00.000Z',
      prevDigest: GENESIS_HASH,
      keyId: signer.keyId,
      buckets: bucketHashes(heads),
    };
    const digest = checkpointDigest(body);
    const stored = { ...body, digest, signature: signer.sign(digest) };
    const bucket = heads.filter((h) => bucketOf(h.userId) === bucketOf(person));
    const cp: PersonCheckpoint = { ...stored, head, valid: checkpointValidFor(key.publicKey, stored, person, bucket) };
    return { cp, heads, stored };
  };

  it('should verify a checkpoint with the public key and refuse one signed with another key or with changed heads', () => {
    const rows = chain(3);
    const { cp, heads, stored } = signed(rows, 3);
    expect(cp.valid).toBe(true);
    expect(checkpointValid(key.publicKey, stored, heads)).toBe(true);
    expect(signed(rows, 3, 1, CheckpointKey.fromPem(pem())).cp.valid).toBe(false);
    // a head changed in the person's bucket, or in another one
    const changed = heads.map((h) => (h.userId === person ? { ...h, hash: rows[1].hash! } : h));
    expect(
      checkpointValidFor(
        key.publicKey,
        stored,
        person,
        changed.filter((h) => h.userId !== other.userId),
      ),
    ).toBe(false);
    expect(checkpointValid(key.publicKey, stored, changed)).toBe(false);
    expect(
      checkpointValid(
        key.publicKey,
        stored,
        heads.map((h) => (h === other ? { ...h, seq: 8 } : h)),
      ),
    ).toBe(false);
    // only the person's bucket is needed; leaving out a neighbour in it is noticed
    expect(checkpointValidFor(key.publicKey, stored, person, [heads[1]])).toBe(false);
  });

  it('should find a deleted tail, a rewritten entry with recomputed hashes and an inserted entry', () => {
    const rows = chain(4);
    const { cp } = signed(rows, 3);
    expect(checkAgainstCheckpoints(rows, [cp])).toMatchObject({ intact: true, checkpointedEntries: 3 });
    expect(checkAgainstCheckpoints(rows.slice(0, 2), [cp])).toMatchObject({ problem: 'TAIL_DELETED', brokenAtSeq: 3 });
    // entry 2 edited and every hash from it recomputed: a consistent chain that no longer reaches the signed head
    let prev = rows[0].hash!;
    const rewritten = rows.map((r, i) => {
      if (i === 0) return r;
      const e = i === 1 ? { ...r, hours: 5 } : r;
      const hash = entryHash(e, prev);
      prev = hash;
      return { ...e, prevHash: rows[i - 1].hash, hash };
    });
    expect(
      verifyChain(rewritten.map((r, i) => ({ ...r, prevHash: i ? rewritten[i - 1].hash : GENESIS_HASH }))).intact,
    ).toBe(true);
    expect(checkAgainstCheckpoints(rewritten, [cp])).toMatchObject({ problem: 'HISTORY_REWRITTEN', brokenAtSeq: 1 });
    const forged = { ...rows[1], id: 'forged', seq: 2 };
    const inserted = [rows[0], forged, ...rows.slice(1).map((r) => ({ ...r, seq: r.seq + 1 }))];
    expect(checkAgainstCheckpoints(inserted, [cp])).toMatchObject({ problem: 'HISTORY_REWRITTEN' });
    expect(checkAgainstCheckpoints(rows, [{ ...cp, valid: false }])).toMatchObject({ problem: 'CHECKPOINT_INVALID' });
    expect(checkAgainstCheckpoints(rows, [])).toBeNull();
  });
});
