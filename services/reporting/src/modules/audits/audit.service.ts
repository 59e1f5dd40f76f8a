import {
  hasRole,
  isTimeIdCursor,
  isUuid,
  NotFound,
  readPage,
  requirePrincipal,
  requireRole,
  rowsLoader,
  toConnection,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { resolved, type ResolvedConnection } from '../shared/connection';
import type { AuditRepository, SelectionRow } from './audit.repository';
import type { AuditVerificationRepository, VerificationRow } from './audit-verification.repository';
import {
  toAudit,
  toAuditMeetingCheck,
  toAuditPopulationMember,
  toAuditSelection,
  type Audit,
  type AuditPopulationMember,
  type AuditSelection,
} from './audit.type';

export const AUDITOR_ROLES = ['PROGRAMME_ADMIN', 'ADMIN'] as const;

/** A page asked of a connection field. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/**
 * Audit cycles and their selections as auditors read them (with the counterparts' notes), and a person's own
 * audit records (without them).
 */
export class AuditService {
  constructor(
    private readonly audits: AuditRepository,
    private readonly verifications: AuditVerificationRepository,
  ) {}

  async list(ctx: SubgraphContext, limit: number): Promise<Audit[]> {
    requireRole(ctx, ...AUDITOR_ROLES);
    return (await this.audits.audits(Math.min(Math.max(limit, 1), 100))).map(toAudit);
  }

  async connection(ctx: SubgraphContext, args: PageArgs): Promise<ResolvedConnection<Audit>> {
    requireRole(ctx, ...AUDITOR_ROLES);
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.audits.auditsPage(page.after, page.size + 1);
    return resolved(
      toConnection(
        rows,
        page,
        (a) => [a.openedAt.toISOString(), a.id],
        toAudit,
        () => this.audits.countAudits(),
      ),
    );
  }

  async get(ctx: SubgraphContext, id: string): Promise<Audit> {
    if (!hasRole(requirePrincipal(ctx), ...AUDITOR_ROLES)) throw NotFound('Audit');
    const audit = isUuid(id) ? await this.audits.audit(id) : null;
    if (!audit) throw NotFound('Audit');
    return toAudit(audit);
  }

  /** `Audit.populationMembers`: what the draw read, for anyone recomputing it (auditors, like the cycle). */
  async populationOf(ctx: SubgraphContext, audit: Audit): Promise<AuditPopulationMember[] | null> {
    requireRole(ctx, ...AUDITOR_ROLES);
    if (!audit.populationRecorded) return null;
    return (await this.audits.populationOf(audit.id)).map(toAuditPopulationMember);
  }

  /** `Audit.selections`: every selection of the cycles a request reads, in one statement per batch. */
  async selectionsOf(ctx: SubgraphContext, auditId: string): Promise<AuditSelection[]> {
    const rows = await rowsLoader(
      ctx,
      'audits:selections',
      (s: SelectionRow) => s.auditId,
      (ids) => this.audits.selectionsOfAudits(ids),
    ).load(auditId);
    return this.withChecks(ctx, rows, true);
  }

  /** `Audit.selectionsConnection`: a cycle's selections in the order of the people's ids. */
  async selectionsPage(ctx: SubgraphContext, auditId: string, args: PageArgs) {
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.audits.selectionsPage(auditId, page.after, page.size + 1);
    const nodes = new Map((await this.withChecks(ctx, rows, true)).map((s) => [s.id, s]));
    return resolved(
      toConnection(
        rows,
        page,
        (s) => [s.userId, s.id],
        (s) => nodes.get(s.id)!,
        () => this.audits.countSelections(auditId),
      ),
    );
  }

  /** The signed-in person's own audit records (counterparts' notes hidden). */
  async mine(ctx: SubgraphContext): Promise<AuditSelection[]> {
    const principal = requirePrincipal(ctx);
    return this.withChecks(ctx, await this.audits.selectionsOfUser(principal.userId), false);
  }

  async minePage(ctx: SubgraphContext, args: PageArgs): Promise<ResolvedConnection<AuditSelection>> {
    const principal = requirePrincipal(ctx);
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.audits.selectionsOfUserPage(principal.userId, page.after, page.size + 1);
    const nodes = new Map((await this.withChecks(ctx, rows, false)).map((s) => [s.id, s]));
    return resolved(
      toConnection(
        rows,
        page,
        (s) => [s.openedAt.toISOString(), s.id],
        (s) => nodes.get(s.id)!,
        () => this.audits.countSelectionsOfUser(principal.userId),
      ),
    );
  }

  /** One selection as an auditor sees it (after a decision), or as its member does (`auditorView` false). */
  async forAuditor(id: string, auditorView = true): Promise<AuditSelection | null> {
    const row = await this.audits.selection(id);
    if (!row) return null;
    const checks = await this.verifications.verificationsOfSelections([id]);
    return toAuditSelection(
      row,
      checks.map((c) => toAuditMeetingCheck(c, auditorView || (row.outcome !== null && c.answer === 'DENIED'))),
    );
  }

  /**
   * The selections with the meetings under verification (batched per request); notes for auditors, and for the
   * member only the reason a counterpart gave for a meeting denied, once the outcome is recorded (why hours fell).
   */
  private async withChecks(
    ctx: SubgraphContext,
    rows: SelectionRow[],
    auditorView: boolean,
  ): Promise<AuditSelection[]> {
    const loader = rowsLoader(
      ctx,
      'audits:checks',
      (c: VerificationRow) => c.selectionId,
      (ids) => this.verifications.verificationsOfSelections(ids),
    );
    const checks = await loader.loadMany(rows.map((s) => s.id));
    return rows.map((s, i) => {
      const mine = checks[i];
      if (mine instanceof Error) throw mine;
      return toAuditSelection(
        s,
        mine.map((c) => toAuditMeetingCheck(c, auditorView || (s.outcome !== null && c.answer === 'DENIED'))),
      );
    });
  }
}
