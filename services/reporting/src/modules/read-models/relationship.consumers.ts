/** relationships' lifecycle, achieved goals and feedback, as reporting keeps them (and counted once each). */
import { consumers } from '@tandem/subgraph-kit';
import { dayOf, menteeScope, relationshipScope, type ReadModelDeps } from './read-model.deps';
import { meetsTerms } from './terms.rules';

export const relationshipConsumers = consumers<ReadModelDeps>({
  RelationshipStarted: async ({ payload }, tx, deps) => {
    const scope = await menteeScope(tx, deps, payload.programmeId, payload.menteeId, {
      organizationId: payload.organizationId,
      cohortId: payload.cohortId,
    });
    if (await deps.relationships.start(tx, payload, scope))
      await deps.rollups.bump(tx, dayOf(payload.startedOn), scope, { relationships_started: 1 });
  },

  RelationshipCompleted: async ({ payload }, tx, deps) => {
    const { relationships, rollups } = deps;
    const scope = await relationshipScope(tx, deps, payload);
    const ended = await relationships.end(tx, payload, scope, {
      status: 'COMPLETED',
      endedOn: payload.completedOn,
      hours: payload.confirmedHours,
      meetings: payload.confirmedMeetings,
      metTerms: payload.metTerms,
    });
    if (ended)
      await rollups.bump(tx, dayOf(payload.completedOn), scope, {
        relationships_completed: 1,
        relationships_met_terms: payload.metTerms ? 1 : 0,
      });
  },

  RelationshipWithdrawn: async ({ payload }, tx, deps) => {
    const { relationships, programmes, rollups } = deps;
    const scope = await relationshipScope(tx, deps, payload);
    // the event says whether the terms were met (events published before it did: the terms reporting holds)
    const terms = payload.metTerms === undefined ? await programmes.terms(tx, payload.programmeId) : null;
    const met =
      payload.metTerms ?? (terms ? meetsTerms(terms, payload.confirmedHours, payload.confirmedMeetings) : false);
    const ended = await relationships.end(tx, payload, scope, {
      status: 'WITHDRAWN',
      endedOn: payload.withdrawnOn,
      hours: payload.confirmedHours,
      meetings: payload.confirmedMeetings,
      metTerms: met,
    });
    if (ended)
      await rollups.bump(tx, dayOf(payload.withdrawnOn), scope, {
        relationships_withdrawn: 1,
        relationships_met_terms: met ? 1 : 0,
      });
  },

  RelationshipContinued: async ({ payload }, tx, deps) => {
    // a completed relationship goes on with new goals: active again (whichever of the two arrived first), and its
    // next ending counts as well
    const scope = await relationshipScope(tx, deps, payload);
    if (await deps.relationships.continue(tx, payload, scope, payload.continuedOn))
      await deps.rollups.bump(tx, dayOf(payload.continuedOn), scope, { relationships_continued: 1 });
  },

  GoalAchieved: async ({ payload }, tx, deps) => {
    if (await deps.relationships.goalAchieved(tx, payload))
      await deps.rollups.bump(tx, dayOf(payload.achievedAt), await relationshipScope(tx, deps, payload), {
        goals_achieved: 1,
      });
  },

  FeedbackSubmitted: async ({ payload }, tx, deps) => {
    if (await deps.relationships.feedback(tx, payload))
      await deps.rollups.feedback(
        tx,
        dayOf(payload.submittedAt),
        await relationshipScope(tx, deps, payload),
        payload.ratings,
      );
  },
});
