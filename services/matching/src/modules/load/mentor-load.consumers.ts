/**
 * What mentor load does with relationships' events: counts the active relationships against capacity (a
 * continued relationship takes its seat again).
 */
import { consumers } from '@tandem/subgraph-kit';
import type { MentorLoadRepository } from './mentor-load.repository';

export interface MentorLoadDeps {
  load: MentorLoadRepository;
}

export const mentorLoadConsumers = consumers<MentorLoadDeps>({
  RelationshipStarted: async ({ payload: p }, tx, { load }) =>
    load.relationshipTransition(tx, { ...p, matchId: p.matchId ?? null }, 'STARTED', p.startedOn),
  RelationshipCompleted: async ({ payload: p }, tx, { load }) =>
    load.relationshipTransition(tx, p, 'ENDED', p.completedOn),
  RelationshipWithdrawn: async ({ payload: p }, tx, { load }) =>
    load.relationshipTransition(tx, p, 'ENDED', p.withdrawnOn),
  RelationshipContinued: async ({ payload: p }, tx, { load }) =>
    load.relationshipTransition(tx, p, 'CONTINUED', p.continuedOn),
});
