import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@tandem/contracts';
import { daysFromToday, principal, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { createOrganization, gqlFrom, register, registerStaff, startIdentityStack, type Account } from './helpers';

let stack: Stack;
let admin: Account;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  stack = await startIdentityStack(testDatabaseUrl());
  admin = await registerStaff(stack, 'Ada Admin', ['ADMIN']);
  orgA = await createOrganization(stack, admin);
  orgB = await createOrganization(stack, admin);
});
afterAll(async () => {
  await stack?.stop();
});

const VIEW = `query ($id: ID!) { user(id: $id) { id displayName menteeProfile { goals } contact { email } } }`;
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName roles contact { email phone } menteeProfile { goals } mentorProfile { status } } } }`;

async function menteeWithProfile(name: string, organizationId: string | null = orgA): Promise<Account> {
  const mentee = await register(stack, name, ['MENTEE'], organizationId ? { organizationId } : {});
  const res = await gqlFrom<{ updateMenteeProfile: { ok: boolean } }>(
    stack,
    `mutation ($i: MenteeProfileInput!) { updateMenteeProfile(input: $i) { ok } }`,
    { i: { goals: ['Find work in my field'] } },
    { token: mentee.token },
  );
  expect(res.data?.updateMenteeProfile.ok).toBe(true);
  return mentee;
}

const relationship = (menteeId: string, mentorId: string, relationshipId = randomUUID()) => ({
  relationshipId,
  menteeId,
  mentorId,
  programmeId: randomUUID(),
  organizationId: null as string | null,
});

describe("a mentee's profile", () => {
  it('should be seen by the mentee, their coach and admins, and not by other participants, other coaches or analysts', async () => {
    const mentee = await menteeWithProfile('Mina Mentee');
    const coachA = await registerStaff(stack, 'Coach A', ['COACH'], orgA);
    const coachB = await registerStaff(stack, 'Coach B', ['COACH'], orgB);
    const stranger = await register(stack, 'Stranger Mentor', ['MENTOR']);
    const analyst = await registerStaff(stack, 'Analyst', ['ANALYST']);

    const full = {
      user: {
        id: mentee.id,
        displayName: 'Mina Mentee',
        menteeProfile: { goals: ['Find work in my field'] },
        contact: null,
      },
    };
    expect((await gqlFrom(stack, VIEW, { id: mentee.id }, { token: coachA.token })).data).toEqual(full);
    expect((await gqlFrom(stack, VIEW, { id: mentee.id }, { token: admin.token })).data).toEqual({
      user: { ...full.user, contact: { email: mentee.email } },
    });
    expect((await gqlFrom(stack, VIEW, { id: mentee.id }, { token: mentee.token })).data).toEqual({
      user: { ...full.user, contact: { email: mentee.email } },
    });
    for (const outsider of [coachB, stranger, analyst]) {
      const res = await gqlFrom(stack, VIEW, { id: mentee.id }, { token: outsider.token });
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('should be seen by a mentor the mentee asked, or a mentor proposed for them, but without contact details', async () => {
    const mentee = await menteeWithProfile('Asking Mentee');
    const asked = await register(stack, 'Asked Mentor', ['MENTOR']);
    const proposed = await register(stack, 'Proposed Mentor', ['MENTOR']);
    const other = await register(stack, 'Other Mentor', ['MENTOR']);
    await stack.publish('MentoringRequestSent', {
      requestId: randomUUID(),
      menteeId: mentee.id,
      mentorId: asked.id,
      programmeId: randomUUID(),
      sentAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    });
    await stack.publish('MatchProposed', {
      proposalId: randomUUID(),
      menteeId: mentee.id,
      mentorId: proposed.id,
      coachId: randomUUID(),
      programmeId: randomUUID(),
      note: 'Same field',
      proposedAt: new Date().toISOString(),
    });
    await stack.settle();

    for (const mentor of [asked, proposed]) {
      const res = await gqlFrom(stack, VIEW, { id: mentee.id }, { token: mentor.token });
      expect(res.data).toEqual({
        user: {
          id: mentee.id,
          displayName: 'Asking Mentee',
          menteeProfile: { goals: ['Find work in my field'] },
          contact: null,
        },
      });
    }
    expect((await gqlFrom(stack, VIEW, { id: mentee.id }, { token: other.token })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('contact details', () => {
  it('should open to both counterparts of an active relationship, stay after completion, and close if withdrawn before completion', async () => {
    const mentee = await menteeWithProfile('Contact Mentee', null);
    const mentor = await register(stack, 'Contact Mentor', ['MENTOR']);
    const CONTACT = `query ($id: ID!) { user(id: $id) { contact { email } } }`;
    const contactOf = async (viewer: Account, subject: Account) =>
      (
        await gqlFrom<{ user: { contact: { email: string } | null } }>(
          stack,
          CONTACT,
          { id: subject.id },
          { token: viewer.token },
        )
      ).data?.user?.contact ?? null;

    await stack.publish('MentoringRequestSent', {
      requestId: randomUUID(),
      menteeId: mentee.id,
      mentorId: mentor.id,
      programmeId: randomUUID(),
      sentAt: new Date().toISOString(),
      expiresAt: new Date().toISOString(),
    });
    await stack.settle();
    expect(await contactOf(mentor, mentee)).toBeNull();

    const first = relationship(mentee.id, mentor.id);
    await stack.publish('RelationshipStarted', {
      ...first,
      matchId: randomUUID(),
      cohortId: null,
      startedOn: '2026-09-01',
      plannedEndOn: '2026-12-31',
    });
    await stack.settle();
    expect(await contactOf(mentor, mentee)).toEqual({ email: mentee.email });
    expect(await contactOf(mentee, mentor)).toEqual({ email: mentor.email });

    await stack.publish('RelationshipWithdrawn', {
      ...first,
      withdrawnBy: mentee.id,
      reason: 'moved',
      withdrawnOn: '2026-10-01',
      confirmedHours: 2,
      confirmedMeetings: 2,
    });
    await stack.settle();
    expect(await contactOf(mentor, mentee)).toBeNull();
    expect(await contactOf(mentee, mentor)).toBeNull();

    const second = relationship(mentee.id, mentor.id);
    await stack.publish('RelationshipStarted', {
      ...second,
      matchId: randomUUID(),
      cohortId: null,
      startedOn: '2026-10-05',
      plannedEndOn: '2027-01-31',
    });
    await stack.publish('RelationshipCompleted', {
      ...second,
      completedOn: '2027-01-31',
      confirmedHours: 24,
      confirmedMeetings: 10,
      metTerms: true,
    });
    // a late withdrawal of a completed relationship changes nothing
    await stack.publish('RelationshipWithdrawn', {
      ...second,
      withdrawnBy: mentor.id,
      reason: 'late',
      withdrawnOn: '2027-02-01',
      confirmedHours: 24,
      confirmedMeetings: 10,
    });
    await stack.settle();
    expect(await contactOf(mentor, mentee)).toEqual({ email: mentee.email });
  });

  it("should give the organisation's coach the pair's contact details again when a completed relationship continues, in any arrival order", async () => {
    const coach = await registerStaff(stack, 'Continuing Coach', ['COACH'], orgB);
    const contactSeen = async (subject: Account) =>
      (
        await gqlFrom<{ user: { contact: { email: string } | null } | null }>(
          stack,
          `query ($id: ID!) { user(id: $id) { contact { email } } }`,
          { id: subject.id },
          { token: coach.token },
        )
      ).data?.user?.contact ?? null;
    const events = (
      r: Omit<ReturnType<typeof relationship>, 'organizationId'> & { organizationId: string | null },
    ) => ({
      started: () =>
        stack.publish('RelationshipStarted', {
          ...r,
          matchId: randomUUID(),
          cohortId: null,
          startedOn: daysFromToday(-120),
          plannedEndOn: daysFromToday(-20),
        }),
      completed: () =>
        stack.publish('RelationshipCompleted', {
          ...r,
          completedOn: daysFromToday(-20),
          confirmedHours: 12,
          confirmedMeetings: 6,
          metTerms: true,
        }),
      continued: () => stack.publish('RelationshipContinued', { ...r, continuedOn: daysFromToday(-10) }),
    });

    // in order: active, completed (the coach loses the contact details), continued (and has them again)
    const mentee = await register(stack, 'Continuing Mentee', ['MENTEE'], { organizationId: orgB });
    const mentor = await register(stack, 'Continuing Mentor', ['MENTOR']);
    const inOrder = events({ ...relationship(mentee.id, mentor.id), organizationId: orgB });
    await inOrder.started();
    await stack.settle();
    expect(await contactSeen(mentor)).toEqual({ email: mentor.email });
    await inOrder.completed();
    await stack.settle();
    expect(await contactSeen(mentor)).toBeNull();
    await inOrder.continued();
    await stack.settle();
    expect(await contactSeen(mentor)).toEqual({ email: mentor.email });
    expect(await contactSeen(mentee)).toEqual({ email: mentee.email });

    // the same three facts arriving backwards, the completion delivered twice: the same end
    const mentee2 = await register(stack, 'Backwards Mentee', ['MENTEE'], { organizationId: orgB });
    const mentor2 = await register(stack, 'Backwards Mentor', ['MENTOR']);
    const backwards = events({ ...relationship(mentee2.id, mentor2.id), organizationId: orgB });
    await backwards.continued();
    await backwards.completed();
    await backwards.started();
    await backwards.completed();
    await stack.settle();
    expect(await contactSeen(mentor2)).toEqual({ email: mentor2.email });

    // a continuation that a later completion ends: no longer coached
    const mentee3 = await register(stack, 'Ended Mentee', ['MENTEE'], { organizationId: orgB });
    const mentor3 = await register(stack, 'Ended Mentor', ['MENTOR']);
    const r3 = { ...relationship(mentee3.id, mentor3.id), organizationId: orgB };
    const ended = events(r3);
    await ended.started();
    await stack.publish('RelationshipCompleted', {
      ...r3,
      completedOn: daysFromToday(-1),
      confirmedHours: 20,
      confirmedMeetings: 9,
      metTerms: true,
    });
    await ended.continued();
    await ended.completed();
    await stack.settle();
    expect(await contactSeen(mentor3)).toBeNull();
  });

  it('should apply the same rules through _entities straight to the subgraph', async () => {
    const mentee = await menteeWithProfile('Entity Mentee', orgA);
    const mentor = await register(stack, 'Entity Mentor', ['MENTOR']);
    const rep = [{ __typename: 'User', id: mentee.id }];
    type Entities = {
      _entities: Array<{
        id: string;
        displayName: string | null;
        roles: string[] | null;
        contact: { email: string; phone: string | null } | null;
        menteeProfile: { goals: string[] } | null;
      }>;
    };
    const asPrincipal = (p: Principal) => stack.subgraph<Entities>('identity', ENTITIES, { r: rep }, { as: p });

    const foreign = await asPrincipal(principal('MENTOR'));
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data?._entities).toEqual([
      { id: mentee.id, displayName: null, roles: null, contact: null, menteeProfile: null, mentorProfile: null },
    ]);

    const analyst = await asPrincipal(principal('ANALYST'));
    expect(analyst.data?._entities[0]).toMatchObject({ displayName: null, contact: null, menteeProfile: null });

    const coach = await asPrincipal(principal('COACH', orgA));
    expect(coach.data?._entities[0]).toMatchObject({
      displayName: 'Entity Mentee',
      roles: ['MENTEE'],
      contact: null,
      menteeProfile: { goals: ['Find work in my field'] },
    });
    const otherCoach = await asPrincipal(principal('COACH', orgB));
    expect(otherCoach.data?._entities[0]).toMatchObject({ displayName: null, menteeProfile: null });

    const rel = relationship(mentee.id, mentor.id);
    await stack.publish('RelationshipStarted', {
      ...rel,
      matchId: randomUUID(),
      cohortId: null,
      startedOn: '2026-09-01',
      plannedEndOn: '2026-12-31',
    });
    await stack.settle();
    const counterpart = await asPrincipal({ userId: mentor.id, roles: ['MENTOR'], organizationId: null });
    expect(counterpart.data?._entities[0]).toMatchObject({
      displayName: 'Entity Mentee',
      contact: { email: mentee.email, phone: null },
      menteeProfile: { goals: ['Find work in my field'] },
    });
    // the real token of that mentor, through the gateway, agrees
    const viaGateway = await gqlFrom<{ user: { contact: { email: string } } }>(
      stack,
      `query ($id: ID!) { user(id: $id) { contact { email } } }`,
      { id: mentee.id },
      { token: mentor.token },
    );
    expect(viaGateway.data?.user.contact.email).toBe(mentee.email);
  });

  it('should resolve many references in one statement for a caller that needs no relation facts', async () => {
    const people = await Promise.all(['P1', 'P2', 'P3'].map((n) => register(stack, n)));
    const res = await stack.subgraph<{ _entities: Array<{ displayName: string }> }>(
      'identity',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName } } }`,
      { r: people.map((p) => ({ __typename: 'User', id: p.id })) },
      { as: principal('ADMIN') },
    );
    expect(res.data?._entities.map((u) => u.displayName)).toEqual(['P1', 'P2', 'P3']);
    expect(res.headers.get('x-tandem-sql-statements')).toBe('1');
  });
});

describe('changing contact details', () => {
  it('should validate, refuse a taken email, publish UserContactChanged and re-publish the mentor snapshot on a new name', async () => {
    const mentor = await register(stack, 'Old Name', ['MENTOR']);
    const other = await register(stack, 'Someone Else');
    await gqlFrom(
      stack,
      `mutation ($i: MentorProfileInput!) { updateMentorProfile(input: $i) { ok } }`,
      { i: { headline: 'Teacher', industryCode: '61', occupationCode: '41220' } },
      { token: mentor.token },
    );
    const UPDATE = `mutation ($i: UpdateContactDetailsInput!) { updateContactDetails(input: $i) { ok errors { field code } user { displayName contact { email phone } } } }`;

    const bad = await gqlFrom<{
      updateContactDetails: { ok: boolean; errors: Array<{ field: string; code: string }> };
    }>(stack, UPDATE, { i: { email: 'nope', phone: 'call me' } }, { token: mentor.token });
    expect(bad.data?.updateContactDetails).toMatchObject({
      ok: false,
      errors: [
        { field: 'input.email', code: 'INVALID_EMAIL' },
        { field: 'input.phone', code: 'INVALID_PHONE' },
        { field: 'input.email', code: 'USE_CHANGE_EMAIL' },
      ],
    });
    const taken = await gqlFrom<{ updateContactDetails: { errors: Array<{ field: string; code: string }> } }>(
      stack,
      UPDATE,
      { i: { email: other.email.toLowerCase() } },
      { token: mentor.token },
    );
    // the sign-in email changes only through requestEmailChange (password, confirmation, notice to the old address)
    expect(taken.data?.updateContactDetails.errors).toEqual([{ field: 'input.email', code: 'USE_CHANGE_EMAIL' }]);

    // the same address in other letters is not a change of address
    const newEmail = mentor.email.toUpperCase();
    const ok = await gqlFrom<{ updateContactDetails: unknown }>(
      stack,
      UPDATE,
      { i: { displayName: 'New Name', email: newEmail, phone: '+1 416 555 0100' } },
      { token: mentor.token },
    );
    expect(ok.data?.updateContactDetails).toEqual({
      ok: true,
      errors: [],
      user: { displayName: 'New Name', contact: { email: newEmail, phone: '+1 416 555 0100' } },
    });
    const [contact] = await stack.sql(
      `SELECT payload FROM identity.event_log WHERE name = 'UserContactChanged' AND payload->>'userId' = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [mentor.id],
    );
    expect(contact.payload).toMatchObject({ displayName: 'New Name', email: newEmail, phone: '+1 416 555 0100' });
    const [snapshot] = await stack.sql(
      `SELECT payload FROM identity.event_log WHERE name = 'MentorProfileChanged' AND payload->>'userId' = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [mentor.id],
    );
    expect((snapshot.payload as { displayName: string }).displayName).toBe('New Name');
    // the new email is the login now
    const relogged = await gqlFrom<{ login: { ok: boolean } }>(
      stack,
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ok } }`,
      { e: newEmail, p: mentor.password },
    );
    expect(relogged.data?.login.ok).toBe(true);
  });
});

describe('staff user lists', () => {
  it("should page an organisation's people newest first without repeats, and keep a coach to their organisation", async () => {
    const org = await createOrganization(stack, admin);
    const people = [];
    for (const name of ['First Member', 'Second Member', 'Third Member'])
      people.push(await register(stack, name, ['MENTEE'], { organizationId: org }));
    const LIST = `query ($org: ID, $after: String) { users(organizationId: $org, first: 2, after: $after) { edges { node { id displayName } } pageInfo { hasNextPage endCursor } } }`;
    type List = {
      users: {
        edges: Array<{ node: { id: string; displayName: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const page1 = await gqlFrom<List>(stack, LIST, { org }, { token: admin.token });
    expect(page1.data?.users.edges.map((e) => e.node.displayName)).toEqual(['Third Member', 'Second Member']);
    expect(page1.data?.users.pageInfo.hasNextPage).toBe(true);
    const page2 = await gqlFrom<List>(
      stack,
      LIST,
      { org, after: page1.data!.users.pageInfo.endCursor },
      { token: admin.token },
    );
    expect(page2.data?.users.edges.map((e) => e.node.displayName)).toEqual(['First Member']);
    expect(page2.data?.users.pageInfo.hasNextPage).toBe(false);

    const coach = await registerStaff(stack, 'List Coach', ['COACH'], orgB);
    const foreign = await gqlFrom<List>(stack, LIST, { org }, { token: coach.token });
    expect(foreign.data?.users.edges).toEqual([]);
    const mentee = people[0];
    expect((await gqlFrom(stack, LIST, { org }, { token: mentee.token })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const badCursor = await gqlFrom(stack, LIST, { org, after: 'not-a-cursor' }, { token: admin.token });
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('erasure', () => {
  it('should erase a person on their own request, keep the id under a pseudonym, and tell the other subgraphs', async () => {
    const mentee = await menteeWithProfile('Erin Erased');
    const other = await register(stack, 'Not Allowed');
    const ERASE = `mutation ($id: ID!) { eraseAccount(userId: $id) { ok errors { field code } erasedUserId } }`;
    expect((await gqlFrom(stack, ERASE, { id: mentee.id }, { token: other.token })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );

    const erased = await gqlFrom(stack, ERASE, { id: mentee.id }, { token: mentee.token });
    expect(erased.data).toEqual({ eraseAccount: { ok: true, errors: [], erasedUserId: mentee.id } });
    const seen = await gqlFrom(stack, VIEW, { id: mentee.id }, { token: admin.token });
    expect(seen.data).toEqual({
      user: {
        id: mentee.id,
        displayName: `Former member ${mentee.id.slice(0, 8)}`,
        menteeProfile: null,
        contact: { email: `erased+${mentee.id}@erased.invalid` },
      },
    });
    const [event] = await stack.sql(
      `SELECT payload FROM identity.event_log WHERE name = 'UserErased' AND payload->>'userId' = $1`,
      [mentee.id],
    );
    expect(event.payload).toMatchObject({ pseudonym: `Former member ${mentee.id.slice(0, 8)}` });
    const relogin = await gqlFrom<{ login: { ok: boolean } }>(
      stack,
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ok } }`,
      { e: mentee.email, p: mentee.password },
    );
    expect(relogin.data?.login.ok).toBe(false);
    expect(await stack.sql(`SELECT 1 FROM identity.refresh_token WHERE user_id = $1`, [mentee.id])).toHaveLength(0);
  });
});

describe('approved mentors', () => {
  it('should show public fields to any participant through _entities, and hide a pending mentor', async () => {
    const mentor = await register(stack, 'Public Mentor', ['MENTOR'], { organizationId: orgA });
    await gqlFrom(
      stack,
      `mutation ($i: MentorProfileInput!) { updateMentorProfile(input: $i) { ok } }`,
      { i: { headline: 'Finance', industryCode: '52', occupationCode: '11101', capacity: 2 } },
      { token: mentor.token },
    );
    const rep = { r: [{ __typename: 'User', id: mentor.id }] };
    const before = await stack.subgraph<{ _entities: Array<{ displayName: string | null; mentorProfile: unknown }> }>(
      'identity',
      ENTITIES,
      rep,
      { as: principal('MENTEE') },
    );
    expect(before.data?._entities[0]).toMatchObject({ displayName: null, mentorProfile: null });
    const coach = await registerStaff(stack, 'Approving Coach', ['COACH'], orgA);
    await gqlFrom(
      stack,
      `mutation ($i: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $i) { ok } }`,
      { i: { userId: mentor.id, decision: 'APPROVED', comment: 'Welcome' } },
      { token: coach.token },
    );
    const after = await stack.subgraph<{
      _entities: Array<{ displayName: string | null; mentorProfile: unknown; contact: unknown }>;
    }>('identity', ENTITIES, rep, { as: principal('MENTEE') });
    expect(after.data?._entities[0]).toMatchObject({
      displayName: 'Public Mentor',
      mentorProfile: { status: 'APPROVED' },
      contact: null,
    });
    const analyst = await stack.subgraph<{ _entities: Array<{ displayName: string | null; mentorProfile: unknown }> }>(
      'identity',
      ENTITIES,
      rep,
      { as: principal('ANALYST') },
    );
    expect(analyst.data?._entities[0]).toMatchObject({ displayName: null, mentorProfile: null });
  });
});
