import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  decodeCursor,
  encodeCursor,
  fieldError,
  Forbidden,
  loadAll,
  NotFound,
  pageSize,
  requirePrincipal,
  requireRole,
  sliceAndPageInfo,
  type EventBus,
  type FieldError,
  type SubgraphContext,
  type Transact,
} from '@tandem/subgraph-kit';
import { canSee } from '../shared/access';
import { mentorAvailability, type ParticipantsRepository } from '../shared/participants.repository';
import type { MentorLoadRepository } from '../load/mentor-load.repository';
import type { MentoringRequestRow, MentoringRequestStatus } from './mentoring-request.entity';
import type { MentoringRequestRepository } from './mentoring-request.repository';
import {
  toMentoringRequest,
  toMentoringRequestMessage,
  type MentoringRequest,
  type MentoringRequestConnection,
  type MentoringRequestMessage,
  type MentoringRequestMessageResult,
  type MentoringRequestResult,
} from './mentoring-request.type';

/** Days before expiry when the mentor is reminded of a pending request. */
export const REMINDER_LEAD_DAYS = 2;
/** A mentor who declined a mentee is hidden from them and cannot be asked again for this many days. */
export const DECLINE_COOL_OFF_DAYS = 90;

const refused = (errors: FieldError[]): MentoringRequestResult => ({ request: null, errors });
const done = (row: MentoringRequestRow): MentoringRequestResult => ({ request: toMentoringRequest(row), errors: [] });
const iso = (d: Date) => new Date(d).toISOString();

type Cursor = { t: string; id: string };
const isCursor = (v: unknown): v is Cursor =>
  !!v && typeof (v as Cursor).t === 'string' && typeof (v as Cursor).id === 'string';

/** Mentoring requests: sending, the thread, accepting under the mentor's capacity, declining, withdrawing, expiring. */
export class MentoringRequestService {
  constructor(
    private readonly requests: MentoringRequestRepository,
    private readonly participants: ParticipantsRepository,
    private readonly loads: MentorLoadRepository,
    private readonly transact: Transact,
    private readonly events: EventBus,
  ) {}

  async send(
    ctx: SubgraphContext,
    mentorId: string,
    message: string,
    programmeId: string,
  ): Promise<MentoringRequestResult> {
    const principal = requireRole(ctx, 'MENTEE');
    const text = message.trim();
    if (!text) return refused([fieldError('message', 'REQUIRED', 'Say what kind of support you are looking for.')]);
    if (text.length > 4000)
      return refused([fieldError('message', 'TOO_LONG', 'Keep the message under 4000 characters.')]);
    if (mentorId === principal.userId) return refused([fieldError('mentorId', 'SELF', 'You cannot ask yourself.')]);
    return this.transact(async (manager) => {
      await this.requests.lockMentee(manager, principal.userId);
      const programme = await this.participants.programme(manager, programmeId);
      if (!programme)
        return refused([fieldError('programmeId', 'UNKNOWN_PROGRAMME', 'This programme does not exist.')]);
      const availability = mentorAvailability(await this.participants.mentor(manager, mentorId));
      if (availability === 'UNAVAILABLE')
        return refused([fieldError('mentorId', 'MENTOR_UNAVAILABLE', 'This mentor is not taking requests.')]);
      if (availability === 'CAPACITY_REACHED')
        return refused([
          fieldError('mentorId', 'CAPACITY_REACHED', 'This mentor has no free place; choose another mentor.'),
        ]);
      if (await this.participants.declined(manager, principal.userId, mentorId, DECLINE_COOL_OFF_DAYS)) {
        return refused([
          fieldError(
            'mentorId',
            'DECLINED_RECENTLY',
            'This mentor declined your request recently; choose another mentor.',
          ),
        ]);
      }
      const open = await this.requests.openCount(manager, principal.userId, programmeId);
      if (open.toMentor(mentorId))
        return refused([
          fieldError('mentorId', 'DUPLICATE_REQUEST', 'You already have an open request to this mentor.'),
        ]);
      if (open.total >= programme.max_open_requests_per_mentee) {
        return refused([
          fieldError(
            'mentorId',
            'TOO_MANY_OPEN_REQUESTS',
            `You can have at most ${programme.max_open_requests_per_mentee} open requests; withdraw one or wait for an answer.`,
          ),
        ]);
      }
      const [mentee, enrolment] = await Promise.all([
        this.participants.mentee(manager, principal.userId),
        this.participants.menteeEnrolment(manager, principal.userId, programmeId),
      ]);
      const now = new Date();
      const row = await this.requests.insert(manager, {
        id: randomUUID(),
        mentee_id: principal.userId,
        mentor_id: mentorId,
        programme_id: programmeId,
        organization_id: enrolment?.organization_id ?? mentee?.organization_id ?? principal.organizationId,
        message: text,
        status: 'PENDING',
        sent_at: now,
        expires_at: new Date(now.getTime() + programme.request_expiry_days * 86_400_000),
        mentee_enrolled_at: enrolment?.enrolled_at ?? null,
      });
      await this.events.publish(manager, 'MentoringRequestSent', {
        requestId: row.id,
        menteeId: row.mentee_id,
        mentorId: row.mentor_id,
        programmeId,
        sentAt: iso(row.sent_at),
        expiresAt: iso(row.expires_at),
      });
      return done(row);
    });
  }

  /** The mentor accepts: only while a seat is free, counted under the lock of the mentor's load row. */
  async accept(ctx: SubgraphContext, requestId: string): Promise<MentoringRequestResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.visible(ctx, requestId);
    if (visible.mentor_id !== principal.userId) throw Forbidden('Only the mentor can accept a request.');
    return this.transact(async (manager) => {
      const seats = await this.loads.lock(manager, visible.mentor_id);
      const request = (await this.requests.lock(manager, requestId))!;
      if (request.status !== 'PENDING')
        return refused([fieldError('requestId', 'NOT_PENDING', `This request is ${request.status.toLowerCase()}.`)]);
      if (seats.used >= seats.capacity)
        return refused([
          fieldError('requestId', 'CAPACITY_REACHED', `You already mentor ${seats.used} of ${seats.capacity} mentees.`),
        ]);
      const now = new Date();
      const accepted = await this.requests.setStatus(manager, requestId, 'ACCEPTED', now);
      await this.loads.holdSeat(manager, {
        matchId: request.id,
        source: 'REQUEST',
        mentorId: request.mentor_id,
        menteeId: request.mentee_id,
        programmeId: request.programme_id,
        confirmedAt: now,
      });
      const enrolment = await this.participants.menteeEnrolment(manager, request.mentee_id, request.programme_id);
      await this.events.publish(manager, 'MentoringRequestAccepted', {
        requestId: request.id,
        menteeId: request.mentee_id,
        mentorId: request.mentor_id,
        programmeId: request.programme_id,
        acceptedAt: iso(now),
      });
      await this.events.publish(manager, 'MatchConfirmed', {
        matchId: request.id,
        source: 'REQUEST',
        menteeId: request.mentee_id,
        mentorId: request.mentor_id,
        programmeId: request.programme_id,
        cohortId: enrolment?.cohort_id ?? null,
        organizationId: request.organization_id,
        coachId: null,
        confirmedAt: iso(now),
        menteeEnrolledAt: request.mentee_enrolled_at ? iso(request.mentee_enrolled_at) : null,
      });
      return done(accepted);
    });
  }

  async decline(ctx: SubgraphContext, requestId: string, reason: string): Promise<MentoringRequestResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.visible(ctx, requestId);
    if (visible.mentor_id !== principal.userId) throw Forbidden('Only the mentor can decline a request.');
    if (!reason.trim())
      return refused([fieldError('reason', 'REQUIRED', 'Tell the mentee why, so they can choose another mentor.')]);
    return this.changePending(
      requestId,
      'DECLINED',
      async (manager, request, now) => {
        await this.events.publish(manager, 'MentoringRequestDeclined', {
          requestId,
          menteeId: request.mentee_id,
          mentorId: request.mentor_id,
          programmeId: request.programme_id,
          reason: reason.trim(),
          declinedAt: iso(now),
        });
      },
      reason.trim(),
    );
  }

  async withdraw(ctx: SubgraphContext, requestId: string): Promise<MentoringRequestResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.visible(ctx, requestId);
    if (visible.mentee_id !== principal.userId) throw Forbidden('Only the mentee can withdraw a request.');
    return this.changePending(requestId, 'WITHDRAWN', async (manager, request, now) => {
      await this.events.publish(manager, 'MentoringRequestWithdrawn', {
        requestId,
        menteeId: request.mentee_id,
        mentorId: request.mentor_id,
        programmeId: request.programme_id,
        withdrawnAt: iso(now),
      });
    });
  }

  async postMessage(ctx: SubgraphContext, requestId: string, body: string): Promise<MentoringRequestMessageResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.visible(ctx, requestId);
    if (principal.userId !== visible.mentee_id && principal.userId !== visible.mentor_id)
      throw Forbidden('Only the mentee and the mentor write on a request.');
    const text = body.trim();
    if (!text) return { message: null, errors: [fieldError('body', 'REQUIRED', 'Write something.')] };
    if (text.length > 4000)
      return { message: null, errors: [fieldError('body', 'TOO_LONG', 'Keep it under 4000 characters.')] };
    return this.transact(async (manager) => {
      const request = (await this.requests.lock(manager, requestId))!;
      if (request.status !== 'PENDING')
        return {
          message: null,
          errors: [fieldError('requestId', 'NOT_PENDING', 'Messages are for pending requests.')],
        };
      const now = new Date();
      const row = await this.requests.addMessage(manager, {
        id: randomUUID(),
        request_id: requestId,
        author_id: principal.userId,
        body: text,
        posted_at: now,
      });
      const recipientId = principal.userId === request.mentee_id ? request.mentor_id : request.mentee_id;
      await this.events.publish(manager, 'MentoringRequestMessagePosted', {
        requestId,
        authorId: principal.userId,
        recipientId,
        postedAt: iso(now),
      });
      return { message: toMentoringRequestMessage(row), errors: [] };
    });
  }

  async get(ctx: SubgraphContext, id: string): Promise<MentoringRequest> {
    requirePrincipal(ctx);
    return toMentoringRequest(await this.visible(ctx, id));
  }

  async list(
    ctx: SubgraphContext,
    filter: { status: MentoringRequestStatus | null; programmeId: string | null; menteeId: string | null },
    first: number | null,
    after: string | null,
  ): Promise<MentoringRequestConnection> {
    const principal = requirePrincipal(ctx);
    const size = pageSize(first);
    const cursor = decodeCursor(after, isCursor);
    const rows = await this.requests.list(principal, filter, cursor, size);
    const page = sliceAndPageInfo(rows, size, (r) => encodeCursor({ t: iso(r.sent_at), id: r.id }), !!cursor);
    return {
      edges: page.nodes.map((r, i) => ({ cursor: page.cursors[i], node: toMentoringRequest(r) })),
      pageInfo: page.pageInfo,
    };
  }

  /** The thread: the two parties only (coaches and admins see the request, not the conversation). */
  async messages(ctx: SubgraphContext, request: MentoringRequest): Promise<MentoringRequestMessage[] | null> {
    const me = ctx.principal?.userId;
    if (me !== request.mentee.id && me !== request.mentor.id) return null;
    const rows = await ctx.loaders
      .get<string, ReturnType<typeof toMentoringRequestMessage>[]>('requests:messages', async (ids) => {
        const all = await this.requests.messages(ids);
        return ids.map((id) => all.filter((m) => m.request_id === id).map(toMentoringRequestMessage));
      })
      .load(request.id);
    return rows;
  }

  /** Batched, access-checked lookup (queries and `_entities`): what the caller may not see is null. */
  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<MentoringRequestRow | null>> {
    const rows = await loadAll(
      ctx.loaders.get<string, MentoringRequestRow | null>('requests:byId', async (keys) => {
        const found = new Map((await this.requests.findByIds(keys)).map((r) => [r.id, r]));
        return keys.map((k) => found.get(k) ?? null);
      }),
      ids,
    );
    return rows.map((r) =>
      r && canSee(ctx.principal, { menteeId: r.mentee_id, mentorId: r.mentor_id, organizationId: r.organization_id })
        ? r
        : null,
    );
  }

  /** Reminds mentors of requests about to expire, then expires the overdue ones (the scheduled job). */
  async expireDue(now = new Date()): Promise<{ reminded: number; expired: number }> {
    return this.transact(async (manager) => {
      const due = await this.requests.dueReminders(manager, now, REMINDER_LEAD_DAYS);
      for (const r of due) {
        await this.requests.markReminded(manager, r.id, now);
        await this.events.publish(manager, 'MentoringRequestExpiring', {
          requestId: r.id,
          menteeId: r.mentee_id,
          mentorId: r.mentor_id,
          programmeId: r.programme_id,
          expiresAt: iso(r.expires_at),
        });
      }
      const overdue = await this.requests.dueExpiry(manager, now);
      for (const r of overdue) {
        await this.requests.setStatus(manager, r.id, 'EXPIRED', now);
        await this.events.publish(manager, 'MentoringRequestExpired', {
          requestId: r.id,
          menteeId: r.mentee_id,
          mentorId: r.mentor_id,
          programmeId: r.programme_id,
          expiredAt: iso(now),
        });
      }
      return { reminded: due.length, expired: overdue.length };
    });
  }

  private async visible(ctx: SubgraphContext, id: string): Promise<MentoringRequestRow> {
    const [row] = await this.load(ctx, [id]);
    if (!row) throw NotFound('Mentoring request');
    return row;
  }

  private async changePending(
    requestId: string,
    to: MentoringRequestStatus,
    publish: (manager: EntityManager, request: MentoringRequestRow, now: Date) => Promise<void>,
    reason: string | null = null,
  ): Promise<MentoringRequestResult> {
    return this.transact(async (manager) => {
      const request = (await this.requests.lock(manager, requestId))!;
      if (request.status !== 'PENDING')
        return refused([fieldError('requestId', 'NOT_PENDING', `This request is ${request.status.toLowerCase()}.`)]);
      const now = new Date();
      const row = await this.requests.setStatus(manager, requestId, to, now, reason);
      await publish(manager, request, now);
      return done(row);
    });
  }
}
