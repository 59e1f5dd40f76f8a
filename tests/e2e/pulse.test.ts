/**
 * Pulse check-ins, through the gateway (issue 19): the coach of the relationship's organisation asks both partners
 * how it is going, both are notified with a link to the pulse card and answer; a low answer flags the relationship
 * at once (LOW_PULSE with its reason) and reaches the coach (PULSE_LOW and RELATIONSHIP_AT_RISK, linked to the admin
 * app's relationship detail). A partner never reads the other's answer; a coach of another organisation is refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { coachedPair } from '../support/programme-setup';
import { ADMIN_PASSWORD, adminEnv, call, login, type Person } from '../support/world';

let stack: Stack;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@pulse.test`;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
});
afterAll(async () => {
  await stack?.stop();
});

const ASK = `mutation ($id: ID!) { askPulse(relationshipId: $id) { errors { field code } pulse { id question open } } }`;
const ANSWER = `mutation ($id: ID!, $input: PulseAnswerInput!) { answerPulse(pulseId: $id, input: $input) { errors { field code } pulse { id open } } }`;
const READ = `query ($id: ID!) { relationship(id: $id) { atRisk atRiskFlags { code reason } pulses { question open menteeAnswered mentorAnswered askedBy { id } answers { role score note } } } }`;
const NOTIFICATIONS = `{ me { notifications(first: 20) { edges { node { kind title link } } } } }`;

describe('pulse check-ins', () => {
  let admin: Person;
  let coachA: Person;
  let coachB: Person;
  let mentor: Person;
  let mentee: Person;
  let relationshipId: string;

  beforeAll(async () => {
    admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    ({ coachA, coachB, mentor, mentee, relationshipId } = await coachedPair(stack, admin));
  });

  const notes = async (who: Person, kind: string) =>
    (await call(stack, NOTIFICATIONS, {}, who.token)).me.notifications.edges
      .map((e: { node: { kind: string; title: string; link: string | null } }) => e.node)
      .filter((n: { kind: string }) => n.kind === kind);

  it('should let the coach ask, both partners answer, and a low answer flag the pair and reach the coach', async () => {
    const asked = (await call(stack, ASK, { id: relationshipId }, coachA.token)).askPulse;
    expect(asked).toMatchObject({ errors: [], pulse: { question: 'How is it going?', open: true } });
    const pulseId = asked.pulse.id as string;

    await eventually(
      async () => {
        for (const [who, partner] of [
          [mentee, 'Mentor Mia'],
          [mentor, 'Mentee Mo'],
        ] as const)
          expect(await notes(who, 'PULSE_ASKED')).toEqual([
            {
              kind: 'PULSE_ASKED',
              title: `Coach Ada asks how your mentorship with ${partner} is going`,
              link: `/relationships/${relationshipId}#pulse`,
            },
          ]);
      },
      15_000,
      200,
    );

    const low = await call(
      stack,
      ANSWER,
      { id: pulseId, input: { score: 1, note: 'We have not managed to meet since the start.' } },
      mentee.token,
    );
    expect(low.answerPulse.errors).toEqual([]);
    await call(stack, ANSWER, { id: pulseId, input: { score: 4 } }, mentor.token);

    // the mentee reads their own answer and that the mentor answered, never the mentor's answer
    const asMentee = (await call(stack, READ, { id: relationshipId }, mentee.token)).relationship;
    expect(asMentee.pulses).toEqual([
      {
        question: 'How is it going?',
        open: false,
        menteeAnswered: true,
        mentorAnswered: true,
        askedBy: { id: coachA.userId },
        answers: [{ role: 'MENTEE', score: 1, note: 'We have not managed to meet since the start.' }],
      },
    ]);
    const asMentor = (await call(stack, READ, { id: relationshipId }, mentor.token)).relationship;
    expect(asMentor.pulses[0].answers).toEqual([{ role: 'MENTOR', score: 4, note: null }]);
    // the flag's reason quotes the mentee's answer: the partners do not see it
    expect([asMentee.atRiskFlags, asMentor.atRiskFlags]).toEqual([[], []]);

    // the coach reads both, and the flag with its reason
    const asCoach = (await call(stack, READ, { id: relationshipId }, coachA.token)).relationship;
    expect(asCoach.pulses[0].answers.map((a: { role: string; score: number }) => [a.role, a.score])).toEqual([
      ['MENTEE', 1],
      ['MENTOR', 4],
    ]);
    expect(asCoach.atRisk).toBe(true);
    expect(asCoach.atRiskFlags).toEqual([
      {
        code: 'LOW_PULSE',
        reason: expect.stringMatching(
          /^The mentee answered the pulse check-in with 1 of 5 on \d{4}-\d{2}-\d{2}: “We have not managed to meet since the start\.”\.$/,
        ),
      },
    ]);

    await eventually(
      async () => {
        expect(await notes(coachA, 'PULSE_LOW')).toEqual([
          {
            kind: 'PULSE_LOW',
            title: 'Mentee Mo answered your check-in with 1 of 5',
            link: `admin:/relationships/${relationshipId}#pulse`,
          },
        ]);
        expect(await notes(coachA, 'RELATIONSHIP_AT_RISK')).toEqual([
          {
            kind: 'RELATIONSHIP_AT_RISK',
            title: 'The mentorship of Mentee Mo with Mentor Mia is at risk',
            link: `admin:/relationships/${relationshipId}#flags`,
          },
        ]);
      },
      15_000,
      200,
    );
    // the mentor's 4 tells nobody; the other organisation's coach hears nothing
    expect(await notes(coachA, 'PULSE_LOW')).toHaveLength(1);
    expect(await notes(coachB, 'PULSE_LOW')).toEqual([]);
  });

  it('should refuse a coach of another organisation, and an admin while a pulse is open', async () => {
    const read = await stack.gql(READ, { id: relationshipId }, { token: coachB.token });
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const ask = await stack.gql(ASK, { id: relationshipId }, { token: coachB.token });
    expect(ask.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    expect((await call(stack, ASK, { id: relationshipId }, admin.token)).askPulse.errors).toEqual([]);
    const again = await stack.gql<{ askPulse: { errors: unknown[] } }>(
      ASK,
      { id: relationshipId },
      { token: coachA.token },
    );
    expect(again.data?.askPulse.errors).toEqual([{ field: 'relationshipId', code: 'PULSE_OPEN' }]);
  });
});
