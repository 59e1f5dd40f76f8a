/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { eventsFor, meetingConfirmedByBoth, ok, publishProgramme, startRelationship } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
});
afterAll(async () => {
  await stack?.stop();
});

const PAYLOAD = `relationship { status endedOn withdrawalReason closedAt continuedCount completion { mentorConfirmedAt menteeConfirmedAt } } errors { field code }`;
const WITHDRAW = `mutation ($id: ID!, $reason: String!) { withdrawFromRelationship(id: $id, reason: $reason) { ${PAYLOAD} } }`;
const COMPLETE = `mutation ($id: ID!) { completeRelationship(id: $id) { ${PAYLOAD} } }`;
const CLOSE = `mutation ($id: ID!) { closeRelationship(id: $id) { ${PAYLOAD} } }`;
const CONTINUE = `mutation ($id: ID!, $goals: [SmartGoalInput!]!) { continueRelationship(id: $id, goals: $goals) { ${PAYLOAD} } }`;
const FEEDBACK = `mutation ($id: ID!, $input: FeedbackInput!) { submitFeedback(relationshipId: $id, input: $input) { submitted errors { field code } } }`;
const ratings = (n = 4) => [
  { question: 'GOALS_PROGRESS', rating: n },
  { question: 'RELATIONSHIP_QUALITY', rating: 5 },
  { question: 'PROGRAMME_SUPPORT', rating: 3 },
  { question: 'WOULD_RECOMMEND', rating: 5 },
];
const goal = {
  title: 'Next step',
  specific: 'Apply to 5 managerial roles',
  measure: 'applications',
  target: '5',
  attainable: 'Ready now',
  relevant: 'Career move',
  dueOn: '2099-01-31',
};

describe('ending a relationship', () => {
  it('should let either side withdraw with a reason, publish RelationshipWithdrawn with the confirmed figures, and stop further changes', async () => {
    const pair = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z' });
    await meetingConfirmedByBoth(stack, pair.id, pair.mentee, pair.mentor, { durationMinutes: 90 });
    expect(
      (await ok(stack, WITHDRAW, { id: pair.id, reason: '  ' }, pair.mentor)).withdrawFromRelationship.errors,
    ).toEqual([{ field: 'reason', code: 'REQUIRED' }]);
    const res = await ok(stack, WITHDRAW, { id: pair.id, reason: 'Moved to another city' }, pair.mentor);
    expect(res.withdrawFromRelationship.relationship).toMatchObject({
      status: 'WITHDRAWN',
      withdrawalReason: 'Moved to another city',
    });
    expect(res.withdrawFromRelationship.relationship.endedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [event] = await eventsFor(stack, 'RelationshipWithdrawn', pair.id);
    expect(event.payload).toMatchObject({
      withdrawnBy: pair.mentorId,
      reason: 'Moved to another city',
      confirmedHours: 1.5,
      confirmedMeetings: 1,
    });
    expect(
      (await ok(stack, WITHDRAW, { id: pair.id, reason: 'again' }, pair.mentee)).withdrawFromRelationship.errors[0]
        .code,
    ).toBe('INVALID_STATE');
    expect((await ok(stack, COMPLETE, { id: pair.id }, pair.mentee)).completeRelationship.errors[0].code).toBe(
      'INVALID_STATE',
    );
  });

  it('should complete only when both confirm, then continue with new goals or close', async () => {
    const programmeId = await publishProgramme(stack, {
      targetHours: 3,
      durationWeeks: 26,
      minMeetings: 3,
      hoursOrMeetings: true,
    });
    const pair = await startRelationship(stack, { programmeId, confirmedAt: '2026-05-01T09:00:00Z' });
    await meetingConfirmedByBoth(stack, pair.id, pair.mentee, pair.mentor, { durationMinutes: 200 });

    const first = await ok(stack, COMPLETE, { id: pair.id }, pair.mentee);
    expect(first.completeRelationship.relationship.status).toBe('ACTIVE');
    expect(first.completeRelationship.relationship.completion.menteeConfirmedAt).not.toBeNull();
    expect(first.completeRelationship.relationship.completion.mentorConfirmedAt).toBeNull();
    expect((await ok(stack, COMPLETE, { id: pair.id }, pair.mentee)).completeRelationship.errors).toEqual([
      { field: 'id', code: 'ALREADY_CONFIRMED' },
    ]);
    expect(await eventsFor(stack, 'RelationshipCompleted', pair.id)).toHaveLength(0);
    const done = await ok(stack, COMPLETE, { id: pair.id }, pair.mentor);
    expect(done.completeRelationship.relationship.status).toBe('COMPLETED');
    const [completed] = await eventsFor(stack, 'RelationshipCompleted', pair.id);
    expect(completed.payload).toMatchObject({ confirmedHours: 3.33, confirmedMeetings: 1, metTerms: true });

    const empty = await ok(stack, CONTINUE, { id: pair.id, goals: [] }, pair.mentee);
    expect(empty.continueRelationship.errors).toEqual([{ field: 'goals', code: 'REQUIRED' }]);
    const invalid = await ok(stack, CONTINUE, { id: pair.id, goals: [{ ...goal, measure: '' }] }, pair.mentee);
    expect(invalid.continueRelationship.errors).toEqual([{ field: 'goals.0.measure', code: 'REQUIRED' }]);
    const continued = await ok(stack, CONTINUE, { id: pair.id, goals: [goal] }, pair.mentee);
    expect(continued.continueRelationship.relationship).toMatchObject({
      status: 'ACTIVE',
      endedOn: null,
      continuedCount: 1,
      completion: { mentorConfirmedAt: null, menteeConfirmedAt: null },
    });
    expect(await eventsFor(stack, 'RelationshipContinued', pair.id)).toHaveLength(1);
    const goals = (
      await ok(
        stack,
        `query ($id: ID!) { relationship(id: $id) { goals { title status } } }`,
        { id: pair.id },
        pair.mentor,
      )
    ).relationship.goals;
    expect(goals).toEqual([{ title: 'Next step', status: 'OPEN' }]);

    expect((await ok(stack, CLOSE, { id: pair.id }, pair.mentor)).closeRelationship.errors[0].code).toBe(
      'INVALID_STATE',
    );
    await ok(stack, COMPLETE, { id: pair.id }, pair.mentor);
    await ok(stack, COMPLETE, { id: pair.id }, pair.mentee);
    const closed = await ok(stack, CLOSE, { id: pair.id }, pair.mentor);
    expect(closed.closeRelationship.relationship.status).toBe('COMPLETED');
    expect(closed.closeRelationship.relationship.closedAt).not.toBeNull();
    expect((await ok(stack, CLOSE, { id: pair.id }, pair.mentee)).closeRelationship.errors[0].code).toBe(
      'ALREADY_CLOSED',
    );
    expect(
      (await ok(stack, CONTINUE, { id: pair.id, goals: [goal] }, pair.mentee)).continueRelationship.errors[0].code,
    ).toBe('ALREADY_CLOSED');
  });

  it('should ask both for feedback once ended, accept one per person, show it only to the coach and admins, and publish ratings without comments', async () => {
    const pair = await startRelationship(stack);
    expect(
      (await ok(stack, FEEDBACK, { id: pair.id, input: { ratings: ratings() } }, pair.mentee)).submitFeedback.errors,
    ).toEqual([{ field: 'relationshipId', code: 'NOT_ENDED' }]);
    await ok(stack, WITHDRAW, { id: pair.id, reason: 'No time' }, pair.mentee);
    const ASKED = `query ($id: ID!) { relationship(id: $id) { feedbackRequested feedback { respondent { id } respondentRole ratings { question rating } comments } } }`;
    expect((await ok(stack, ASKED, { id: pair.id }, pair.mentor)).relationship).toEqual({
      feedbackRequested: true,
      feedback: null,
    });

    const bad = await ok(
      stack,
      FEEDBACK,
      {
        id: pair.id,
        input: {
          ratings: [
            { question: 'GOALS_PROGRESS', rating: 6 },
            { question: 'GOALS_PROGRESS', rating: 2 },
          ],
        },
      },
      pair.mentee,
    );
    expect(bad.submitFeedback.errors.map((e: any) => `${e.field}:${e.code}`).sort()).toEqual([
      'input.ratings.0.rating:OUT_OF_RANGE',
      'input.ratings.1.question:DUPLICATE',
      'input.ratings:MISSING_QUESTION',
      'input.ratings:MISSING_QUESTION',
      'input.ratings:MISSING_QUESTION',
    ]);
    const sent = await ok(
      stack,
      FEEDBACK,
      { id: pair.id, input: { ratings: ratings(2), comments: 'My mentor was too busy' } },
      pair.mentee,
    );
    expect(sent.submitFeedback).toEqual({ submitted: true, errors: [] });
    expect(
      (await ok(stack, FEEDBACK, { id: pair.id, input: { ratings: ratings() } }, pair.mentee)).submitFeedback.errors,
    ).toEqual([{ field: 'relationshipId', code: 'ALREADY_SUBMITTED' }]);
    await ok(stack, FEEDBACK, { id: pair.id, input: { ratings: ratings(4) } }, pair.mentor);

    expect((await ok(stack, ASKED, { id: pair.id }, pair.mentee)).relationship).toEqual({
      feedbackRequested: false,
      feedback: null,
    });
    const coachView = (await ok(stack, ASKED, { id: pair.id }, pair.coach)).relationship.feedback;
    expect(coachView).toHaveLength(2);
    expect(coachView.find((f: any) => f.respondentRole === 'MENTEE')).toEqual({
      respondent: { id: pair.menteeId },
      respondentRole: 'MENTEE',
      comments: 'My mentor was too busy',
      ratings: [
        { question: 'GOALS_PROGRESS', rating: 2 },
        { question: 'RELATIONSHIP_QUALITY', rating: 5 },
        { question: 'PROGRAMME_SUPPORT', rating: 3 },
        { question: 'WOULD_RECOMMEND', rating: 5 },
      ],
    });
    const events = await eventsFor(stack, 'FeedbackSubmitted', pair.id);
    expect(events.map((e) => e.payload.respondentRole)).toEqual(['MENTEE', 'MENTOR']);
    expect(events[0].payload.ratings).toEqual({
      GOALS_PROGRESS: 2,
      RELATIONSHIP_QUALITY: 5,
      PROGRAMME_SUPPORT: 3,
      WOULD_RECOMMEND: 5,
    });
    expect(JSON.stringify(events)).not.toContain('too busy');
  });
});

describe('messages', () => {
  it('should carry messages between the two partners only, newest first, in cursor pages', async () => {
    const pair = await startRelationship(stack);
    const SEND = `mutation ($id: ID!, $body: String!) { sendMessage(relationshipId: $id, body: $body) { message { id body author { id } } errors { field code } } }`;
    expect((await ok(stack, SEND, { id: pair.id, body: ' ' }, pair.mentee)).sendMessage.errors).toEqual([
      { field: 'body', code: 'REQUIRED' },
    ]);
    for (let i = 1; i <= 5; i++)
      await ok(stack, SEND, { id: pair.id, body: `message ${i}` }, i % 2 ? pair.mentee : pair.mentor);
    const PAGE = `query ($id: ID!, $after: String) { relationship(id: $id) { messages(first: 2, after: $after) { nodes { body author { id } } pageInfo { hasNextPage endCursor } } } }`;
    const bodies: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await ok(stack, PAGE, { id: pair.id, after }, pair.mentor)).relationship.messages;
      bodies.push(...page.nodes.map((n: any) => n.body));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(bodies).toEqual(['message 5', 'message 4', 'message 3', 'message 2', 'message 1']);

    for (const staff of [
      pair.coach,
      { ...pair.coach, roles: ['ADMIN' as const] },
      { ...pair.coach, roles: ['PROGRAMME_ADMIN' as const] },
    ]) {
      expect((await ok(stack, PAGE, { id: pair.id, after: null }, staff)).relationship.messages).toBeNull();
      const send = await stack.gql(SEND, { id: pair.id, body: 'hello' }, { as: staff });
      expect(send.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });
});
