import type { Principal } from '@tandem/contracts';
import {
  hasRole,
  isTimeIdCursor,
  loadAll,
  NotFound,
  readPage,
  requirePrincipal,
  rowLoader,
  toConnection,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { utcDate, type Clock } from '../shared/dates';
import { withNodes, type ConnectionWithNodes } from '../shared/connections';
import { ANY_VIEWER, viewerOf, type RelationshipViewer } from './relationship.access';
import { computeProgress } from './relationship.progress';
import type { RelationshipRepository, RelationshipRow, RelationshipStatusValue } from './relationship.repository';
import { MEETINGS_BY_RELATIONSHIP, type MeetingRow } from '../meetings/meeting.repository';
import {
  noMeetings,
  totalsOfMeetings,
  type MeetingTotals,
  type MeetingTotalsRepository,
} from './relationship-totals.repository';
import { toProgress, toRelationship, type Relationship, type RelationshipProgress } from './relationship.type';

export interface PageArgs {
  first: number | null;
  after: string | null;
}

const cursorOf = (r: RelationshipRow) => [r.startedOn, r.id];

/** The relationship as people see it: lookups under the access rules, the lists of a person and of a coach, progress. */
export class RelationshipService {
  constructor(
    private readonly repo: RelationshipRepository,
    private readonly totalsRepo: MeetingTotalsRepository,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return utcDate(this.clock());
  }

  /** Rows by id through the request's loader (one query per request). */
  rows(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<RelationshipRow | null>> {
    const loader = rowLoader(
      ctx,
      'relationship:byId',
      (r: RelationshipRow) => r.id,
      (keys) => this.repo.byIds(keys),
    );
    return loadAll(loader, ids);
  }

  /** The relationship if the caller may see it in one of the `allowed` capacities; NOT_FOUND otherwise. */
  async require(
    ctx: SubgraphContext,
    id: string,
    allowed: readonly RelationshipViewer[] = ANY_VIEWER,
  ): Promise<{ rel: RelationshipRow; viewer: RelationshipViewer; principal: Principal }> {
    const principal = requirePrincipal(ctx);
    const [rel] = await this.rows(ctx, [id]);
    const viewer = rel ? viewerOf(principal, rel) : null;
    if (!rel || !viewer || !allowed.includes(viewer)) throw NotFound('Relationship');
    return { rel, viewer, principal };
  }

  async get(ctx: SubgraphContext, id: string): Promise<Relationship> {
    const { rel, viewer } = await this.require(ctx, id);
    return toRelationship(rel, viewer);
  }

  /** `_entities`: the same rule as the root field; a forbidden or unknown id answers NOT_FOUND. */
  async reference(ctx: SubgraphContext, id: string): Promise<Relationship> {
    return this.get(ctx, id);
  }

  /** Who may list a person's relationships: the person themself, or admins. */
  private maySeeListOf(ctx: SubgraphContext, userId: string): Principal | null {
    const principal = requirePrincipal(ctx);
    return principal.userId === userId || hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN') ? principal : null;
  }

  /** The relationships of a user, all of them (the deprecated plain list): the user themself, or admins. Others get null. */
  async forUser(
    ctx: SubgraphContext,
    userId: string,
    status: RelationshipStatusValue | null,
  ): Promise<Relationship[] | null> {
    const principal = this.maySeeListOf(ctx, userId);
    if (!principal) return null;
    const rows = await this.repo.forUser(userId, status);
    return rows.map((r) => toRelationship(r, viewerOf(principal, r)));
  }

  /** A page of a user's relationships, newest start first: the user themself, or admins. Others get null. */
  async pageForUser(
    ctx: SubgraphContext,
    userId: string,
    status: RelationshipStatusValue | null,
    args: PageArgs,
  ): Promise<ConnectionWithNodes<Relationship> | null> {
    const principal = this.maySeeListOf(ctx, userId);
    if (!principal) return null;
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.repo.forUser(userId, status, { after: page.after, limit: page.size + 1 });
    return withNodes(
      toConnection(
        rows,
        page,
        cursorOf,
        (r) => toRelationship(r, viewerOf(principal, r)),
        () => this.repo.countForUser(userId, status),
      ),
    );
  }

  async countForUser(ctx: SubgraphContext, userId: string): Promise<number | null> {
    if (ctx.principal?.userId !== userId && !hasRole(ctx.principal, 'ADMIN')) return null;
    const loader = rowLoader(
      ctx,
      'users:relationshipCount',
      (r: { userId: string }) => r.userId,
      (ids) => this.repo.countsForUsers(ids),
    );
    return (await loader.load(userId))?.count ?? 0;
  }

  /**
   * Whose relationships a staff list covers: a coach only their own organisation's (another organisation, or none,
   * answers NOT_FOUND); admins and programme admins all (null) or the one they name. Anyone else: NOT_FOUND.
   */
  organizationScope(
    ctx: SubgraphContext,
    organizationId: string | null,
  ): { principal: Principal; organizationId: string | null } {
    const principal = requirePrincipal(ctx);
    if (hasRole(principal, 'ADMIN', 'PROGRAMME_ADMIN')) return { principal, organizationId };
    if (!hasRole(principal, 'COACH') || !principal.organizationId) throw NotFound('Organisation');
    if (organizationId && organizationId !== principal.organizationId) throw NotFound('Organisation');
    return { principal, organizationId: principal.organizationId };
  }

  /**
   * The coach's (and admin's) list: a coach sees only their own organisation's relationships, whatever
   * `organizationId` says; admins and programme admins see all, optionally one organisation's.
   */
  async list(
    ctx: SubgraphContext,
    args: PageArgs & {
      organizationId: string | null;
      status: RelationshipStatusValue | null;
      atRisk: boolean | null;
    },
  ): Promise<ConnectionWithNodes<Relationship>> {
    const { principal, organizationId } = this.organizationScope(ctx, args.organizationId);
    const page = readPage(args, isTimeIdCursor);
    const filter = { organizationId, status: args.status, atRisk: args.atRisk };
    const rows = await this.repo.list(filter, page.after, page.size + 1);
    return withNodes(
      toConnection(
        rows,
        page,
        cursorOf,
        (r) => toRelationship(r, viewerOf(principal, r)),
        () => this.repo.count(filter),
      ),
    );
  }

  /**
   * A relationship's meeting totals, batched per request: summed from its meeting log when the request reads that
   * log anyway (the batch runs after the fields that asked for both), else summed by the database.
   */
  async totals(ctx: SubgraphContext, id: string): Promise<MeetingTotals> {
    const loader = rowLoader(
      ctx,
      'relationship:totals',
      (t: MeetingTotals) => t.relationshipId,
      async (ids) => {
        // the logs this request reads for its meeting lists (asked in the same pass as the progress)
        const logs = ctx.loaders.peek<string, MeetingRow[]>(MEETINGS_BY_RELATIONSHIP);
        const fromLog = logs ? ids.filter((id) => ctx.loaders.holds(MEETINGS_BY_RELATIONSHIP, id)) : [];
        const rest = ids.filter((id) => !fromLog.includes(id));
        const [read, summed] = await Promise.all([
          fromLog.length ? loadAll(logs!, fromLog) : [],
          rest.length ? this.totalsRepo.forRelationships(rest) : [],
        ]);
        return [...fromLog.map((id, i) => totalsOfMeetings(id, read[i])), ...summed];
      },
    );
    return (await loader.load(id)) ?? noMeetings(id);
  }

  async progress(ctx: SubgraphContext, rel: RelationshipRow): Promise<RelationshipProgress> {
    const t = await this.totals(ctx, rel.id);
    const figures = computeProgress({
      ...rel,
      confirmedMinutes: t.confirmedMinutes,
      confirmedMeetings: t.confirmedMeetings,
      today: this.today(),
    });
    return toProgress(figures, t.notCountingMeetings, t.awaitingMeetings);
  }
}
