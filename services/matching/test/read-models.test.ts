import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, principal, isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { matching } from '../src/service';
import { given, mentor, menteeProfile, mentorProfile } from './fixtures';

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

const activeMentees = async (userId: string, as = mentor(userId)) =>
  (
    await stack.subgraph<{ _entities: Array<{ activeMentees: number | null }> }>(
      'matching',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { activeMentees } } }`,
      { r: [{ __typename: 'User', id: userId }] },
      { as },
    )
  ).data!._entities[0].activeMentees;

describe('mentor load from relationship events', () => {
  it('should count active relationships whatever the order and however often events arrive', async () => {
    const m = mentorProfile({ capacity: 3 });
    await given(stack, ['MentorProfileChanged', m]);
    const ref = (relationshipId: string) => ({
      relationshipId,
      menteeId: randomUUID(),
      mentorId: m.userId,
      programmeId: randomUUID(),
      organizationId: null,
    });
    const started = (id: string) =>
      [
        'RelationshipStarted',
        {
          ...ref(id),
          matchId: randomUUID(),
          cohortId: null,
          startedOn: daysFromToday(-30),
          plannedEndOn: daysFromToday(90),
        },
      ] as ['RelationshipStarted', never];
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await given(stack, started(a), started(a), started(b));
    expect(await activeMentees(m.userId)).toBe(2);
    // c's withdrawal arrives before its start: it never counts
    await given(stack, [
      'RelationshipWithdrawn',
      {
        ...ref(c),
        withdrawnBy: m.userId,
        reason: 'moved',
        withdrawnOn: '2026-02-01',
        confirmedHours: 0,
        confirmedMeetings: 0,
      },
    ]);
    await given(stack, started(c));
    expect(await activeMentees(m.userId)).toBe(2);
    await given(stack, [
      'RelationshipCompleted',
      { ...ref(a), completedOn: '2026-05-01', confirmedHours: 24, confirmedMeetings: 8, metTerms: true },
    ]);
    await given(stack, [
      'RelationshipCompleted',
      { ...ref(a), completedOn: '2026-05-01', confirmedHours: 24, confirmedMeetings: 8, metTerms: true },
    ]);
    expect(await activeMentees(m.userId)).toBe(1);
    // only the person and admins see the figure
    expect(await activeMentees(m.userId, principal('ADMIN'))).toBe(1);
    expect(await activeMentees(m.userId, principal('MENTEE'))).toBeNull();
  });

  it('should forget an erased person: their profile leaves search and their words are erased', async () => {
    const m = mentorProfile({ industry: { code: '990001', label: 'Erasable' } });
    const e = menteeProfile();
    await given(stack, ['MentorProfileChanged', m], ['MenteeProfileChanged', e]);
    const ask = await stack.gql<{ askMentor: { question: { id: string } } }>(
      `mutation ($m: ID!) { askMentor(mentorId: $m, question: "Private detail?") { question { id } } }`,
      { m: m.userId },
      { as: principal('MENTEE', null, e.userId as `${string}-${string}-${string}-${string}-${string}`) },
    );
    const id = ask.data!.askMentor.question.id;
    await given(
      stack,
      ['UserErased', { userId: m.userId, pseudonym: 'Former mentor', erasedAt: new Date().toISOString() }],
      ['UserErased', { userId: e.userId, pseudonym: 'Former mentee', erasedAt: new Date().toISOString() }],
    );
    const search = await stack.gql<{ searchMentors: { edges: unknown[] } }>(
      `{ searchMentors(criteria: { industryCode: "990001" }, exact: [INDUSTRY]) { edges { cursor } } }`,
      {},
      { as: principal('MENTEE') },
    );
    expect(search.data!.searchMentors.edges).toEqual([]);
    const rows = await stack.sql<{ question: string }>(`SELECT question FROM matching.mentor_question WHERE id = $1`, [
      id,
    ]);
    expect(rows[0].question).toBe('[erased]');
    expect(await stack.sql(`SELECT 1 FROM matching.mentee_profile WHERE user_id = $1`, [e.userId])).toHaveLength(0);
  });
});
