/**
 * Reporting's read models converge whatever the order and however often events arrive. Property-based: a
 * realistic journey's events (journeys.ts) are applied once in the order they were published, and, in a second
 * universe of ids, in a random order with some delivered twice (as a redelivery under a new event id would be, so
 * the kit's dedup record does not help); the two results, ids replaced by their logical names, must be equal.
 *
 * What is compared (what converges): every row reporting keeps of the journey's people, programme, enrolments,
 * reviews, requests, match, relationship (and its transitions), meetings, goals and feedback; where each mentor
 * approval was counted; the CPD ledger per person as the multiset of (kind, meeting, revision, day, hours) with
 * the same net total and an intact hash chain (the order of the entries in the chain may differ); and the
 * programme's daily analytics (every counter, feedback sums). Not compared: the industry a count was filed under
 * and a ledger entry's CPD category, which are taken from what reporting knows when the fact is counted (see the
 * README's "Order of events").
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@tandem/subgraph-kit';
import { consumerHarness, LogicalIds, type ConsumerHarness, testDatabaseUrl } from '@tandem/testkit';
import { reporting } from '../src/service';
import { PeopleRepository } from '../src/modules/read-models/people.repository';
import { ProgrammeRepository } from '../src/modules/read-models/programme.repository';
import { MatchingRepository } from '../src/modules/read-models/matching.repository';
import { RelationshipRepository } from '../src/modules/read-models/relationship.repository';
import { MeetingRepository } from '../src/modules/read-models/meeting.repository';
import { StatsRollupRepository } from '../src/modules/stats/stats-rollup.repository';
import { LedgerRepository } from '../src/modules/cpd/ledger.repository';
import { verifyChain } from '../src/modules/cpd/ledger-hash';
import { peopleConsumers } from '../src/modules/read-models/people.consumers';
import { programmeConsumers } from '../src/modules/read-models/programme.consumers';
import { matchingConsumers } from '../src/modules/read-models/matching.consumers';
import { relationshipConsumers } from '../src/modules/read-models/relationship.consumers';
import { meetingConsumers } from '../src/modules/read-models/meeting.consumers';
import { cpdConsumers, type CpdDeps } from '../src/modules/cpd/cpd.consumers';
import type { ReadModelDeps } from '../src/modules/read-models/read-model.deps';
import { journeyDelivery, journeyEvents, type JourneyEvent, type JourneySpec } from './journeys';

let harness: ConsumerHarness;
let db: Database;
let ledger: LedgerRepository;

beforeAll(async () => {
  // the modules' consumers in the composition root's order, as the kit runs them
  harness = await consumerHarness<ReadModelDeps & CpdDeps>(
    testDatabaseUrl(),
    reporting.schema,
    [peopleConsumers, programmeConsumers, matchingConsumers, relationshipConsumers, meetingConsumers, cpdConsumers],
    (database) => {
      ledger = new LedgerRepository(database);
      return {
        people: new PeopleRepository(database),
        programmes: new ProgrammeRepository(database),
        matching: new MatchingRepository(database),
        relationships: new RelationshipRepository(database),
        meetings: new MeetingRepository(database),
        rollups: new StatsRollupRepository(),
        ledger,
      };
    },
  );
  db = harness.db;
});
afterAll(async () => {
  await harness?.stop();
});

const deliver = (event: JourneyEvent) => harness.deliver(event);

/** Rows with uuids replaced by logical names and dates as ISO text, sorted, without the named columns. */
function named(ids: LogicalIds, rows: Array<Record<string, unknown>>, without: string[] = []): string[] {
  return rows
    .map((row) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(row)
            .filter(([k]) => !without.includes(k))
            .map(([k, v]) => [
              k,
              v instanceof Date
                ? v.toISOString()
                : Array.isArray(v)
                  ? v.map((x) => ids.name(x))
                  : typeof v === 'string' && /^-?\d+\.\d+$/.test(v)
                    ? Number(v)
                    : ids.name(v),
            ]),
        ),
      ),
    )
    .sort();
}

/** Everything reporting keeps of the journey of this universe, by logical name. */
async function state(ids: LogicalIds) {
  const all = ids.all;
  const q = (sql: string) => db.query<Record<string, unknown>>(sql, [all]);
  const chains = await Promise.all(
    [ids.of('mentor'), ids.of('mentee')].map(async (u) => verifyChain(await ledger.chainOf(u)).intact),
  );
  return {
    person: named(ids, await q(`SELECT * FROM person WHERE user_id = ANY($1::uuid[])`)),
    review: named(ids, await q(`SELECT * FROM mentor_review WHERE user_id = ANY($1::uuid[])`)),
    approvalCounted: named(ids, await q(`SELECT * FROM mentor_approval_count WHERE user_id = ANY($1::uuid[])`), [
      'industry_code',
    ]),
    enrolment: named(ids, await q(`SELECT * FROM enrolment WHERE user_id = ANY($1::uuid[])`)),
    programme: named(ids, await q(`SELECT * FROM programme WHERE id = ANY($1::uuid[])`)),
    cohort: named(ids, await q(`SELECT * FROM cohort WHERE id = ANY($1::uuid[])`)),
    request: named(ids, await q(`SELECT * FROM mentoring_request WHERE id = ANY($1::uuid[])`)),
    match: named(ids, await q(`SELECT * FROM match WHERE id = ANY($1::uuid[])`), ['industry_code']),
    relationship: named(ids, await q(`SELECT * FROM relationship WHERE id = ANY($1::uuid[])`), ['industry_code']),
    transitions: named(ids, await q(`SELECT * FROM relationship_transition WHERE relationship_id = ANY($1::uuid[])`)),
    meeting: named(ids, await q(`SELECT * FROM meeting WHERE relationship_id = ANY($1::uuid[])`)),
    goals: named(ids, await q(`SELECT * FROM goal_achieved WHERE relationship_id = ANY($1::uuid[])`)),
    feedback: named(ids, await q(`SELECT * FROM feedback WHERE relationship_id = ANY($1::uuid[])`)),
    ledger: named(
      ids,
      await q(
        `SELECT user_id, kind, role, relationship_id, programme_id, counterpart_id, meeting_id, revision, occurred_on::text, hours::float8
         FROM cpd_entry WHERE user_id = ANY($1::uuid[])`,
      ),
    ),
    ledgerTotals: named(
      ids,
      await q(`SELECT user_id, sum(hours)::float8 AS hours FROM cpd_entry WHERE user_id = ANY($1::uuid[]) GROUP BY 1`),
    ),
    chainsIntact: chains,
    // a row whose counts went back to zero (a count moved elsewhere) is the same as no row
    programmeDaily: named(
      ids,
      (await q(`SELECT * FROM stats_programme_daily WHERE programme_id = ANY($1::uuid[])`)).filter((row) =>
        Object.entries(row).some(([k, v]) => k !== 'programme_id' && k !== 'day' && Number(v) !== 0),
      ),
    ),
    feedbackDaily: named(
      ids,
      await q(
        `SELECT day::text, question, sum(rating_sum)::float8 AS sum, sum(responses)::int AS responses FROM stats_feedback_daily
         WHERE programme_id = ANY($1::uuid[]) GROUP BY 1, 2`,
      ),
    ),
  };
}

async function play(spec: JourneySpec, order?: number[]) {
  const ids = new LogicalIds();
  const events = journeyEvents(spec, ids);
  for (const i of order ?? events.map((_, k) => k)) await deliver(events[i]);
  return state(ids);
}

const countMeetings = (spec: JourneySpec) =>
  spec.meetings.reduce((n, m) => n + 1 + (m.outcome === 'CONFIRMED' ? m.amendments : 0), 0);

describe('reporting read models whatever the order of events', () => {
  it('should keep a meeting disputed before it was logged on its day, in the period and out of the evidence', async () => {
    const spec: JourneySpec = {
      mentorProfiles: 1,
      menteeProfiles: 1,
      declinedFirst: false,
      meetings: [{ outcome: 'DISPUTED', amendments: 0, minutes: 60 }],
      goals: 0,
      ending: 'NONE',
    };
    const ids = new LogicalIds();
    const events = journeyEvents(spec, ids);
    const disputed = events.findIndex((e) => e.name === 'MeetingDisputed');
    const logged = events.findIndex((e) => e.name === 'MeetingLogged');
    const order = events.map((_, i) => i).filter((i) => i !== disputed && i !== logged);
    for (const i of [...order, disputed, logged]) await deliver(events[i]);
    const [meeting] = await db.query<{ status: string; occurredOn: string }>(
      `SELECT status, occurred_on::text AS "occurredOn" FROM meeting WHERE id = $1`,
      [ids.of('meeting0')],
    );
    const logEvent = events[logged];
    expect(meeting).toEqual({
      status: 'DISPUTED',
      occurredOn: logEvent.name === 'MeetingLogged' ? logEvent.payload.occurredOn : null,
    });
  });

  it('should converge to the in-order state for journeys delivered in any order, some events twice', async () => {
    await fc.assert(
      fc.asyncProperty(journeyDelivery, async ({ spec, order }) => {
        const inOrder = await play(spec);
        const shuffled = await play(spec, order);
        expect(shuffled).toEqual(inOrder);
        expect(inOrder.chainsIntact).toEqual([true, true]);
        // the journey was there to compare
        expect(inOrder.meeting.length).toBe(countMeetings(spec));
        expect(inOrder.programmeDaily.length).toBeGreaterThan(3);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
