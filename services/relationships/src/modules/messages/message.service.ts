import {
  decodeCursor,
  encodeCursor,
  pageSize,
  sliceAndPageInfo,
  type SubgraphContext,
  type Transact,
} from '@tandem/subgraph-kit';
import type { Clock } from '../shared/dates';
import { refuse } from '../shared/payload';
import { PARTNERS } from '../relationships/relationship.access';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import type { MessageRepository } from './message.repository';
import { toMessage, type Message, type MessageConnection } from './message.type';

const MAX_BODY = 5000;

/** Messages between the two partners only: coaches and admins neither read nor write them (confidentiality). */
export class MessageService {
  constructor(
    private readonly repo: MessageRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly transact: Transact,
    private readonly clock: Clock,
  ) {}

  async send(ctx: SubgraphContext, relationshipId: string, body: string): Promise<Message> {
    const { principal } = await this.relationships.require(ctx, relationshipId, PARTNERS);
    const text = body.trim();
    if (!text) throw refuse('body', 'REQUIRED', 'Write a message.');
    if (text.length > MAX_BODY) throw refuse('body', 'TOO_LONG', `At most ${MAX_BODY} characters.`);
    return this.transact(async (m) => {
      const rel = (await this.relationshipRepo.lock(m, relationshipId))!;
      if (rel.status === 'WITHDRAWN')
        throw refuse('relationshipId', 'INVALID_STATE', 'The relationship was withdrawn.');
      return toMessage(await this.repo.insert(m, relationshipId, principal.userId, text, this.clock()));
    });
  }

  /** Null for anyone but the two partners. */
  async page(
    ctx: SubgraphContext,
    relationshipId: string,
    first: number | null,
    after: string | null,
  ): Promise<MessageConnection | null> {
    try {
      await this.relationships.require(ctx, relationshipId, PARTNERS);
    } catch {
      return null;
    }
    const size = pageSize(first);
    const cursor = decodeCursor(
      after,
      (v): v is [string, string] => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string'),
    );
    const rows = await this.repo.page(relationshipId, cursor ? { sentAt: cursor[0], id: cursor[1] } : null, size + 1);
    const { nodes, pageInfo } = sliceAndPageInfo(
      rows,
      size,
      (r) => encodeCursor([r.sentAt.toISOString(), r.id]),
      !!cursor,
    );
    return { nodes: nodes.map(toMessage), pageInfo } as MessageConnection;
  }
}
