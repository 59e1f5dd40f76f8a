import type { EventBus, Tx } from '@tandem/subgraph-kit';
import { utcDate, type Clock } from '../shared/dates';
import type { AgreementRepository } from '../agreements/agreement.repository';
import { refOf } from '../relationships/relationship.events';
import type { RelationshipRow } from '../relationships/relationship.repository';
import { termsMet } from '../relationships/relationship.progress';
import type { MeetingTotals, MeetingTotalsRepository } from '../relationships/relationship-totals.repository';
import type { MeetingRepository, MeetingRow } from './meeting.repository';

/**
 * When a meeting confirmed by both starts counting toward hours and CPD: at once, or, when the programme requires
 * a signed agreement, once a version is first signed by both. Counting publishes MeetingConfirmed. Used by the
 * meeting log (a confirmation) and by the agreement (its first full signature), inside their transactions.
 */
export class MeetingCountingService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly agreements: AgreementRepository,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly totals: MeetingTotalsRepository,
  ) {}

  /** Whether meetings of this relationship count now (no signature needed, or a version was signed by both). */
  async countsNow(tx: Tx, rel: RelationshipRow): Promise<boolean> {
    if (!rel.terms.requireSignedAgreement) return true;
    const [a] = await this.agreements.forRelationships([rel.id], tx);
    return !!a?.firstFullySignedAt;
  }

  /** A meeting just confirmed by both: it counts now unless the agreement is still awaited. */
  async confirmed(tx: Tx, rel: RelationshipRow, meeting: MeetingRow): Promise<void> {
    if (await this.countsNow(tx, rel)) await this.count(tx, rel, meeting);
  }

  /** The agreement was first signed by both: the meetings confirmed by both meanwhile count now. */
  async countDeferred(tx: Tx, rel: RelationshipRow): Promise<void> {
    for (const meeting of await this.meetings.confirmedNotCounted(tx, rel.id)) await this.count(tx, rel, meeting);
  }

  private async count(tx: Tx, rel: RelationshipRow, meeting: MeetingRow): Promise<void> {
    const before = await this.totals.of(tx, rel.id);
    await this.meetings.markCounted(tx, meeting.id, this.clock());
    await this.termsCrossed(tx, rel, meeting, before);
    await this.events.publish(tx, 'MeetingConfirmed', {
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

  /** Publishes RelationshipTermsMet when counting this meeting took the totals from short of the terms to meeting them. */
  private async termsCrossed(tx: Tx, rel: RelationshipRow, meeting: MeetingRow, before: MeetingTotals): Promise<void> {
    if (!rel.terms.known) return;
    const met = (t: MeetingTotals) => termsMet(rel.terms, t.confirmedMinutes / 60, t.confirmedMeetings);
    if (met(before)) return;
    const after = await this.totals.of(tx, rel.id);
    if (!met(after)) return;
    await this.events.publish(tx, 'RelationshipTermsMet', {
      ...refOf(rel),
      meetingId: meeting.id,
      metOn: utcDate(this.clock()),
      confirmedHours: Math.round((after.confirmedMinutes / 60) * 100) / 100,
      confirmedMeetings: after.confirmedMeetings,
    });
  }
}
