import { randomUUID } from 'node:crypto';
import {
  BadInput,
  fieldError,
  Forbidden,
  isTimeIdCursor,
  loadAll,
  NotFound,
  outcome,
  readPage,
  refuse,
  refused,
  requirePrincipal,
  requireRole,
  rowLoader,
  toConnection,
  type Database,
  type EventBus,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import { canSee } from '../shared/access';
import { requireOrientationAttended } from '../shared/orientation.guard';
import { requireTrainingCompleted } from '../shared/training.guard';
import { mentorAvailability, type ParticipantsRepository } from '../shared/participants.repository';
import type { MentorLoadRepository } from '../load/mentor-load.repository';
import type {
  MentoringRequestFilter,
  MentoringRequestRepository,
  MentoringRequestRow,
  MentoringRequestStatus,
} from './mentoring-request.repository';
import {
  toMentoringRequest,
  type MentoringRequest,
  type MentoringRequestConnection,
  type MentoringRequestResult,
} from './mentoring-request.type';

/** A mentor who declined a mentee is hidden from them and cannot be asked again for this many days. */
export const DECLINE_COOL_OFF_DAYS = 90;

const iso = (d: Date) => new Date(d).toISOString();

/**
 * Mentoring requests: sending (within the programme's limits), accepting under the mentor's capacity,
 * declining, withdrawing, and who may see them. The thread and expiry have their own services.
 */
export class MentoringRequestService {
  constructor(
    private readonly requests: MentoringRequestRepository,
    private readonly participants: ParticipantsRepository,
    private readonly loads: MentorLoadRepository,
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  async send(
    ctx: SubgraphContext,
    mentorId: string,
    message: string,
    programmeId: string,
  ): Promise<MentoringRequestResult> {
    const principal = requireRole(ctx, 'MENTEE');
    return outcome('request', async () => {
      const text = message.trim();
      if (!text) throw refuse('message', 'REQUIRED', 'Say what kind of support you are looking for.');
      if (text.length > 4000) throw refuse('message', 'TOO_LONG', 'Keep the message under 4000 characters.');
      if (mentorId === principal.userId) throw refuse('mentorId', 'SELF', 'You cannot ask yourself.');
      return this.db.transaction(async (tx) => {
        await this.requests.lockMentee(tx, principal.userId);
        const programme = await this.participants.programme(tx, programmeId);
        if (!programme) throw refuse('programmeId', 'UNKNOWN_PROGRAMME', 'This programme does not exist.');
        await this.checkMentor(tx, principal.userId, mentorId, programmeId);
        const open = await this.requests.openCount(tx, principal.userId, programmeId);
        if (open.toMentor(mentorId))
          throw refuse('mentorId', 'DUPLICATE_REQUEST', 'You already have an open request to this mentor.');
        if (open.total >= programme.maxOpenRequestsPerMentee)
          throw refuse(
            'mentorId',
            'TOO_MANY_OPEN_REQUESTS',
            `You can have at most ${programme.maxOpenRequestsPerMentee} open requests; withdraw one or wait for an answer.`,
          );
        const [mentee, enrolment] = await Promise.all([
          this.participants.mentee(tx, principal.userId),
          this.participants.menteeEnrolment(tx, principal.userId, programmeId),
        ]);
        const now = new Date();
        const row = await this.requests.insert(tx, {
          id: randomUUID(),
          menteeId: principal.userId,
          mentorId,
          programmeId,
          organizationId: enrolment?.organizationId ?? mentee?.organizationId ?? principal.organizationId,
          message: text,
          status: 'PENDING',
          sentAt: now,
          expiresAt: new Date(now.getTime() + programme.requestExpiryDays * 86_400_000),
          menteeEnrolledAt: enrolment?.enrolledAt ?? null,
        });
        await this.events.publish(tx, 'MentoringRequestSent', {
          requestId: row.id,
          menteeId: row.menteeId,
          mentorId: row.mentorId,
          programmeId,
          sentAt: iso(row.sentAt),
          expiresAt: iso(row.expiresAt),
        });
        return toMentoringRequest(row);
      });
    });
  }

  /** The mentor accepts: only while a seat is free, counted under the lock of the mentor's load row. */
  async accept(ctx: SubgraphContext, requestId: string): Promise<MentoringRequestResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.visible(ctx, requestId);
    if (visible.mentorId !== principal.userId) throw Forbidden('Only the mentor can accept a request.');
    return outcome('request', () =>
      this.db.transaction(async (tx) => {
        const seats = await this.loads.lock(tx, visible.mentorId);
        const request = await this.lockPending(tx, requestId);
        if (seats.used >= seats.capacity)
          throw refuse(
            'requestId',
            'CAPACITY_REACHED',
            `You already mentor ${seats.used} of ${seats.capacity} mentees.`,
          );
        await requireOrientationAttended(this.participants, tx, 'requestId', request);
        await requireTrainingCompleted(this.participants, tx, 'requestId', request);
        const now = new Date();
        const accepted = await this.requests.setStatus(tx, requestId, 'ACCEPTED', now);
        await this.loads.holdSeat(tx, {
          matchId: request.id,
          source: 'REQUEST',
          mentorId: request.mentorId,
          menteeId: request.menteeId,
          programmeId: request.programmeId,
          confirmedAt: now,
        });
        const enrolment = await this.participants.menteeEnrolment(tx, request.menteeId, request.programmeId);
        await this.events.publish(tx, 'MentoringRequestAccepted', {
          requestId: request.id,
          menteeId: request.menteeId,
          mentorId: request.mentorId,
          programmeId: request.programmeId,
          acceptedAt: iso(now),
        });
        await this.events.publish(tx, 'MatchConfirmed', {
          matchId: request.id,
          source: 'REQUEST',
          menteeId: request.menteeId,
          mentorId: request.mentorId,
          programmeId: request.programmeId,
          cohortId: enrolment?.cohortId ?? null,
          organizationId: request.organizationId,
          coachId: null,
          confirmedAt: iso(now),
          menteeEnrolledAt: request.menteeEnrolledAt ? iso(request.menteeEnrolledAt) : null,
        });
        return toMentoringRequest(accepted);
      }),
    );
  }

  async decline(ctx: SubgraphContext, requestId: string, reason: string): Promise<MentoringRequestResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.visible(ctx, requestId);
    if (visible.mentorId !== principal.userId) throw Forbidden('Only the mentor can decline a request.');
    const text = reason.trim();
    if (!text)
      return refused<'request', MentoringRequest>('request', [
        fieldError('reason', 'REQUIRED', 'Tell the mentee why, so they can choose another mentor.'),
      ]);
    return this.answerPending(requestId, 'DECLINED', text, async (tx, request, now) => {
      await this.events.publish(tx, 'MentoringRequestDeclined', {
        requestId,
        menteeId: request.menteeId,
        mentorId: request.mentorId,
        programmeId: request.programmeId,
        reason: text,
        declinedAt: iso(now),
      });
    });
  }

  async withdraw(ctx: SubgraphContext, requestId: string): Promise<MentoringRequestResult> {
    const principal = requirePrincipal(ctx);
    const visible = await this.visible(ctx, requestId);
    if (visible.menteeId !== principal.userId) throw Forbidden('Only the mentee can withdraw a request.');
    return this.answerPending(requestId, 'WITHDRAWN', null, async (tx, request, now) => {
      await this.events.publish(tx, 'MentoringRequestWithdrawn', {
        requestId,
        menteeId: request.menteeId,
        mentorId: request.mentorId,
        programmeId: request.programmeId,
        withdrawnAt: iso(now),
      });
    });
  }

  async get(ctx: SubgraphContext, id: string): Promise<MentoringRequest> {
    requirePrincipal(ctx);
    return toMentoringRequest(await this.visible(ctx, id));
  }

  async list(
    ctx: SubgraphContext,
    filter: MentoringRequestFilter,
    first: number | null,
    after: string | null,
    expiringWithinDays: number | null = null,
  ): Promise<MentoringRequestConnection> {
    const principal = requirePrincipal(ctx);
    const page = readPage({ first, after }, isTimeIdCursor);
    if (expiringWithinDays !== null) {
      if (!Number.isInteger(expiringWithinDays) || expiringWithinDays < 1 || expiringWithinDays > 30)
        throw BadInput([{ field: 'expiringWithinDays', message: 'must be between 1 and 30' }]);
      const from = new Date();
      filter = { ...filter, expiring: { from, until: new Date(from.getTime() + expiringWithinDays * 86_400_000) } };
    }
    const rows = await this.requests.list(principal, filter, page.after, page.size);
    return toConnection(
      rows,
      page,
      (r) => [iso(r.sentAt), r.id],
      toMentoringRequest,
      () => this.requests.count(principal, filter),
    );
  }

  /** Batched, access-checked lookup (queries and `_entities`): what the caller may not see is null. */
  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<MentoringRequestRow | null>> {
    const rows = await loadAll(
      rowLoader(
        ctx,
        'requests:byId',
        (r: MentoringRequestRow) => r.id,
        (keys) => this.requests.findByIds(keys),
      ),
      ids,
    );
    return rows.map((r) => (r && canSee(ctx.principal, r) ? r : null));
  }

  /** The request if the caller may see it, else NOT_FOUND. */
  async visible(ctx: SubgraphContext, id: string): Promise<MentoringRequestRow> {
    const [row] = await this.load(ctx, [id]);
    if (!row) throw NotFound('Mentoring request');
    return row;
  }

  /** The request, locked; refused unless it is still pending. */
  async lockPending(tx: Tx, requestId: string): Promise<MentoringRequestRow> {
    const request = (await this.requests.lock(tx, requestId))!;
    if (request.status !== 'PENDING')
      throw refuse('requestId', 'NOT_PENDING', `This request is ${request.status.toLowerCase()}.`);
    return request;
  }

  /** Whether this mentee may ask this mentor now: available, a free place, not declined lately. */
  private async checkMentor(tx: Tx, menteeId: string, mentorId: string, programmeId: string): Promise<void> {
    const availability = mentorAvailability(await this.participants.mentor(tx, mentorId));
    if (availability === 'UNAVAILABLE')
      throw refuse('mentorId', 'MENTOR_UNAVAILABLE', 'This mentor is not taking requests.');
    if (await this.participants.hiddenByTraining(tx, mentorId, programmeId))
      throw refuse('mentorId', 'MENTOR_UNAVAILABLE', 'This mentor is not taking requests yet.');
    if (availability === 'CAPACITY_REACHED')
      throw refuse('mentorId', 'CAPACITY_REACHED', 'This mentor has no free place; choose another mentor.');
    if (await this.participants.declined(tx, menteeId, mentorId, DECLINE_COOL_OFF_DAYS))
      throw refuse(
        'mentorId',
        'DECLINED_RECENTLY',
        'This mentor declined your request recently; choose another mentor.',
      );
  }

  /** Moves a pending request to its answer (declined, withdrawn) and publishes what happened, in one transaction. */
  private answerPending(
    requestId: string,
    to: MentoringRequestStatus,
    reason: string | null,
    publish: (tx: Tx, request: MentoringRequestRow, now: Date) => Promise<void>,
  ): Promise<MentoringRequestResult> {
    return outcome('request', () =>
      this.db.transaction(async (tx) => {
        const request = await this.lockPending(tx, requestId);
        const now = new Date();
        const row = await this.requests.setStatus(tx, requestId, to, now, reason);
        await publish(tx, request, now);
        return toMentoringRequest(row);
      }),
    );
  }
}
