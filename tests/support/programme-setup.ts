/**
 * Setting up a programme through the gateway for journeys that need one of their own (orientation, coaching):
 * partner organisations, a programme requiring orientation of mentors and mentees, and enrolled mentees.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { daysFromToday, eventually, type Stack } from '@tandem/testkit';
import { relationships } from '@tandem/relationships';
import { MENTEE_PROFILE, MENTOR_PROFILE, call, register, registerStaff, type Person } from './world';

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

/** A programme of these organisations without orientation (6 hours or 3 meetings over 12 weeks); its id. */
export async function createProgramme(
  stack: Stack,
  admin: Person,
  organizationIds: string[],
  /** Anything more of the programme's input (its rules). */
  more: Record<string, unknown> = {},
): Promise<string> {
  const d = await call(
    stack,
    `mutation ($input: ProgrammeInput!) { createProgramme(input: $input) { errors { field code message } programme { id } } }`,
    {
      input: {
        name: `Coached ${randomUUID().slice(0, 6)}`,
        organizationIds,
        terms: { targetHours: 6, durationWeeks: 12, minMeetings: 3 },
        cpdCategory: 'Peer interaction',
        ...more,
      },
    },
    admin.token,
  );
  return d.createProgramme.programme.id as string;
}

/** The relationship of a mentee (in no other) and a mentor in the programme: the mentee asks, the mentor accepts. */
export async function startedPair(stack: Stack, programmeId: string, mentee: Person, mentor: Person): Promise<string> {
  const requestId = await eventually(
    async () =>
      (
        await call(
          stack,
          `mutation ($m: ID!, $p: ID!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: "Could we work on my plan?") { errors { field code message } request { id } } }`,
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
      expect(d.me.relationships).toHaveLength(1);
      return d.me.relationships[0].id as string;
    },
    15_000,
    200,
  );
}

/**
 * Moves a relationship's start `days` back (nobody has met since) and runs the daily at-risk scan, built on the
 * running relationships service, as of now: the scan flags it with its reasons.
 */
export async function startedDaysAgoAndScanned(stack: Stack, relationshipId: string, days: number): Promise<void> {
  await stack.sql(
    `UPDATE relationships.relationship SET started_on = $2::date, started_at = ($2::date)::timestamp AT TIME ZONE 'UTC' WHERE id = $1`,
    [relationshipId, daysFromToday(-days)],
  );
  const parts = await relationships.create(
    stack.services.relationships.runtime as Parameters<typeof relationships.create>[0],
  );
  const scan = parts.jobs!.find((j) => j.name === 'at-risk-scan')!.run as (now: Date) => Promise<void>;
  await scan(new Date());
}

/** Two partner organisations' coaches and a relationship of organisation A, started from a mentee's request. */
export interface CoachedPair {
  programmeId: string;
  coachA: Person;
  coachB: Person;
  mentor: Person;
  mentee: Person;
  relationshipId: string;
}

/**
 * A programme run by two partner organisations (with `programme` added to its input), Coach Ada of A and Coach Bo
 * of B, Mentor Mia and Mentee Mo of A, and the relationship the mentor's acceptance of Mo's request starts.
 */
export async function coachedPair(
  stack: Stack,
  admin: Person,
  programme: Record<string, unknown> = {},
): Promise<CoachedPair> {
  const [orgA, orgB] = [
    await createOrganization(stack, admin, 'Agency A'),
    await createOrganization(stack, admin, 'Agency B'),
  ];
  const programmeId = await createProgramme(stack, admin, [orgA, orgB], programme);
  const coachA = await registerStaff(stack, admin, 'Coach Ada', ['COACH'], orgA);
  const coachB = await registerStaff(stack, admin, 'Coach Bo', ['COACH'], orgB);
  const mentor = await approvedMentor(stack, admin, 'Mentor Mia', orgA);
  const mentee = await enrolledMentee(stack, admin, programmeId, 'Mentee Mo', orgA);
  const relationshipId = await startedPair(stack, programmeId, mentee, mentor);
  return { programmeId, coachA, coachB, mentor, mentee, relationshipId };
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
  const programmeId = await createProgramme(stack, admin, organizationIds, {
    name: `Trained ${randomUUID().slice(0, 6)}`,
  });
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

/**
 * Each person chooses a time zone (setTimeZone), and relationships learns every choice (UserTimeZoneChanged) before
 * the test goes on to plan meetings in them.
 */
export async function inTimeZones(stack: Stack, zones: Array<[Person, string]>): Promise<void> {
  for (const [who, zone] of zones)
    await call(
      stack,
      `mutation ($z: String!) { setTimeZone(timeZone: $z) { errors { field code message } } }`,
      { z: zone },
      who.token,
    );
  await eventually(
    async () => {
      const rows = await stack.sql<{ id: string; zone: string }>(
        `SELECT user_id AS id, chosen_time_zone AS zone FROM relationships.person_profile WHERE user_id = ANY($1::uuid[])`,
        [zones.map(([who]) => who.userId)],
      );
      expect(Object.fromEntries(rows.map((r) => [r.id, r.zone]))).toEqual(
        Object.fromEntries(zones.map(([who, zone]) => [who.userId, zone])),
      );
    },
    15_000,
    200,
  );
}

/**
 * The tests' meetings are held "today" from 00:00 in zoneWhereTodayIsPastTen() (UTC from 10:00 UTC, UTC+14 before,
 * whose today began at 10:00 UTC yesterday): earlier than the match confirmed a moment ago, and relationships
 * refuses a meeting that ended before the relationship's start instant. The pair started at the beginning of that
 * day instead (never later than it did).
 */
export async function startedThisMorning(stack: Stack, relationshipId: string): Promise<void> {
  await stack.sql(
    `UPDATE relationships.relationship SET started_at = (started_on::timestamp AT TIME ZONE 'UTC') - interval '14 hours'
     WHERE id = $1 AND started_at > (started_on::timestamp AT TIME ZONE 'UTC') - interval '14 hours'`,
    [relationshipId],
  );
}
