/** matching's requests and matches, as reporting keeps them (and each transition counted once). */
import type { EventPayloads } from '@tandem/contracts';
import { consumers, type Tx } from '@tandem/subgraph-kit';
import type { RollupCounter } from '../stats/stats-rollup.repository';
import type { RequestTransition } from './matching.repository';
import { dayOf, menteeScope, type ReadModelDeps } from './read-model.deps';

type RequestRef = EventPayloads['MentoringRequestSent'];

/** Records one transition of a request; the first time it arrives, counts it on its day in the mentee's scope. */
async function transition(
  tx: Tx,
  deps: ReadModelDeps,
  e: Pick<RequestRef, 'requestId' | 'menteeId' | 'mentorId' | 'programmeId'>,
  column: RequestTransition,
  at: string,
  counter: RollupCounter,
): Promise<void> {
  if (await deps.matching.requestTransition(tx, e, column, at))
    await deps.rollups.bump(tx, dayOf(at), await menteeScope(tx, deps, e.programmeId, e.menteeId), { [counter]: 1 });
}

export const matchingConsumers = consumers<ReadModelDeps>({
  MentoringRequestSent: async ({ payload: e }, tx, deps) =>
    transition(tx, deps, e, 'sent_at', e.sentAt, 'requests_sent'),
  MentoringRequestAccepted: async ({ payload: e }, tx, deps) =>
    transition(tx, deps, e, 'accepted_at', e.acceptedAt, 'requests_accepted'),
  MentoringRequestDeclined: async ({ payload: e }, tx, deps) =>
    transition(tx, deps, e, 'declined_at', e.declinedAt, 'requests_declined'),
  MentoringRequestExpired: async ({ payload: e }, tx, deps) =>
    transition(tx, deps, e, 'expired_at', e.expiredAt, 'requests_expired'),

  MatchConfirmed: async ({ payload }, tx, deps) => {
    const { programmes, matching, rollups } = deps;
    const scope = await menteeScope(tx, deps, payload.programmeId, payload.menteeId, {
      organizationId: payload.organizationId,
      cohortId: payload.cohortId,
    });
    const enrolment = await programmes.enrolment(tx, payload.menteeId, payload.programmeId, 'MENTEE');
    const enrolledAt = payload.menteeEnrolledAt ?? (enrolment ? enrolment.enrolledAt.toISOString() : null);
    const { fresh, firstForMentee } = await matching.recordMatch(tx, payload, scope, enrolledAt);
    if (!fresh) return;
    await rollups.bump(tx, dayOf(payload.confirmedAt), scope, { matches: 1 });
    // match rate: the mentee counts as matched on the day (and in the scope) they were counted as enrolled
    if (firstForMentee) {
      const enrolScope = enrolment
        ? { ...scope, organizationId: enrolment.organizationId ?? scope.organizationId, cohortId: enrolment.cohortId }
        : scope;
      await rollups.bump(tx, dayOf(enrolledAt ?? payload.confirmedAt), enrolScope, { mentees_matched: 1 });
    }
  },
});
