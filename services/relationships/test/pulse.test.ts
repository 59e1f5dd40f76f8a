/* eslint-disable @typescript-eslint/no-explicit-any */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { eventsFor, ok, startRelationship } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
});
afterAll(async () => {
  await stack?.stop();
});

const ASK = `mutation ($id: ID!, $q: String) { askPulse(relationshipId: $id, question: $q) { pulse { id question open } errors { field code } } }`;
const ANSWER = `mutation ($id: ID!, $input: PulseAnswerInput!) { answerPulse(pulseId: $id, input: $input) { pulse { id open menteeAnswered mentorAnswered answers { role score note } } errors { field code } } }`;
const READ = `query ($id: ID!) { relationship(id: $id) { atRiskFlags { code reason } pulses { id question open menteeAnswered mentorAnswered askedBy { id } answers { role score note respondent { id } } } } }`;

describe('pulse check-ins', () => {
  it('should let the coach ask, each partner answer once, and keep each answer from the other partner', async () => {
    const pair = await startRelationship(stack, { organizationId: randomUUID() });
    const asked = (await ok(stack, ASK, { id: pair.id }, pair.coach)).askPulse;
    expect(asked).toMatchObject({ pulse: { question: 'How is it going?', open: true }, errors: [] });
    const pulseId = asked.pulse.id;
    // one open pulse at a time
    expect((await ok(stack, ASK, { id: pair.id, q: 'Again?' }, principal('ADMIN'))).askPulse).toEqual({
      pulse: null,
      errors: [{ field: 'relationshipId', code: 'PULSE_OPEN' }],
    });
    expect(await eventsFor(stack, 'PulseAsked', pair.id)).toHaveLength(1);

    // bad input: nothing written
    for (const [input, error] of [
      [{ score: 0 }, { field: 'input.score', code: 'OUT_OF_RANGE' }],
      [{ score: 6 }, { field: 'input.score', code: 'OUT_OF_RANGE' }],
      [
        { score: 3, note: 'x'.repeat(1001) },
        { field: 'input.note', code: 'TOO_LONG' },
      ],
    ] as const) {
      expect((await ok(stack, ANSWER, { id: pulseId, input }, pair.mentee)).answerPulse).toEqual({
        pulse: null,
        errors: [error],
      });
    }
    expect((await ok(stack, READ, { id: pair.id }, pair.coach)).relationship.pulses[0].answers).toEqual([]);

    const mine = (
      await ok(stack, ANSWER, { id: pulseId, input: { score: 2, note: '  We keep cancelling.  ' } }, pair.mentee)
    ).answerPulse;
    expect(mine).toEqual({
      pulse: {
        id: pulseId,
        open: true,
        menteeAnswered: true,
        mentorAnswered: false,
        answers: [{ role: 'MENTEE', score: 2, note: 'We keep cancelling.' }],
      },
      errors: [],
    });
    expect((await ok(stack, ANSWER, { id: pulseId, input: { score: 5 } }, pair.mentee)).answerPulse.errors).toEqual([
      { field: 'pulseId', code: 'ALREADY_ANSWERED' },
    ]);
    await ok(stack, ANSWER, { id: pulseId, input: { score: 4, note: 'Fine by me.' } }, pair.mentor);

    // each partner reads their own answer and that the other answered; the coach reads both
    const asMentee = (await ok(stack, READ, { id: pair.id }, pair.mentee)).relationship.pulses;
    expect(asMentee).toHaveLength(1);
    expect(asMentee[0]).toMatchObject({ open: false, menteeAnswered: true, mentorAnswered: true });
    expect(asMentee[0].answers).toEqual([
      { role: 'MENTEE', score: 2, note: 'We keep cancelling.', respondent: { id: pair.menteeId } },
    ]);
    // the LOW_PULSE reason quotes the mentee's answer: neither partner sees that flag
    expect((await ok(stack, READ, { id: pair.id }, pair.mentee)).relationship.atRiskFlags).toEqual([]);
    const mentorView = (await ok(stack, READ, { id: pair.id }, pair.mentor)).relationship;
    expect(mentorView.atRiskFlags).toEqual([]);
    const asMentor = mentorView.pulses;
    expect(asMentor[0].answers.map((a: any) => a.role)).toEqual(['MENTOR']);
    const asCoach = (await ok(stack, READ, { id: pair.id }, pair.coach)).relationship;
    expect(asCoach.pulses[0].answers.map((a: any) => [a.role, a.score])).toEqual([
      ['MENTEE', 2],
      ['MENTOR', 4],
    ]);

    // the low answer flags the relationship at once, with its reason, and says so
    const today = new Date().toISOString().slice(0, 10);
    expect(asCoach.atRiskFlags).toEqual([
      {
        code: 'LOW_PULSE',
        reason: `The mentee answered the pulse check-in with 2 of 5 on ${today}: “We keep cancelling.”.`,
      },
    ]);
    const atRisk = await eventsFor(stack, 'RelationshipAtRisk', pair.id);
    expect(atRisk.map((e) => e.payload.reasons)).toEqual([['LOW_PULSE']]);
    const answered = await eventsFor(stack, 'PulseAnswered', pair.id);
    expect(answered.map((e) => [e.payload.respondentRole, e.payload.score])).toEqual([
      ['MENTEE', 2],
      ['MENTOR', 4],
    ]);
    expect(JSON.stringify(answered)).not.toContain('cancelling');

    // a later, better answer clears the flag
    const next = (await ok(stack, ASK, { id: pair.id, q: 'And now?' }, pair.coach)).askPulse.pulse.id;
    await ok(stack, ANSWER, { id: next, input: { score: 4 } }, pair.mentee);
    const after = (await ok(stack, READ, { id: pair.id }, pair.coach)).relationship;
    expect(after.atRiskFlags).toEqual([]);
    expect(after.pulses.map((p: any) => p.question)).toEqual(['And now?', 'How is it going?']);
    expect((await eventsFor(stack, 'RelationshipAtRisk', pair.id)).map((e) => e.payload.reasons)).toEqual([
      ['LOW_PULSE'],
      [],
    ]);
  });

  it('should refuse partners asking, outsiders asking or answering, and a paused relationship', async () => {
    const pair = await startRelationship(stack, { organizationId: randomUUID() });
    const other = principal('COACH', randomUUID());
    for (const who of [pair.mentee, other]) {
      const res = await stack.gql(ASK, { id: pair.id }, { as: who });
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const pulseId = (await ok(stack, ASK, { id: pair.id }, pair.coach)).askPulse.pulse.id;
    for (const who of [pair.coach, other]) {
      const res = await stack.gql(ANSWER, { id: pulseId, input: { score: 3 } }, { as: who });
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const unknown = await stack.gql(ANSWER, { id: randomUUID(), input: { score: 3 } }, { as: pair.mentee });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    await ok(
      stack,
      `mutation ($id: ID!) { pauseRelationship(id: $id) { errors { code } } }`,
      { id: pair.id },
      pair.mentor,
    );
    expect((await ok(stack, ANSWER, { id: pulseId, input: { score: 3 } }, pair.mentee)).answerPulse.errors).toEqual([
      { field: 'pulseId', code: 'INVALID_STATE' },
    ]);
    const paused = await startRelationship(stack, { organizationId: randomUUID() });
    await ok(
      stack,
      `mutation ($id: ID!) { pauseRelationship(id: $id) { errors { code } } }`,
      { id: paused.id },
      paused.mentee,
    );
    expect((await ok(stack, ASK, { id: paused.id }, paused.coach)).askPulse.errors).toEqual([
      { field: 'relationshipId', code: 'INVALID_STATE' },
    ]);
  });
});
