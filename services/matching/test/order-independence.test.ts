/**
 * Matching's read models (profiles, programmes with cohorts, enrolments, mentor load) converge whatever the order
 * and however often events arrive. Property-based: a journey's events are applied once in the order they were
 * published and, in a second universe of ids, in a random order with some delivered twice (under a new event id,
 * so the kit's dedup record does not help); the two states, ids replaced by logical names, must be equal.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '@tandem/contracts';
import {
  consumerHarness,
  deliveryOrder,
  LogicalIds,
  type ConsumerHarness,
  type PublishedEvent,
  testDatabaseUrl,
} from '@tandem/testkit';
import { matching } from '../src/service';
import { ReadModelRepository } from '../src/modules/read-models/read-model.repository';
import { MentorLoadRepository } from '../src/modules/load/mentor-load.repository';
import { readModelConsumers } from '../src/modules/read-models/read-model.consumers';
import { mentorLoadConsumers } from '../src/modules/load/mentor-load.consumers';
import { menteeProfile, mentorProfile, programme } from './fixtures';

interface Spec {
  mentorVersions: number;
  menteeVersions: number;
  programmeVersions: number;
  relationships: Array<'ACTIVE' | 'COMPLETED' | 'WITHDRAWN' | 'CONTINUED'>;
  erased: 'NOBODY' | 'MENTOR' | 'MENTEE';
}

const spec: fc.Arbitrary<Spec> = fc.record({
  mentorVersions: fc.integer({ min: 1, max: 3 }),
  menteeVersions: fc.integer({ min: 1, max: 2 }),
  programmeVersions: fc.integer({ min: 1, max: 2 }),
  relationships: fc.array(fc.constantFrom('ACTIVE', 'COMPLETED', 'WITHDRAWN', 'CONTINUED'), { maxLength: 3 }),
  erased: fc.constantFrom('NOBODY', 'NOBODY', 'MENTOR', 'MENTEE'),
});

/** The events identity and relationships publish for one mentor, one mentee and a programme, in order. */
function events(s: Spec, ids: LogicalIds): PublishedEvent[] {
  const out: PublishedEvent[] = [];
  const add = <N extends EventName>(name: N, payload: EventPayloads[N]) =>
    out.push({ name, payload } as PublishedEvent);
  const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
  const day = (n: number) => at(n * 24).slice(0, 10);
  for (let v = 0; v < s.programmeVersions; v++)
    add(
      'ProgrammeChanged',
      programme({
        programmeId: ids.of('programme'),
        name: `Programme v${v}`,
        cohorts: Array.from({ length: v + 1 }, (_, c) => ({
          cohortId: ids.of(`cohort${c}`),
          name: `Cohort ${c} v${v}`,
          startsOn: day(0),
          endsOn: day(200),
        })),
        changedAt: at(v),
      }),
    );
  for (let v = 0; v < s.mentorVersions; v++)
    add(
      'MentorProfileChanged',
      mentorProfile({
        userId: ids.of('mentor'),
        status: v === 0 ? 'PENDING_REVIEW' : 'APPROVED',
        capacity: v + 1,
        skills: v === 2 ? ['leadership', 'licensure'] : ['leadership'],
        changedAt: at(10 + v),
      }),
    );
  for (let v = 0; v < s.menteeVersions; v++)
    add(
      'MenteeProfileChanged',
      menteeProfile({ userId: ids.of('mentee'), needs: v ? ['career', 'network'] : ['career'], changedAt: at(20 + v) }),
    );
  for (const role of ['MENTOR', 'MENTEE'] as const)
    add('ProgrammeEnrolled', {
      userId: ids.of(role.toLowerCase()),
      programmeId: ids.of('programme'),
      cohortId: ids.of('cohort0'),
      role,
      organizationId: null,
      enrolledAt: at(30),
    });
  s.relationships.forEach((ending, r) => {
    const ref = {
      relationshipId: ids.of(`relationship${r}`),
      menteeId: ids.of(`mentee${r}`),
      mentorId: ids.of('mentor'),
      programmeId: ids.of('programme'),
      organizationId: null,
    };
    add('RelationshipStarted', {
      ...ref,
      matchId: ids.of(`match${r}`),
      cohortId: null,
      startedOn: day(2 + r),
      plannedEndOn: day(120),
    });
    const figures = { confirmedHours: 4, confirmedMeetings: 3 };
    if (ending === 'WITHDRAWN')
      add('RelationshipWithdrawn', {
        ...ref,
        withdrawnBy: ref.menteeId,
        reason: 'moved',
        withdrawnOn: day(40),
        ...figures,
      });
    if (ending === 'COMPLETED' || ending === 'CONTINUED')
      add('RelationshipCompleted', { ...ref, completedOn: day(60), ...figures, metTerms: true });
    if (ending === 'CONTINUED') add('RelationshipContinued', { ...ref, continuedOn: day(70) });
  });
  if (s.erased !== 'NOBODY')
    add('UserErased', { userId: ids.of(s.erased.toLowerCase()), pseudonym: 'Erased person', erasedAt: at(90) });
  return out;
}

let harness: ConsumerHarness;

beforeAll(async () => {
  harness = await consumerHarness(
    testDatabaseUrl(),
    matching.schema,
    [readModelConsumers, mentorLoadConsumers],
    () => ({
      readModels: new ReadModelRepository(),
      load: new MentorLoadRepository(),
    }),
  );
});
afterAll(async () => {
  await harness?.stop();
});

async function play(s: Spec, order?: number[]) {
  const ids = new LogicalIds();
  const list = events(s, ids);
  for (const i of order ?? list.map((_, k) => k)) await harness.deliver(list[i]);
  const rows = async (sql: string, volatile: string[] = []) =>
    (await harness.db.query<Record<string, unknown>>(sql, [ids.all]))
      .map((row) => JSON.stringify(row, (k, v: unknown) => (volatile.includes(k) ? undefined : ids.name(v))))
      .sort();
  return {
    // search_version is a sequence number of the write (search's freshness marker), not state: it differs per run
    mentor: await rows(`SELECT * FROM mentor_profile WHERE user_id = ANY($1::uuid[])`, ['search_version']),
    mentee: await rows(`SELECT * FROM mentee_profile WHERE user_id = ANY($1::uuid[])`),
    programme: await rows(`SELECT * FROM programme WHERE id = ANY($1::uuid[])`),
    cohort: await rows(`SELECT * FROM cohort WHERE id = ANY($1::uuid[])`),
    enrolment: await rows(`SELECT * FROM enrolment WHERE user_id = ANY($1::uuid[])`),
    relationships: await rows(`SELECT * FROM mentor_relationship WHERE relationship_id = ANY($1::uuid[])`),
    load: await rows(`SELECT * FROM mentor_load WHERE user_id = ANY($1::uuid[])`),
  };
}

describe('matching read models whatever the order of events', () => {
  it('should converge to the in-order state when events arrive in any order, some twice', async () => {
    const journeys = spec.chain((s) =>
      deliveryOrder(events(s, new LogicalIds()).length).map((order) => ({ s, order })),
    );
    await fc.assert(
      fc.asyncProperty(journeys, async ({ s, order }) => {
        const inOrder = await play(s);
        expect(await play(s, order)).toEqual(inOrder);
        expect(inOrder.mentor.length).toBe(s.erased === 'MENTOR' ? 0 : 1);
        // the mentor's seats: relationships still active, a continued one included
        const active = s.relationships.filter((r) => r === 'ACTIVE' || r === 'CONTINUED').length;
        expect(inOrder.load.map((row) => JSON.parse(row).active_mentees)).toEqual(
          s.erased === 'MENTOR' ? [] : [active],
        );
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
