import { describe, expect, it, vi } from 'vitest';
import { LoaderRegistry, type SubgraphContext } from '@tandem/subgraph-kit';
import type { Principal } from '@tandem/contracts';
import { signExportLink, verifyExportLink, type ExportClaims } from '../src/modules/exports/export-link';
import { formatDay, timeRange } from '../src/modules/exports/export-format';
import { entryHash, GENESIS_HASH, verifyChain, type LedgerEntryContent } from '../src/modules/cpd/ledger-hash';
import { buildStatement, CpdService } from '../src/modules/cpd/cpd.service';
import type { LedgerEntryRow, LedgerRepository } from '../src/modules/cpd/ledger.repository';
import type { MeetingRepository } from '../src/modules/read-models/meeting.repository';

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
});

describe(CpdService.name, () => {
  const ledger = { hoursOf: vi.fn(), entriesBetween: vi.fn(), chainOf: vi.fn() };
  const meetings = { pendingByRelationship: vi.fn() };
  const sut = new CpdService(ledger as unknown as LedgerRepository, meetings as unknown as MeetingRepository);

  it("should not read anything for someone else's statement", async () => {
    const other: Principal = { userId: 'someone', roles: ['MENTEE'], organizationId: null };
    expect(await sut.statement(ctx(other), 'u', '2026-01-01', '2026-12-31')).toBeNull();
    await expect(sut.verify(ctx(other), 'u')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(ledger.entriesBetween).not.toHaveBeenCalled();
    expect(ledger.chainOf).not.toHaveBeenCalled();
    expect(meetings.pendingByRelationship).not.toHaveBeenCalled();
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
