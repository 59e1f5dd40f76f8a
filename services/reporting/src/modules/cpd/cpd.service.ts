import type { DataSource } from 'typeorm';
import { BadInput, hasRole, NotFound, requirePrincipal, type SubgraphContext } from '@tandem/subgraph-kit';
import type { Principal } from '@tandem/contracts';
import { verifyChain } from './ledger-hash';
import type { LedgerEntryRow, LedgerRepository } from './ledger.repository';
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

/** The person themselves and auditors (programme admins, admins) may read a person's CPD evidence. */
export function canReadCpd(principal: Principal | null, userId: string): boolean {
  return !!principal && (principal.userId === userId || hasRole(principal, 'PROGRAMME_ADMIN', 'ADMIN'));
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export function checkPeriod(from: string, to: string): void {
  if (!ISO_DAY.test(from) || !ISO_DAY.test(to))
    throw BadInput([{ field: 'from', message: 'must be a date (YYYY-MM-DD)' }]);
  if (from > to) throw BadInput([{ field: 'to', message: 'must not be before from' }]);
}

/** CPD statements, totals and chain verification over the ledger. */
export class CpdService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly dataSource: DataSource,
  ) {}

  async hours(ctx: SubgraphContext, userId: string): Promise<number | null> {
    if (!canReadCpd(ctx.principal, userId)) return null;
    return ctx.loaders
      .get<string, number>('cpd:hours', async (ids) => {
        const values = await this.ledger.hoursOf(ids);
        return ids.map((id) => values.get(id) ?? 0);
      })
      .load(userId);
  }

  async statement(ctx: SubgraphContext, userId: string, from: string, to: string): Promise<CpdStatement | null> {
    if (!canReadCpd(ctx.principal, userId)) return null;
    checkPeriod(from, to);
    const [rows, pending] = await Promise.all([
      this.ledger.entriesBetween(userId, from, to),
      this.pendingByRelationship(userId, from, to),
    ]);
    return buildStatement(rows, pending, from, to);
  }

  async verify(ctx: SubgraphContext, userId: string): Promise<CpdLedgerVerification> {
    const principal = requirePrincipal(ctx);
    if (!canReadCpd(principal, userId)) throw NotFound('Ledger');
    return toCpdLedgerVerification(userId, verifyChain(await this.ledger.chainOf(userId)));
  }

  private async pendingByRelationship(userId: string, from: string, to: string): Promise<Map<string, number>> {
    const rows: Array<{ relationship_id: string; n: number }> = await this.dataSource.query(
      `SELECT relationship_id, count(*)::int AS n FROM meeting
       WHERE (mentor_id = $1 OR mentee_id = $1) AND status IN ('LOGGED', 'DISPUTED') AND occurred_on BETWEEN $2 AND $3 GROUP BY relationship_id`,
      [userId, from, to],
    );
    return new Map(rows.map((r) => [r.relationship_id, r.n]));
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
