/**
 * Orientation enforced, through the gateway (issue 19): in a programme that requires orientation of mentors and
 * mentees, a partner coach proposes a volunteer mentor (of no organisation) to a mentee of theirs; the mentor's
 * confirmation is refused (ORIENTATION_REQUIRED) until identity has recorded both attending a session that has
 * started, and matching learns it from OrientationAttended alone. The mentor's acceptance of a request is held
 * to the same rule. Attendance: not for a session that has not started, not by a coach who neither coaches the
 * person nor proposed them, not for someone outside the programme.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import {
  approvedMentor,
  createOrganization,
  createOrientedProgramme,
  enrolledMentee,
} from '../support/programme-setup';
import { ADMIN_PASSWORD, adminEnv, call, login, register, registerStaff, type Person } from '../support/world';

let stack: Stack;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@orientation.test`;

type Errors = Array<{ field: string; code: string; message: string }>;

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

const CONFIRM = `mutation ($id: ID!) { confirmMatchProposal(proposalId: $id) { errors { field code message } proposal { status } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptMentoringRequest(requestId: $id) { errors { field code message } request { status } } }`;
const ATTEND = `mutation ($s: ID!, $u: [ID!]!) { recordOrientationAttendance(sessionId: $s, userIds: $u) { errors { field code message } session { attendeeCount } } }`;
const SESSION = `mutation ($input: OrientationSessionInput!) { createOrientationSession(input: $input) { errors { field code message } session { id timeZone } } }`;

async function raw<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const res = await stack.gql<T>(query, variables, { token });
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

describe('orientation before a relationship starts', () => {
  let admin: Person;
  let coachA: Person;
  let coachB: Person;
  let mentor: Person;
  let mentee: Person;
  let programmeId: string;

  beforeAll(async () => {
    admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    const [orgA, orgB] = [
      await createOrganization(stack, admin, 'Agency A'),
      await createOrganization(stack, admin, 'Agency B'),
    ];
    programmeId = (await createOrientedProgramme(stack, admin, [orgA, orgB])).id;
    coachA = await registerStaff(stack, admin, 'Coach Ada', ['COACH'], orgA);
    coachB = await registerStaff(stack, admin, 'Coach Bo', ['COACH'], orgB);
    // a volunteer mentor of no organisation, approved by the programme's staff
    mentor = await approvedMentor(stack, admin, 'Volunteer Vic');
    mentee = await enrolledMentee(stack, admin, programmeId, 'Mentee Mo', orgA);
  });

  it('should refuse the confirmation until the proposing coach has recorded both attending a session that started', async () => {
    const proposalId = await eventually(
      async () =>
        (
          await call(
            stack,
            `mutation ($me: ID!, $mo: ID!, $p: ID!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: "Both in audit.") { errors { field code message } proposal { id } } }`,
            { me: mentee.userId, mo: mentor.userId, p: programmeId },
            coachA.token,
          )
        ).proposeMatch.proposal.id as string,
      10_000,
      200,
    );

    const refused = await raw<{ confirmMatchProposal: { errors: Errors; proposal: null } }>(
      CONFIRM,
      { id: proposalId },
      mentor.token,
    );
    expect(refused.confirmMatchProposal.proposal).toBeNull();
    expect(refused.confirmMatchProposal.errors).toEqual([
      expect.objectContaining({ field: 'proposalId', code: 'ORIENTATION_REQUIRED' }),
    ]);
    expect(refused.confirmMatchProposal.errors[0].message).toMatch(/You and the mentee must both attend/);

    const session = async (startsAt: Date) =>
      (
        await call(
          stack,
          SESSION,
          {
            input: {
              programmeId,
              startsAt: startsAt.toISOString(),
              link: 'https://meet.example.org/orientation',
              timeZone: 'America/Toronto',
            },
          },
          coachA.token,
        )
      ).createOrientationSession.session as { id: string; timeZone: string };
    const upcoming = await session(new Date(Date.now() + 2 * 86_400_000));
    expect(upcoming.timeZone).toBe('America/Toronto');
    const started = await session(new Date(Date.now() - 3_600_000));

    // identity has learnt the proposal from MatchProposed: the proposing coach may record the volunteer
    await stack.settle();
    const early = await raw<{ recordOrientationAttendance: { errors: Errors } }>(
      ATTEND,
      { s: upcoming.id, u: [mentor.userId] },
      coachA.token,
    );
    expect(early.recordOrientationAttendance.errors).toEqual([
      expect.objectContaining({ field: 'sessionId', code: 'SESSION_NOT_STARTED' }),
    ]);
    const stranger = await raw<{ recordOrientationAttendance: { errors: Errors } }>(
      ATTEND,
      { s: started.id, u: [mentor.userId] },
      coachB.token,
    );
    expect(stranger.recordOrientationAttendance.errors).toEqual([
      expect.objectContaining({ field: 'userIds', code: 'UNKNOWN_USER' }),
    ]);
    const outsider = await register(stack, 'Not Enrolled', ['MENTEE']);
    const notInProgramme = await raw<{ recordOrientationAttendance: { errors: Errors } }>(
      ATTEND,
      { s: started.id, u: [outsider.userId] },
      admin.token,
    );
    expect(notInProgramme.recordOrientationAttendance.errors).toEqual([
      expect.objectContaining({ field: 'userIds', code: 'NOT_IN_PROGRAMME' }),
    ]);

    const recorded = await call(stack, ATTEND, { s: started.id, u: [mentor.userId] }, coachA.token);
    expect(recorded.recordOrientationAttendance.session.attendeeCount).toBe(1);
    // the mentor has attended, the mentee not yet: still refused, saying who is missing
    await eventually(
      async () => {
        const r = await raw<{ confirmMatchProposal: { errors: Errors } }>(CONFIRM, { id: proposalId }, mentor.token);
        expect(r.confirmMatchProposal.errors[0].message).toMatch(/^The mentee must attend/);
      },
      10_000,
      200,
    );

    await call(stack, ATTEND, { s: started.id, u: [mentee.userId] }, coachA.token);
    const confirmed = await eventually(() => call(stack, CONFIRM, { id: proposalId }, mentor.token), 10_000, 200);
    expect(confirmed.confirmMatchProposal.proposal.status).toBe('CONFIRMED');
    await eventually(
      async () => {
        const d = await call(stack, `{ me { relationships { id status } } }`, {}, mentee.token);
        expect(d.me.relationships).toEqual([expect.objectContaining({ status: 'ACTIVE' })]);
      },
      15_000,
      200,
    );
  });

  it('should refuse accepting a request from a mentee who has not attended', async () => {
    const other = await enrolledMentee(stack, admin, programmeId, 'Mentee Nia');
    const requestId = (
      await call(
        stack,
        `mutation ($m: ID!, $p: ID!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: "Could we work on my licensure plan?") { errors { field code message } request { id } } }`,
        { m: mentor.userId, p: programmeId },
        other.token,
      )
    ).sendMentoringRequest.request.id as string;
    const refused = await raw<{ acceptMentoringRequest: { errors: Errors; request: null } }>(
      ACCEPT,
      { id: requestId },
      mentor.token,
    );
    expect(refused.acceptMentoringRequest).toEqual({
      request: null,
      errors: [expect.objectContaining({ field: 'requestId', code: 'ORIENTATION_REQUIRED' })],
    });
  });
  it('should show the pair their coach, and the coach both partners’ contact details only while it runs', async () => {
    const COACHES = `query ($id: ID!) { relationship(id: $id) { id coaches { id displayName contact { email } } } }`;
    const CONTACT = `query ($id: ID!) { user(id: $id) { id contact { email } } }`;
    const relationshipId = (await call(stack, `{ me { relationships { id status } } }`, {}, mentee.token)).me
      .relationships[0].id as string;
    const pairSees = async (who: Person) =>
      (await raw<{ relationship: { coaches: unknown[] } }>(COACHES, { id: relationshipId }, who.token)).relationship
        .coaches;
    // the pair sees their coach by name with contact details (the proposing coach first)
    for (const partner of [mentee, mentor])
      expect(await pairSees(partner)).toEqual([
        { id: coachA.userId, displayName: 'Coach Ada', contact: { email: coachA.email } },
      ]);
    // the coach of the relationship's organisation reaches both partners, the volunteer mentor of no organisation too
    const contactOf = async (who: Person, as: Person) =>
      (
        await stack.gql<{ user: { contact: { email: string } | null } | null }>(
          CONTACT,
          { id: who.userId },
          { token: as.token },
        )
      ).data?.user?.contact ?? null;
    expect(await contactOf(mentor, coachA)).toEqual({ email: mentor.email });
    expect(await contactOf(mentee, coachA)).toEqual({ email: mentee.email });
    // a coach of another organisation: neither
    expect(await contactOf(mentor, coachB)).toBeNull();
    expect(await contactOf(mentee, coachB)).toBeNull();

    await call(
      stack,
      `mutation ($id: ID!) { withdrawFromRelationship(id: $id, reason: "Moving abroad.") { errors { field code message } relationship { status } } }`,
      { id: relationshipId },
      mentee.token,
    );
    // once it has ended, the coach loses both partners' contact details and the pair the coach's
    await eventually(
      async () => {
        expect(await contactOf(mentor, coachA)).toBeNull();
        expect(await contactOf(mentee, coachA)).toBeNull();
        expect(await pairSees(mentor)).toEqual([{ id: coachA.userId, displayName: null, contact: null }]);
      },
      10_000,
      200,
    );
  });
});
