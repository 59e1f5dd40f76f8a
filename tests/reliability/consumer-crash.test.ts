/**
 * An event consumer dies mid-batch (its database connections are cut while it drains its inbox, then the
 * process stops) and some events are delivered twice: once it is back, every event has been applied
 * exactly once in effect — one CPD entry per person per confirmed meeting with the hash chain intact, one
 * relationship per confirmed match.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { EventEnvelope, EventName, EventPayloads } from '@tandem/contracts';
import { runService, type ServiceDefinition } from '@tandem/subgraph-kit';
import { eventually, principal, startStack, type Stack, isolatedDatabase, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;

beforeAll(async () => {
  // a database of its own: connections are cut by application name, which other files' services share
  database = await isolatedDatabase(testDatabaseUrl(), [reporting, relationships]);
  stack = await startStack({ databaseUrl: database.url, services: [reporting, relationships] });
}, 120_000);
afterAll(async () => {
  await stack?.stop().catch(() => {});
  await database?.drop();
});

/**
 * Delivers an envelope to every subscribed inbox as the producer's outbox does, with a short delivery
 * timeout (producers use 60 s) so that deliveries held by the killed consumer come back quickly. Called
 * twice with the same envelope, it is a redelivery (same event id).
 */
async function deliver<N extends EventName>(envelope: EventEnvelope<N>): Promise<EventEnvelope<N>> {
  const queues = await stack.sql<{ name: string }>(`SELECT name FROM pgboss.subscription WHERE event = $1`, [
    envelope.name,
  ]);
  for (const { name } of queues) {
    await stack.sql(
      `INSERT INTO pgboss.job (name, data, retry_limit, retry_delay, retry_backoff, expire_in) VALUES ($1, $2, 12, 1, false, interval '8 seconds')`,
      [name, JSON.stringify(envelope)],
    );
  }
  return envelope;
}

function envelope<N extends EventName>(name: N, payload: EventPayloads[N], producer: string): EventEnvelope<N> {
  return {
    id: randomUUID(),
    name,
    version: 1,
    occurredAt: new Date().toISOString(),
    producer,
    payload,
  } as EventEnvelope<N>;
}

/** Cuts every database connection a service holds (its pool and its event consumer), mid-transaction. */
async function cutConnections(service: string) {
  const rows = await stack.sql<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name IN ($1, $2)`,
    [service, `${service}-events`],
  );
  return rows[0].n;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function restart(name: 'reporting' | 'relationships', definition: ServiceDefinition<any>) {
  const { port } = stack.services[name].server;
  const env = stack.services[name].runtime.env;
  await stack.services[name].stop().catch(() => {});
  stack.services[name] = await runService(
    definition,
    { ...env, PORT: port },
    { log: pino({ level: 'silent' }), runJobs: false },
  );
}

describe('a consumer killed mid-batch', () => {
  it('should apply every MeetingConfirmed exactly once in effect (CPD ledger) and every MatchConfirmed once (relationships)', async () => {
    const programmeId = randomUUID();
    const organizationId = randomUUID();
    await stack.publish(
      'ProgrammeChanged',
      {
        programmeId,
        name: 'Crash test programme',
        organizationIds: [organizationId],
        terms: { targetHours: 3, durationWeeks: 26, minMeetings: 3, hoursOrMeetings: true },
        cpdCategory: 'Peer interaction',
        requireSignedAgreement: false,
        requireOrientation: false,
        maxOpenRequestsPerMentee: 3,
        requestExpiryDays: 14,
        matchingWeights: {},
        cohorts: [],
        changedAt: '2026-01-01T00:00:00Z',
      },
      'identity',
    );
    const mentorId = randomUUID();
    const menteeId = randomUUID();
    const relationshipId = randomUUID();
    const rel = { relationshipId, menteeId, mentorId, programmeId, organizationId };
    await stack.publish(
      'RelationshipStarted',
      { ...rel, matchId: randomUUID(), cohortId: null, startedOn: '2026-01-05', plannedEndOn: '2026-12-31' },
      'relationships',
    );
    await stack.settle();

    // a burst: 120 confirmed meetings for reporting, 30 confirmed matches for relationships
    const meetings: Array<EventEnvelope<'MeetingConfirmed'>> = [];
    for (let i = 0; i < 120; i++) {
      const day = new Date(Date.UTC(2026, 0, 6) + i * 86_400_000).toISOString().slice(0, 10);
      meetings.push(
        await deliver(
          envelope(
            'MeetingConfirmed',
            {
              ...rel,
              meetingId: randomUUID(),
              amendsMeetingId: null,
              revision: 1,
              occurredOn: day,
              startTime: '18:00',
              durationMinutes: 30,
              mode: 'VIDEO',
              topics: ['Crash test'],
              homework: null,
              confirmedByMentorAt: `${day}T20:00:00.000Z`,
              confirmedByMenteeAt: `${day}T21:00:00.000Z`,
            },
            'relationships',
          ),
        ),
      );
    }
    const matches: Array<EventEnvelope<'MatchConfirmed'>> = [];
    for (let i = 0; i < 30; i++) {
      matches.push(
        await deliver(
          envelope(
            'MatchConfirmed',
            {
              matchId: randomUUID(),
              source: 'REQUEST',
              menteeId: randomUUID(),
              mentorId: randomUUID(),
              programmeId,
              cohortId: null,
              organizationId,
              coachId: null,
              confirmedAt: new Date().toISOString(),
              menteeEnrolledAt: null,
            },
            'matching',
          ),
        ),
      );
    }

    for (const s of Object.values(stack.services)) s.runtime.events.wake();

    // kill both consumers while they are draining
    const applied = async () =>
      (
        await stack.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM reporting.cpd_entry WHERE relationship_id = $1`,
          [relationshipId],
        )
      )[0].n;
    await eventually(async () => expect(await applied()).toBeGreaterThan(0), 20_000, 5);
    const before = await applied();
    expect(before).toBeLessThan(240); // mid-batch, not after
    expect(await cutConnections('reporting')).toBeGreaterThan(0);
    await cutConnections('relationships');
    await restart('reporting', reporting);
    await restart('relationships', relationships);

    // the outbox delivers some events again after the crash
    for (const e of [...meetings.slice(0, 10), ...meetings.slice(-5)]) await deliver(e);
    for (const e of matches.slice(0, 5)) await deliver(e);
    for (const s of Object.values(stack.services)) s.runtime.events.wake();
    await stack.settle(120_000);

    // exactly once in effect: one MEETING entry per person per meeting, none twice
    const perPerson = await stack.sql<{ user_id: string; n: number; meetings: number }>(
      `SELECT user_id, count(*)::int AS n, count(DISTINCT meeting_id)::int AS meetings FROM reporting.cpd_entry WHERE relationship_id = $1 AND kind = 'MEETING' GROUP BY user_id ORDER BY user_id`,
      [relationshipId],
    );
    expect(perPerson).toEqual([mentorId, menteeId].sort().map((user_id) => ({ user_id, n: 120, meetings: 120 })));
    for (const [userId, role] of [
      [mentorId, 'MENTOR'],
      [menteeId, 'MENTEE'],
    ] as const) {
      const res = await stack.gql<{ verifyCpdLedger: { intact: boolean; entries: number } }>(
        `query ($id: ID!) { verifyCpdLedger(userId: $id) { intact entries } }`,
        { id: userId },
        { as: principal(role, organizationId, userId) },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.verifyCpdLedger).toEqual({ intact: true, entries: 120 });
    }

    // no missing and no duplicate relationship
    const rels = await stack.sql<{ match_id: string; n: number }>(
      `SELECT match_id, count(*)::int AS n FROM relationships.relationship WHERE match_id = ANY($1::uuid[]) GROUP BY match_id`,
      [matches.map((m) => m.payload.matchId)],
    );
    expect(rels).toHaveLength(30);
    expect(rels.every((r) => r.n === 1)).toBe(true);
  }, 180_000);
});
