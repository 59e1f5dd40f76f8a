import type { Principal } from '@tandem/contracts';
import {
  refuse,
  requirePrincipal,
  type Database,
  type EventBus,
  type SubgraphContext,
  type Tx,
} from '@tandem/subgraph-kit';
import type { Clock } from '../shared/dates';
import { PARTNERS, viewerOf } from '../relationships/relationship.access';
import { refOf } from '../relationships/relationship.events';
import type { RelationshipRepository, RelationshipRow } from '../relationships/relationship.repository';
import type { RelationshipService } from '../relationships/relationship.service';
import type { MeetingCountingService } from './meeting-counting.service';
import type { MeetingInput } from './meeting.inputs';
import type { PersonProfileRepository } from '../users/person-profile.repository';
import type { MeetingFacts, MeetingRepository, MeetingRow } from './meeting.repository';
import { refuseDailyExcess, validateMeeting, type MeetingContext } from './meeting.rules';
import type { MeetingService } from './meeting.service';
import { toMeeting, type Meeting } from './meeting.type';

type Side = 'MENTOR' | 'MENTEE';

/**
 * The meeting log: one side logs, the other confirms or disputes. A meeting confirmed by both counts (see
 * {@link MeetingCountingService}); from then on it is immutable, and a correction is an amendment (a new
 * revision) that both confirm, which supersedes it. Evidence rules (see `meeting.rules.ts`): a meeting is logged
 * once it has ended, in its time zone, no longer than its programme allows; neither partner has two live meetings
 * overlapping in time nor more meeting time on one date than the date has, across all their relationships (checked
 * under a lock per person, so concurrent logs serialise). A meeting an audit selected is judged by the audit only:
 * it is not amended, and neither it nor an amendment of it is confirmed or disputed (AUDIT_LOCKED). The lock stays
 * after the audit's outcome is recorded: a recorded audit is final.
 */
export class MeetingLogService {
  constructor(
    private readonly repo: MeetingRepository,
    private readonly relationshipRepo: RelationshipRepository,
    private readonly relationships: RelationshipService,
    private readonly meetings: MeetingService,
    private readonly counting: MeetingCountingService,
    private readonly people: PersonProfileRepository,
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async log(ctx: SubgraphContext, relationshipId: string, input: MeetingInput): Promise<Meeting> {
    const { principal } = await this.relationships.require(ctx, relationshipId, PARTNERS);
    return this.db.transaction((tx) => this.logIn(tx, principal, relationshipId, input));
  }

  /**
   * Logs a meeting in the caller's transaction, for a partner whose access the caller checked (a planned meeting
   * recorded: see MeetingPlanService.record).
   */
  async logIn(tx: Tx, principal: Principal, relationshipId: string, input: MeetingInput): Promise<Meeting> {
    const rel = (await this.relationshipRepo.lock(tx, relationshipId))!;
    if (rel.status !== 'ACTIVE' && rel.status !== 'PAUSED')
      throw refuse(
        'relationshipId',
        'INVALID_STATE',
        `Meetings cannot be logged while the relationship is ${rel.status.toLowerCase()}.`,
      );
    const zone = (await this.people.timeZone(tx, principal.userId)) ?? 'UTC';
    const facts = validateMeeting(input, rel, this.context(rel, zone));
    await this.refuseConflicts(tx, rel, principal, facts, []);
    return this.record(tx, rel, principal, facts, input.privateNote, { revision: 1, amendsMeetingId: null });
  }

  /** A correction of a confirmed meeting: a new revision that both must confirm again; the confirmed one stays as it was until then. */
  async amend(ctx: SubgraphContext, meetingId: string, input: MeetingInput): Promise<Meeting> {
    const original = await this.meetings.ofPartner(ctx, meetingId);
    const principal = requirePrincipal(ctx);
    return this.db.transaction(async (tx) => {
      const rel = (await this.relationshipRepo.lock(tx, original.relationshipId))!;
      const current = (await this.repo.lock(tx, meetingId))!;
      await this.refuseAuditLocked(tx, current);
      if (current.status !== 'CONFIRMED')
        throw refuse(
          'meetingId',
          'NOT_CONFIRMED',
          'Only a meeting confirmed by both is amended; an unconfirmed one is confirmed or disputed.',
        );
      if (rel.status === 'WITHDRAWN') throw refuse('meetingId', 'INVALID_STATE', 'The relationship was withdrawn.');
      if (await this.repo.pendingAmendment(tx, meetingId))
        throw refuse(
          'meetingId',
          'AMENDMENT_PENDING',
          'An amendment of this meeting is already awaiting confirmation.',
        );
      // an amendment stays in the amended meeting's time zone unless it names another
      const facts = validateMeeting(input, rel, this.context(rel, current.timeZone));
      await this.refuseConflicts(tx, rel, principal, facts, [meetingId]);
      return this.record(tx, rel, principal, facts, input.privateNote, {
        revision: current.revision + 1,
        amendsMeetingId: meetingId,
      });
    });
  }

  /** The other side confirms; the meeting then counts (or waits for the agreement) and is immutable. */
  async confirm(ctx: SubgraphContext, meetingId: string): Promise<Meeting> {
    const found = await this.meetings.ofPartner(ctx, meetingId);
    const principal = requirePrincipal(ctx);
    return this.db.transaction(async (tx) => {
      const rel = (await this.relationshipRepo.lock(tx, found.relationshipId))!;
      const meeting = (await this.repo.lock(tx, meetingId))!;
      const side = viewerOf(principal, rel) as Side;
      await this.refuseAuditLocked(tx, meeting);
      if (meeting.status === 'CONFIRMED' || meeting.status === 'SUPERSEDED')
        throw refuse(
          'meetingId',
          'ALREADY_CONFIRMED',
          'This meeting is already confirmed by both; correct it with an amendment.',
        );
      if (meeting.status === 'DISPUTED')
        throw refuse('meetingId', 'DISPUTED', 'This meeting was disputed; log a corrected one instead.');
      if (confirmedBy(meeting, side))
        throw refuse(
          'meetingId',
          'AWAITING_OTHER_SIDE',
          'You logged or confirmed it already; your partner confirms it.',
        );
      const confirmed = await this.repo.confirm(tx, meetingId, side, this.clock());
      if (confirmed.amendsMeetingId) await this.repo.supersede(tx, confirmed.amendsMeetingId, confirmed.id);
      await this.counting.confirmed(tx, rel, confirmed);
      return this.reread(tx, meetingId);
    });
  }

  async dispute(ctx: SubgraphContext, meetingId: string, reason: string): Promise<Meeting> {
    const found = await this.meetings.ofPartner(ctx, meetingId);
    const principal = requirePrincipal(ctx);
    return this.db.transaction(async (tx) => {
      const rel = (await this.relationshipRepo.lock(tx, found.relationshipId))!;
      const meeting = (await this.repo.lock(tx, meetingId))!;
      const side = viewerOf(principal, rel) as Side;
      await this.refuseAuditLocked(tx, meeting);
      if (meeting.status !== 'AWAITING_CONFIRMATION')
        throw refuse(
          'meetingId',
          meeting.status === 'DISPUTED' ? 'DISPUTED' : 'ALREADY_CONFIRMED',
          'Only a meeting awaiting your confirmation can be disputed.',
        );
      if (confirmedBy(meeting, side))
        throw refuse('meetingId', 'AWAITING_OTHER_SIDE', 'Your partner confirms or disputes what you logged.');
      const text = reason.trim();
      if (!text) throw refuse('reason', 'REQUIRED', 'Say what is wrong with it.');
      await this.repo.dispute(tx, meetingId, principal.userId, text, this.clock());
      await this.events.publish(tx, 'MeetingDisputed', {
        ...refOf(rel),
        meetingId,
        disputedBy: principal.userId,
        reason: text,
        occurredOn: meeting.occurredOn,
      });
      return this.reread(tx, meetingId);
    });
  }

  /** Stores a new revision logged (and so confirmed) by the caller's side, with their note; MeetingLogged. */
  private async record(
    tx: Tx,
    rel: RelationshipRow,
    principal: Principal,
    facts: MeetingFacts,
    privateNote: string | null | undefined,
    revision: { revision: number; amendsMeetingId: string | null },
  ): Promise<Meeting> {
    const side = viewerOf(principal, rel) as Side;
    const id = await this.repo.insert(tx, {
      ...facts,
      ...revision,
      relationshipId: rel.id,
      loggedBy: principal.userId,
      loggedAt: this.clock(),
      side,
    });
    if (privateNote) await this.repo.setNote(tx, id, principal.userId, privateNote.trim());
    await this.events.publish(tx, 'MeetingLogged', {
      ...refOf(rel),
      meetingId: id,
      loggedBy: principal.userId,
      awaitingUserId: side === 'MENTOR' ? rel.menteeId : rel.mentorId,
      occurredOn: facts.occurredOn,
    });
    return this.reread(tx, id);
  }

  private async reread(tx: Tx, id: string): Promise<Meeting> {
    return toMeeting((await this.repo.byIds([id], tx))[0]);
  }

  private context(rel: RelationshipRow, defaultTimeZone: string): MeetingContext {
    return { now: this.clock(), maxMeetingMinutes: rel.terms.maxMeetingMinutes, defaultTimeZone };
  }

  /**
   * Neither partner may have another live meeting (any relationship, either side) overlapping this one, nor more
   * meeting time on its date than the date has. Under a lock per partner held to the end of the transaction, so of
   * two concurrent logs that together break a rule, the second sees the first and is refused.
   */
  private async refuseConflicts(
    tx: Tx,
    rel: RelationshipRow,
    principal: Principal,
    facts: MeetingFacts,
    exclude: string[],
  ): Promise<void> {
    const people = [rel.mentorId, rel.menteeId];
    await this.repo.lockPeople(tx, people);
    const overlapping = await this.repo.overlapping(tx, people, facts, exclude);
    if (overlapping.length) {
      // the caller's own meeting is described; a partner's meeting in another relationship is not theirs to see
      const own = overlapping.find((m) => m.userId === principal.userId);
      throw refuse(
        'input.startTime',
        'OVERLAP',
        own
          ? `Overlaps your meeting of ${own.occurredOn} at ${own.startTime} (${own.durationMinutes} minutes, ${own.timeZone}).`
          : 'Overlaps another meeting your partner has logged at that time.',
      );
    }
    const minutes = await this.repo.minutesOn(tx, people, facts.occurredOn, exclude);
    refuseDailyExcess(
      facts,
      people.map((id) => ({ self: id === principal.userId, minutes: minutes.get(id) ?? 0 })),
    );
  }

  /** A meeting an audit selected, or an amendment of one, is judged by the audit only. */
  private async refuseAuditLocked(tx: Tx, meeting: MeetingRow): Promise<void> {
    const amended = meeting.amendsMeetingId ? (await this.repo.byIds([meeting.amendsMeetingId], tx))[0] : null;
    if (meeting.auditLockedAt || amended?.auditLockedAt)
      throw refuse(
        'meetingId',
        'AUDIT_LOCKED',
        'This meeting was selected for an audit: the audit decides what it counts for, and it can no longer be amended, confirmed or disputed here.',
      );
  }
}

/** Whether `side` has logged or confirmed the meeting already. */
const confirmedBy = (m: MeetingRow, side: Side) =>
  (side === 'MENTOR' ? m.mentorConfirmedAt : m.menteeConfirmedAt) !== null;
