import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayloads } from '@tandem/contracts';
import { principal, isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { matching } from '../src/service';
import { given, mentor, menteeProfile, mentorProfile, programme } from './fixtures';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
beforeAll(async () => {
  // its own database, so no other file's services consume the events published here
  database = await isolatedDatabase(testDatabaseUrl(), [matching]);
  stack = await startStack({ databaseUrl: database.url, services: [matching] });
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

const RUN_FIELDS = `id status objective matchedCount totalScore pairs { mentee { id } mentor { id } score locked explanation { criterion contribution matched } } unmatched { mentee { id } reason detail }`;
const RUN = `mutation ($c: ID!, $o: CohortMatchObjective!) { runCohortMatching(cohortId: $c, objective: $o) { run { ${RUN_FIELDS} } errors { code } } }`;
const LOCK = `mutation ($c: ID!, $e: ID!, $m: ID!) { lockCohortPair(cohortId: $c, menteeId: $e, mentorId: $m) { rule { rule } errors { code } } }`;
const EXCLUDE = `mutation ($c: ID!, $e: ID!, $m: ID!) { excludeCohortPair(cohortId: $c, menteeId: $e, mentorId: $m) { rule { rule } errors { code } } }`;
const PUBLISH = `mutation ($r: ID!) { publishCohortMatchRun(runId: $r) { run { status } proposals { id mentee { id } mentor { id } status runId } errors { field code } } }`;

type Run = {
  id: string;
  status: string;
  matchedCount: number;
  totalScore: number;
  pairs: Array<{
    mentee: { id: string };
    mentor: { id: string };
    score: number;
    locked: boolean;
    explanation: Array<{ criterion: string; contribution: number; matched: string[] }>;
  }>;
  unmatched: Array<{ mentee: { id: string }; reason: string; detail: string }>;
};

describe('cohort matching', () => {
  it('should assign optimally under capacities and hard rules, explain each pair and unmatched mentee, and honour locks and exclusions', async () => {
    const org = randomUUID();
    const cohortId = randomUUID();
    const prog = programme({
      organizationIds: [org],
      cohorts: [{ cohortId, name: 'Fall', startsOn: '2026-09-01', endsOn: '2026-12-31' }],
      matchingWeights: {},
    });
    const civil = { code: '21300', label: 'Civil engineers' };
    const nurse = { code: '31301', label: 'Nurses' };
    // A: civil engineer, capacity 1, works at Acme. B: nurse, capacity 1.
    const A = mentorProfile({ displayName: 'A', occupation: civil, employer: 'Acme', capacity: 1 });
    const B = mentorProfile({ displayName: 'B', occupation: nurse, capacity: 1 });
    // e1, e2 civil engineers (e2 works at Acme: conflict with A); e3 nurse; e4 in the nursing family (scores .5 with B, which has one place)
    const e1 = menteeProfile({ displayName: 'e1', occupation: civil, organizationId: org });
    const e2 = menteeProfile({ displayName: 'e2', occupation: civil, employer: 'ACME ', organizationId: org });
    const e3 = menteeProfile({ displayName: 'e3', occupation: nurse, organizationId: org });
    const e4 = menteeProfile({
      displayName: 'e4',
      occupation: { code: '31302', label: 'Nurse practitioners' },
      organizationId: org,
    });
    const enrol = (
      userId: string,
      role: 'MENTOR' | 'MENTEE',
      at: string,
    ): ['ProgrammeEnrolled', EventPayloads['ProgrammeEnrolled']] => [
      'ProgrammeEnrolled',
      { userId, programmeId: prog.programmeId, cohortId, role, organizationId: org, enrolledAt: at },
    ];
    await given(
      stack,
      ['ProgrammeChanged', prog],
      ...[A, B].map((m) => ['MentorProfileChanged', m] as ['MentorProfileChanged', typeof m]),
      ...[e1, e2, e3, e4].map((m) => ['MenteeProfileChanged', m] as ['MenteeProfileChanged', typeof m]),
      enrol(A.userId, 'MENTOR', '2026-08-01T00:00:00Z'),
      enrol(B.userId, 'MENTOR', '2026-08-01T00:00:00Z'),
      enrol(e1.userId, 'MENTEE', '2026-08-02T00:00:00Z'),
      enrol(e2.userId, 'MENTEE', '2026-08-03T00:00:00Z'),
      enrol(e3.userId, 'MENTEE', '2026-08-04T00:00:00Z'),
      enrol(e4.userId, 'MENTEE', '2026-08-05T00:00:00Z'),
    );
    const coach = principal('COACH', org);

    const outsider = await stack.gql(
      RUN,
      { c: cohortId, o: 'MAX_TOTAL_SCORE' },
      { as: principal('COACH', randomUUID()) },
    );
    expect(outsider.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const first = (
      await stack.gql<{ runCohortMatching: { run: Run } }>(RUN, { c: cohortId, o: 'MAX_TOTAL_SCORE' }, { as: coach })
    ).data!.runCohortMatching.run;
    const pairsOf = (run: Run) => Object.fromEntries(run.pairs.map((p) => [p.mentee.id, p.mentor.id]));
    // only occupation is used: e1–A and e3–B score 1; e2 conflicts with A (same employer) and would score 0 with B
    expect(pairsOf(first)).toEqual({ [e1.userId]: A.userId, [e3.userId]: B.userId });
    expect(first.totalScore).toBeCloseTo(2, 6);
    expect(first.pairs[0].explanation).toEqual([
      { criterion: 'OCCUPATION', contribution: 1, matched: expect.any(Array) },
    ]);
    const reasons = Object.fromEntries(first.unmatched.map((u) => [u.mentee.id, u.reason]));
    expect(reasons).toEqual({ [e2.userId]: 'CAPACITY_EXHAUSTED', [e4.userId]: 'CAPACITY_EXHAUSTED' });

    // the coach excludes e3–B and locks e4–B: rerun
    expect(
      (
        await stack.gql<{ excludeCohortPair: { rule: { rule: string } } }>(
          EXCLUDE,
          { c: cohortId, e: e3.userId, m: B.userId },
          { as: coach },
        )
      ).data!.excludeCohortPair.rule.rule,
    ).toBe('EXCLUDED');
    await stack.gql(LOCK, { c: cohortId, e: e4.userId, m: B.userId }, { as: coach });
    const second = (
      await stack.gql<{ runCohortMatching: { run: Run } }>(RUN, { c: cohortId, o: 'MAX_MATCHED' }, { as: coach })
    ).data!.runCohortMatching.run;
    expect(pairsOf(second)).toEqual({ [e1.userId]: A.userId, [e4.userId]: B.userId });
    expect(second.pairs.find((p) => p.mentee.id === e4.userId)!.locked).toBe(true);
    const why = Object.fromEntries(second.unmatched.map((u) => [u.mentee.id, u.reason]));
    // e2: A conflicts, B is full (locked); e3: A's place went to e1 and B is excluded
    expect(why).toEqual({ [e2.userId]: 'CAPACITY_EXHAUSTED', [e3.userId]: 'CAPACITY_EXHAUSTED' });

    // exclude e2's only other mentor: e2 has no eligible mentor left
    await stack.gql(EXCLUDE, { c: cohortId, e: e2.userId, m: B.userId }, { as: coach });
    const third = (
      await stack.gql<{ runCohortMatching: { run: Run } }>(RUN, { c: cohortId, o: 'MAX_MATCHED' }, { as: coach })
    ).data!.runCohortMatching.run;
    expect(third.unmatched.find((u) => u.mentee.id === e2.userId)!.reason).toBe('ALL_EXCLUDED');

    // publish: proposals to the mentors, the run is published once
    const published = await stack.gql<{
      publishCohortMatchRun: {
        run: { status: string };
        proposals: Array<{ mentee: { id: string }; mentor: { id: string }; status: string; runId: string }>;
        errors: unknown[];
      };
    }>(PUBLISH, { r: third.id }, { as: coach });
    expect(published.data!.publishCohortMatchRun.run.status).toBe('PUBLISHED');
    expect(
      published.data!.publishCohortMatchRun.proposals.map((p) => [p.mentee.id, p.mentor.id, p.status, p.runId]).sort(),
    ).toEqual(
      [
        [e1.userId, A.userId, 'PROPOSED', third.id],
        [e4.userId, B.userId, 'PROPOSED', third.id],
      ].sort(),
    );
    const events = await stack.sql(
      `SELECT count(*)::int AS n FROM matching.event_log WHERE name = 'MatchProposed' AND payload->>'runId' = $1`,
      [third.id],
    );
    expect(events[0].n).toBe(2);
    const again = await stack.gql<{ publishCohortMatchRun: { errors: Array<{ code: string }> } }>(
      PUBLISH,
      { r: third.id },
      { as: coach },
    );
    expect(again.data!.publishCohortMatchRun.errors[0].code).toBe('ALREADY_PUBLISHED');

    // the mentor confirms a published proposal like any other
    const proposalId = (
      await stack.sql<{ id: string }>(`SELECT id FROM matching.match_proposal WHERE run_id = $1 AND mentor_id = $2`, [
        third.id,
        A.userId,
      ])
    )[0].id;
    const confirmed = await stack.gql<{ confirmMatchProposal: { proposal: { status: string } } }>(
      `mutation ($id: ID!) { confirmMatchProposal(proposalId: $id) { proposal { status } } }`,
      { id: proposalId },
      { as: mentor(A.userId) },
    );
    expect(confirmed.data!.confirmMatchProposal.proposal.status).toBe('CONFIRMED');

    // access to runs: coaches of the programme's organisations and admins
    const GET = `query ($id: ID!) { cohortMatchRun(id: $id) { id } }`;
    expect(
      (await stack.gql<{ cohortMatchRun: { id: string } }>(GET, { id: third.id }, { as: principal('PROGRAMME_ADMIN') }))
        .data!.cohortMatchRun.id,
    ).toBe(third.id);
    expect(
      (await stack.gql(GET, { id: third.id }, { as: principal('COACH', randomUUID()) })).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    expect((await stack.gql(GET, { id: third.id }, { as: mentor(A.userId) })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on CohortMatchRun { id } } }`;
    const foreign = await stack.subgraph<{ _entities: unknown[] }>(
      'matching',
      ENTITIES,
      { r: [{ __typename: 'CohortMatchRun', id: third.id }] },
      { as: principal('COACH', randomUUID()) },
    );
    expect(foreign.data!._entities).toEqual([null]);
  });

  it("should match a coach's own organisation's mentees from the cohort's shared mentors, and keep each organisation's runs and rules to itself", async () => {
    const [orgA, orgB] = [randomUUID(), randomUUID()];
    const cohortId = randomUUID();
    const prog = programme({
      organizationIds: [orgA, orgB],
      cohorts: [{ cohortId, name: 'Shared', startsOn: '2026-09-01', endsOn: '2026-12-31' }],
      matchingWeights: {},
    });
    const civil = { code: '21300', label: 'Civil engineers' };
    const M = mentorProfile({ displayName: 'M', occupation: civil, capacity: 2 });
    const a = menteeProfile({ displayName: 'a', occupation: civil, organizationId: orgA });
    const b = menteeProfile({ displayName: 'b', occupation: civil, organizationId: orgB });
    const enrol = (
      userId: string,
      role: 'MENTOR' | 'MENTEE',
      organizationId: string,
    ): ['ProgrammeEnrolled', EventPayloads['ProgrammeEnrolled']] => [
      'ProgrammeEnrolled',
      { userId, programmeId: prog.programmeId, cohortId, role, organizationId, enrolledAt: '2026-08-01T00:00:00Z' },
    ];
    await given(
      stack,
      ['ProgrammeChanged', prog],
      ['MentorProfileChanged', M],
      ['MenteeProfileChanged', a],
      ['MenteeProfileChanged', b],
      enrol(M.userId, 'MENTOR', orgB),
      enrol(a.userId, 'MENTEE', orgA),
      enrol(b.userId, 'MENTEE', orgB),
    );
    const [coachA, coachB, admin] = [principal('COACH', orgA), principal('COACH', orgB), principal('PROGRAMME_ADMIN')];
    const SCOPED = `mutation ($c: ID!, $org: ID) { runCohortMatching(cohortId: $c, organizationId: $org) { run { id organizationId pairs { mentee { id } mentor { id } } unmatched { mentee { id } } } errors { field code } } }`;
    type Scoped = {
      runCohortMatching: {
        run: {
          id: string;
          organizationId: string | null;
          pairs: Array<{ mentee: { id: string }; mentor: { id: string } }>;
          unmatched: unknown[];
        } | null;
        errors: Array<{ field: string; code: string }>;
      };
    };
    const menteesOf = (run: NonNullable<Scoped['runCohortMatching']['run']>) =>
      run.pairs.map((p) => p.mentee.id).sort();

    // coach A matches A's mentee only, with the mentor enrolled through B (the pool is shared)
    const runA = (await stack.gql<Scoped>(SCOPED, { c: cohortId }, { as: coachA })).data!.runCohortMatching.run!;
    expect(runA.organizationId).toBe(orgA);
    expect(runA.pairs.map((p) => [p.mentee.id, p.mentor.id])).toEqual([[a.userId, M.userId]]);
    expect(runA.unmatched).toEqual([]);
    // a coach cannot name another organisation; an admin may name one, or run the whole cohort
    expect(
      (await stack.gql<Scoped>(SCOPED, { c: cohortId, org: orgB }, { as: coachA })).data!.runCohortMatching.errors,
    ).toEqual([{ field: 'organizationId', code: 'NOT_YOURS' }]);
    const adminB = (await stack.gql<Scoped>(SCOPED, { c: cohortId, org: orgB }, { as: admin })).data!.runCohortMatching
      .run!;
    expect([adminB.organizationId, menteesOf(adminB)]).toEqual([orgB, [b.userId]]);
    const whole = (await stack.gql<Scoped>(SCOPED, { c: cohortId }, { as: admin })).data!.runCohortMatching.run!;
    expect([whole.organizationId, menteesOf(whole)]).toEqual([null, [a.userId, b.userId].sort()]);
    expect(
      (await stack.gql<Scoped>(SCOPED, { c: cohortId, org: randomUUID() }, { as: admin })).data!.runCohortMatching
        .errors[0].code,
    ).toBe('NOT_A_PARTNER');

    // runs: coach B sees neither A's run nor the whole-cohort run (they name A's mentee), only B's
    const RUNS = `query ($c: ID!) { cohortMatchRuns(cohortId: $c) { id } }`;
    const runsFor = async (as: ReturnType<typeof principal>) =>
      (await stack.gql<{ cohortMatchRuns: Array<{ id: string }> }>(RUNS, { c: cohortId }, { as }))
        .data!.cohortMatchRuns.map((r) => r.id)
        .sort();
    expect(await runsFor(coachB)).toEqual([adminB.id]);
    expect(await runsFor(coachA)).toEqual([runA.id]);
    expect(await runsFor(admin)).toEqual([runA.id, adminB.id, whole.id].sort());
    // the same runs as a connection, newest first, with the total (the deprecated list answers as before)
    const PAGE = `query ($c: ID!, $after: String) { cohortMatchRunsConnection(cohortId: $c, first: 2, after: $after) {
      totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      cohortMatchRunsConnection: {
        totalCount: number;
        edges: Array<{ node: { id: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const page1 = (await stack.gql<Page>(PAGE, { c: cohortId }, { as: admin })).data!.cohortMatchRunsConnection;
    expect(page1.totalCount).toBe(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await stack.gql<Page>(PAGE, { c: cohortId, after: page1.pageInfo.endCursor }, { as: admin })).data!
      .cohortMatchRunsConnection;
    expect([...page1.edges, ...page2.edges].map((e) => e.node.id)).toEqual([whole.id, adminB.id, runA.id]);
    const coachBPage = (await stack.gql<Page>(PAGE, { c: cohortId }, { as: coachB })).data!.cohortMatchRunsConnection;
    expect([coachBPage.totalCount, coachBPage.edges.map((e) => e.node.id)]).toEqual([1, [adminB.id]]);
    const GET = `query ($id: ID!) { cohortMatchRun(id: $id) { id } }`;
    for (const id of [runA.id, whole.id])
      expect((await stack.gql(GET, { id }, { as: coachB })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await stack.gql(PUBLISH, { r: runA.id }, { as: coachB })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on CohortMatchRun { id } } }`;
    expect(
      (
        await stack.subgraph<{ _entities: unknown[] }>(
          'matching',
          ENTITIES,
          { r: [{ __typename: 'CohortMatchRun', id: runA.id }] },
          { as: coachB },
        )
      ).data!._entities,
    ).toEqual([null]);

    // rules: coach B cannot lock or exclude A's mentee, and sees only rules about B's mentees
    const lockA = await stack.gql<{ lockCohortPair: { errors: Array<{ code: string }> } }>(
      LOCK,
      { c: cohortId, e: a.userId, m: M.userId },
      { as: coachB },
    );
    expect(lockA.data!.lockCohortPair.errors[0].code).toBe('UNKNOWN');
    await stack.gql(EXCLUDE, { c: cohortId, e: a.userId, m: M.userId }, { as: coachA });
    const RULES = `query ($c: ID!) { cohortPairRules(cohortId: $c) { mentee { id } rule } }`;
    expect(
      (await stack.gql<{ cohortPairRules: unknown[] }>(RULES, { c: cohortId }, { as: coachB })).data!.cohortPairRules,
    ).toEqual([]);
    expect(
      (await stack.gql<{ cohortPairRules: unknown[] }>(RULES, { c: cohortId }, { as: coachA })).data!.cohortPairRules,
    ).toEqual([{ mentee: { id: a.userId }, rule: 'EXCLUDED' }]);
    const cleared = await stack.gql<{ clearCohortPairRule: boolean }>(
      `mutation ($c: ID!, $e: ID!, $m: ID!) { clearCohortPairRule(cohortId: $c, menteeId: $e, mentorId: $m) }`,
      { c: cohortId, e: a.userId, m: M.userId },
      { as: coachB },
    );
    expect(cleared.data!.clearCohortPairRule).toBe(false);
    // coach B's own run: B's mentee with the shared mentor, untouched by A's exclusion
    const runB = (await stack.gql<Scoped>(SCOPED, { c: cohortId }, { as: coachB })).data!.runCohortMatching.run!;
    expect(runB.pairs.map((p) => [p.mentee.id, p.mentor.id])).toEqual([[b.userId, M.userId]]);
  });

  it('should state the data a run used, and warn while an approval or enrolment is still on its way', async () => {
    const org = randomUUID();
    const cohortId = randomUUID();
    const prog = programme({
      organizationIds: [org],
      cohorts: [{ cohortId, name: 'Winter', startsOn: '2026-01-01', endsOn: '2026-12-31' }],
    });
    const A = mentorProfile({ displayName: 'A' });
    const [e1, e2] = [1, 2].map((i) => menteeProfile({ displayName: `e${i}`, organizationId: org }));
    const enrol = (
      userId: string,
      role: 'MENTOR' | 'MENTEE',
    ): ['ProgrammeEnrolled', EventPayloads['ProgrammeEnrolled']] => [
      'ProgrammeEnrolled',
      {
        userId,
        programmeId: prog.programmeId,
        cohortId,
        role,
        organizationId: org,
        enrolledAt: '2026-01-02T00:00:00Z',
      },
    ];
    await given(
      stack,
      ['ProgrammeChanged', prog],
      ['MentorProfileChanged', A],
      ['MenteeProfileChanged', e1],
      ['MenteeProfileChanged', e2],
      enrol(A.userId, 'MENTOR'),
      enrol(e1.userId, 'MENTEE'),
      enrol(e2.userId, 'MENTEE'),
    );
    const BASIS = `mutation ($c: ID!) { runCohortMatching(cohortId: $c, objective: MAX_MATCHED) {
      run { basis { readAt mentees mentors updatesArriving oldestUpdateAt } } errors { code } } }`;
    type Basis = { readAt: string; mentees: number; mentors: number; updatesArriving: number; oldestUpdateAt: string };
    const run = async () =>
      (
        await stack.gql<{ runCohortMatching: { run: { basis: Basis } } }>(
          BASIS,
          { c: cohortId },
          { as: principal('ADMIN') },
        )
      ).data!.runCohortMatching.run.basis;
    const settled = await run();
    expect(settled).toMatchObject({ mentees: 2, mentors: 1, updatesArriving: 0, oldestUpdateAt: null });
    expect(Math.abs(Date.parse(settled.readAt) - Date.now())).toBeLessThan(60_000);

    // a mentor's approval identity published that matching has not applied yet (held back in its inbox)
    const publishedAt = new Date(Date.now() - 5_000).toISOString();
    const [held] = await stack.sql<{ id: string }>(
      `INSERT INTO pgboss.job (name, data, start_after) VALUES ('matching_inbox', $1::jsonb, now() + interval '1 hour') RETURNING id`,
      [
        JSON.stringify({
          id: randomUUID(),
          name: 'MentorProfileChanged',
          version: 1,
          occurredAt: publishedAt,
          producer: 'identity',
          payload: mentorProfile(),
        }),
      ],
    );
    try {
      const arriving = await run();
      expect(arriving).toMatchObject({ mentees: 2, mentors: 1, updatesArriving: 1 });
      expect(Date.parse(arriving.oldestUpdateAt)).toBe(Date.parse(publishedAt));
    } finally {
      await stack.sql(`DELETE FROM pgboss.job WHERE id = $1`, [held.id]);
    }
  });
});
