import { BadInput, readPage, toConnection, type SubgraphContext } from '@tandem/subgraph-kit';
import { utcDate, type Clock } from '../shared/dates';
import { checkInDue } from '../coaching/check-in-due';
import type { CoachingService } from '../coaching/coaching.service';
import { viewerOf } from '../relationships/relationship.access';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import { toRelationship } from '../relationships/relationship.type';
import { caseloadKey, compareCaseloadKeys, isCaseloadKey } from './caseload.rules';
import type { CaseloadConnection } from './caseload.type';

/** The coach's caseload: the running pairs of their organisation, most urgent first, with what needs them. */
export class CaseloadService {
  constructor(
    private readonly repo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly coaching: CoachingService,
    private readonly clock: Clock,
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
    const scope = this.relationships.organizationScope(ctx, args.organizationId);
    const { principal } = scope;
    // an admin who also coaches (or belongs to an organisation) sees their own organisation's when naming none
    const organizationId = scope.organizationId ?? principal.organizationId;
    if (!organizationId)
      throw BadInput([{ field: 'organizationId', message: 'name the organisation whose caseload to show' }]);
    const page = readPage(args, isCaseloadKey);
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
}
