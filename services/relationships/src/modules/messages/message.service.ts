import {
  isTimeIdCursor,
  readPage,
  refuse,
  signalLive,
  toConnection,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { Clock } from '../shared/dates';
import { withNodes, type ConnectionWithNodes } from '../shared/connections';
import { ANY_VIEWER, PARTNERS, type RelationshipViewer } from '../relationships/relationship.access';
import { refOf } from '../relationships/relationship.events';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import type { MessageRepository, MessageThread } from './message.repository';
import { toMessage, type Message } from './message.type';

const MAX_BODY = 5000;

/**
 * Who reads and who writes each thread. The partners' thread is theirs alone: coaches and admins neither read nor
 * write it (confidentiality). The coach thread is written by the partners and the coach of the relationship's
 * organisation, and read by them and by admins and programme admins (oversight; they do not write in it).
 */
const ACCESS: Record<MessageThread, { read: readonly RelationshipViewer[]; write: readonly RelationshipViewer[] }> = {
  PARTNERS: { read: PARTNERS, write: PARTNERS },
  COACH: { read: ANY_VIEWER, write: [...PARTNERS, 'COACH'] },
};

/** The messages of a relationship's two threads: the partners' private one and the one with their coach. */
export class MessageService {
  constructor(
    private readonly repo: MessageRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async send(ctx: SubgraphContext, thread: MessageThread, relationshipId: string, body: string): Promise<Message> {
    const { principal } = await this.relationships.require(ctx, relationshipId, ACCESS[thread].write);
    const text = body.trim();
    if (!text) throw refuse('body', 'REQUIRED', 'Write a message.');
    if (text.length > MAX_BODY) throw refuse('body', 'TOO_LONG', `At most ${MAX_BODY} characters.`);
    return this.db.transaction(async (tx) => {
      const rel = (await this.relationshipRepo.lock(tx, relationshipId))!;
      if (rel.status === 'WITHDRAWN')
        throw refuse('relationshipId', 'INVALID_STATE', 'The relationship was withdrawn.');
      const row = await this.repo.insert(tx, thread, relationshipId, principal.userId, text, this.clock());
      // the partners' apps (and, in the coach thread, the organisation's coaches) refetch the thread when this commits
      await signalLive(tx, [
        thread === 'PARTNERS'
          ? { kind: 'MESSAGE', id: relationshipId, to: [rel.menteeId, rel.mentorId] }
          : {
              kind: 'COACH_MESSAGE',
              id: relationshipId,
              to: [rel.menteeId, rel.mentorId],
              staffOf: rel.organizationId,
            },
      ]);
      if (thread === 'COACH')
        await this.events.publish(tx, 'CoachThreadMessageSent', {
          ...refOf(rel),
          messageId: row.id,
          authorId: row.authorId,
          sentAt: row.sentAt.toISOString(),
        });
      return toMessage(row);
    });
  }

  /** A page of a thread's messages, newest first; null for anyone who may not read that thread. */
  async page(
    ctx: SubgraphContext,
    thread: MessageThread,
    relationshipId: string,
    args: { first: number | null; after: string | null },
  ): Promise<ConnectionWithNodes<Message> | null> {
    try {
      await this.relationships.require(ctx, relationshipId, ACCESS[thread].read);
    } catch {
      return null;
    }
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.repo.page(thread, relationshipId, page.after, page.size + 1);
    return withNodes(
      toConnection(
        rows,
        page,
        (r) => [r.sentAt.toISOString(), r.id],
        toMessage,
        () => this.repo.count(thread, relationshipId),
      ),
    );
  }
}
