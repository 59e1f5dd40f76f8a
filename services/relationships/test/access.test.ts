/* eslint-disable @typescript-eslint/no-explicit-any */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { LOG, meetingConfirmedByBoth, meetingInput, ok, startRelationship, type Pair } from './fixtures';

let stack: Stack;
let pair: Pair;
let meetingId: string;
let goalId: string;
let agreementId: string;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
  pair = await startRelationship(stack, { confirmedAt: '2026-05-01T09:00:00Z' });
  meetingId = await meetingConfirmedByBoth(stack, pair.id, pair.mentee, pair.mentor, {
    privateNote: 'note of the mentee',
  });
  await ok(
    stack,
    LOG,
    { id: pair.id, input: meetingInput({ occurredOn: '2026-06-02', privateNote: 'mentor note' }) },
    pair.mentor,
  );
  const g = await ok(
    stack,
    `mutation ($id: ID!, $input: SmartGoalInput!) { createGoal(relationshipId: $id, input: $input) { goal { id } } }`,
    {
      id: pair.id,
      input: {
        title: 't',
        specific: 's',
        measure: 'm',
        target: '1',
        attainable: 'a',
        relevant: 'r',
        dueOn: '2099-01-01',
      },
    },
    pair.mentee,
  );
  goalId = g.createGoal.goal.id;
  const a = await ok(
    stack,
    `mutation ($id: ID!, $input: AgreementInput!) { draftAgreement(relationshipId: $id, input: $input) { agreement { id } } }`,
    {
      id: pair.id,
      input: {
        topGoals: ['g'],
        meetingPlace: 'p',
        meetingTime: 't',
        meetingLengthMinutes: 60,
        meetingFrequency: 'f',
        initiator: 'MENTEE',
        confidentiality: 'STAYS_BETWEEN_US',
        durationWeeks: 10,
      },
    },
    pair.mentee,
  );
  agreementId = a.draftAgreement.agreement.id;
  await ok(
    stack,
    `mutation ($id: ID!) { sendMessage(relationshipId: $id, body: "private words") { errors { code } } }`,
    { id: pair.id },
    pair.mentee,
  );
});
afterAll(async () => {
  await stack?.stop();
});

const DETAIL = `query ($id: ID!) { relationship(id: $id) { id viewerRole agreement { id } goals { id } meetings { id myPrivateNote } messages { nodes { body } } } }`;

describe('who sees a relationship', () => {
  it('should show everything to the partners, private notes only to their author', async () => {
    const mentee = (await ok(stack, DETAIL, { id: pair.id }, pair.mentee)).relationship;
    expect(mentee.viewerRole).toBe('MENTEE');
    expect(mentee.messages.nodes).toEqual([{ body: 'private words' }]);
    expect(mentee.meetings.map((m: any) => m.myPrivateNote)).toEqual(['note of the mentee', null]);
    const mentor = (await ok(stack, DETAIL, { id: pair.id }, pair.mentor)).relationship;
    expect(mentor.viewerRole).toBe('MENTOR');
    expect(mentor.meetings.map((m: any) => m.myPrivateNote)).toEqual([null, 'mentor note']);
    expect(mentor.goals).toEqual([{ id: goalId }]);
  });

  it('should show the coach of the organisation, admins and programme admins the content but not messages or private notes', async () => {
    for (const [who, role] of [
      [pair.coach, 'COACH'],
      [principal('ADMIN'), 'ADMIN'],
      [principal('PROGRAMME_ADMIN'), 'PROGRAMME_ADMIN'],
    ] as const) {
      const r = (await ok(stack, DETAIL, { id: pair.id }, who)).relationship;
      expect(r).toMatchObject({
        viewerRole: role,
        agreement: { id: agreementId },
        goals: [{ id: goalId }],
        messages: null,
      });
      expect(r.meetings.map((m: any) => m.myPrivateNote)).toEqual([null, null]);
    }
  });

  it('should answer NOT_FOUND to another mentee, a coach of another organisation, a coach without organisation, an analyst, and for an unknown id', async () => {
    const strangers = [
      principal('MENTEE'),
      principal('MENTOR'),
      principal('COACH', randomUUID()),
      principal('COACH', null),
      principal('ANALYST'),
    ];
    for (const who of strangers) {
      const res = await stack.gql(DETAIL, { id: pair.id }, { as: who });
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(res.data?.relationship ?? null).toBeNull();
    }
    const unknown = await stack.gql(DETAIL, { id: randomUUID() }, { as: principal('ADMIN') });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await stack.gql(DETAIL, { id: pair.id })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should refuse every mutation to strangers with NOT_FOUND', async () => {
    const stranger = principal('MENTEE');
    const mutations: Array<[string, Record<string, unknown>]> = [
      [`mutation ($id: ID!) { pauseRelationship(id: $id) { errors { code } } }`, { id: pair.id }],
      [`mutation ($id: ID!) { confirmMeeting(meetingId: $id) { errors { code } } }`, { id: meetingId }],
      [`mutation ($id: ID!) { achieveGoal(goalId: $id) { errors { code } } }`, { id: goalId }],
      [`mutation ($id: ID!) { signAgreement(relationshipId: $id, version: 1) { errors { code } } }`, { id: pair.id }],
      [`mutation ($id: ID!) { withdrawFromRelationship(id: $id, reason: "x") { errors { code } } }`, { id: pair.id }],
    ];
    for (const [query, variables] of mutations) {
      for (const who of [stranger, principal('ANALYST'), principal('COACH', randomUUID())]) {
        expect((await stack.gql(query, variables, { as: who })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      }
    }
  });

  it('should apply the same rules to _entities straight to the subgraph', async () => {
    const Q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Relationship { id status } ... on Meeting { id durationMinutes } ... on Goal { id title } ... on Agreement { id } } }`;
    const reps = [
      { __typename: 'Relationship', id: pair.id },
      { __typename: 'Meeting', id: meetingId },
      { __typename: 'Goal', id: goalId },
      { __typename: 'Agreement', id: agreementId },
    ];
    const allowed = await stack.subgraph<{ _entities: any[] }>('relationships', Q, { r: reps }, { as: pair.coach });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!._entities).toEqual([
      { id: pair.id, status: 'ACTIVE' },
      { id: meetingId, durationMinutes: 60 },
      { id: goalId, title: 't' },
      { id: agreementId },
    ]);
    for (const who of [principal('MENTEE'), principal('COACH', randomUUID()), principal('ANALYST'), null]) {
      for (const rep of reps) {
        const res = await stack.subgraph<{ _entities: any[] }>('relationships', Q, { r: [rep] }, { as: who });
        expect(res.data?._entities[0] ?? null).toBeNull();
        expect(res.errors?.[0].extensions?.code).toBe(who ? 'NOT_FOUND' : 'UNAUTHENTICATED');
      }
    }
  });
});
