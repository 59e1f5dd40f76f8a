/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, isoDaysFromNow, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { CONFIRM, LOG, meetingInput, ok, startRelationship, type Pair } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
});
afterAll(async () => {
  await stack?.stop();
});

const CREATE = `mutation ($id: ID!, $input: SmartGoalInput!) { createGoal(relationshipId: $id, input: $input) { goal { id } errors { field code } } }`;
const SET = `mutation ($m: ID!, $g: [ID!]!) { setMeetingGoals(meetingId: $m, goalIds: $g) { meeting { id goals { id title } } errors { field code } } }`;
const GOAL_MEETINGS = `query ($id: ID!) { relationship(id: $id) { goals { id title meetings { id occurredOn topics } } } }`;

async function goal(pair: Pair, title: string): Promise<string> {
  const input = {
    title,
    specific: `${title}, specifically`,
    measure: 'times',
    target: '1',
    attainable: 'Within reach',
    relevant: 'It matters to me',
    dueOn: daysFromToday(90),
  };
  const res = await ok(stack, CREATE, { id: pair.id, input }, pair.mentee);
  expect(res.createGoal.errors).toEqual([]);
  return res.createGoal.goal.id;
}

async function logged(pair: Pair, daysAgo: number, topic: string): Promise<string> {
  const input = meetingInput({ occurredOn: daysFromToday(-daysAgo), startTime: '09:00', topics: [topic] });
  const res = await ok(stack, LOG, { id: pair.id, input }, pair.mentor);
  expect(res.logMeeting.errors).toEqual([]);
  return res.logMeeting.meeting.id;
}

describe('meetings and the goals they worked on', () => {
  it('should show on a goal the meetings that worked on it, oldest first, to the partners and the coach', async () => {
    const pair = await startRelationship(stack, { confirmedAt: isoDaysFromNow(-30) });
    const speaking = await goal(pair, 'Speak at a meetup');
    const network = await goal(pair, 'Grow my network');
    const later = await logged(pair, 2, 'Talk outline');
    const earlier = await logged(pair, 5, 'Choosing a meetup');

    const set = await ok(stack, SET, { m: later, g: [speaking, network] }, pair.mentee);
    expect(set.setMeetingGoals.errors).toEqual([]);
    expect(set.setMeetingGoals.meeting.goals.map((g: any) => g.title).sort()).toEqual([
      'Grow my network',
      'Speak at a meetup',
    ]);
    expect((await ok(stack, SET, { m: earlier, g: [speaking] }, pair.mentor)).setMeetingGoals.errors).toEqual([]);

    const read = await ok(stack, GOAL_MEETINGS, { id: pair.id }, pair.coach);
    const byTitle = Object.fromEntries(read.relationship.goals.map((g: any) => [g.title, g.meetings]));
    expect(byTitle['Speak at a meetup'].map((m: any) => m.id)).toEqual([earlier, later]);
    expect(byTitle['Grow my network']).toEqual([
      { id: later, occurredOn: daysFromToday(-2), topics: ['Talk outline'] },
    ]);

    // replacing the list drops a goal the meeting no longer names
    await ok(stack, SET, { m: later, g: [network] }, pair.mentor);
    const again = await ok(stack, GOAL_MEETINGS, { id: pair.id }, pair.mentee);
    const speakingNow = again.relationship.goals.find((g: any) => g.id === speaking);
    expect(speakingNow.meetings.map((m: any) => m.id)).toEqual([earlier]);
  });

  it('should refuse a goal of another relationship with a FieldError and write nothing', async () => {
    const pair = await startRelationship(stack, { confirmedAt: isoDaysFromNow(-30) });
    const other = await startRelationship(stack, { confirmedAt: isoDaysFromNow(-30) });
    const own = await goal(pair, 'Own goal');
    const foreign = await goal(other, 'Foreign goal');
    const meeting = await logged(pair, 3, 'Planning');

    const res = await ok(stack, SET, { m: meeting, g: [own, foreign] }, pair.mentee);
    expect(res.setMeetingGoals.meeting).toBeNull();
    expect(res.setMeetingGoals.errors).toEqual([{ field: 'goalIds.1', code: 'NOT_IN_RELATIONSHIP' }]);
    const malformed = await ok(stack, SET, { m: meeting, g: ['not-an-id'] }, pair.mentee);
    expect(malformed.setMeetingGoals.errors).toEqual([{ field: 'goalIds.0', code: 'NOT_IN_RELATIONSHIP' }]);
    const [row] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM relationships.meeting_goal WHERE meeting_id = $1`,
      [meeting],
    );
    expect(row.n).toBe(0);
  });

  it('should fix the goals once both confirmed the meeting, and hide the meeting from outsiders', async () => {
    const pair = await startRelationship(stack, { confirmedAt: isoDaysFromNow(-30) });
    const stranger = await startRelationship(stack);
    const g = await goal(pair, 'Finish the course');
    const meeting = await logged(pair, 1, 'Course review');
    expect((await ok(stack, SET, { m: meeting, g: [g] }, pair.mentee)).setMeetingGoals.errors).toEqual([]);
    expect((await ok(stack, CONFIRM, { id: meeting }, pair.mentee)).confirmMeeting.errors).toEqual([]);

    const late = await ok(stack, SET, { m: meeting, g: [] }, pair.mentor);
    expect(late.setMeetingGoals.errors).toEqual([{ field: 'meetingId', code: 'NOT_EDITABLE' }]);
    const outsider = await stack.gql(SET, { m: meeting, g: [] }, { as: stranger.mentee });
    expect(outsider.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
