import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { LOG, meetingInput, ok, startRelationship } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
});
afterAll(async () => {
  await stack?.stop();
});

describe('UserErased', () => {
  it("should drop the person's private notes, message texts and feedback comments, once even if delivered twice, and keep the partner's", async () => {
    const pair = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z' });
    await ok(stack, LOG, { id: pair.id, input: meetingInput({ privateNote: 'my own note' }) }, pair.mentee);
    const SEND = `mutation ($id: ID!, $b: String!) { sendMessage(relationshipId: $id, body: $b) { errors { code } } }`;
    await ok(stack, SEND, { id: pair.id, b: 'from the mentee' }, pair.mentee);
    await ok(stack, SEND, { id: pair.id, b: 'from the mentor' }, pair.mentor);
    await ok(
      stack,
      `mutation ($id: ID!) { withdrawFromRelationship(id: $id, reason: "Leaving") { errors { code } } }`,
      { id: pair.id },
      pair.mentee,
    );
    const ratings = ['GOALS_PROGRESS', 'RELATIONSHIP_QUALITY', 'PROGRAMME_SUPPORT', 'WOULD_RECOMMEND'].map(
      (question) => ({ question, rating: 4 }),
    );
    await ok(
      stack,
      `mutation ($id: ID!, $input: FeedbackInput!) { submitFeedback(relationshipId: $id, input: $input) { errors { code } } }`,
      { id: pair.id, input: { ratings, comments: 'personal words' } },
      pair.mentee,
    );

    const erased = { userId: pair.menteeId, pseudonym: 'Former member', erasedAt: new Date().toISOString() };
    await stack.publish('UserErased', erased, 'identity');
    await stack.publish('UserErased', erased, 'identity');
    await stack.settle();

    const notes = await stack.sql(
      `SELECT count(*)::int AS n FROM relationships.meeting_note n JOIN relationships.meeting m ON m.id = n.meeting_id WHERE m.relationship_id = $1`,
      [pair.id],
    );
    expect(notes[0].n).toBe(0);
    const messages = (
      await ok(
        stack,
        `query ($id: ID!) { relationship(id: $id) { messages { nodes { body author { id } } } } }`,
        { id: pair.id },
        pair.mentor,
      )
    ).relationship.messages.nodes;
    expect(messages).toEqual([
      { body: 'from the mentor', author: { id: pair.mentorId } },
      { body: '', author: { id: pair.menteeId } },
    ]);
    const feedback = (
      await ok(
        stack,
        `query ($id: ID!) { relationship(id: $id) { feedback { comments ratings { rating } } } }`,
        { id: pair.id },
        pair.coach,
      )
    ).relationship.feedback;
    expect(feedback).toEqual([
      { comments: null, ratings: [{ rating: 4 }, { rating: 4 }, { rating: 4 }, { rating: 4 }] },
    ]);
  });
});
