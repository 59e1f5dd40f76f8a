import {
  BadInput,
  hasRole,
  NotFound,
  requirePrincipal,
  readPage,
  isUuid,
  toConnection,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { Principal } from '@tandem/contracts';
import { verifyChain } from './ledger-hash';
import {
  entryCursor,
  isEntryCursor,
  type CpdTotalsKey,
  type CpdTotalsRow,
  type LedgerEntryRow,
  type LedgerRepository,
} from './ledger.repository';
import { resolved } from '../shared/connection';
import {
  CpdCategoryTotal,
  CpdRelationshipTotal,
  CpdStatement,
  toCpdEntry,
  toCpdLedgerVerification,
  type CpdLedgerVerification,
  type ParticipantRole,
} from './cpd.type';
import { User } from '../users/user.type';
import type { MeetingRepository } from '../read-models/meeting.repository';
import type { CheckpointService } from './checkpoint.service';

/** The person themselves and auditors (programme admins, admins) may read a person's CPD evidence. */
export function canReadCpd(principal: Principal | null, userId: string): boolean {
  return !!principal && (principal.userId === userId || hasRole(principal, 'PROGRAMME_ADMIN', 'ADMIN'));
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export function checkPeriod(from: string, to: string): void {
  if (!ISO_DAY.test(from) || !ISO_DAY.test(to))
    throw BadInput([{ field: 'from', message: 'must be a date (YYYY-MM-DD)' }]);
  // the calendar starts at year 1 (PostgreSQL has no year 0)
  if (from < '0001-01-01') throw BadInput([{ field: 'from', message: 'must be a date from the year 1' }]);
  if (from > to) throw BadInput([{ field: 'to', message: 'must not be before from' }]);
}

/** The fields of a statement its period's totals answer alone (`entriesConnection` reads its own page). */
const TOTALS = new Set(['__typename', 'from', 'to', 'verifiedHours', 'verifiedMeetings', 'entriesConnection']);

/** CPD statements, totals and chain verification over the ledger. */
export class CpdService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly meetings: MeetingRepository,
    private readonly checkpoints: CheckpointService,
  ) {}

  async hours(ctx: SubgraphContext, userId: string): Promise<number | null> {
    if (!canReadCpd(ctx.principal, userId)) return null;
    return (await this.totals(ctx, { userId, from: null, to: null })).hours;
  }

  /**
   * A person's verified hours and meetings over a period (or their whole ledger), through the request's loader:
   * `cpdHours` and a statement's totals asked together (the dashboard) take one statement, for any number of people.
   */
  private totals(ctx: SubgraphContext, key: CpdTotalsKey): Promise<CpdTotalsRow> {
    const loader = ctx.loaders.get<CpdTotalsKey, CpdTotalsRow, string>(
      'cpd:totals',
      async (keys) => {
        // an id that is no uuid has no entries (and must not fail the others' statement)
        const asked = keys.filter((k) => isUuid(k.userId));
        const rows = asked.length ? await this.ledger.totalsOf(asked) : [];
        const found = new Map(asked.map((k, i) => [k, rows[i]]));
        return keys.map((k) => found.get(k) ?? { hours: 0, meetings: 0 });
      },
      { cacheKeyFn: (k) => `${k.userId}|${k.from ?? ''}|${k.to ?? ''}` },
    );
    return loader.load(key);
  }

  /**
   * A person's statement over a period. `selected` (the request's fields of it, when known) lets a reader of the
   * totals alone (the dashboard's verified hours and meetings) have them summed by the database instead of reading
   * every entry and the pending meetings.
   */
  async statement(
    ctx: SubgraphContext,
    userId: string,
    from: string,
    to: string,
    selected?: ReadonlySet<string>,
  ): Promise<CpdStatement | null> {
    if (!canReadCpd(ctx.principal, userId)) return null;
    checkPeriod(from, to);
    if (selected && [...selected].every((f) => TOTALS.has(f))) {
      const totals = await this.totals(ctx, { userId, from, to });
      // the parts not asked for are not read: the request selects only the totals
      return Object.assign(buildStatement([], new Map(), from, to), {
        verifiedHours: Math.round(totals.hours * 100) / 100,
        verifiedMeetings: totals.meetings,
        userId,
      });
    }
    // an id that is no uuid has no entries, as in the totals
    if (!isUuid(userId)) return Object.assign(buildStatement([], new Map(), from, to), { userId });
    const [rows, pending] = await Promise.all([
      this.ledger.entriesBetween(userId, from, to),
      this.meetings.pendingByRelationship(userId, from, to),
    ]);
    return Object.assign(buildStatement(rows, pending, from, to), { userId });
  }

  /** `CpdStatement.entriesConnection`: the statement was given to its reader, so the entries are theirs to read. */
  async entriesPage(statement: CpdStatement, args: { first?: number | null; after?: string | null }) {
    const page = readPage(args, isEntryCursor);
    const { userId, from, to } = statement;
    const rows = await this.ledger.entriesPage(userId, from, to, page.after, page.size + 1);
    return resolved(
      toConnection(rows, page, entryCursor, toCpdEntry, () => this.ledger.countBetween(userId, from, to)),
    );
  }

  async verify(ctx: SubgraphContext, userId: string): Promise<CpdLedgerVerification> {
    const principal = requirePrincipal(ctx);
    if (!canReadCpd(principal, userId)) throw NotFound('Ledger');
    const rows = await this.ledger.chainOf(userId);
    return toCpdLedgerVerification(userId, verifyChain(rows), await this.checkpoints.checkPerson(userId, rows));
  }
}

/** Totals from entries: reversals subtract hours and the meeting they cancel, so an amended meeting counts once. */
export function buildStatement(
  rows: LedgerEntryRow[],
  pending: Map<string, number>,
  from: string,
  to: string,
): CpdStatement {
  const round = (n: number) => Math.round(n * 100) / 100;
  const byCategory = new Map<string, CpdCategoryTotal>();
  const byRelationship = new Map<string, CpdRelationshipTotal>();
  let hours = 0;
  let meetings = 0;
  for (const row of rows) {
    const h = Number(row.hours);
    const m = row.kind === 'REVERSAL' ? -1 : 1;
    hours += h;
    meetings += m;
    const category = row.cpdCategory ?? 'UNCATEGORISED';
    const c = byCategory.get(category) ?? Object.assign(new CpdCategoryTotal(), { category, hours: 0, meetings: 0 });
    c.hours += h;
    c.meetings += m;
    byCategory.set(category, c);
    if (row.relationshipId) {
      const r =
        byRelationship.get(row.relationshipId) ??
        Object.assign(new CpdRelationshipTotal(), {
          relationshipId: row.relationshipId,
          programmeId: row.programmeId,
          role: row.role as ParticipantRole | null,
          counterpart: row.counterpartId ? Object.assign(new User(), { id: row.counterpartId }) : null,
          hours: 0,
          meetings: 0,
          pendingMeetings: pending.get(row.relationshipId) ?? 0,
        });
      r.hours += h;
      r.meetings += m;
      byRelationship.set(row.relationshipId, r);
    }
  }
  for (const [relationshipId, n] of pending) {
    if (!byRelationship.has(relationshipId)) {
      byRelationship.set(
        relationshipId,
        Object.assign(new CpdRelationshipTotal(), {
          relationshipId,
          programmeId: null,
          role: null,
          counterpart: null,
          hours: 0,
          meetings: 0,
          pendingMeetings: n,
        }),
      );
    }
  }
  for (const t of [...byCategory.values(), ...byRelationship.values()]) t.hours = round(t.hours);
  return Object.assign(new CpdStatement(), {
    from,
    to,
    verifiedHours: round(hours),
    verifiedMeetings: meetings,
    pendingMeetings: [...pending.values()].reduce((a, b) => a + b, 0),
    byCategory: [...byCategory.values()].sort((a, b) => a.category.localeCompare(b.category)),
    byRelationship: [...byRelationship.values()],
    entries: rows.map(toCpdEntry),
  });
}
