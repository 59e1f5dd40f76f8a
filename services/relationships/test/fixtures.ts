/* eslint-disable @typescript-eslint/no-explicit-any */
/** Factories for the relationships integration tests: programmes and matches played as identity's and matching's events. */
import { randomUUID } from 'node:crypto';
import type { EventPayloads } from '@tandem/contracts';
import { principal, type Stack } from '@tandem/testkit';

// @apollo/gateway otherwise reports usage to Apollo and probes cloud metadata addresses (169.254.169.254) at
// construction: no traffic may leave this machine. The gateway is read-only to this team; the lead is asked to set it there.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

type Uuid = ReturnType<typeof randomUUID>;
/** A principal for a known user id. */
export const as = (role: Parameters<typeof principal>[0], organizationId: string | null, userId: string) =>
  principal(role, organizationId, userId as Uuid);

export type Terms = EventPayloads['ProgrammeChanged']['terms'];

export async function publishProgramme(
  stack: Stack,
  terms: Terms,
  options: {
    requireSignedAgreement?: boolean;
    requireCoachSignature?: boolean;
    programmeId?: string;
    changedAt?: string;
    name?: string;
  } = {},
) {
  const programmeId = options.programmeId ?? randomUUID();
  await stack.publish(
    'ProgrammeChanged',
    {
      programmeId,
      name: options.name ?? 'Programme',
      organizationIds: [],
      terms,
      cpdCategory: 'PEER_INTERACTION',
      requireSignedAgreement: options.requireSignedAgreement ?? false,
      requireOrientation: false,
      requireCoachSignature: options.requireCoachSignature ?? false,
      maxOpenRequestsPerMentee: 3,
      requestExpiryDays: 14,
      matchingWeights: {},
      cohorts: [],
      changedAt: options.changedAt ?? new Date().toISOString(),
    },
    'identity',
  );
  await stack.settle();
  return programmeId;
}

export function matchPayload(over: Partial<EventPayloads['MatchConfirmed']> = {}): EventPayloads['MatchConfirmed'] {
  return {
    matchId: randomUUID(),
    source: 'REQUEST',
    menteeId: randomUUID(),
    mentorId: randomUUID(),
    programmeId: randomUUID(),
    cohortId: null,
    organizationId: randomUUID(),
    coachId: null,
    confirmedAt: new Date().toISOString(),
    menteeEnrolledAt: null,
    ...over,
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
export async function startRelationship(
  stack: Stack,
  over: Partial<EventPayloads['MatchConfirmed']> = {},
): Promise<Pair> {
  const payload = matchPayload(over);
  await stack.publish('MatchConfirmed', payload, 'matching');
  await stack.settle();
  const [row] = await stack.sql<{ id: string }>(`SELECT id FROM relationships.relationship WHERE match_id = $1`, [
    payload.matchId,
  ]);
  if (!row) throw new Error('relationship not started');
  return {
    id: row.id,
    menteeId: payload.menteeId,
    mentorId: payload.mentorId,
    organizationId: payload.organizationId!,
    programmeId: payload.programmeId,
    mentee: as('MENTEE', payload.organizationId, payload.menteeId),
    mentor: as('MENTOR', null, payload.mentorId),
    coach: principal('COACH', payload.organizationId),
  };
}

export async function eventsFor(stack: Stack, name: string, relationshipId: string) {
  return stack.sql<{ payload: Record<string, unknown> }>(
    `SELECT payload FROM relationships.event_log WHERE name = $1 AND payload->>'relationshipId' = $2 ORDER BY occurred_at, id`,
    [name, relationshipId],
  );
}

/** A query through the gateway that must not fail at the GraphQL level. */
export async function ok<T = any>(
  stack: Stack,
  query: string,
  variables: Record<string, unknown>,
  who: ReturnType<typeof principal>,
): Promise<T> {
  const res = await stack.gql<T>(query, variables, { as: who });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

export const LOG = `mutation ($id: ID!, $input: MeetingInput!) { logMeeting(relationshipId: $id, input: $input) { meeting { id status revision counts } errors { field code message } } }`;
export const CONFIRM = `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { meeting { id status counts notCountingReason mentorConfirmedAt menteeConfirmedAt } errors { field code } } }`;

export function meetingInput(over: Record<string, unknown> = {}) {
  return {
    occurredOn: '2026-06-01',
    startTime: '18:00',
    durationMinutes: 60,
    mode: 'IN_PERSON',
    topics: ['Getting acquainted'],
    homework: null,
    ...over,
  };
}

/** Logs a meeting as `by` and confirms it as `other`; returns the meeting id. */
export async function meetingConfirmedByBoth(
  stack: Stack,
  relationshipId: string,
  by: ReturnType<typeof principal>,
  other: ReturnType<typeof principal>,
  over: Record<string, unknown> = {},
) {
  const logged = await ok(stack, LOG, { id: relationshipId, input: meetingInput(over) }, by);
  if (logged.logMeeting.errors.length) throw new Error(JSON.stringify(logged.logMeeting.errors));
  const id = logged.logMeeting.meeting.id as string;
  const confirmed = await ok(stack, CONFIRM, { id }, other);
  if (confirmed.confirmMeeting.errors.length) throw new Error(JSON.stringify(confirmed.confirmMeeting.errors));
  return id;
}
