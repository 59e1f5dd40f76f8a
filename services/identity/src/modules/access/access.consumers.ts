/**
 * What identity learns from other subgraphs' events about who may see whom: a mentee's profile opens to the
 * mentors they asked or were proposed to (and the proposing coach may record both partners' orientation), and
 * relationships make counterparts and tie the coaches of their organisation to the pair while they run (a continued
 * relationship runs again). Upserts, so a redelivered or
 * late event converges to the same facts.
 */
import { consumers } from '@tandem/subgraph-kit';
import type { AccessRepository } from './access.repository';

export const accessConsumers = consumers<{ facts: AccessRepository }>({
  MentoringRequestSent: async (event, tx, { facts }) => {
    const p = event.payload;
    await facts.grantProfileAccess(tx, 'REQUEST', p.requestId, p.mentorId, p.menteeId);
  },
  MatchProposed: async (event, tx, { facts }) => {
    const p = event.payload;
    await facts.grantProfileAccess(tx, 'PROPOSAL', p.proposalId, p.mentorId, p.menteeId);
    await facts.proposalMade(tx, p);
  },
  RelationshipStarted: async ({ payload: p }, tx, { facts }) =>
    facts.relationshipStarted(tx, { ...p, organizationId: p.organizationId ?? null, coachId: p.coachId ?? null }),
  RelationshipCompleted: async ({ payload: p }, tx, { facts }) =>
    facts.relationshipChanged(tx, { ...p, organizationId: p.organizationId ?? null }, { completedOn: p.completedOn }),
  RelationshipContinued: async ({ payload: p }, tx, { facts }) =>
    facts.relationshipChanged(tx, { ...p, organizationId: p.organizationId ?? null }, { continuedOn: p.continuedOn }),
  RelationshipWithdrawn: async ({ payload: p }, tx, { facts }) =>
    facts.relationshipChanged(tx, { ...p, organizationId: p.organizationId ?? null }, { withdrawnOn: p.withdrawnOn }),
});
