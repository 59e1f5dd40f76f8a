import {
  NotFound,
  readPage,
  requirePrincipal,
  rowLoader,
  rowsLoader,
  toConnection,
  type Database,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { Connection } from '@tandem/subgraph-kit';
import { ANY_VIEWER, PARTNERS } from '../relationships/relationship.access';
import type { RelationshipService } from '../relationships/relationship.service';
import {
  isMeetingCursor,
  MEETINGS_BY_RELATIONSHIP,
  type MeetingNoteRow,
  type MeetingRepository,
  type MeetingRow,
} from './meeting.repository';
import { toMeeting, type Meeting } from './meeting.type';

/** Reading the meeting log (whoever may see the relationship) and each partner's private notes on it. */
export class MeetingService {
  constructor(
    private readonly repo: MeetingRepository,
    private readonly relationships: RelationshipService,
    private readonly db: Database,
  ) {}

  /** The whole log of a relationship the caller may already see, oldest first (batched per request). */
  async forRelationship(ctx: SubgraphContext, relationshipId: string, includeSuperseded: boolean): Promise<Meeting[]> {
    const loader = rowsLoader(
      ctx,
      MEETINGS_BY_RELATIONSHIP,
      (m: MeetingRow) => m.relationshipId,
      (ids) => this.repo.forRelationships(ids),
    );
    const rows = await loader.load(relationshipId);
    return rows.filter((m) => includeSuperseded || m.status !== 'SUPERSEDED').map(toMeeting);
  }

  /** A page of the log of a relationship the caller may already see, oldest first. */
  async page(
    relationshipId: string,
    includeSuperseded: boolean,
    args: { first: number | null; after: string | null },
  ): Promise<Connection<Meeting>> {
    const page = readPage(args, isMeetingCursor);
    const rows = await this.repo.page(relationshipId, includeSuperseded, page.after, page.size + 1);
    return toConnection(
      rows,
      page,
      (m) => [m.occurredOn, m.startTime, m.revision, m.id],
      toMeeting,
      () => this.repo.count(relationshipId, includeSuperseded),
    );
  }

  /** The caller's own private note on a meeting (null for anyone else). */
  async privateNote(ctx: SubgraphContext, meetingId: string): Promise<string | null> {
    const userId = ctx.principal?.userId;
    if (!userId) return null;
    const loader = rowLoader(
      ctx,
      'meetings:myNotes',
      (n: MeetingNoteRow) => n.meetingId,
      (ids) => this.repo.notesOf(userId, ids),
    );
    return (await loader.load(meetingId))?.note ?? null;
  }

  /** `_entities`: the meeting if the caller may see its relationship; NOT_FOUND otherwise. */
  async byId(ctx: SubgraphContext, id: string): Promise<Meeting> {
    requirePrincipal(ctx);
    const [m] = await this.repo.byIds([id]);
    if (!m) throw NotFound('Meeting');
    await this.relationships.require(ctx, m.relationshipId, ANY_VIEWER).catch(() => {
      throw NotFound('Meeting');
    });
    return toMeeting(m);
  }

  async previous(meeting: Meeting): Promise<Meeting | null> {
    if (!meeting.amendsMeetingId) return null;
    const [m] = await this.repo.byIds([meeting.amendsMeetingId]);
    return m ? toMeeting(m) : null;
  }

  /** The meeting if the caller is a partner of its relationship; NOT_FOUND otherwise. */
  async ofPartner(ctx: SubgraphContext, meetingId: string): Promise<MeetingRow> {
    requirePrincipal(ctx);
    const [meeting] = await this.repo.byIds([meetingId]);
    if (!meeting) throw NotFound('Meeting');
    await this.relationships.require(ctx, meeting.relationshipId, PARTNERS).catch(() => {
      throw NotFound('Meeting');
    });
    return meeting;
  }

  /** Sets (or clears with null) the caller's own private note. */
  async setPrivateNote(ctx: SubgraphContext, meetingId: string, note: string | null): Promise<Meeting> {
    const found = await this.ofPartner(ctx, meetingId);
    const principal = requirePrincipal(ctx);
    await this.db.transaction((tx) => this.repo.setNote(tx, meetingId, principal.userId, note));
    return toMeeting(found);
  }
}
