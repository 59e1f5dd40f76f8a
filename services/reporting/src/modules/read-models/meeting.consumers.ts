/** relationships' meetings, as reporting keeps them (and confirmed meetings and hours counted, amendments netted). */
import { consumers } from '@tandem/subgraph-kit';
import { meetingHours } from '../cpd/cpd.rules';
import { relationshipScope, type ReadModelDeps } from './read-model.deps';

export const meetingConsumers = consumers<ReadModelDeps>({
  MeetingLogged: async ({ payload }, tx, { meetings }) => meetings.logged(tx, payload),
  MeetingDisputed: async ({ payload }, tx, { meetings }) => meetings.disputed(tx, payload),

  MeetingConfirmed: async ({ payload: e }, tx, deps) => {
    const { meetings, rollups } = deps;
    // a meeting and its amendment may be applied in either order, by two workers at once: both take the two
    // people's meeting locks before reading what the other may have written
    await meetings.lockPeople(tx, [e.mentorId, e.menteeId]);
    // a redelivered or duplicated confirmation (even under another event id) changes nothing
    if (await meetings.hasConfirmation(tx, e.meetingId, e.revision)) return;
    const superseded = e.amendsMeetingId ? await meetings.byId(tx, e.amendsMeetingId) : null;
    const amendedAlready = (await meetings.byId(tx, e.meetingId))?.supersededBy ?? null;
    await meetings.confirmed(tx, e);
    const scope = await relationshipScope(tx, deps, e);
    if (
      superseded &&
      superseded.occurredOn &&
      superseded.durationMinutes !== null &&
      superseded.status !== 'LOGGED' &&
      superseded.status !== 'DISPUTED'
    ) {
      await rollups.bump(tx, superseded.occurredOn, scope, {
        meetings_confirmed: -1,
        hours_confirmed: -meetingHours(superseded.durationMinutes),
      });
    }
    // a revision already amended is not counted: its amendment counts instead
    if (!amendedAlready)
      await rollups.bump(tx, e.occurredOn, scope, {
        meetings_confirmed: 1,
        hours_confirmed: meetingHours(e.durationMinutes),
      });
  },
});
