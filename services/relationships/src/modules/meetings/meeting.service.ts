import type { EntityManager } from 'typeorm';
import { NotFound, requirePrincipal, type EventBus, type SubgraphContext, type Transact } from '@tandem/subgraph-kit';
import { utcDate, type Clock } from '../shared/dates';
import { FieldErrors, refuse } from '../shared/payload';
import { ANY_VIEWER, PARTNERS, viewerOf } from '../relationships/relationship.access';
import type { RelationshipEntity } from '../relationships/relationship.entity';
import type { RelationshipRepository } from '../relationships/relationship.repository';
import { refOf, type RelationshipService } from '../relationships/relationship.service';
import type { MeetingEntity, MeetingFacts } from './meeting.entity';
import type { MeetingInput } from './meeting.inputs';
import type { MeetingRepository } from './meeting.repository';
import { toMeeting, type Meeting } from './meeting.type';

/** Whether meetings of a relationship count now (the programme may require a signed agreement first). */
export type CountsCheck = (manager: EntityManager, rel: RelationshipEntity) => Promise<boolean>;

/**
 * The meeting log: one side logs, the other confirms or disputes. A meeting confirmed by both counts and
 * emits MeetingConfirmed; from then on it is immutable, and a correction is an amendment (a new revision)
 * that both confirm, which supersedes it. No two live meetings of a relationship overlap.
 */
export class MeetingService {
  countsCheck: CountsCheck = async () => true;

  constructor(
    private readonly repo: MeetingRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly transact: Transact,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async forRelationship(ctx: SubgraphContext, relationshipId: string, includeSuperseded: boolean): Promise<Meeting[]> {
    const loader = ctx.loaders.get<string, MeetingEntity[]>('meetings:byRelationship', async (ids) => {
      const rows = await this.repo.forRelationships(ids);
      return ids.map((id) => rows.filter((r) => r.relationshipId === id));
    });
    const rows = await loader.load(relationshipId);
    return rows.filter((m) => includeSuperseded || m.status !== 'SUPERSEDED').map(toMeeting);
  }

  /** The caller's own private note on a meeting (null for anyone else). */
  async privateNote(ctx: SubgraphContext, meetingId: string): Promise<string | null> {
    const userId = ctx.principal?.userId;
    if (!userId) return null;
    const loader = ctx.loaders.get<string, string | null>('meetings:myNotes', async (ids) => {
      const notes = await this.repo.notesOf(userId, ids);
      return ids.map((id) => notes.get(id) ?? null);
    });
    return loader.load(meetingId);
  }

  async byId(ctx: SubgraphContext, id: string): Promise<Meeting> {
    requirePrincipal(ctx);
    const [m] = await this.repo.byIds([id]);
    if (!m) throw NotFound('Meeting');
    await this.relationships.require(ctx, m.relationshipId, ANY_VIEWER).catch(() => {
      throw NotFound('Meeting');
    });
    return toMeeting(m);
  }

  async previous(ctx: SubgraphContext, meeting: Meeting): Promise<Meeting | null> {
    if (!meeting.amendsMeetingId) return null;
    const [m] = await this.repo.byIds([meeting.amendsMeetingId]);
    return m ? toMeeting(m) : null;
  }

  async log(ctx: SubgraphContext, relationshipId: string, input: MeetingInput): Promise<Meeting> {
    const { principal } = await this.relationships.require(ctx, relationshipId, PARTNERS);
    return this.transact(async (m) => {
      const rel = (await this.relationshipRepo.lock(m, relationshipId))!;
      if (rel.status !== 'ACTIVE' && rel.status !== 'PAUSED')
        throw refuse(
          'relationshipId',
          'INVALID_STATE',
          `Meetings cannot be logged while the relationship is ${rel.status.toLowerCase()}.`,
        );
      const facts = this.validate(input, rel);
      await this.refuseOverlap(m, rel.id, facts, []);
      const side = viewerOf(principal, rel) as 'MENTOR' | 'MENTEE';
      const at = this.clock();
      const id = await this.repo.insert(m, {
        ...facts,
        relationshipId,
        revision: 1,
        amendsMeetingId: null,
        loggedBy: principal.userId,
        loggedAt: at,
        side,
      });
      if (input.privateNote) await this.repo.setNote(m, id, principal.userId, input.privateNote.trim());
      await this.events.publish(m, 'MeetingLogged', {
        ...refOf(rel),
        meetingId: id,
        loggedBy: principal.userId,
        awaitingUserId: side === 'MENTOR' ? rel.menteeId : rel.mentorId,
        occurredOn: facts.occurredOn,
      });
      return toMeeting((await this.repo.byIds([id], m))[0]);
    });
  }

  /** A correction of a confirmed meeting: a new revision that both must confirm again; the confirmed one stays as it was until then. */
  async amend(ctx: SubgraphContext, meetingId: string, input: MeetingInput): Promise<Meeting> {
    const original = await this.partnerMeeting(ctx, meetingId);
    const principal = requirePrincipal(ctx);
    return this.transact(async (m) => {
      const rel = (await this.relationshipRepo.lock(m, original.relationshipId))!;
      const current = (await this.repo.lock(m, meetingId))!;
      if (current.status !== 'CONFIRMED')
        throw refuse(
          'meetingId',
          'NOT_CONFIRMED',
          'Only a meeting confirmed by both is amended; an unconfirmed one is confirmed or disputed.',
        );
      if (rel.status === 'WITHDRAWN') throw refuse('meetingId', 'INVALID_STATE', 'The relationship was withdrawn.');
      if (await this.repo.pendingAmendment(m, meetingId))
        throw refuse(
          'meetingId',
          'AMENDMENT_PENDING',
          'An amendment of this meeting is already awaiting confirmation.',
        );
      const facts = this.validate(input, rel);
      await this.refuseOverlap(m, rel.id, facts, [meetingId]);
      const side = viewerOf(principal, rel) as 'MENTOR' | 'MENTEE';
      const at = this.clock();
      const id = await this.repo.insert(m, {
        ...facts,
        relationshipId: rel.id,
        revision: current.revision + 1,
        amendsMeetingId: meetingId,
        loggedBy: principal.userId,
        loggedAt: at,
        side,
      });
      if (input.privateNote) await this.repo.setNote(m, id, principal.userId, input.privateNote.trim());
      await this.events.publish(m, 'MeetingLogged', {
        ...refOf(rel),
        meetingId: id,
        loggedBy: principal.userId,
        awaitingUserId: side === 'MENTOR' ? rel.menteeId : rel.mentorId,
        occurredOn: facts.occurredOn,
      });
      return toMeeting((await this.repo.byIds([id], m))[0]);
    });
  }

  /** The other side confirms; the meeting then counts (or waits for the agreement) and is immutable. */
  async confirm(ctx: SubgraphContext, meetingId: string): Promise<Meeting> {
    const found = await this.partnerMeeting(ctx, meetingId);
    const principal = requirePrincipal(ctx);
    return this.transact(async (m) => {
      const rel = (await this.relationshipRepo.lock(m, found.relationshipId))!;
      const meeting = (await this.repo.lock(m, meetingId))!;
      const side = viewerOf(principal, rel) as 'MENTOR' | 'MENTEE';
      if (meeting.status === 'CONFIRMED' || meeting.status === 'SUPERSEDED')
        throw refuse(
          'meetingId',
          'ALREADY_CONFIRMED',
          'This meeting is already confirmed by both; correct it with an amendment.',
        );
      if (meeting.status === 'DISPUTED')
        throw refuse('meetingId', 'DISPUTED', 'This meeting was disputed; log a corrected one instead.');
      if ((side === 'MENTOR' ? meeting.mentorConfirmedAt : meeting.menteeConfirmedAt) !== null) {
        throw refuse(
          'meetingId',
          'AWAITING_OTHER_SIDE',
          'You logged or confirmed it already; your partner confirms it.',
        );
      }
      const confirmed = await this.repo.confirm(m, meetingId, side, this.clock());
      if (confirmed.amendsMeetingId) await this.repo.supersede(m, confirmed.amendsMeetingId, confirmed.id);
      if (await this.countsCheck(m, rel)) await this.count(m, rel, confirmed);
      return toMeeting((await this.repo.byIds([meetingId], m))[0]);
    });
  }

  async dispute(ctx: SubgraphContext, meetingId: string, reason: string): Promise<Meeting> {
    const found = await this.partnerMeeting(ctx, meetingId);
    const principal = requirePrincipal(ctx);
    return this.transact(async (m) => {
      const rel = (await this.relationshipRepo.lock(m, found.relationshipId))!;
      const meeting = (await this.repo.lock(m, meetingId))!;
      const side = viewerOf(principal, rel) as 'MENTOR' | 'MENTEE';
      if (meeting.status !== 'AWAITING_CONFIRMATION')
        throw refuse(
          'meetingId',
          meeting.status === 'DISPUTED' ? 'DISPUTED' : 'ALREADY_CONFIRMED',
          'Only a meeting awaiting your confirmation can be disputed.',
        );
      if ((side === 'MENTOR' ? meeting.mentorConfirmedAt : meeting.menteeConfirmedAt) !== null)
        throw refuse('meetingId', 'AWAITING_OTHER_SIDE', 'Your partner confirms or disputes what you logged.');
      const text = reason.trim();
      if (!text) throw refuse('reason', 'REQUIRED', 'Say what is wrong with it.');
      await this.repo.dispute(m, meetingId, principal.userId, text, this.clock());
      await this.events.publish(m, 'MeetingDisputed', {
        ...refOf(rel),
        meetingId,
        disputedBy: principal.userId,
        reason: text,
      });
      return toMeeting((await this.repo.byIds([meetingId], m))[0]);
    });
  }

  async setPrivateNote(ctx: SubgraphContext, meetingId: string, note: string | null): Promise<Meeting> {
    const found = await this.partnerMeeting(ctx, meetingId);
    const principal = requirePrincipal(ctx);
    await this.transact((m) => this.repo.setNote(m, meetingId, principal.userId, note));
    return toMeeting(found);
  }

  /** Meetings confirmed by both that waited for the agreement: they count now (called when the agreement is first signed by both). */
  async countDeferred(manager: EntityManager, rel: RelationshipEntity): Promise<void> {
    for (const meeting of await this.repo.confirmedNotCounted(manager, rel.id)) await this.count(manager, rel, meeting);
  }

  private async count(manager: EntityManager, rel: RelationshipEntity, meeting: MeetingEntity): Promise<void> {
    await this.repo.markCounted(manager, meeting.id, this.clock());
    await this.events.publish(manager, 'MeetingConfirmed', {
      ...refOf(rel),
      meetingId: meeting.id,
      amendsMeetingId: meeting.amendsMeetingId,
      revision: meeting.revision,
      occurredOn: meeting.occurredOn,
      startTime: meeting.startTime,
      durationMinutes: meeting.durationMinutes,
      mode: meeting.mode,
      topics: meeting.topics,
      homework: meeting.homework,
      confirmedByMentorAt: meeting.mentorConfirmedAt!.toISOString(),
      confirmedByMenteeAt: meeting.menteeConfirmedAt!.toISOString(),
    });
  }

  private async partnerMeeting(ctx: SubgraphContext, meetingId: string): Promise<MeetingEntity> {
    requirePrincipal(ctx);
    const [meeting] = await this.repo.byIds([meetingId]);
    if (!meeting) throw NotFound('Meeting');
    await this.relationships.require(ctx, meeting.relationshipId, PARTNERS).catch(() => {
      throw NotFound('Meeting');
    });
    return meeting;
  }

  private async refuseOverlap(
    m: EntityManager,
    relationshipId: string,
    facts: MeetingFacts,
    exclude: string[],
  ): Promise<void> {
    const clash = await this.repo.findOverlapping(m, relationshipId, facts, exclude);
    if (clash.length) {
      const c = clash[0];
      throw refuse(
        'input.startTime',
        'OVERLAP',
        `Overlaps the meeting of ${c.occurredOn} at ${c.startTime} (${c.durationMinutes} minutes).`,
      );
    }
  }

  private validate(input: MeetingInput, rel: RelationshipEntity): MeetingFacts {
    const e = new FieldErrors();
    const today = utcDate(this.clock());
    if (input.occurredOn < rel.startedOn)
      e.add('input.occurredOn', 'BEFORE_START', `The relationship started on ${rel.startedOn}.`);
    if (input.occurredOn > today) e.add('input.occurredOn', 'IN_THE_FUTURE', 'Log a meeting once it has taken place.');
    const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(input.startTime.trim());
    if (!time) e.add('input.startTime', 'INVALID_TIME', 'Give the start time as HH:MM (24-hour).');
    if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 5 || input.durationMinutes > 600)
      e.add('input.durationMinutes', 'OUT_OF_RANGE', 'A meeting lasts 5 to 600 minutes.');
    const topics = input.topics.map((t) => t.trim()).filter(Boolean);
    if (!topics.length) e.add('input.topics', 'REQUIRED', 'List at least one topic discussed.');
    e.throwIfAny();
    return {
      occurredOn: input.occurredOn,
      startTime: input.startTime.trim(),
      durationMinutes: input.durationMinutes,
      mode: input.mode,
      topics,
      homework: input.homework?.trim() || null,
    };
  }
}
