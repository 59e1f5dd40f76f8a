/**
 * One programme, end to end, through the gateway with tokens that identity issued: the admin sets up a
 * partner organisation and a TRIEC-like programme, a coach approves a mentor, a mentee searches and
 * requests, the mentor accepts, the relationship starts (matching → relationships), contact details open
 * up (relationships → identity), the agreement is signed, a meeting confirmed by both becomes CPD evidence
 * for both (relationships → reporting), and the mentor's load counts the mentee (relationships → matching).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, signIn, startStack, zoneWhereTodayIsPastTen, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { startedThisMorning } from '../support/programme-setup';

let stack: Stack;
const ADMIN = { email: `admin-${randomUUID().slice(0, 8)}@journey.test`, password: 'Journey-admin-2026' };
const PASSWORD = 'Journey-pass-2026';

type Errors = Array<{ field: string; code: string; message: string }>;

/** Runs an operation through the gateway and fails the test on any GraphQL error. */
async function call<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await stack.gql<T>(query, variables, token ? { token } : {});
  if (res.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

async function login(email: string, password = PASSWORD): Promise<{ token: string; userId: string }> {
  // staff through their second factor (the testkit enrols it on first sign-in and answers the challenge)
  const res = await signIn<{
    ok: boolean;
    errors: Errors;
    session: { accessToken: string; user: { id: string } } | null;
  }>(stack, email, password, `ok errors { field message } session { accessToken user { id } }`);
  expect(res.errors).toBeUndefined();
  const data = res.data!;
  expect(data.login.errors).toEqual([]);
  return { token: data.login.session!.accessToken, userId: data.login.session!.user.id };
}

async function register(displayName: string, roles: string[], organizationId?: string) {
  const email = `${displayName.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 6)}@journey.test`;
  const data = await call<{ register: { errors: Errors; session: null } }>(
    `mutation ($input: RegisterInput!) { register(input: $input) { errors { field message } session { accessToken } } }`,
    { input: { email, password: PASSWORD, displayName, roles, organizationId } },
  );
  expect(data.register).toEqual({ errors: [], session: null }); // no session: sign in
  return { email, ...(await login(email)) };
}

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships, reporting],
    env: { identity: { BOOTSTRAP_ADMIN: 'true', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } },
  });
});
afterAll(async () => {
  await stack?.stop();
});

describe('a programme, end to end', () => {
  it('should take a mentee from search to CPD evidence across the four subgraphs', async () => {
    // the first admin exists (bootstrap) and signs in with identity's real tokens
    const admin = await login(ADMIN.email, ADMIN.password);

    const { createOrganization } = await call<{ createOrganization: { errors: Errors; organization: { id: string } } }>(
      `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { errors { field message } organization { id } } }`,
      { input: { name: `Journey Partners ${randomUUID().slice(0, 4)}`, city: 'Toronto', country: 'CA' } },
      admin.token,
    );
    const orgId = createOrganization.organization.id;
    const { createProgram } = await call<{ createProgram: { errors: Errors; program: { id: string } } }>(
      `mutation ($input: ProgramInput!) { createProgram(input: $input) { errors { field message } program { id } } }`,
      {
        input: {
          name: `Mentoring Partnership ${randomUUID().slice(0, 4)}`,
          organizationIds: [orgId],
          terms: { targetHours: 24, durationWeeks: 16, minMeetings: 8, hoursOrMeetings: false },
          cpdCategory: 'Peer and professional interaction',
          requireSignedAgreement: true,
        },
      },
      admin.token,
    );
    expect(createProgram.errors).toEqual([]);
    const programmeId = createProgram.program.id;

    // a coach of the partner organisation
    const coachAccount = await register('Chidi Coach', ['MENTEE']);
    const granted = await call<{ grantRoles: { errors: Errors } }>(
      `mutation ($input: ChangeRolesInput!) { grantRoles(input: $input) { errors { field message } } }`,
      { input: { userId: coachAccount.userId, roles: ['COACH'], organizationId: orgId } },
      admin.token,
    );
    expect(granted.grantRoles.errors).toEqual([]);
    const coach = await login(coachAccount.email);

    // a mentor applies
    const mentorAccount = await register('Amara Okafor', ['MENTOR'], orgId);
    const profile = await call<{
      updateMentorProfile: { errors: Errors; user: { mentorProfile: { status: string } } };
    }>(
      `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { errors { field message } user { mentorProfile { status } } } }`,
      {
        input: {
          headline: 'Senior accountant, 15 years in public practice',
          industryCode: '5412',
          occupationCode: '11100',
          yearsExperience: 15,
          skills: ['financial reporting', 'audit', 'canadian gaap'],
          languages: ['en', 'fr'],
          city: 'Toronto',
          country: 'CA',
          timeZone: 'America/Toronto',
          meetingPreferences: ['IN_PERSON', 'VIDEO'],
          hoursPerMonth: 6,
          capacity: 2,
          livedExperience: ['newcomer to the country'],
          employer: 'Keller & Dunn LLP',
        },
      },
      mentorAccount.token,
    );
    expect(profile.updateMentorProfile.errors).toEqual([]);
    expect(profile.updateMentorProfile.user.mentorProfile.status).toBe('PENDING_REVIEW');

    // a mentee with a needs assessment, in the programme
    const menteeAccount = await register('Wei Zhang', ['MENTEE'], orgId);
    const needs = await call<{ updateMenteeProfile: { errors: Errors } }>(
      `mutation ($input: MenteeProfileInput!) { updateMenteeProfile(input: $input) { errors { field message } } }`,
      {
        input: {
          headline: 'CPA candidate, new to Canada',
          industryCode: '5412',
          occupationCode: '11100',
          yearsExperience: 6,
          skills: ['audit', 'ifrs'],
          languages: ['en', 'zh'],
          city: 'Toronto',
          country: 'CA',
          timeZone: 'America/Toronto',
          meetingPreferences: ['VIDEO'],
          livedExperience: ['newcomer to the country'],
          needs: ['newcomer to the country', 'canadian workplace culture'],
          goals: ['Understand Canadian audit practice', 'Build a professional network', 'Prepare for CPA exams'],
        },
      },
      menteeAccount.token,
    );
    expect(needs.updateMenteeProfile.errors).toEqual([]);
    for (const [account, role] of [
      [menteeAccount, 'MENTEE'],
      [mentorAccount, 'MENTOR'],
    ] as const) {
      const enrolled = await call<{ enrollInProgram: { errors: Errors } }>(
        `mutation ($input: EnrollInput!) { enrollInProgram(input: $input) { errors { field message } } }`,
        { input: { programId: programmeId, userId: account.userId, role } },
        admin.token,
      );
      expect(enrolled.enrollInProgram.errors).toEqual([]);
    }

    // the coach approves the application; the mentor becomes searchable
    const reviewed = await call<{ reviewMentorApplication: { errors: Errors } }>(
      `mutation ($input: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $input) { errors { field message } } }`,
      {
        input: { userId: mentorAccount.userId, decision: 'APPROVED', comment: 'Strong fit for newcomer accountants.' },
      },
      coach.token,
    );
    expect(reviewed.reviewMentorApplication.errors).toEqual([]);
    await stack.settle();

    const mentee = await login(menteeAccount.email);
    const search = await eventually(async () => {
      const data = await call<{
        searchMentors: {
          edges: Array<{
            node: {
              mentor: { id: string };
              displayName: string;
              score: number;
              explanation: Array<{ criterion: string; contribution: number }>;
            };
          }>;
        };
      }>(
        `{ searchMentors(first: 10) { edges { node { mentor { id } displayName score explanation { criterion contribution } } } } }`,
        {},
        mentee.token,
      );
      const hit = data.searchMentors.edges.find((e) => e.node.mentor.id === mentorAccount.userId);
      expect(hit).toBeDefined();
      return hit!.node;
    });
    expect(search.displayName).toBe('Amara Okafor');
    expect(search.score).toBeGreaterThan(0);
    expect(search.score).toBeLessThanOrEqual(1);
    expect(search.explanation.reduce((sum, c) => sum + c.contribution, 0)).toBeCloseTo(search.score, 5);

    // request, accept
    const sent = await call<{ sendMentoringRequest: { errors: Errors; request: { id: string; status: string } } }>(
      `mutation ($mentorId: ID!, $programmeId: ID!) { sendMentoringRequest(mentorId: $mentorId, programmeId: $programmeId, message: "I am preparing for the CPA and would value your view of Canadian audit practice.") { errors { field message } request { id status } } }`,
      { mentorId: mentorAccount.userId, programmeId },
      mentee.token,
    );
    expect(sent.sendMentoringRequest.errors).toEqual([]);
    const mentor = await login(mentorAccount.email);
    const accepted = await call<{ acceptMentoringRequest: { errors: Errors; request: { status: string } } }>(
      `mutation ($id: ID!) { acceptMentoringRequest(requestId: $id) { errors { field message } request { status } } }`,
      { id: sent.sendMentoringRequest.request.id },
      mentor.token,
    );
    expect(accepted.acceptMentoringRequest).toEqual({ errors: [], request: { status: 'ACCEPTED' } });

    // the relationship starts in relationships; names and contact come from identity
    const relationship = await eventually(async () => {
      const data = await call<{
        me: {
          relationships: Array<{
            id: string;
            status: string;
            mentor: { displayName: string; contact: { email: string } | null };
          }>;
        };
      }>(`{ me { relationships { id status mentor { displayName contact { email } } } } }`, {}, mentee.token);
      expect(data.me.relationships).toHaveLength(1);
      expect(data.me.relationships[0].mentor.contact).not.toBeNull();
      return data.me.relationships[0];
    });
    expect(relationship).toMatchObject({
      status: 'ACTIVE',
      mentor: { displayName: 'Amara Okafor', contact: { email: mentorAccount.email } },
    });

    // the agreement, signed by both
    const drafted = await call<{ draftAgreement: { errors: Errors; agreement: { current: { version: number } } } }>(
      `mutation ($id: ID!, $input: AgreementInput!) { draftAgreement(relationshipId: $id, input: $input) { errors { field message } agreement { current { version } } } }`,
      {
        id: relationship.id,
        input: {
          topGoals: ['Canadian audit practice', 'Professional network', 'CPA exam preparation'],
          meetingPlace: 'Video call or the firm’s office',
          meetingTime: 'Tuesday evenings',
          meetingLengthMinutes: 90,
          meetingFrequency: 'Every two weeks',
          initiator: 'MENTEE',
          confidentiality: 'STAYS_BETWEEN_US_UNLESS_PERMISSION',
          durationWeeks: 16,
        },
      },
      mentee.token,
    );
    expect(drafted.draftAgreement.errors).toEqual([]);
    const version = drafted.draftAgreement.agreement.current.version;
    for (const who of [mentee, mentor]) {
      const signed = await call<{ signAgreement: { errors: Errors } }>(
        `mutation ($id: ID!, $v: Int!) { signAgreement(relationshipId: $id, version: $v) { errors { field message } } }`,
        { id: relationship.id, v: version },
        who.token,
      );
      expect(signed.signAgreement.errors).toEqual([]);
    }

    // a meeting, logged by the mentee and confirmed by the mentor, held this morning (before the match's instant)
    await startedThisMorning(stack, relationship.id);
    const today = new Date().toISOString().slice(0, 10);
    const logged = await call<{ logMeeting: { errors: Errors; meeting: { id: string; status: string } } }>(
      `mutation ($id: ID!, $input: MeetingInput!) { logMeeting(relationshipId: $id, input: $input) { errors { field message } meeting { id status } } }`,
      {
        id: relationship.id,
        input: {
          occurredOn: today,
          startTime: '08:00',
          timeZone: zoneWhereTodayIsPastTen(),
          durationMinutes: 90,
          mode: 'VIDEO',
          topics: ['Audit practice in Canada', 'CPA PEP modules'],
          homework: 'Read CAS 200',
        },
      },
      mentee.token,
    );
    expect(logged.logMeeting.errors).toEqual([]);
    const confirmed = await call<{ confirmMeeting: { errors: Errors; meeting: { counts: boolean } } }>(
      `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { errors { field message } meeting { counts } } }`,
      { id: logged.logMeeting.meeting.id },
      mentor.token,
    );
    expect(confirmed.confirmMeeting).toEqual({ errors: [], meeting: { counts: true } });

    // progress in relationships, CPD evidence for both in reporting, load in matching
    const progress = await call<{
      relationship: { progress: { confirmedHours: number; confirmedMeetings: number; termsMet: boolean } };
    }>(
      `query ($id: ID!) { relationship(id: $id) { progress { confirmedHours confirmedMeetings termsMet } } }`,
      { id: relationship.id },
      coach.token,
    );
    expect(progress.relationship.progress).toEqual({ confirmedHours: 1.5, confirmedMeetings: 1, termsMet: false });

    const from = `${today.slice(0, 4)}-01-01`;
    const to = `${today.slice(0, 4)}-12-31`;
    for (const who of [mentor, mentee]) {
      const statement = await eventually(async () => {
        const data = await call<{
          me: {
            cpdHours: number;
            cpdStatement: {
              verifiedHours: number;
              verifiedMeetings: number;
              entries: Array<{
                role: string;
                hours: number;
                verified: boolean;
                counterpart: { displayName: string } | null;
              }>;
            };
          };
        }>(
          `query ($from: LocalDate!, $to: LocalDate!) { me { cpdHours cpdStatement(from: $from, to: $to) { verifiedHours verifiedMeetings entries { role hours verified counterpart { displayName } } } } }`,
          { from, to },
          who.token,
        );
        // both fields are read in one request but by two queries, so wait for the entry to show in both
        expect(data.me.cpdStatement.verifiedMeetings).toBe(1);
        expect(data.me.cpdHours).toBe(1.5);
        return data.me;
      });
      expect(statement.cpdStatement.verifiedHours).toBe(1.5);
      expect(statement.cpdHours).toBe(1.5);
      expect(statement.cpdStatement.entries).toHaveLength(1);
      expect(statement.cpdStatement.entries[0]).toMatchObject({
        role: who === mentor ? 'MENTOR' : 'MENTEE',
        hours: 1.5,
        verified: true,
      });
      const verification = await call<{ verifyCpdLedger: { intact: boolean; entries: number } }>(
        `query ($id: ID!) { verifyCpdLedger(userId: $id) { intact entries } }`,
        { id: who.userId },
        who.token,
      );
      expect(verification.verifyCpdLedger).toEqual({ intact: true, entries: 1 });
    }

    const load = await call<{ me: { activeMentees: number } }>(`{ me { activeMentees } }`, {}, mentor.token);
    expect(load.me.activeMentees).toBe(1);

    // the mentor was told about the request in the app
    const inbox = await call<{ me: { notifications: { edges: Array<{ node: { kind: string } }> } } }>(
      `{ me { notifications(first: 50) { edges { node { kind } } } } }`,
      {},
      mentor.token,
    );
    expect(inbox.me.notifications.edges.map((e) => e.node.kind)).toContain('REQUEST_RECEIVED');
  }, 120_000);
});
