import {
  BadInput,
  readPage,
  refuse,
  toConnection,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { Principal } from '@tandem/contracts';
import { utcDate, type Clock } from '../shared/dates';
import { checkInDue, type CheckInDueFigures } from '../coaching/check-in-due';
import type { CoachingService } from '../coaching/coaching.service';
import { viewerOf } from '../relationships/relationship.access';
import type { RelationshipRepository, RelationshipRow } from '../relationships/relationship.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import { toRelationship, type Relationship } from '../relationships/relationship.type';
import { caseloadKey, compareCaseloadKeys, isCaseloadKey, type CaseloadKey } from './caseload.rules';
import type { CaseloadConnection } from './caseload.type';

/** The most pairs one caseload export holds (the admin app's limit of a list export). */
export const MAX_CASELOAD_EXPORT = 10_000;

interface CaseloadEntry {
  rel: RelationshipRow;
  due: CheckInDueFigures | null;
  key: CaseloadKey;
}

/** The coach's caseload: the running pairs of their organisation, most urgent first, with what needs them. */
export class CaseloadService {
  constructor(
    private readonly repo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly coaching: CoachingService,
    private readonly clock: Clock,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  /**
   * The ACTIVE and PAUSED relationships a coach supports (their organisation's; admins name one organisation),
   * ordered in memory by urgency (one organisation's running pairs are few): one query for the pairs, one for their
   * check-ins, one for their programmes' check-in intervals, which the request's loader keeps for `checkIns` and `checkInDue`. An admin who names no organisation
   * and belongs to none is refused rather than served every running pair of the platform sorted in memory.
   */
  async page(
    ctx: SubgraphContext,
    args: { organizationId: string | null; first: number | null; after: string | null },
  ): Promise<CaseloadConnection> {
    const { principal, entries } = await this.sorted(ctx, args.organizationId);
    const page = readPage(args, isCaseloadKey);
    const after = page.after;
    const rest = after ? entries.filter((e) => compareCaseloadKeys(e.key, after) > 0) : entries;
    const connection = toConnection(
      rest.slice(0, page.size + 1),
      page,
      (e) => e.key,
      (e) => toRelationship(e.rel, viewerOf(principal, e.rel)),
      () => Promise.resolve(entries.length),
    );
    return Object.assign(connection, {
      atRiskCount: entries.filter((e) => e.rel.atRiskFlags.length > 0).length,
      checkInsDueCount: entries.filter((e) => e.due).length,
      pausedCount: entries.filter((e) => e.rel.status === 'PAUSED').length,
    });
  }

  /**
   * Every pair of the caseload for a file, in the caseload's order, with the same access as its pages. The export is
   * recorded by the server, not left to the app: CaseloadExported (who, which organisation, format, how many) is
   * published in this request's transaction before the rows are returned, and reporting writes it on the staff
   * audit log. No line, no rows.
   */
  async export(
    ctx: SubgraphContext,
    args: { organizationId: string | null; format: 'CSV' | 'XLSX' },
  ): Promise<Relationship[]> {
    const { principal, organizationId, entries } = await this.sorted(ctx, args.organizationId);
    if (entries.length > MAX_CASELOAD_EXPORT)
      throw refuse('organizationId', 'TOO_MANY', `At most ${MAX_CASELOAD_EXPORT} pairs in one export.`, {
        max: MAX_CASELOAD_EXPORT,
      });
    await this.db.transaction((tx) =>
      this.events.publish(tx, 'CaseloadExported', {
        exportedBy: principal.userId,
        organizationId,
        format: args.format,
        rowCount: entries.length,
        exportedAt: this.clock().toISOString(),
      }),
    );
    return entries.map((e) => toRelationship(e.rel, viewerOf(principal, e.rel)));
  }

  /** The caseload's scope checked, and its running pairs most urgent first. */
  private async sorted(
    ctx: SubgraphContext,
    named: string | null,
  ): Promise<{ principal: Principal; organizationId: string; entries: CaseloadEntry[] }> {
    const scope = this.relationships.organizationScope(ctx, named);
    const { principal } = scope;
    // an admin who also coaches (or belongs to an organisation) sees their own organisation's when naming none
    const organizationId = scope.organizationId ?? principal.organizationId;
    if (!organizationId)
      throw BadInput([{ field: 'organizationId', message: 'name the organisation whose caseload to show' }]);
    const rows = await this.repo.runningOf(organizationId);
    const [checkIns, everyDays] = await Promise.all([
      this.coaching.checkInRows(
        ctx,
        rows.map((r) => r.id),
      ),
      this.coaching.checkInIntervals(ctx, rows),
    ]);
    const today = utcDate(this.clock());
    const entries = rows.map((rel, i) => {
      const due = checkInDue(rel, checkIns[i][0] ?? null, today, everyDays[i]);
      return { rel, due, key: caseloadKey(rel, due) };
    });
    entries.sort((a, b) => compareCaseloadKeys(a.key, b.key));
    return { principal, organizationId, entries };
  }
}
