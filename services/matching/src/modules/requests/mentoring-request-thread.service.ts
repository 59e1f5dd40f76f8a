import { randomUUID } from 'node:crypto';
import {
  Forbidden,
  isTimeIdCursor,
  outcome,
  readPage,
  refuse,
  requirePrincipal,
  rowsLoader,
  toConnection,
  type Connection,
  type Database,
  type EventBus,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import type { MentoringRequestMessageRow, MentoringRequestRepository } from './mentoring-request.repository';
import type { MentoringRequestService } from './mentoring-request.service';
import {
  toMentoringRequestMessage,
  type MentoringRequest,
  type MentoringRequestMessage,
  type MentoringRequestMessageResult,
} from './mentoring-request.type';

/** The thread on a pending request: between its mentee and mentor only (coaches and admins see the request, not the conversation). */
export class MentoringRequestThreadService {
  constructor(
    private readonly requests: MentoringRequestService,
    private readonly rows: MentoringRequestRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async post(ctx: SubgraphContext, requestId: string, body: string): Promise<MentoringRequestMessageResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.requests.visible(ctx, requestId);
    if (principal.userId !== visible.menteeId && principal.userId !== visible.mentorId)
      throw Forbidden('Only the mentee and the mentor write on a request.');
    return outcome('message', async () => {
      const text = body.trim();
      if (!text) throw refuse('body', 'REQUIRED', 'Write something.');
      if (text.length > 4000) throw refuse('body', 'TOO_LONG', 'Keep it under 4000 characters.');
      return this.db.transaction(async (tx) => {
        const request = (await this.rows.lock(tx, requestId))!;
        if (request.status !== 'PENDING')
          throw refuse('requestId', 'NOT_PENDING', 'Messages are for pending requests.');
        const now = new Date();
        const row = await this.rows.addMessage(tx, {
          id: randomUUID(),
          requestId,
          authorId: principal.userId,
          body: text,
          postedAt: now,
        });
        await this.events.publish(tx, 'MentoringRequestMessagePosted', {
          requestId,
          authorId: principal.userId,
          recipientId: principal.userId === request.menteeId ? request.mentorId : request.menteeId,
          postedAt: now.toISOString(),
        });
        return toMentoringRequestMessage(row);
      });
    });
  }

  /** The whole thread, oldest first, batched over the requests of one response; null to anyone but the two parties. */
  async messages(ctx: SubgraphContext, request: MentoringRequest): Promise<MentoringRequestMessage[] | null> {
    if (!this.isParty(ctx, request)) return null;
    const rows = await rowsLoader(
      ctx,
      'requests:messages',
      (m: MentoringRequestMessageRow) => m.requestId,
      (ids) => this.rows.messages(ids),
    ).load(request.id);
    return rows.map(toMentoringRequestMessage);
  }

  /** A page of the thread, oldest first; null to anyone but the two parties. */
  async page(
    ctx: SubgraphContext,
    request: MentoringRequest,
    first: number | null,
    after: string | null,
  ): Promise<Connection<MentoringRequestMessage> | null> {
    if (!this.isParty(ctx, request)) return null;
    const page = readPage({ first, after }, isTimeIdCursor);
    const rows = await this.rows.messagePage(request.id, page.after, page.size);
    return toConnection(
      rows,
      page,
      (m) => [m.postedAt.toISOString(), m.id],
      toMentoringRequestMessage,
      () => this.rows.messageCount(request.id),
    );
  }

  private isParty(ctx: SubgraphContext, request: MentoringRequest): boolean {
    const me = ctx.principal?.userId;
    return me === request.mentee.id || me === request.mentor.id;
  }
}
