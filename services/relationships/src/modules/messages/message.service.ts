import {
  isTimeIdCursor,
  readPage,
  refuse,
  toConnection,
  type Database,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { Clock } from '../shared/dates';
import { withNodes, type ConnectionWithNodes } from '../shared/connections';
import { PARTNERS } from '../relationships/relationship.access';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import type { MessageRepository } from './message.repository';
import { toMessage, type Message } from './message.type';

const MAX_BODY = 5000;

/** Messages between the two partners only: coaches and admins neither read nor write them (confidentiality). */
export class MessageService {
  constructor(
    private readonly repo: MessageRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async send(ctx: SubgraphContext, relationshipId: string, body: string): Promise<Message> {
    const { principal } = await this.relationships.require(ctx, relationshipId, PARTNERS);
    const text = body.trim();
    if (!text) throw refuse('body', 'REQUIRED', 'Write a message.');
    if (text.length > MAX_BODY) throw refuse('body', 'TOO_LONG', `At most ${MAX_BODY} characters.`);
    return this.db.transaction(async (tx) => {
      const rel = (await this.relationshipRepo.lock(tx, relationshipId))!;
      if (rel.status === 'WITHDRAWN')
        throw refuse('relationshipId', 'INVALID_STATE', 'The relationship was withdrawn.');
      return toMessage(await this.repo.insert(tx, relationshipId, principal.userId, text, this.clock()));
    });
  }

  /** A page of messages, newest first; null for anyone but the two partners. */
  async page(
    ctx: SubgraphContext,
    relationshipId: string,
    args: { first: number | null; after: string | null },
  ): Promise<ConnectionWithNodes<Message> | null> {
    try {
      await this.relationships.require(ctx, relationshipId, PARTNERS);
    } catch {
      return null;
    }
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.repo.page(relationshipId, page.after, page.size + 1);
    return withNodes(
      toConnection(
        rows,
        page,
        (r) => [r.sentAt.toISOString(), r.id],
        toMessage,
        () => this.repo.count(relationshipId),
      ),
    );
  }
}
