import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { reporting } from '../src/service';
import { World } from './fixtures';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let world: World;

beforeAll(async () => {
  // its answers cover the whole platform, so it gets a database of its own
  database = await isolatedDatabase(testDatabaseUrl(), [reporting]);
  stack = await startStack({ databaseUrl: database.url, services: [reporting] });
  world = new World(stack);
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

const FIELDS = `groupKey groupLabel registrations mentorsEnrolled menteesEnrolled mentorApprovals menteesMatched matchRate matches medianDaysToMatch p90DaysToMatch
  requestsSent requestsAccepted requestsDeclined requestsExpired relationshipsStarted activeRelationships relationshipsCompleted relationshipsWithdrawn termsMetShare
  meetingsConfirmed hoursConfirmed goalsAchieved feedbackResponses feedbackAverage feedbackByQuestion { question average responses } matchesMadeTotal`;
type Stats = Record<string, unknown> & { groupKey: string };

const query = (
  filter: Record<string, unknown>,
  groupBy: string | null,
  from = '2032-01-01',
  to = '2032-12-31',
  as = principal('ANALYST'),
) =>
  stack.gql<{ programStats: Stats[] }>(
    `query ($f: ProgramStatsFilter, $g: ProgramStatsGroupBy, $from: LocalDate!, $to: LocalDate!) { programStats(filter: $f, groupBy: $g, from: $from, to: $to) { ${FIELDS} } }`,
    { f: filter, g: groupBy, from, to },
    { as },
  );

/** The hand-built dataset (2032): 2 mentors, 4 mentees in 2 cohorts and 2 industries, 3 matches, 3 relationships. */
async function dataset() {
  const org = await world.organization('Hand-built Agency');
  const programme = await world.programme({
    organizationId: org,
    name: 'Hand-built Programme',
    targetHours: 3,
    minMeetings: 3,
    hoursOrMeetings: true,
    cohorts: 2,
  });
  const [c1, c2] = programme.cohortIds;
  const i1 = `I1-${randomUUID().slice(0, 8)}`;
  const i2 = `I2-${randomUUID().slice(0, 8)}`;
  const m1 = await world.person('Mentor One', { roles: ['MENTOR'], organizationId: org });
  const m2 = await world.person('Mentor Two', { roles: ['MENTOR'], organizationId: org });
  const m3 = await world.person('Mentor Three', { roles: ['MENTOR'], organizationId: org });
  const e1 = await world.person('Mentee One', { organizationId: org, industry: i1 });
  const e2 = await world.person('Mentee Two', { organizationId: org, industry: i1 });
  const e3 = await world.person('Mentee Three', { organizationId: org, industry: i2 });
  const e4 = await world.person('Mentee Four', { organizationId: org, industry: i2 });
  await world.settle();
  const enrol = (userId: string, role: 'MENTOR' | 'MENTEE', cohortId: string, enrolledAt: string) =>
    stack.publish('ProgrammeEnrolled', {
      userId,
      programmeId: programme.id,
      cohortId,
      role,
      organizationId: org,
      enrolledAt,
    });
  await enrol(m1, 'MENTOR', c1, '2032-01-01T00:00:00Z');
  await enrol(m2, 'MENTOR', c1, '2032-01-01T00:00:00Z');
  await enrol(e1, 'MENTEE', c1, '2032-01-01T00:00:00Z');
  await enrol(e2, 'MENTEE', c1, '2032-01-01T00:00:00Z');
  await enrol(e3, 'MENTEE', c2, '2032-01-11T00:00:00Z');
  await enrol(e4, 'MENTEE', c2, '2032-02-01T00:00:00Z');
  await enrol(e4, 'MENTEE', c2, '2032-02-01T00:00:00Z'); // duplicate
  await world.settle();
  const review = (userId: string, decision: 'APPROVED' | 'REJECTED', day: string) =>
    stack.publish('MentorApplicationReviewed', {
      userId,
      decision,
      reviewerId: randomUUID(),
      comment: 'ok',
      reviewedAt: `${day}T09:00:00Z`,
    });
  await review(m1, 'APPROVED', '2032-01-05');
  await review(m2, 'APPROVED', '2032-01-06');
  await review(m3, 'REJECTED', '2032-01-06');
  await world.settle();
  await review(m2, 'APPROVED', '2032-01-07'); // again: counted once

  const req = (menteeId: string, mentorId: string) => ({
    requestId: randomUUID(),
    menteeId,
    mentorId,
    programmeId: programme.id,
  });
  const r1 = req(e1, m1),
    r2 = req(e2, m1),
    r3 = req(e2, m2),
    r4 = req(e3, m2);
  for (const [r, day] of [
    [r1, '02'],
    [r2, '02'],
    [r3, '05'],
    [r4, '12'],
  ] as const)
    await stack.publish('MentoringRequestSent', {
      ...r,
      sentAt: `2032-01-${day}T10:00:00Z`,
      expiresAt: '2032-02-28T00:00:00Z',
    });
  await stack.publish('MentoringRequestAccepted', { ...r1, acceptedAt: '2032-01-03T10:00:00Z' });
  await stack.publish('MentoringRequestDeclined', { ...r2, reason: 'Full', declinedAt: '2032-01-04T10:00:00Z' });
  await stack.publish('MentoringRequestAccepted', { ...r3, acceptedAt: '2032-01-06T10:00:00Z' });
  await stack.publish('MentoringRequestAccepted', { ...r3, acceptedAt: '2032-01-06T10:00:00Z' }); // duplicate
  await stack.publish('MentoringRequestExpired', { ...r4, expiredAt: '2032-01-26T10:00:00Z' });

  const match = (
    menteeId: string,
    mentorId: string,
    cohortId: string,
    confirmedAt: string,
    enrolledAt: string,
    source: 'REQUEST' | 'PROPOSAL' = 'REQUEST',
  ) =>
    stack.publish('MatchConfirmed', {
      matchId: randomUUID(),
      source,
      menteeId,
      mentorId,
      programmeId: programme.id,
      cohortId,
      organizationId: org,
      coachId: null,
      confirmedAt,
      menteeEnrolledAt: enrolledAt,
    });
  await match(e1, m1, c1, '2032-01-03T00:00:00Z', '2032-01-01T00:00:00Z'); // 2 days
  await match(e2, m2, c1, '2032-01-06T00:00:00Z', '2032-01-01T00:00:00Z'); // 5 days
  await match(e3, m2, c2, '2032-01-21T00:00:00Z', '2032-01-11T00:00:00Z', 'PROPOSAL'); // 10 days
  await world.settle();

  const rel1 = await world.relationship({
    programmeId: programme.id,
    mentorId: m1,
    menteeId: e1,
    organizationId: org,
    cohortId: c1,
    startedOn: '2032-01-04',
  });
  const rel2 = await world.relationship({
    programmeId: programme.id,
    mentorId: m2,
    menteeId: e2,
    organizationId: org,
    cohortId: c1,
    startedOn: '2032-01-07',
  });
  const rel3 = await world.relationship({
    programmeId: programme.id,
    mentorId: m2,
    menteeId: e3,
    organizationId: org,
    cohortId: c2,
    startedOn: '2032-01-22',
  });
  for (const day of ['2032-01-10', '2032-01-17', '2032-01-24']) await world.confirm(world.meeting(rel1, day, 60));
  const first = await world.confirm(world.meeting(rel2, '2032-01-14', 90));
  await world.settle();
  await world.confirm(world.meeting(rel2, '2032-01-14', 120, { amendsMeetingId: first.meetingId, revision: 2 }));
  for (const day of ['2032-02-01', '2032-02-08']) await world.confirm(world.meeting(rel3, day, 30));
  await stack.publish('RelationshipCompleted', {
    ...rel1,
    completedOn: '2032-02-15',
    confirmedHours: 3,
    confirmedMeetings: 3,
    metTerms: true,
  });
  await stack.publish('RelationshipWithdrawn', {
    ...rel2,
    withdrawnBy: e2,
    reason: 'Moved',
    withdrawnOn: '2032-02-20',
    confirmedHours: 2,
    confirmedMeetings: 1,
  });
  const goal = randomUUID();
  await stack.publish('GoalAchieved', { ...rel1, goalId: goal, achievedAt: '2032-02-01T10:00:00Z' });
  await stack.publish('GoalAchieved', { ...rel1, goalId: goal, achievedAt: '2032-02-01T10:00:00Z' });
  await stack.publish('GoalAchieved', { ...rel1, goalId: randomUUID(), achievedAt: '2032-02-10T10:00:00Z' });
  await stack.publish('FeedbackSubmitted', {
    ...rel1,
    respondentRole: 'MENTEE',
    ratings: { overall: 5, helpful: 4 },
    submittedAt: '2032-02-16T10:00:00Z',
  });
  await stack.publish('FeedbackSubmitted', {
    ...rel1,
    respondentRole: 'MENTOR',
    ratings: { overall: 4, helpful: 4 },
    submittedAt: '2032-02-16T11:00:00Z',
  });
  await stack.publish('FeedbackSubmitted', {
    ...rel2,
    respondentRole: 'MENTEE',
    ratings: { overall: 3 },
    submittedAt: '2032-02-21T10:00:00Z',
  });
  await world.settle();
  return { org, programme, c1, c2, i1, i2, people: [m1, m2, m3, e1, e2, e3, e4] };
}

let data: Awaited<ReturnType<typeof dataset>>;

describe('programStats', () => {
  beforeAll(async () => {
    data = await dataset();
  });

  it('should count the hand-built dataset for its programme over the year', async () => {
    const res = await query({ programId: data.programme.id }, null);
    expect(res.errors).toBeUndefined();
    expect(res.data!.programStats).toEqual([
      {
        groupKey: 'ALL',
        groupLabel: 'All',
        registrations: 6,
        mentorsEnrolled: 2,
        menteesEnrolled: 4,
        mentorApprovals: 2,
        menteesMatched: 3,
        matchRate: 0.75,
        matches: 3,
        medianDaysToMatch: 5,
        p90DaysToMatch: 9,
        requestsSent: 4,
        requestsAccepted: 2,
        requestsDeclined: 1,
        requestsExpired: 1,
        relationshipsStarted: 3,
        activeRelationships: 1,
        relationshipsCompleted: 1,
        relationshipsWithdrawn: 1,
        termsMetShare: 0.5,
        meetingsConfirmed: 6,
        hoursConfirmed: 6,
        goalsAchieved: 2,
        feedbackResponses: 3,
        feedbackAverage: 3.83,
        feedbackByQuestion: [
          { question: 'helpful', average: null, responses: 2 },
          { question: 'overall', average: 4, responses: 3 },
        ],
        matchesMadeTotal: 3,
      },
    ]);
  });

  it('should break the figures down by cohort, industry and month', async () => {
    const byCohort = new Map(
      (await query({ programId: data.programme.id }, 'COHORT')).data!.programStats.map((s) => [s.groupKey, s]),
    );
    expect(byCohort.get(data.c1)).toMatchObject({
      groupLabel: 'Cohort 1',
      registrations: 4,
      menteesEnrolled: 2,
      menteesMatched: 2,
      matchRate: 1,
      matches: 2,
      meetingsConfirmed: 4,
      hoursConfirmed: 5,
      activeRelationships: 0,
    });
    expect(byCohort.get(data.c2)).toMatchObject({
      groupLabel: 'Cohort 2',
      registrations: 2,
      menteesEnrolled: 2,
      menteesMatched: 1,
      matchRate: 0.5,
      matches: 1,
      medianDaysToMatch: 10,
      meetingsConfirmed: 2,
      hoursConfirmed: 1,
      activeRelationships: 1,
    });

    const byIndustry = new Map(
      (await query({ organizationId: data.org }, 'INDUSTRY')).data!.programStats.map((s) => [s.groupKey, s]),
    );
    expect(byIndustry.get(data.i1)).toMatchObject({
      groupLabel: `Industry ${data.i1}`,
      menteesEnrolled: 2,
      matches: 2,
      requestsSent: 3,
    });
    expect(byIndustry.get(data.i2)).toMatchObject({ menteesEnrolled: 2, matches: 1, requestsExpired: 1 });
    expect(byIndustry.get('NONE')).toMatchObject({
      groupLabel: 'Industry not given',
      mentorsEnrolled: 2,
      mentorApprovals: 2,
    });

    const byMonth = (await query({ programId: data.programme.id }, 'MONTH', '2032-01-01', '2032-03-31')).data!
      .programStats;
    expect(
      byMonth.map((s) => [
        s.groupKey,
        s.matches,
        s.meetingsConfirmed,
        s.hoursConfirmed,
        s.activeRelationships,
        (s.relationshipsCompleted as number) + (s.relationshipsWithdrawn as number),
        s.matchesMadeTotal,
      ]),
    ).toEqual([
      ['2032-01', 3, 4, 5, 3, 0, 3],
      ['2032-02', 0, 2, 1, 1, 2, 3],
    ]);
    const feb = (await query({ programId: data.programme.id, cohortId: data.c2 }, null, '2032-02-01', '2032-02-29'))
      .data!.programStats[0];
    expect(feb).toMatchObject({
      matches: 0,
      menteesEnrolled: 1,
      meetingsConfirmed: 2,
      matchesMadeTotal: 1,
      activeRelationships: 1,
    });
  });

  it('should count a completed relationship that continues with new goals as active again, and its next ending again', async () => {
    const org = await world.organization('Continuing Agency');
    const programme = await world.programme({
      organizationId: org,
      name: 'Continuing Programme',
      targetHours: 3,
      minMeetings: 3,
      hoursOrMeetings: true,
      cohorts: 1,
    });
    const [mentorId, menteeId] = [
      await world.person('Mentor Again', { roles: ['MENTOR'], organizationId: org }),
      await world.person('Mentee Again', { organizationId: org }),
    ];
    await world.settle();
    const rel = await world.relationship({
      programmeId: programme.id,
      mentorId,
      menteeId,
      organizationId: org,
      cohortId: programme.cohortIds[0],
      startedOn: '2033-01-10',
    });
    await stack.publish('RelationshipCompleted', {
      ...rel,
      completedOn: '2033-03-01',
      confirmedHours: 3,
      confirmedMeetings: 3,
      metTerms: true,
    });
    await world.settle();
    await stack.publish('RelationshipContinued', { ...rel, continuedOn: '2033-03-15' });
    await stack.publish('RelationshipContinued', { ...rel, continuedOn: '2033-03-15' }); // a duplicate under another event id
    await world.settle();
    const STATS = `query ($f: ProgramStatsFilter, $from: LocalDate!, $to: LocalDate!) { programStats(filter: $f, groupBy: MONTH, from: $from, to: $to) { groupKey activeRelationships relationshipsCompleted relationshipsContinued } }`;
    const months = async () =>
      (
        await stack.gql<{ programStats: Array<Record<string, unknown>> }>(
          STATS,
          { f: { programId: programme.id }, from: '2033-01-01', to: '2033-06-30' },
          { as: principal('ANALYST') },
        )
      ).data!.programStats.map((m) => [
        m.groupKey,
        m.activeRelationships,
        m.relationshipsCompleted,
        m.relationshipsContinued,
      ]);
    expect(await months()).toEqual([
      ['2033-01', 1, 0, 0],
      ['2033-03', 1, 1, 1],
    ]);
    // the relationship ends again: counted as a second completion, and no longer active
    await stack.publish('RelationshipCompleted', {
      ...rel,
      completedOn: '2033-05-20',
      confirmedHours: 6,
      confirmedMeetings: 6,
      metTerms: true,
    });
    await world.settle();
    expect(await months()).toEqual([
      ['2033-01', 1, 0, 0],
      ['2033-03', 1, 1, 1],
      ['2033-05', 0, 1, 0],
    ]);

    // a continuation applied before the completion it follows (two consumers, a redelivery) counts the same
    const early = await world.relationship({
      programmeId: programme.id,
      mentorId,
      menteeId,
      organizationId: org,
      cohortId: programme.cohortIds[0],
      startedOn: '2033-01-10',
    });
    await stack.publish('RelationshipContinued', { ...early, continuedOn: '2033-03-15' });
    await world.settle();
    await stack.publish('RelationshipCompleted', {
      ...early,
      completedOn: '2033-03-01',
      confirmedHours: 3,
      confirmedMeetings: 3,
      metTerms: true,
    });
    await world.settle();
    expect(await months()).toEqual([
      ['2033-01', 2, 0, 0],
      ['2033-03', 2, 2, 2],
      ['2033-05', 1, 1, 0],
    ]);
  });

  it("should extend identity's Program with the same figures", async () => {
    const res = await stack.subgraph<{ _entities: Array<{ stats: Stats | null }> }>(
      'reporting',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Programme { stats(from: "2032-01-01", to: "2032-12-31") { matches hoursConfirmed matchesMadeTotal } } } }`,
      { r: [{ __typename: 'Programme', id: data.programme.id }] },
      { as: principal('PROGRAMME_ADMIN') },
    );
    expect(res.data!._entities[0].stats).toEqual({ matches: 3, hoursConfirmed: 6, matchesMadeTotal: 3 });
    const mentee = await stack.subgraph<{ _entities: Array<{ stats: Stats | null }> }>(
      'reporting',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Programme { stats(from: "2032-01-01", to: "2032-12-31") { matches } } } }`,
      { r: [{ __typename: 'Programme', id: data.programme.id }] },
      { as: principal('MENTEE') },
    );
    expect(mentee.data!._entities[0].stats).toBeNull();
  });

  it('should give analysts aggregates only: no names, contact details or person ids, and no personal evidence', async () => {
    const analyst = principal('ANALYST');
    for (const g of [null, 'PROGRAM', 'ORGANIZATION', 'COHORT', 'INDUSTRY', 'MONTH']) {
      const text = JSON.stringify(
        (await query({ organizationId: data.org }, g, '2032-01-01', '2032-12-31', analyst)).data,
      );
      for (const forbidden of ['Mentor One', 'Mentee', '@example.org', '+1 416', ...data.people])
        expect(text).not.toContain(forbidden);
    }
    const person = data.people[3];
    const statement = await stack.subgraph<{ _entities: Array<{ cpdStatement: unknown; cpdHours: unknown }> }>(
      'reporting',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { cpdHours cpdStatement(from: "2032-01-01", to: "2032-12-31") { verifiedHours } } } }`,
      { r: [{ __typename: 'User', id: person }] },
      { as: analyst },
    );
    expect(statement.data!._entities[0]).toEqual({ cpdHours: null, cpdStatement: null });
    const link = await stack.gql(
      `mutation ($i: CreateCpdExportInput!) { createCpdExport(input: $i) { link { url } } }`,
      { i: { userId: person, format: 'TRACKING_SHEET_CSV', from: '2032-01-01', to: '2032-12-31' } },
      { as: analyst },
    );
    expect(link.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await stack.gql(`{ audits { id } }`, {}, { as: analyst })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('should refuse programme analytics to participants, and to a coach for another organisation', async () => {
    for (const p of [principal('MENTEE'), principal('MENTOR'), principal('COACH', null)]) {
      expect(
        (await query({ programId: data.programme.id }, null, '2032-01-01', '2032-12-31', p)).errors?.[0].extensions
          ?.code,
      ).toBe('FORBIDDEN');
    }
    expect(
      (await query({ organizationId: randomUUID() }, null, '2032-01-01', '2032-12-31', principal('COACH', data.org)))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it("should give a coach their own organisation's figures, whatever else the filter asks", async () => {
    const asAnalyst = (await query({ organizationId: data.org }, null)).data!.programStats;
    const asCoach = (await query({}, null, '2032-01-01', '2032-12-31', principal('COACH', data.org))).data!
      .programStats;
    expect(asCoach).toEqual(asAnalyst);
    expect(asCoach[0]).toMatchObject({ matches: 3, relationshipsStarted: 3 });
    // another organisation's coach sees none of these figures
    const elsewhere = (await query({}, null, '2032-01-01', '2032-12-31', principal('COACH', randomUUID()))).data!
      .programStats;
    expect(elsewhere[0]).toMatchObject({ matches: 0, relationshipsStarted: 0, menteesEnrolled: 0 });
  });

  it('should keep the programme-level rollup equal to the fine rollup summed per programme and day, and answer alike from either', async () => {
    // every bump so far (the dataset, continuations, feedback) went to both tables in one statement
    const counters = `registrations, mentors_enrolled, mentees_enrolled, mentees_matched, mentor_approvals, requests_sent, requests_accepted, requests_declined, requests_expired,
      matches, relationships_started, relationships_completed, relationships_withdrawn, relationships_continued, relationships_met_terms, meetings_confirmed, goals_achieved, hours_confirmed`;
    const sums = counters
      .split(',')
      .map((c) => `sum(${c.trim()})::text`)
      .join(', ');
    const fine = await stack.sql(
      `SELECT programme_id, day::text, ${sums} FROM reporting.stats_daily GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const coarse = await stack.sql(
      `SELECT programme_id, day::text, ${sums} FROM reporting.stats_programme_daily GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(fine.length).toBeGreaterThan(0);
    expect(coarse).toEqual(fine);
    // the programme question (read from stats_programme_daily) and the same programme asked with its organisation
    // (read from stats_daily: all of the programme's rows are that organisation's) give the same figures
    const byProgramme = (await query({ programId: data.programme.id }, 'MONTH')).data!.programStats;
    const withOrganisation = (await query({ programId: data.programme.id, organizationId: data.org }, 'MONTH')).data!
      .programStats;
    expect(byProgramme.length).toBeGreaterThan(0);
    expect(withOrganisation).toEqual(byProgramme);
  });
});

describe('programmeStats', () => {
  const ask = (filter: Record<string, unknown>, groupBy: string | null) =>
    stack.gql<{ programmeStats: Stats[] }>(
      `query ($f: ProgramStatsFilter, $g: ProgramStatsGroupBy) { programmeStats(filter: $f, groupBy: $g, from: "2032-01-01", to: "2032-12-31") { ${FIELDS} } }`,
      { f: filter, g: groupBy },
      { as: principal('ANALYST') },
    );

  it('should answer as programStats did, with programmeId and PROGRAMME as the spellings of programId and PROGRAM', async () => {
    const old = (await query({ programId: data.programme.id }, 'PROGRAM')).data!.programStats;
    expect(old.length).toBeGreaterThan(0);
    expect((await ask({ programmeId: data.programme.id }, 'PROGRAMME')).data!.programmeStats).toEqual(old);
    expect((await ask({ programId: data.programme.id }, 'PROGRAM')).data!.programmeStats).toEqual(old);
    expect(
      (await ask({ programId: data.programme.id, programmeId: data.programme.id }, 'PROGRAMME')).data!.programmeStats,
    ).toEqual(old);
  });

  it('should refuse a filter whose programmeId and programId name different programmes', async () => {
    const res = await ask({ programId: data.programme.id, programmeId: randomUUID() }, null);
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'filter.programmeId', code: 'AMBIGUOUS' }],
    });
  });
});
