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
import type {
  MentoringRequestEditRow,
  MentoringRequestMessageRow,
  MentoringRequestRepository,
} from './mentoring-request.repository';
import type { MentoringRequestService } from './mentoring-request.service';
import {
  MentoringRequestEdit,
  toMentoringRequest,
  toMentoringRequestMessage,
  type MentoringRequest,
  type MentoringRequestResult,
  type MentoringRequestMessage,
  type MentoringRequestMessageResult,
} from './mentoring-request.type';

/**
 * The conversation on a pending request, between its mentee and mentor only (coaches and admins see the request,
 * not the conversation): the thread, and the mentee's edits of the request's own message with its earlier wordings.
 */
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

  /** The mentee rewords the request while it is pending; the mentor sees every earlier wording. */
  async edit(ctx: SubgraphContext, requestId: string, message: string): Promise<MentoringRequestResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.requests.visible(ctx, requestId);
    if (principal.userId !== visible.menteeId) throw Forbidden('Only the mentee can edit a request.');
    return outcome('request', async () => {
      const text = message.trim();
      if (!text) throw refuse('message', 'REQUIRED', 'Say what kind of support you are looking for.');
      if (text.length > 4000) throw refuse('message', 'TOO_LONG', 'Keep the message under 4000 characters.');
      return this.db.transaction(async (tx) => {
        const request = (await this.rows.lock(tx, requestId))!;
        if (request.status !== 'PENDING')
          throw refuse('requestId', 'NOT_PENDING', 'Only a pending request can be edited.');
        if (request.message === text) throw refuse('message', 'UNCHANGED', 'The message is the same as before.');
        const editedAt = new Date();
        await this.rows.replaceMessage(
          tx,
          { id: randomUUID(), requestId, previousMessage: request.message, editedAt },
          text,
        );
        await this.events.publish(tx, 'MentoringRequestEdited', {
          requestId,
          menteeId: request.menteeId,
          mentorId: request.mentorId,
          editedAt: editedAt.toISOString(),
        });
        return toMentoringRequest({ ...request, message: text });
      });
    });
  }

  /** The earlier wordings of the request, oldest first (batched); null to anyone but the two parties. */
  async edits(ctx: SubgraphContext, request: MentoringRequest): Promise<MentoringRequestEdit[] | null> {
    if (!this.isParty(ctx, request)) return null;
    const rows = await rowsLoader(
      ctx,
      'requests:edits',
      (e: MentoringRequestEditRow) => e.requestId,
      (ids) => this.rows.edits(ids),
    ).load(request.id);
    return rows.map((e) =>
      Object.assign(new MentoringRequestEdit(), { previousMessage: e.previousMessage, editedAt: e.editedAt }),
    );
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
