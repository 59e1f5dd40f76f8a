import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import type { Stack } from '@tandem/testkit';
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

const APPLY = `mutation ($i: MentorProfileInput!) { updateMentorProfile(input: $i) { ok errors { field code message } user { id mentorProfile { status headline capacity industry { code label family } occupation { code family } } } } }`;
const REVIEW = `mutation ($i: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $i) { ok errors { field code } user { mentorProfile { status reviewComment } } } }`;
const PROFILE = `query ($id: ID!) { user(id: $id) { id displayName mentorProfile { status headline reviewComment pausedUntil } } }`;

const application = {
  headline: 'Civil engineer, 15 years in transit projects',
  industryCode: '5413',
  occupationCode: '21300',
  capacity: 2,
  yearsExperience: 15,
  skills: ['bridges', ' bridges ', 'CAD'],
  languages: ['en', 'fr'],
  country: 'ca',
  timeZone: 'America/Toronto',
  meetingPreferences: ['VIDEO'],
};

async function applyAsMentor(name: string, organizationId: string | null = orgA): Promise<Account> {
  const mentor = await register(stack, name, ['MENTOR'], organizationId ? { organizationId } : {});
  const res = await gqlFrom<{ updateMentorProfile: { ok: boolean } }>(
    stack,
    APPLY,
    { i: application },
    { token: mentor.token },
  );
  expect(res.data?.updateMentorProfile.ok).toBe(true);
  return mentor;
}

describe('mentor application', () => {
  it('should file a new mentor profile as PENDING_REVIEW with coded industry and occupation', async () => {
    const mentor = await register(stack, 'Amara Okafor', ['MENTOR'], { organizationId: orgA });
    const res = await gqlFrom<{
      updateMentorProfile: { ok: boolean; user: { mentorProfile: Record<string, unknown> } };
    }>(stack, APPLY, { i: application }, { token: mentor.token });
    expect(res.data?.updateMentorProfile).toMatchObject({
      ok: true,
      user: {
        mentorProfile: {
          status: 'PENDING_REVIEW',
          capacity: 2,
          industry: { code: '5413', label: 'Architectural, engineering and related services', family: '54' },
          occupation: { code: '21300', family: '21' },
        },
      },
    });
    const [event] = await stack.sql(
      `SELECT payload FROM identity.event_log WHERE name = 'MentorProfileChanged' AND payload->>'userId' = $1`,
      [mentor.id],
    );
    expect(event.payload).toMatchObject({
      status: 'PENDING_REVIEW',
      skills: ['bridges', 'CAD'],
      country: 'CA',
      industry: { code: '5413' },
      organizationId: orgA,
      capacity: 2,
    });
  });

  it('should name unknown codes and other bad fields, and save nothing', async () => {
    const mentor = await register(stack, 'Bad Input', ['MENTOR']);
    const res = await gqlFrom<{
      updateMentorProfile: { ok: boolean; errors: Array<{ field: string; code: string; message: string }> };
    }>(
      stack,
      APPLY,
      {
        i: {
          ...application,
          industryCode: '9999',
          occupationCode: '123',
          timeZone: 'Mars/Olympus',
          capacity: 0,
          country: 'Canada',
        },
      },
      { token: mentor.token },
    );
    expect(res.data?.updateMentorProfile.ok).toBe(false);
    expect(Object.fromEntries(res.data!.updateMentorProfile.errors.map((e) => [e.field, e.code]))).toEqual({
      'input.industryCode': 'UNKNOWN_INDUSTRY',
      'input.occupationCode': 'UNKNOWN_OCCUPATION',
      'input.timeZone': 'UNKNOWN_TIME_ZONE',
      'input.capacity': 'OUT_OF_RANGE',
      'input.country': 'INVALID_COUNTRY',
    });
    expect(res.data!.updateMentorProfile.errors[0].message).toMatch(/Unknown industry code "9999"/);
    expect(await stack.sql(`SELECT 1 FROM identity.mentor_profile WHERE user_id = $1`, [mentor.id])).toHaveLength(0);
    // a mentee cannot file a mentor profile
    const mentee = await register(stack, 'Only Mentee', ['MENTEE']);
    expect(
      (await gqlFrom(stack, APPLY, { i: application }, { token: mentee.token })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('should keep a pending mentor invisible to other participants until a coach of the organisation approves', async () => {
    const mentor = await applyAsMentor('Grace Hopper');
    const mentee = await register(stack, 'Curious Mentee', ['MENTEE']);
    const analyst = await registerStaff(stack, 'Ana Lyst', ['ANALYST']);
    const coachA = await registerStaff(stack, 'Coach Able', ['COACH'], orgA);
    const coachB = await registerStaff(stack, 'Coach Baker', ['COACH'], orgB);

    const hidden = await gqlFrom(stack, PROFILE, { id: mentor.id }, { token: mentee.token });
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const unknown = await gqlFrom(stack, PROFILE, { id: randomUUID() }, { token: mentee.token });
    expect(unknown.errors?.[0]).toMatchObject({
      message: hidden.errors?.[0].message,
      extensions: { code: 'NOT_FOUND' },
    });

    // a coach of another organisation cannot see or review it
    expect(
      (
        await gqlFrom(
          stack,
          REVIEW,
          { i: { userId: mentor.id, decision: 'APPROVED', comment: 'ok' } },
          { token: coachB.token },
        )
      ).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    const pendingList = await gqlFrom<{ users: { edges: Array<{ node: { id: string } }> } }>(
      stack,
      `{ users(mentorStatus: PENDING_REVIEW, first: 100) { edges { node { id } } } }`,
      {},
      { token: coachA.token },
    );
    expect(pendingList.data?.users.edges.map((e) => e.node.id)).toContain(mentor.id);
    const otherList = await gqlFrom<{ users: { edges: Array<{ node: { id: string } }> } }>(
      stack,
      `{ users(mentorStatus: PENDING_REVIEW, first: 100) { edges { node { id } } } }`,
      {},
      { token: coachB.token },
    );
    expect(otherList.data?.users.edges.map((e) => e.node.id)).not.toContain(mentor.id);

    const noNote = await gqlFrom<{
      reviewMentorApplication: { ok: boolean; errors: Array<{ field: string; code: string }> };
    }>(stack, REVIEW, { i: { userId: mentor.id, decision: 'APPROVED', comment: ' ' } }, { token: coachA.token });
    expect(noNote.data?.reviewMentorApplication).toMatchObject({
      ok: false,
      errors: [{ field: 'input.comment', code: 'REQUIRED' }],
    });

    const approved = await gqlFrom<{
      reviewMentorApplication: { ok: boolean; user: { mentorProfile: { status: string; reviewComment: string } } };
    }>(
      stack,
      REVIEW,
      { i: { userId: mentor.id, decision: 'APPROVED', comment: 'Great fit for newcomer engineers.' } },
      { token: coachA.token },
    );
    expect(approved.data?.reviewMentorApplication).toMatchObject({
      ok: true,
      user: { mentorProfile: { status: 'APPROVED', reviewComment: 'Great fit for newcomer engineers.' } },
    });

    const again = await gqlFrom<{ reviewMentorApplication: { errors: Array<{ code: string }> } }>(
      stack,
      REVIEW,
      { i: { userId: mentor.id, decision: 'REJECTED', comment: 'no' } },
      { token: coachA.token },
    );
    expect(again.data?.reviewMentorApplication.errors[0].code).toBe('NOT_PENDING');

    // now public: the mentee sees the public fields, not the reviewer's note
    const visible = await gqlFrom(stack, PROFILE, { id: mentor.id }, { token: mentee.token });
    expect(visible.data).toEqual({
      user: {
        id: mentor.id,
        displayName: 'Grace Hopper',
        mentorProfile: { status: 'APPROVED', headline: application.headline, reviewComment: null, pausedUntil: null },
      },
    });
    // the applicant sees status and note
    const own = await gqlFrom(stack, `{ me { mentorProfile { status reviewComment } } }`, {}, { token: mentor.token });
    expect(own.data).toEqual({
      me: { mentorProfile: { status: 'APPROVED', reviewComment: 'Great fit for newcomer engineers.' } },
    });
    // analysts get no personal data
    const byAnalyst = await gqlFrom(stack, PROFILE, { id: mentor.id }, { token: analyst.token });
    expect(byAnalyst.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const events = await stack.sql(
      `SELECT name, payload FROM identity.event_log WHERE payload->>'userId' = $1 AND name IN ('MentorApplicationReviewed', 'MentorProfileChanged') ORDER BY occurred_at`,
      [mentor.id],
    );
    expect(
      events.map((e) => [
        e.name,
        (e.payload as { status?: string; decision?: string }).status ?? (e.payload as { decision: string }).decision,
      ]),
    ).toEqual([
      ['MentorProfileChanged', 'PENDING_REVIEW'],
      ['MentorApplicationReviewed', 'APPROVED'],
      ['MentorProfileChanged', 'APPROVED'],
    ]);
  });

  it('should show the applicant a rejection reason, and re-submit on the next edit', async () => {
    const mentor = await applyAsMentor('Rejected Rita', null);
    const programAdmin = await registerStaff(stack, 'Pat Admin', ['PROGRAMME_ADMIN']);
    const rejected = await gqlFrom<{ reviewMentorApplication: { ok: boolean } }>(
      stack,
      REVIEW,
      { i: { userId: mentor.id, decision: 'REJECTED', comment: 'Please add your occupation details.' } },
      { token: programAdmin.token },
    );
    expect(rejected.data?.reviewMentorApplication.ok).toBe(true);
    const own = await gqlFrom(stack, `{ me { mentorProfile { status reviewComment } } }`, {}, { token: mentor.token });
    expect(own.data).toEqual({
      me: { mentorProfile: { status: 'REJECTED', reviewComment: 'Please add your occupation details.' } },
    });
    const edited = await gqlFrom<{ updateMentorProfile: { user: { mentorProfile: { status: string } } } }>(
      stack,
      APPLY,
      { i: { occupationCode: '21301' } },
      { token: mentor.token },
    );
    expect(edited.data?.updateMentorProfile.user.mentorProfile.status).toBe('PENDING_REVIEW');
  });

  it('should refuse a capacity below the current active mentees, learnt from relationship events', async () => {
    const mentor = await applyAsMentor('Busy Mentor');
    for (let i = 0; i < 2; i++) {
      await stack.publish('RelationshipStarted', {
        relationshipId: randomUUID(),
        menteeId: randomUUID(),
        mentorId: mentor.id,
        programmeId: randomUUID(),
        organizationId: null,
        matchId: randomUUID(),
        cohortId: null,
        startedOn: '2026-09-01',
        plannedEndOn: '2026-12-31',
      });
    }
    await stack.settle();
    const res = await gqlFrom<{
      updateMentorProfile: { ok: boolean; errors: Array<{ field: string; code: string; message: string }> };
    }>(stack, APPLY, { i: { capacity: 1 } }, { token: mentor.token });
    expect(res.data?.updateMentorProfile).toMatchObject({
      ok: false,
      errors: [{ field: 'input.capacity', code: 'BELOW_ACTIVE_MENTEES' }],
    });
    expect(res.data!.updateMentorProfile.errors[0].message).toMatch(/2 active mentee/);
    expect(
      (
        await gqlFrom<{ updateMentorProfile: { ok: boolean } }>(
          stack,
          APPLY,
          { i: { capacity: 3 } },
          { token: mentor.token },
        )
      ).data?.updateMentorProfile.ok,
    ).toBe(true);
  });

  it('should pause availability until a future date and publish it', async () => {
    const mentor = await applyAsMentor('Pausing Paul');
    const past = await gqlFrom<{ pauseMentorAvailability: { ok: boolean; errors: Array<{ code: string }> } }>(
      stack,
      `mutation { pauseMentorAvailability(until: "2020-01-01") { ok errors { code } } }`,
      {},
      { token: mentor.token },
    );
    expect(past.data?.pauseMentorAvailability).toEqual({ ok: false, errors: [{ code: 'NOT_IN_FUTURE' }] });
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const paused = await gqlFrom<{
      pauseMentorAvailability: { ok: boolean; user: { mentorProfile: { pausedUntil: string } } };
    }>(
      stack,
      `mutation ($u: LocalDate!) { pauseMentorAvailability(until: $u) { ok user { mentorProfile { pausedUntil } } } }`,
      { u: until },
      { token: mentor.token },
    );
    expect(paused.data?.pauseMentorAvailability).toEqual({ ok: true, user: { mentorProfile: { pausedUntil: until } } });
    const [event] = await stack.sql(
      `SELECT payload FROM identity.event_log WHERE name = 'MentorProfileChanged' AND payload->>'userId' = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [mentor.id],
    );
    expect((event.payload as { pausedUntil: string }).pausedUntil).toBe(until);
    const resumed = await gqlFrom<{
      resumeMentorAvailability: { user: { mentorProfile: { pausedUntil: string | null } } };
    }>(
      stack,
      `mutation { resumeMentorAvailability { user { mentorProfile { pausedUntil } } } }`,
      {},
      { token: mentor.token },
    );
    expect(resumed.data?.resumeMentorAvailability.user.mentorProfile.pausedUntil).toBeNull();
  });

  it('should list the reference classifications for forms', async () => {
    const someone = await register(stack, 'Form Filler');
    const res = await gqlFrom<{
      industries: Array<{ code: string; family: string; isFamily: boolean }>;
      occupations: Array<{ code: string; family: string }>;
    }>(
      stack,
      `{ industries(family: "54") { code family isFamily } occupations { code family } }`,
      {},
      { token: someone.token },
    );
    expect(res.data?.industries[0]).toEqual({ code: '54', family: '54', isFamily: true });
    expect(res.data?.industries.every((i) => i.family === '54')).toBe(true);
    expect(res.data?.industries.map((i) => i.code)).toContain('5415');
    expect(res.data?.occupations.find((o) => o.code === '21231')).toEqual({ code: '21231', family: '21' });
  });
});

describe('mentee profile', () => {
  it("should give a person's own mentee profile with them in one statement, as the person's page gives it", async () => {
    const mentee = await register(stack, 'Tomás Recién', ['MENTEE'], { organizationId: orgA });
    const saved = await gqlFrom<{ updateMenteeProfile: { ok: boolean } }>(
      stack,
      `mutation ($i: MenteeProfileInput!) { updateMenteeProfile(input: $i) { ok } }`,
      {
        i: {
          headline: 'Accountant, new in Montréal',
          occupationCode: '11100',
          industryCode: '5412',
          yearsExperience: 6,
          skills: ['audit', 'IFRS'],
          languages: ['es', 'fr'],
          city: 'Montréal',
          country: 'CA',
          meetingPreferences: ['VIDEO', 'IN_PERSON'],
          needs: ['networking'],
          goals: ['CPA licence'],
          constraints: 'Evenings only',
        },
      },
      { token: mentee.token },
    );
    expect(saved.data?.updateMenteeProfile.ok).toBe(true);
    const FIELDS = `headline bio industry { code label } occupation { code } yearsExperience skills languages city country
      timeZone meetingPreferences hoursPerMonth livedExperience employer needs goals constraints version`;
    const me = await stack.gql<{ me: { id: string; displayName: string; menteeProfile: Record<string, unknown> } }>(
      `{ me { id displayName menteeProfile { ${FIELDS} } } }`,
      {},
      { token: mentee.token },
    );
    const page = await stack.gql<{ user: { id: string; displayName: string; menteeProfile: Record<string, unknown> } }>(
      `query ($id: ID!) { user(id: $id) { id displayName menteeProfile { ${FIELDS} } } }`,
      { id: mentee.id },
      { token: mentee.token },
    );
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toEqual(page.data!.user);
    expect(me.data!.me.menteeProfile).toMatchObject({
      headline: 'Accountant, new in Montréal',
      industry: { code: '5412' },
      skills: ['audit', 'IFRS'],
      constraints: 'Evenings only',
      version: expect.any(String),
    });
    expect(me.sqlStatements).toEqual({ identity: 1 });
    expect(page.sqlStatements).toEqual({ identity: 2 });

    // someone without one: null, in the same one statement
    const mentor = await register(stack, 'Mo Mentor', ['MENTOR'], { organizationId: orgA });
    const none = await stack.gql<{ me: { menteeProfile: null } }>(
      `{ me { displayName menteeProfile { goals } } }`,
      {},
      { token: mentor.token },
    );
    expect(none.data!.me).toEqual({ displayName: 'Mo Mentor', menteeProfile: null });
    expect(none.sqlStatements).toEqual({ identity: 1 });
  });

  it('should save the needs assessment and publish it without contact details', async () => {
    const mentee = await register(stack, 'Nadia Newcomer', ['MENTEE'], { organizationId: orgA });
    const res = await gqlFrom<{
      updateMenteeProfile: { ok: boolean; user: { menteeProfile: { goals: string[]; occupation: { code: string } } } };
    }>(
      stack,
      `mutation ($i: MenteeProfileInput!) { updateMenteeProfile(input: $i) { ok errors { field code } user { menteeProfile { goals occupation { code } } } } }`,
      {
        i: {
          occupationCode: '21231',
          industryCode: '5415',
          needs: ['interview practice'],
          goals: ['Land a developer job', 'Canadian résumé', 'Network'],
          livedExperience: ['newcomer to Canada'],
        },
      },
      { token: mentee.token },
    );
    expect(res.data?.updateMenteeProfile).toMatchObject({
      ok: true,
      user: {
        menteeProfile: { goals: ['Land a developer job', 'Canadian résumé', 'Network'], occupation: { code: '21231' } },
      },
    });
    const [event] = await stack.sql(
      `SELECT payload FROM identity.event_log WHERE name = 'MenteeProfileChanged' AND payload->>'userId' = $1`,
      [mentee.id],
    );
    expect(event.payload).toMatchObject({
      needs: ['interview practice'],
      organizationId: orgA,
      displayName: 'Nadia Newcomer',
    });
    expect(JSON.stringify(event.payload)).not.toContain('@');

    const four = await gqlFrom<{ updateMenteeProfile: { errors: Array<{ field: string; code: string }> } }>(
      stack,
      `mutation ($i: MenteeProfileInput!) { updateMenteeProfile(input: $i) { errors { field code } } }`,
      { i: { goals: ['a', 'b', 'c', 'd'] } },
      { token: mentee.token },
    );
    expect(four.data?.updateMenteeProfile.errors).toEqual([{ field: 'input.goals', code: 'TOO_MANY' }]);
  });
});
