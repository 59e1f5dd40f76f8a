/** What mentor load does with relationships' events: counts the active relationships against capacity. */
import { consumers } from '@tandem/subgraph-kit';
import type { MentorLoadRepository } from './mentor-load.repository';

export interface MentorLoadDeps {
  load: MentorLoadRepository;
}

export const mentorLoadConsumers = consumers<MentorLoadDeps>({
  RelationshipStarted: async ({ payload: p }, tx, { load }) =>
    load.relationshipStarted(tx, { ...p, matchId: p.matchId ?? null }),
  RelationshipCompleted: async ({ payload }, tx, { load }) => load.relationshipEnded(tx, payload),
  RelationshipWithdrawn: async ({ payload }, tx, { load }) => load.relationshipEnded(tx, payload),
});
