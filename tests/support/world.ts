/**
 * One small world built through the gateway with identity's real tokens, for the platform-wide security
 * tests: a programme with a cohort, organisations A and B, a coach in each, an analyst, an admin, a mentor
 * and three mentees of A and B, a relationship (mentor + mentee 1) with an agreement, a goal, meetings,
 * pending requests, a question, a proposal and an audit cycle.
 */
import { randomUUID } from 'node:crypto';
import { eventually, signIn, zoneWhereTodayIsPastTen, type Stack } from '@tandem/testkit';

export const PASSWORD = 'World-pass-2026!';
export const ADMIN_PASSWORD = 'World-admin-2026!';

/**
 * Who calls in the access matrix, in the order they are tried (outsiders first): people, and organisation A's
 * API key (`apiKeyA`: a server of org A, read-only, scoped to A; never a person nor an ANALYST).
 */
export const CALLERS = [
  'anonymous',
  'otherMentee',
  'coachB',
  'analyst',
  'apiKeyA',
  'mentee',
  'mentor',
  'coachA',
  'admin',
] as const;
export type Caller = (typeof CALLERS)[number];

export interface Person {
  userId: string;
  email: string;
  token: string;
  refreshToken: string;
}

export interface World {
  admin: Person;
  coachA: Person;
  coachB: Person;
  analyst: Person;
  mentor: Person;
  mentee: Person;
  otherMentee: Person;
  mentee3: Person;
  orgA: string;
  orgB: string;
  /** Organisation A's API key (`tdk_…`), made by the admin. */
  apiKeyA: string;
  programmeId: string;
  cohortId: string;
  relationshipId: string;
  meetingId: string;
  disputeMeetingId: string;
  goalId: string;
  milestoneId: string;
  agreementVersion: number;
  requestId: string;
  declineRequestId: string;
  questionId: string;
  proposalId: string;
  runId: string;
  auditId: string;
  orientationSessionId: string;
  today: string;
  /** A token for a caller (undefined for anonymous). */
  tokenOf(caller: Caller): string | undefined;
}

type Errors = Array<{ field: string; code: string; message: string }>;

export function adminEnv(email: string) {
  return { identity: { BOOTSTRAP_ADMIN: 'true', ADMIN_EMAIL: email, ADMIN_PASSWORD } };
}

/** Runs an operation through the gateway and throws on any GraphQL error or result-payload error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures read deep into ad-hoc results
export async function call<T = any>(
  stack: Stack,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await stack.gql<T>(query, variables, token ? { token } : {});
  if (res.errors) throw new Error(`${query.slice(0, 80)}…: ${JSON.stringify(res.errors)}`);
  for (const value of Object.values(res.data as Record<string, unknown>)) {
    const errors = (value as { errors?: Errors } | null)?.errors;
    if (errors && errors.length > 0) throw new Error(`${query.slice(0, 80)}…: ${JSON.stringify(errors)}`);
  }
  return res.data as T;
}

const SESSION = `errors { field code message } session { accessToken refreshToken user { id } }`;

/** Signs in (staff through their second factor, enrolled on first sign-in: see the testkit's signIn). */
export async function login(stack: Stack, email: string, password = PASSWORD): Promise<Person> {
  const res = await signIn(stack, email, password, SESSION);
  const data = res.data;
  if (res.errors || !data?.login.session) throw new Error(`login of ${email}: ${JSON.stringify(res.errors ?? data)}`);
  return {
    userId: data.login.session.user.id,
    email,
    token: data.login.session.accessToken,
    refreshToken: data.login.session.refreshToken,
  };
}

export async function register(
  stack: Stack,
  displayName: string,
  roles: string[],
  organizationId?: string,
): Promise<Person> {
  const email = `${displayName.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@world.test`;
  // register answers alike for a new and a taken email, without a session: sign in after
  await call(stack, `mutation ($input: RegisterInput!) { register(input: $input) { errors { field code message } } }`, {
    input: { email, password: PASSWORD, displayName, roles, organizationId },
  });
  return login(stack, email);
}

/** A staff member: registered, given `roles` (of `organizationId`) by the admin, then signed in. */
export async function registerStaff(
  stack: Stack,
  admin: Person,
  name: string,
  roles: string[],
  organizationId: string | null,
): Promise<Person> {
  const p = await register(stack, name, ['MENTEE']);
  await call(
    stack,
    `mutation ($input: ChangeRolesInput!) { grantRoles(input: $input) { errors { field code message } } }`,
    { input: { userId: p.userId, roles, organizationId } },
    admin.token,
  );
  if (!roles.includes('MENTEE')) {
    await call(
      stack,
      `mutation ($input: ChangeRolesInput!) { revokeRoles(input: $input) { errors { field code message } } }`,
      { input: { userId: p.userId, roles: ['MENTEE'], organizationId } },
      admin.token,
    ).catch(() => undefined);
  }
  return login(stack, p.email);
}

export const MENTOR_PROFILE = {
  headline: 'Senior accountant, 15 years in public practice',
  industryCode: '5412',
  occupationCode: '11100',
  yearsExperience: 15,
  skills: ['financial reporting', 'audit'],
  languages: ['en'],
  city: 'Toronto',
  country: 'CA',
  timeZone: 'America/Toronto',
  meetingPreferences: ['VIDEO'],
  hoursPerMonth: 6,
  capacity: 3,
  livedExperience: ['newcomer to the country'],
};
export const MENTEE_PROFILE = {
  headline: 'CPA candidate',
  industryCode: '5412',
  occupationCode: '11100',
  yearsExperience: 6,
  skills: ['audit'],
  languages: ['en'],
  city: 'Toronto',
  country: 'CA',
  timeZone: 'America/Toronto',
  meetingPreferences: ['VIDEO'],
  needs: ['newcomer to the country'],
  goals: ['Understand Canadian audit practice'],
};
/** A meeting on `occurredOn` (today, usually) at a local time already past (see zoneWhereTodayIsPastTen: 00:00 to 09:00 is). */
export const MEETING = (occurredOn: string, startTime = '00:30') => ({
  occurredOn,
  startTime,
  timeZone: zoneWhereTodayIsPastTen(),
  durationMinutes: 60,
  mode: 'VIDEO',
  topics: ['Audit practice'],
});
export const GOAL = (dueOn: string) => ({
  title: 'Pass the CPA exam',
  specific: 'Pass the CFE',
  measure: 'Exam result',
  target: 'A pass',
  attainable: 'Study plan of 10 h a week',
  relevant: 'Needed for licensure',
  dueOn,
});
export const AGREEMENT = {
  topGoals: ['Canadian audit practice'],
  meetingPlace: 'Video',
  meetingTime: 'Tuesday evenings',
  meetingLengthMinutes: 60,
  meetingFrequency: 'Every two weeks',
  initiator: 'MENTEE',
  confidentiality: 'STAYS_BETWEEN_US',
  durationWeeks: 16,
};

function addDays(day: string, n: number) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export async function buildWorld(stack: Stack, adminEmail: string): Promise<World> {
  const today = new Date().toISOString().slice(0, 10);
  const admin = await login(stack, adminEmail, ADMIN_PASSWORD);
  const org = async (name: string) =>
    (
      await call(
        stack,
        `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { errors { field code message } organization { id } } }`,
        { input: { name: `${name} ${randomUUID().slice(0, 6)}`, city: 'Toronto', country: 'CA' } },
        admin.token,
      )
    ).createOrganization.organization.id as string;
  const orgA = await org('Org A');
  const orgB = await org('Org B');
  const programmeId = (
    await call(
      stack,
      `mutation ($input: ProgramInput!) { createProgram(input: $input) { errors { field code message } program { id } } }`,
      {
        input: {
          name: `World programme ${randomUUID().slice(0, 6)}`,
          organizationIds: [orgA, orgB],
          terms: { targetHours: 12, durationWeeks: 16, minMeetings: 4 },
          cpdCategory: 'Peer interaction',
          requireSignedAgreement: false,
        },
      },
      admin.token,
    )
  ).createProgram.program.id as string;
  const cohort = await call(
    stack,
    `mutation ($id: ID!, $input: CohortInput!) { addCohort(programId: $id, input: $input) { errors { field code message } program { cohorts { id } } } }`,
    {
      id: programmeId,
      input: { name: 'Autumn', startsOn: addDays(today, -30), endsOn: addDays(today, 120) },
    },
    admin.token,
  );
  const cohortId = cohort.addCohort.program.cohorts[0].id as string;

  const staff = (name: string, roles: string[], organizationId: string | null) =>
    registerStaff(stack, admin, name, roles, organizationId);
  const coachA = await staff('Coach A', ['COACH'], orgA);
  const coachB = await staff('Coach B', ['COACH'], orgB);
  const analyst = await staff('Analyst', ['ANALYST'], null);

  const enrol = (userId: string, role: string) =>
    call(
      stack,
      `mutation ($input: EnrollInput!) { enrollInProgram(input: $input) { errors { field code message } } }`,
      { input: { programId: programmeId, userId, role, cohortId } },
      admin.token,
    );
  const mentorAccount = await register(stack, 'Mentor Amara', ['MENTOR'], orgA);
  await call(
    stack,
    `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { errors { field code message } } }`,
    { input: MENTOR_PROFILE },
    mentorAccount.token,
  );
  await call(
    stack,
    `mutation ($input: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $input) { errors { field code message } } }`,
    { input: { userId: mentorAccount.userId, decision: 'APPROVED', comment: 'Good fit.' } },
    coachA.token,
  );
  await enrol(mentorAccount.userId, 'MENTOR');
  const mentees: Person[] = [];
  for (const [name, orgId] of [
    ['Mentee One', orgA],
    ['Mentee Two', orgB],
    ['Mentee Three', orgA],
  ] as const) {
    const p = await register(stack, name, ['MENTEE'], orgId);
    await call(
      stack,
      `mutation ($input: MenteeProfileInput!) { updateMenteeProfile(input: $input) { errors { field code message } } }`,
      { input: MENTEE_PROFILE },
      p.token,
    );
    await enrol(p.userId, 'MENTEE');
    mentees.push(p);
  }
  await stack.settle();
  const mentor = await login(stack, mentorAccount.email);
  const [mentee, otherMentee, mentee3] = await Promise.all(mentees.map((m) => login(stack, m.email)));

  const send = (who: Person) =>
    call(
      stack,
      `mutation ($m: ID!, $p: ID!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: "I would value your view of Canadian audit practice, please.") { errors { field code message } request { id } } }`,
      { m: mentor.userId, p: programmeId },
      who.token,
    ).then((d) => d.sendMentoringRequest.request.id as string);
  const accepted = await eventually(() => send(mentee), 10_000, 200);
  await call(
    stack,
    `mutation ($id: ID!) { acceptMentoringRequest(requestId: $id) { errors { field code message } } }`,
    { id: accepted },
    mentor.token,
  );
  const requestId = await send(otherMentee);
  const declineRequestId = await send(mentee3);
  const questionId = (
    await call(
      stack,
      `mutation ($m: ID!) { askMentor(mentorId: $m, question: "How long did your licensure take?") { errors { field code message } question { id } } }`,
      { m: mentor.userId },
      mentee.token,
    )
  ).askMentor.question.id as string;

  const relationshipId = await eventually(
    async () => {
      const d = await call(stack, `{ me { relationships { id } } }`, {}, mentee.token);
      if (d.me.relationships.length !== 1) throw new Error('no relationship yet');
      return d.me.relationships[0].id as string;
    },
    15_000,
    100,
  );
  const agreement = await call(
    stack,
    `mutation ($id: ID!, $input: AgreementInput!) { draftAgreement(relationshipId: $id, input: $input) { errors { field code message } agreement { current { version } } } }`,
    { id: relationshipId, input: AGREEMENT },
    mentee.token,
  );
  // The world's meetings are held "today" from 00:00 in zoneWhereTodayIsPastTen(): from 00:00 to 10:00 UTC that is
  // UTC+14, whose today began at 10:00 UTC yesterday, before the match was confirmed (relationships refuses a meeting
  // that ended before the relationship's start instant). The pair started at the beginning of that day, 00:00 of
  // its start date at UTC+14 (as programme-setup's startedThisMorning).
  await stack.sql(
    `UPDATE relationships.relationship SET started_at = (started_on::timestamp AT TIME ZONE 'UTC') - interval '14 hours'
     WHERE id = $1 AND started_at > (started_on::timestamp AT TIME ZONE 'UTC') - interval '14 hours'`,
    [relationshipId],
  );
  const log = (startTime: string) =>
    call(
      stack,
      `mutation ($id: ID!, $input: MeetingInput!) { logMeeting(relationshipId: $id, input: $input) { errors { field code message } meeting { id } } }`,
      { id: relationshipId, input: MEETING(today, startTime) },
      mentee.token,
    ).then((d) => d.logMeeting.meeting.id as string);
  const meetingId = await log('00:00');
  const disputeMeetingId = await log('01:10');
  const goal = await call(
    stack,
    `mutation ($id: ID!, $input: SmartGoalInput!) { createGoal(relationshipId: $id, input: $input) { errors { field code message } goal { id } } }`,
    { id: relationshipId, input: GOAL(addDays(today, 90)) },
    mentee.token,
  );
  const goalId = goal.createGoal.goal.id as string;
  const ms = await call(
    stack,
    `mutation ($id: ID!, $d: LocalDate!) { addMilestone(goalId: $id, title: "Book the exam", dueOn: $d) { errors { field code message } goal { milestones { id } } } }`,
    { id: goalId, d: addDays(today, 30) },
    mentee.token,
  );
  const milestoneId = ms.addMilestone.goal.milestones[0].id as string;

  const proposalId = (
    await call(
      stack,
      `mutation ($me: ID!, $mo: ID!, $p: ID!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: "A good fit for your goals.") { errors { field code message } proposal { id } } }`,
      { me: mentee3.userId, mo: mentor.userId, p: programmeId },
      coachA.token,
    )
  ).proposeMatch.proposal.id as string;
  const runId = (
    await call(
      stack,
      `mutation ($c: ID!) { runCohortMatching(cohortId: $c) { errors { field code message } run { id } } }`,
      { c: cohortId },
      admin.token,
    )
  ).runCohortMatching.run.id as string;
  const auditId = (
    await call(
      stack,
      `mutation ($input: OpenAuditCycleInput!) { openAuditCycle(input: $input) { errors { field code message } audit { id } } }`,
      {
        input: { from: addDays(today, -365), to: today, sampleRate: 0.5, seed: 'world', strategy: 'UNIFORM' },
      },
      admin.token,
    )
  ).openAuditCycle.audit.id as string;
  const orientationSessionId = (
    await call(
      stack,
      `mutation ($input: OrientationSessionInput!) { createOrientationSession(input: $input) { errors { field code message } session { id } } }`,
      {
        input: {
          programId: programmeId,
          // started an hour ago: attendance can be recorded only once a session has begun
          startsAt: new Date(Date.now() - 3_600_000).toISOString(),
          location: 'Online',
        },
      },
      admin.token,
    )
  ).createOrientationSession.session.id as string;
  const apiKeyA = (
    await call(
      stack,
      `mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { errors { field code message } key } }`,
      // the access matrix asks every root field as this key within a minute: more than the default 120
      { i: { organizationId: orgA, name: 'Org A reporting', requestsPerMinute: 6000 } },
      admin.token,
    )
  ).createApiKey.key as string;
  await stack.settle();

  const people = { admin, coachA, coachB, analyst, mentor, mentee, otherMentee, mentee3 };
  return {
    ...people,
    orgA,
    orgB,
    apiKeyA,
    programmeId,
    cohortId,
    relationshipId,
    meetingId,
    disputeMeetingId,
    goalId,
    milestoneId,
    agreementVersion: agreement.draftAgreement.agreement.current.version,
    requestId,
    declineRequestId,
    questionId,
    proposalId,
    runId,
    auditId,
    orientationSessionId,
    today,
    tokenOf: (caller) => (caller === 'anonymous' ? undefined : caller === 'apiKeyA' ? apiKeyA : people[caller].token),
  };
}

export { addDays };

/** Both partners sign the agreement and the mentor confirms `meetingIds`; resolves once the mentee has their hours. */
export async function creditMeetings(stack: Stack, world: World, meetingIds: string[]): Promise<void> {
  const E = 'errors { field code message }';
  for (const who of [world.mentee, world.mentor]) {
    await call(
      stack,
      `mutation ($id: ID!, $v: Int!) { signAgreement(relationshipId: $id, version: $v) { ${E} } }`,
      { id: world.relationshipId, v: world.agreementVersion },
      who.token,
    );
  }
  for (const id of meetingIds)
    await call(stack, `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { ${E} } }`, { id }, world.mentor.token);
  await eventually(
    async () => {
      const data = await call(stack, `{ me { cpdHours } }`, {}, world.mentee.token);
      if (data.me.cpdHours !== meetingIds.length) throw new Error('the CPD entries are not in yet');
    },
    15_000,
    100,
  );
}
