/**
 * Relationships' section of the personal data export, asked for as the gateway does (`_entities` on
 * PersonalDataExport): the person's relationships with everything in them that they may see, their own
 * private notes and feedback only, no coach check-in; an ADMIN's copy without messages and private notes;
 * several people in one request in one batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS } from '@tandem/contracts';
import { daysFromToday, principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { LOG, meetingInput, ok, startRelationship, type Pair } from './fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any -- the section is JSON the test reads deep into */

/** A goal due in a month, whatever the day the suite runs. */
const GOAL_DUE = daysFromToday(30);
let stack: Stack;
let pair: Pair;
let meetingId: string;
let feedUrl: string;

const SECTION = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataExport { userId relationships relationshipsPeople { exportedUserId id } } } }`;
const sectionsOf = async (userIds: string[], as: ReturnType<typeof principal>) => {
  const res = await stack.subgraph<{
    _entities: Array<{
      userId: string;
      relationships: any;
      relationshipsPeople: Array<{ exportedUserId: string; id: string }>;
    } | null>;
  }>('relationships', SECTION, { r: userIds.map((userId) => ({ __typename: 'PersonalDataExport', userId })) }, { as });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return { entities: res.data!._entities, sql: Number(res.headers.get(HEADERS.sqlStatements)) };
};

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
  pair = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z' });
  const logged = await ok(
    stack,
    LOG,
    { id: pair.id, input: meetingInput({ privateNote: 'mentee: my own note' }) },
    pair.mentee,
  );
  meetingId = logged.logMeeting.meeting.id;
  const E = 'errors { code }';
  await ok(
    stack,
    `mutation ($id: ID!) { setMeetingPrivateNote(meetingId: $id, note: "mentor: not for the mentee") { ${E} } }`,
    { id: meetingId },
    pair.mentor,
  );
  await ok(
    stack,
    `mutation ($id: ID!, $input: ActionPlanInput!) { saveActionPlan(relationshipId: $id, input: $input) { ${E} } }`,
    {
      id: pair.id,
      input: {
        goals: [
          {
            goal: 'Licensure',
            objectives: ['Pass the CFE'],
            activities: [{ type: 'LEARNING_BY_DOING', description: 'Mock exams' }],
          },
        ],
      },
    },
    pair.mentee,
  );
  const goal = await ok(
    stack,
    `mutation ($id: ID!, $input: SmartGoalInput!) { createGoal(relationshipId: $id, input: $input) { goal { id } ${E} } }`,
    {
      id: pair.id,
      input: {
        title: 'Pass the CFE',
        specific: 'Pass',
        measure: 'Result',
        target: 'A pass',
        attainable: '10 h a week',
        relevant: 'Licensure',
        dueOn: GOAL_DUE,
      },
    },
    pair.mentee,
  );
  await ok(
    stack,
    `mutation ($id: ID!) { recordGoalProgress(goalId: $id, note: "Half the syllabus") { ${E} } }`,
    { id: goal.createGoal.goal.id },
    pair.mentor,
  );
  await ok(
    stack,
    `mutation ($id: ID!, $b: String!) { sendMessage(relationshipId: $id, body: $b) { ${E} } }`,
    { id: pair.id, b: 'hello from the mentee' },
    pair.mentee,
  );
  await ok(
    stack,
    `mutation ($id: ID!, $input: CheckInInput!) { recordCheckIn(relationshipId: $id, input: $input) { ${E} } }`,
    {
      id: pair.id,
      input: { heldOn: '2026-06-02', notes: 'coach: the mentee seems stretched' },
    },
    pair.coach,
  );
  const pulse = await ok(
    stack,
    `mutation ($id: ID!) { askPulse(relationshipId: $id) { pulse { id } ${E} } }`,
    { id: pair.id },
    pair.coach,
  );
  for (const [who, score, note] of [
    [pair.mentee, 3, 'mentee: pulse note'],
    [pair.mentor, 2, 'mentor: pulse note'],
  ] as const) {
    await ok(
      stack,
      `mutation ($id: ID!, $input: PulseAnswerInput!) { answerPulse(pulseId: $id, input: $input) { ${E} } }`,
      { id: pulse.askPulse.pulse.id, input: { score, note } },
      who,
    );
  }
  await ok(
    stack,
    `mutation ($id: ID!) { withdrawFromRelationship(id: $id, reason: "Moving abroad") { ${E} } }`,
    { id: pair.id },
    pair.mentee,
  );
  // the mentee's calendar feed: its existence and creation time are hers to export, never its token
  feedUrl = (await ok(stack, `mutation { createCalendarFeed { url calendarFeed { createdAt } } }`, {}, pair.mentee))
    .createCalendarFeed.url as string;
  const ratings = ['GOALS_PROGRESS', 'RELATIONSHIP_QUALITY', 'PROGRAMME_SUPPORT', 'WOULD_RECOMMEND'].map(
    (question) => ({ question, rating: 4 }),
  );
  for (const [who, comments] of [
    [pair.mentee, 'mentee: thank you'],
    [pair.mentor, 'mentor: about the mentee'],
  ] as const) {
    await ok(
      stack,
      `mutation ($id: ID!, $input: FeedbackInput!) { submitFeedback(relationshipId: $id, input: $input) { ${E} } }`,
      { id: pair.id, input: { ratings, comments } },
      who,
    );
  }
});
afterAll(async () => {
  await stack?.stop();
});

describe('relationships section of the personal data export', () => {
  it('should hold the person’s relationship with its plan, goals, meetings, messages, their own note, feedback and pulse answers, and no check-in', async () => {
    const { entities } = await sectionsOf([pair.menteeId], pair.mentee);
    const section = entities[0]!.relationships;
    expect(section.withheld).toEqual([]);
    expect(section.relationships).toHaveLength(1);
    const rel = section.relationships[0];
    expect(rel).toMatchObject({
      id: pair.id,
      role: 'MENTEE',
      counterpartId: pair.mentorId,
      status: 'WITHDRAWN',
      startedOn: '2026-05-01',
      withdrawnBy: pair.menteeId,
      withdrawalReason: 'Moving abroad',
      actionPlan: { items: [expect.objectContaining({ goal: 'Licensure' })], updatedBy: pair.menteeId },
      feedbackGiven: { role: 'MENTEE', comments: 'mentee: thank you' },
      pulseAnswersGiven: [expect.objectContaining({ role: 'MENTEE', score: 3, note: 'mentee: pulse note' })],
      messages: [expect.objectContaining({ authorId: pair.menteeId, body: 'hello from the mentee' })],
    });
    expect(rel.goals).toEqual([
      expect.objectContaining({
        title: 'Pass the CFE',
        dueOn: GOAL_DUE,
        progress: [expect.objectContaining({ authorId: pair.mentorId, note: 'Half the syllabus' })],
      }),
    ]);
    expect(rel.meetings).toEqual([
      expect.objectContaining({
        id: meetingId,
        occurredOn: '2026-06-01',
        startTime: '18:00',
        myPrivateNote: expect.objectContaining({ note: 'mentee: my own note' }),
      }),
    ]);
    const text = JSON.stringify(section);
    for (const other of [
      'mentor: not for the mentee',
      'mentor: about the mentee',
      'coach: the mentee seems stretched',
      'mentor: pulse note',
      'LOW_PULSE',
    ])
      expect(text).not.toContain(other);
    expect(entities[0]!.relationshipsPeople).toEqual([{ exportedUserId: pair.menteeId, id: pair.mentorId }]);
    // the calendar feed exists since a given instant; its secret is nowhere in the export
    expect(section.calendarFeeds).toEqual([{ createdAt: expect.any(String), revokedAt: null }]);
    const token = feedUrl
      .split('/')
      .pop()!
      .replace(/\.ics$/, '');
    expect(token.length).toBeGreaterThan(20);
    expect(text).not.toContain(token);
  });

  it('should give an admin both partners’ sections in one batch, without messages and private notes', async () => {
    const admin = principal('ADMIN');
    const { entities, sql } = await sectionsOf([pair.menteeId, pair.mentorId], admin);
    expect(entities.map((e) => [e!.userId, e!.relationships.relationships[0].role])).toEqual([
      [pair.menteeId, 'MENTEE'],
      [pair.mentorId, 'MENTOR'],
    ]);
    expect(entities[1]!.relationships.relationships[0].feedbackGiven).toMatchObject({
      comments: 'mentor: about the mentee',
    });
    for (const e of entities) {
      expect(e!.relationships.withheld).toEqual(['messages', 'privateMeetingNotes']);
      const text = JSON.stringify(e);
      for (const hidden of ['hello from the mentee', 'mentee: my own note', 'mentor: not for the mentee'])
        expect(text).not.toContain(hidden);
    }
    // the two people are read together: one statement per table
    expect(sql).toBe(13);
  });

  it('should resolve nothing for the counterpart, the coach or a stranger', async () => {
    for (const who of [pair.mentor, pair.coach, principal('MENTEE'), principal('ANALYST')]) {
      const res = await stack.subgraph<{ _entities: unknown[] }>(
        'relationships',
        SECTION,
        { r: [{ __typename: 'PersonalDataExport', userId: pair.menteeId }] },
        { as: who },
      );
      expect(res.data?._entities).toEqual([null]);
    }
  });
});
