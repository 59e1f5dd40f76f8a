/** Factories for the relationships integration tests: programmes and matches played as identity's and matching's events. */
import { randomUUID } from 'node:crypto';
import type { EventPayloads } from '@tandem/contracts';
import { principal, type Stack } from '@tandem/testkit';

export type Terms = EventPayloads['ProgrammeChanged']['terms'];

export async function publishProgramme(stack: Stack, terms: Terms, options: { requireSignedAgreement?: boolean; programmeId?: string; changedAt?: string; name?: string } = {}) {
  const programmeId = options.programmeId ?? randomUUID();
  await stack.publish(
    'ProgrammeChanged',
    {
      programmeId, name: options.name ?? 'Programme', organizationIds: [], terms, cpdCategory: 'PEER_INTERACTION', requireSignedAgreement: options.requireSignedAgreement ?? false,
      requireOrientation: false, maxOpenRequestsPerMentee: 3, requestExpiryDays: 14, matchingWeights: {}, cohorts: [], changedAt: options.changedAt ?? new Date().toISOString(),
    },
    'identity',
  );
  await stack.settle();
  return programmeId;
}

export function matchPayload(over: Partial<EventPayloads['MatchConfirmed']> = {}): EventPayloads['MatchConfirmed'] {
  return {
    matchId: randomUUID(), source: 'REQUEST', menteeId: randomUUID(), mentorId: randomUUID(), programmeId: randomUUID(), cohortId: null,
    organizationId: randomUUID(), coachId: null, confirmedAt: new Date().toISOString(), menteeEnrolledAt: null, ...over,
  };
}

export interface Pair {
  id: string;
  menteeId: string;
  mentorId: string;
  organizationId: string;
  programmeId: string;
  mentee: ReturnType<typeof principal>;
  mentor: ReturnType<typeof principal>;
  coach: ReturnType<typeof principal>;
}

/** Starts a relationship the way matching does, and returns it with principals for both sides and their coach. */
export async function startRelationship(stack: Stack, over: Partial<EventPayloads['MatchConfirmed']> = {}): Promise<Pair> {
  const payload = matchPayload(over);
  await stack.publish('MatchConfirmed', payload, 'matching');
  await stack.settle();
  const [row] = await stack.sql<{ id: string }>(`SELECT id FROM relationships.relationship WHERE match_id = $1`, [payload.matchId]);
  if (!row) throw new Error('relationship not started');
  return {
    id: row.id,
    menteeId: payload.menteeId,
    mentorId: payload.mentorId,
    organizationId: payload.organizationId!,
    programmeId: payload.programmeId,
    mentee: principal('MENTEE', payload.organizationId, payload.menteeId),
    mentor: principal('MENTOR', null, payload.mentorId),
    coach: principal('COACH', payload.organizationId),
  };
}

export async function eventsFor(stack: Stack, name: string, relationshipId: string) {
  return stack.sql<{ payload: Record<string, unknown> }>(`SELECT payload FROM relationships.event_log WHERE name = $1 AND payload->>'relationshipId' = $2 ORDER BY occurred_at, id`, [name, relationshipId]);
}
