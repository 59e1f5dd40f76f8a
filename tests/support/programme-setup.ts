/**
 * Setting up a programme through the gateway for journeys that need one of their own (orientation, coaching):
 * partner organisations, a programme requiring orientation of mentors and mentees, and enrolled mentees.
 */
import { randomUUID } from 'node:crypto';
import { eventually, type Stack } from '@tandem/testkit';
import { MENTEE_PROFILE, MENTOR_PROFILE, call, register, type Person } from './world';

/** A partner organisation named `name` (with a random suffix); its id. */
export async function createOrganization(stack: Stack, admin: Person, name: string): Promise<string> {
  const d = await call(
    stack,
    `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { errors { field code message } organization { id } } }`,
    { input: { name: `${name} ${randomUUID().slice(0, 6)}` } },
    admin.token,
  );
  return d.createOrganization.organization.id as string;
}

/** A programme of these organisations that requires orientation of mentors and of mentees. */
export async function createOrientedProgramme(
  stack: Stack,
  admin: Person,
  organizationIds: string[],
): Promise<{ id: string; name: string }> {
  const d = await call(
    stack,
    `mutation ($input: ProgrammeInput!) { createProgramme(input: $input) { errors { field code message } programme { id name } } }`,
    {
      input: {
        name: `Oriented ${randomUUID().slice(0, 6)}`,
        organizationIds,
        terms: { targetHours: 6, durationWeeks: 12, minMeetings: 3 },
        cpdCategory: 'Peer interaction',
        requireOrientation: true,
        requireMenteeOrientation: true,
      },
    },
    admin.token,
  );
  return d.createProgramme.programme;
}

/** A mentee with a profile, enrolled in the programme by the admin, once matching knows them. */
export async function enrolledMentee(
  stack: Stack,
  admin: Person,
  programmeId: string,
  name: string,
  organizationId?: string,
): Promise<Person> {
  const person = await register(stack, name, ['MENTEE'], organizationId);
  await call(
    stack,
    `mutation ($input: MenteeProfileInput!) { updateMenteeProfile(input: $input) { errors { field code message } } }`,
    { input: MENTEE_PROFILE },
    person.token,
  );
  await call(
    stack,
    `mutation ($input: EnrollInput!) { enrollInProgram(input: $input) { errors { field code message } } }`,
    { input: { programId: programmeId, userId: person.userId, role: 'MENTEE' } },
    admin.token,
  );
  await stack.settle();
  return person;
}

/** A mentor (of no organisation unless given) with a profile, approved by the admin. */
export async function approvedMentor(
  stack: Stack,
  admin: Person,
  name: string,
  organizationId?: string,
): Promise<Person> {
  const mentor = await register(stack, name, ['MENTOR'], organizationId);
  await call(
    stack,
    `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { errors { field code message } } }`,
    { input: MENTOR_PROFILE },
    mentor.token,
  );
  await call(
    stack,
    `mutation ($input: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $input) { errors { field code message } } }`,
    { input: { userId: mentor.userId, decision: 'APPROVED', comment: 'Welcome.' } },
    admin.token,
  );
  return mentor;
}

/** A programme of these organisations (6 hours and 3 meetings over 12 weeks unless `terms` says otherwise); its id. */
export async function createProgramme(
  stack: Stack,
  admin: Person,
  name: string,
  organizationIds: string[],
  terms = { targetHours: 6, durationWeeks: 12, minMeetings: 3 },
): Promise<string> {
  const d = await call(
    stack,
    `mutation ($input: ProgrammeInput!) { createProgramme(input: $input) { errors { field code message } programme { id } } }`,
    { input: { name: `${name} ${randomUUID().slice(0, 6)}`, organizationIds, terms, cpdCategory: 'Peer interaction' } },
    admin.token,
  );
  return d.createProgramme.programme.id as string;
}

/** The relationship the mentee's request to the mentor starts once the mentor accepts it; its id. */
export async function startedRelationship(
  stack: Stack,
  programmeId: string,
  mentee: Person,
  mentor: Person,
): Promise<string> {
  const requestId = await eventually(
    async () =>
      (
        await call(
          stack,
          `mutation ($m: ID!, $p: ID!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: "Could we work on my first months here together?") { errors { field code message } request { id } } }`,
          { m: mentor.userId, p: programmeId },
          mentee.token,
        )
      ).sendMentoringRequest.request.id as string,
    10_000,
    200,
  );
  await call(
    stack,
    `mutation ($id: ID!) { acceptMentoringRequest(requestId: $id) { errors { field code message } } }`,
    { id: requestId },
    mentor.token,
  );
  return eventually(
    async () => {
      const d = await call(stack, `{ me { relationships { id } } }`, {}, mentee.token);
      if (d.me.relationships.length !== 1) throw new Error('the relationship has not started yet');
      return d.me.relationships[0].id as string;
    },
    15_000,
    200,
  );
}
