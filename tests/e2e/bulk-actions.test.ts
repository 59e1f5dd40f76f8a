/**
 * Bulk actions of the staff lists through the gateway (issue 19): approving mentor applications, messaging pairs'
 * coach threads and ending relationships, several at once. Each item runs the single item's rules on its own: a
 * refused item (another organisation's, not pending, already withdrawn, listed twice) is listed with its reason,
 * does not stop the others, and changes nothing; a missing comment, message or reason refuses the whole call
 * before anything runs.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import {
  approvedMentor,
  createOrganization,
  createProgramme,
  enrolledMentee,
  startedPair,
} from '../support/programme-setup';
import {
  ADMIN_PASSWORD,
  MENTOR_PROFILE,
  adminEnv,
  call,
  login,
  register,
  registerStaff,
  type Person,
} from '../support/world';

let stack: Stack;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@bulk-actions.test`;

let admin: Person;
let coachA: Person;
let orgA: string;
let orgB: string;
let programmeId: string;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
  admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  orgA = await createOrganization(stack, admin, 'Bulk A');
  orgB = await createOrganization(stack, admin, 'Bulk B');
  programmeId = await createProgramme(stack, admin, [orgA, orgB]);
  coachA = await registerStaff(stack, admin, 'Coach Ada', ['COACH'], orgA);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const ITEM = 'id errors { field code message }';

async function applicant(name: string, org: string): Promise<Person> {
  const p = await register(stack, name, ['MENTOR'], org);
  await call(
    stack,
    `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { errors { field code message } } }`,
    { input: MENTOR_PROFILE },
    p.token,
  );
  return p;
}

async function mentorStatus(userId: string) {
  const d = await call(
    stack,
    `query ($id: ID!) { user(id: $id) { mentorProfile { status reviewComment } } }`,
    { id: userId },
    admin.token,
  );
  return d.user.mentorProfile as { status: string; reviewComment: string | null };
}

async function relationship(id: string) {
  const d = await call(
    stack,
    `query ($id: ID!) { relationship(id: $id) { status withdrawalReason coachThread(first: 20) { totalCount edges { node { body } } } } }`,
    { id },
    admin.token,
  );
  return d.relationship as {
    status: string;
    withdrawalReason: string | null;
    coachThread: { totalCount: number; edges: Array<{ node: { body: string } }> };
  };
}

describe('bulk review of mentor applications', () => {
  it("should approve each pending application of the coach's organisation and refuse the others, each on its own", async () => {
    const first = await applicant('Mentor Ana', orgA);
    const other = await applicant('Mentor Ben', orgB);
    const second = await applicant('Mentor Cleo', orgA);
    const done = await applicant('Mentor Dev', orgA);
    await call(
      stack,
      `mutation ($input: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $input) { errors { field code } } }`,
      { input: { userId: done.userId, decision: 'REJECTED', comment: 'Add your experience.' } },
      admin.token,
    );

    // without a note nothing runs
    const empty = await stack.gql<{
      reviewMentorApplications: { items: unknown[]; errors: Array<{ field: string; code: string }> };
    }>(
      `mutation ($input: ReviewMentorApplicationsInput!) { reviewMentorApplications(input: $input) { items { ${ITEM} } errors { field code } } }`,
      { input: { userIds: [first.userId], decision: 'APPROVED', comment: '  ' } },
      { token: coachA.token },
    );
    expect(empty.data?.reviewMentorApplications).toEqual({
      items: [],
      errors: [{ field: 'input.comment', code: 'REQUIRED' }],
    });
    expect((await mentorStatus(first.userId)).status).toBe('PENDING_REVIEW');

    const res = await stack.gql<{
      reviewMentorApplications: {
        errors: unknown[];
        items: Array<{ id: string; user: { id: string } | null; errors: Array<{ field: string; code: string }> }>;
      };
    }>(
      `mutation ($input: ReviewMentorApplicationsInput!) { reviewMentorApplications(input: $input) { items { ${ITEM} user { id } } errors { field code } } }`,
      {
        input: {
          userIds: [first.userId, other.userId, second.userId, done.userId, first.userId],
          decision: 'APPROVED',
          comment: 'Welcome to the programme.',
        },
      },
      { token: coachA.token },
    );
    expect(res.errors).toBeUndefined();
    const out = res.data!.reviewMentorApplications;
    expect(out.errors).toEqual([]);
    expect(out.items.map((i) => [i.id, i.user?.id ?? null, i.errors.map((e) => `${e.field} ${e.code}`)])).toEqual([
      [first.userId, first.userId, []],
      [other.userId, null, ['input.userIds.1 NOT_FOUND']],
      [second.userId, second.userId, []],
      [done.userId, null, ['input.userIds.3 NOT_PENDING']],
      [first.userId, null, ['input.userIds.4 DUPLICATE']],
    ]);
    expect(await mentorStatus(first.userId)).toEqual({
      status: 'APPROVED',
      reviewComment: 'Welcome to the programme.',
    });
    expect(await mentorStatus(second.userId)).toEqual({
      status: 'APPROVED',
      reviewComment: 'Welcome to the programme.',
    });
    // the refused ones changed nothing
    expect((await mentorStatus(other.userId)).status).toBe('PENDING_REVIEW');
    expect(await mentorStatus(done.userId)).toEqual({ status: 'REJECTED', reviewComment: 'Add your experience.' });
  });
});

describe('bulk messages and endings of relationships', () => {
  let ours: string[];
  let theirs: string;
  let ivy: Person;

  beforeAll(async () => {
    const mentorA = await approvedMentor(stack, admin, 'Mentor Eli', orgA);
    const mentorB = await approvedMentor(stack, admin, 'Mentor Fay', orgB);
    ours = [
      await startedPair(
        stack,
        programmeId,
        await enrolledMentee(stack, admin, programmeId, 'Mentee Gus', orgA),
        mentorA,
      ),
      await startedPair(
        stack,
        programmeId,
        await enrolledMentee(stack, admin, programmeId, 'Mentee Hal', orgA),
        mentorA,
      ),
      await startedPair(
        stack,
        programmeId,
        (ivy = await enrolledMentee(stack, admin, programmeId, 'Mentee Ivy', orgA)),
        mentorA,
      ),
    ];
    theirs = await startedPair(
      stack,
      programmeId,
      await enrolledMentee(stack, admin, programmeId, 'Mentee Jo', orgB),
      mentorB,
    );
  }, 120_000);

  it("should write in each of the coach's pairs' coach threads and refuse another organisation's pair", async () => {
    const res = await call(
      stack,
      `mutation ($ids: [ID!]!) { sendCoachThreadMessages(relationshipIds: $ids, body: "Please log this month's meetings.") { items { relationshipId message { body } errors { field code } } errors { field code } } }`,
      { ids: [ours[0], theirs, ours[1]] },
      coachA.token,
    );
    expect(res.sendCoachThreadMessages.items).toEqual([
      { relationshipId: ours[0], message: { body: "Please log this month's meetings." }, errors: [] },
      { relationshipId: theirs, message: null, errors: [{ field: 'relationshipIds.1', code: 'NOT_FOUND' }] },
      { relationshipId: ours[1], message: { body: "Please log this month's meetings." }, errors: [] },
    ]);
    expect((await relationship(ours[0])).coachThread.totalCount).toBe(1);
    expect((await relationship(ours[1])).coachThread.totalCount).toBe(1);
    expect((await relationship(theirs)).coachThread.totalCount).toBe(0);

    const empty = await stack.gql<{ sendCoachThreadMessages: unknown }>(
      `mutation ($ids: [ID!]!) { sendCoachThreadMessages(relationshipIds: $ids, body: " ") { items { relationshipId } errors { field code } } }`,
      { ids: [ours[2]] },
      { token: coachA.token },
    );
    expect(empty.data?.sendCoachThreadMessages).toEqual({ items: [], errors: [{ field: 'body', code: 'REQUIRED' }] });
    expect((await relationship(ours[2])).coachThread.totalCount).toBe(0);
  });

  it('should end each relationship the coach may end with the reason, and leave a refused one as it was', async () => {
    // one is already withdrawn by its mentee
    await call(
      stack,
      `mutation ($id: ID!) { withdrawFromRelationship(id: $id, reason: "Moved away") { errors { field code } } }`,
      { id: ours[2] },
      ivy.token,
    );

    const none = await stack.gql<{
      endRelationships: { items: unknown[]; errors: Array<{ field: string; code: string }> };
    }>(
      `mutation ($ids: [ID!]!) { endRelationships(ids: $ids, reason: "") { items { ${ITEM} } errors { field code } } }`,
      { ids: [ours[0]] },
      { token: coachA.token },
    );
    expect(none.data?.endRelationships).toEqual({ items: [], errors: [{ field: 'reason', code: 'REQUIRED' }] });
    expect((await relationship(ours[0])).status).toBe('ACTIVE');

    const tooMany = await stack.gql(
      `mutation ($ids: [ID!]!) { endRelationships(ids: $ids, reason: "Closed") { items { id } errors { code } } }`,
      { ids: Array.from({ length: 101 }, () => randomUUID()) },
      { token: coachA.token },
    );
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const res = await call(
      stack,
      `mutation ($ids: [ID!]!) { endRelationships(ids: $ids, reason: "The programme's cohort closes.") { items { ${ITEM} relationship { id status withdrawalReason } } errors { field code } } }`,
      { ids: [theirs, ours[0], ours[2], ours[1]] },
      coachA.token,
    );
    const items = res.endRelationships.items as Array<{
      id: string;
      relationship: { id: string; status: string; withdrawalReason: string } | null;
      errors: Array<{ field: string; code: string }>;
    }>;
    expect(
      items.map((i) => [i.id, i.relationship?.status ?? null, i.errors.map((e) => `${e.field} ${e.code}`)]),
    ).toEqual([
      [theirs, null, ['ids.0 NOT_FOUND']],
      [ours[0], 'WITHDRAWN', []],
      [ours[2], null, ['id INVALID_STATE']],
      [ours[1], 'WITHDRAWN', []],
    ]);
    expect(items[1].relationship?.withdrawalReason).toBe("The programme's cohort closes.");
    // the refused ones changed nothing
    expect(await relationship(theirs)).toMatchObject({ status: 'ACTIVE', withdrawalReason: null });
    expect(await relationship(ours[2])).toMatchObject({ status: 'WITHDRAWN', withdrawalReason: 'Moved away' });
  });

  it('should refuse the bulk ending to a caller without a staff role, changing nothing', async () => {
    const mentee = await enrolledMentee(stack, admin, programmeId, 'Mentee Kit', orgA);
    const res = await stack.gql(
      `mutation ($ids: [ID!]!) { endRelationships(ids: $ids, reason: "Leaving") { items { id } errors { code } } }`,
      { ids: [theirs] },
      { token: mentee.token },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await relationship(theirs)).status).toBe('ACTIVE');
  });
});
