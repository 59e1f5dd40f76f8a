import type { EventBus, Tx } from '@tandem/subgraph-kit';
import type { Clock } from '../shared/dates';
import type { AgreementRepository } from '../agreements/agreement.repository';
import { refOf } from '../relationships/relationship.events';
import type { RelationshipRow } from '../relationships/relationship.repository';
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
    await this.meetings.markCounted(tx, meeting.id, this.clock());
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
}
