/** The CPD ledger's consumer: a meeting confirmed by both sides becomes ledger entries for both participants. */
import { consumers } from '@tandem/subgraph-kit';
import type { MeetingRepository } from '../read-models/meeting.repository';
import type { ProgrammeRepository } from '../read-models/programme.repository';
import type { LedgerRepository } from './ledger.repository';
import { meetingCredit, participantsOf, reversedByEarlierAmendment, supersededReversal } from './cpd.rules';

export interface CpdDeps {
  ledger: LedgerRepository;
  meetings: MeetingRepository;
  programmes: ProgrammeRepository;
}

export const cpdConsumers = consumers<CpdDeps>({
  MeetingConfirmed: async ({ payload: e }, tx, { ledger, meetings, programmes }) => {
    // a redelivered or duplicated confirmation (even under another event id) changes nothing
    if (await ledger.hasEntryForMeeting(tx, e.meetingId, e.revision)) return;
    // a meeting and its amendment may be applied in either order, by two workers at once: both take the two
    // people's ledger locks before reading what the other may have written
    await ledger.lock(tx, [e.mentorId, e.menteeId]);
    const amendedBy = (await meetings.byId(tx, e.meetingId))?.supersededBy ?? null;
    const amendment = amendedBy ? await meetings.byId(tx, amendedBy) : null;
    const cpdCategory = (await programmes.terms(tx, e.programmeId))?.cpdCategory ?? null;
    for (const p of participantsOf(e)) {
      if (e.amendsMeetingId) {
        const live = await ledger.liveEntryForMeeting(tx, p.userId, e.amendsMeetingId);
        if (live) await ledger.append(tx, supersededReversal(e, p, cpdCategory, live));
      }
      const credit = await ledger.append(tx, meetingCredit(e, p, cpdCategory));
      if (amendedBy && credit)
        await ledger.append(
          tx,
          reversedByEarlierAmendment(e, p, cpdCategory, credit, {
            meetingId: amendedBy,
            revision: amendment?.revision ?? null,
          }),
        );
    }
  },
});
