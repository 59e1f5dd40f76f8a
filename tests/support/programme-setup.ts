/**
 * Setting up a programme through the gateway for journeys that need one of their own (orientation, coaching):
 * partner organisations, a programme requiring orientation of mentors and mentees, and enrolled mentees.
 */
import { randomUUID } from 'node:crypto';
import type { Stack } from '@tandem/testkit';
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

/**
 * A programme of these organisations with no orientation (the training journeys' own), and a mentor approved by the
 * admin and enrolled in it as MENTOR (of `organizationId`, or of none).
 */
export async function programmeWithMentor(
  stack: Stack,
  admin: Person,
  mentorName: string,
  organizationIds: string[] = [],
): Promise<{ programmeId: string; mentor: Person }> {
  const d = await call(
    stack,
    `mutation ($input: ProgrammeInput!) { createProgramme(input: $input) { errors { field code message } programme { id } } }`,
    {
      input: {
        name: `Trained ${randomUUID().slice(0, 6)}`,
        organizationIds,
        terms: { targetHours: 6, durationWeeks: 12, minMeetings: 3 },
        cpdCategory: 'Peer interaction',
      },
    },
    admin.token,
  );
  const programmeId = d.createProgramme.programme.id as string;
  const mentor = await approvedMentor(stack, admin, mentorName, organizationIds[0]);
  await enrolMentor(stack, admin, programmeId, mentor.userId);
  return { programmeId, mentor };
}

/** Enrols a person in the programme as MENTOR (by the admin). */
export async function enrolMentor(stack: Stack, admin: Person, programmeId: string, userId: string): Promise<void> {
  await call(
    stack,
    `mutation ($input: EnrollInput!) { enrollInProgram(input: $input) { errors { field code message } } }`,
    { input: { programId: programmeId, userId, role: 'MENTOR' } },
    admin.token,
  );
}
