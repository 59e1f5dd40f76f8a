/**
 * The coach's caseload through the gateway (issue 19): a coach sees their organisation's running pairs and not
 * another organisation's, a flagged pair with the reason of each flag, the check-in they owe it (none for the
 * programme's interval, 30 days unless it sets another, then the follow-up date they set), and the participants of their organisation whose orientation is outstanding
 * until it is recorded.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, eventually, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import {
  approvedMentor,
  createOrganization,
  createOrientedProgramme,
  createProgramme,
  enrolledMentee,
  startedDaysAgoAndScanned,
  startedPair,
} from '../support/programme-setup';
import { ADMIN_PASSWORD, adminEnv, call, login, registerStaff, type Person } from '../support/world';

let stack: Stack;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@caseload.test`;

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

const CASELOAD = `{ caseload(first: 50) {
  totalCount atRiskCount checkInsDueCount
  edges { node { id status mentee { displayName } mentor { displayName } progress { pace }
    atRiskFlags { code reason } lastConfirmedMeetingOn checkInDue { reason dueOn overdueDays followUp } } } } }`;
const OUTSTANDING = `{ orientationOutstanding(first: 50) { totalCount edges { node { role user { id displayName } programme { id } } } } }`;

describe("the coach's caseload", () => {
  let admin: Person;
  let coachA: Person;
  let coachB: Person;
  let oursId: string;
  let theirsId: string;
  let orientedId: string;
  let waiting: Person;
  let programmeId: string;

  beforeAll(async () => {
    admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    const [orgA, orgB] = [
      await createOrganization(stack, admin, 'Agency A'),
      await createOrganization(stack, admin, 'Agency B'),
    ];
    programmeId = await createProgramme(stack, admin, [orgA, orgB]);
    coachA = await registerStaff(stack, admin, 'Coach Ada', ['COACH'], orgA);
    coachB = await registerStaff(stack, admin, 'Coach Bo', ['COACH'], orgB);
    oursId = await startedPair(
      stack,
      programmeId,
      await enrolledMentee(stack, admin, programmeId, 'Mentee Mo', orgA),
      await approvedMentor(stack, admin, 'Mentor Mia', orgA),
    );
    theirsId = await startedPair(
      stack,
      programmeId,
      await enrolledMentee(stack, admin, programmeId, 'Mentee Noor', orgB),
      await approvedMentor(stack, admin, 'Mentor Nils', orgB),
    );
    // the pair of organisation A started 45 days ago and has met nobody since: the daily scan flags it
    await startedDaysAgoAndScanned(stack, oursId, 45);

    // a programme requiring orientation, with a mentee of each organisation who has not attended yet
    orientedId = (await createOrientedProgramme(stack, admin, [orgA, orgB])).id;
    waiting = await enrolledMentee(stack, admin, orientedId, 'Mentee Wren', orgA);
    await enrolledMentee(stack, admin, orientedId, 'Mentee Xia', orgB);
  });

  it("should show a coach their organisation's pairs only, the flagged pair with each flag's reason and the check-in due", async () => {
    const mine = (await call(stack, CASELOAD, {}, coachA.token)).caseload;
    expect(mine.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([oursId]);
    expect(mine).toMatchObject({ totalCount: 1, atRiskCount: 1, checkInsDueCount: 1 });
    const ours = mine.edges[0].node;
    expect(ours).toMatchObject({
      status: 'ACTIVE',
      mentee: { displayName: 'Mentee Mo' },
      mentor: { displayName: 'Mentor Mia' },
      lastConfirmedMeetingOn: null,
      checkInDue: { reason: 'NO_RECENT_CHECK_IN', dueOn: daysFromToday(-15), overdueDays: 15, followUp: null },
    });
    const flags = Object.fromEntries(
      ours.atRiskFlags.map((f: { code: string; reason: string }) => [f.code, f.reason] as const),
    );
    expect(flags.NO_CONFIRMED_MEETING).toMatch(/45 days since the start/);
    expect(flags.AGREEMENT_UNSIGNED).toMatch(/not signed by both 45 days after the start/);

    const theirs = (await call(stack, CASELOAD, {}, coachB.token)).caseload;
    expect(theirs.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([theirsId]);
    expect(theirs).toMatchObject({ atRiskCount: 0, checkInsDueCount: 0 });
  });

  it("should count the programme's own check-in interval once the programme changes it", async () => {
    const setInterval = async (days: number) => {
      const d = await stack.gql<{ updateProgramme: unknown }>(
        `mutation ($id: ID!, $i: ProgrammeInput!) { updateProgramme(id: $id, input: $i) {
          errors { field code } programme { nudges { checkInEveryDays } } } }`,
        {
          id: programmeId,
          i: {
            name: 'Coached',
            terms: { targetHours: 6, durationWeeks: 12, minMeetings: 3 },
            cpdCategory: 'Peer interaction',
            nudges: { checkInEveryDays: days },
          },
        },
        { token: admin.token },
      );
      return d.data?.updateProgramme;
    };
    const dueOfOurs = async () => (await call(stack, CASELOAD, {}, coachA.token)).caseload.edges[0].node.checkInDue;
    // every 60 days: the pair that started 45 days ago owes no check-in yet (once relationships has the change)
    expect(await setInterval(60)).toEqual({ errors: [], programme: { nudges: { checkInEveryDays: 60 } } });
    await eventually(async () => expect(await dueOfOurs()).toBeNull(), 15_000);
    // every 40 days: due 5 days ago
    await setInterval(40);
    await eventually(
      async () => expect(await dueOfOurs()).toMatchObject({ dueOn: daysFromToday(-5), overdueDays: 5 }),
      15_000,
    );
    expect(await setInterval(0)).toEqual({
      errors: [{ field: 'input.nudges.checkInEveryDays', code: 'OUT_OF_RANGE' }],
      programme: null,
    });
    await setInterval(30);
    await eventually(async () => expect(await dueOfOurs()).toMatchObject({ overdueDays: 15 }), 15_000);
  });

  it('should show the follow-up the coach set once its day has come', async () => {
    await call(
      stack,
      `mutation ($id: ID!, $input: CheckInInput!) { recordCheckIn(relationshipId: $id, input: $input) { errors { field code } } }`,
      {
        id: oursId,
        input: {
          heldOn: daysFromToday(0),
          notes: 'Both busy; agreed to meet next week.',
          followUp: 'Ask whether they met',
          followUpOn: daysFromToday(0),
        },
      },
      coachA.token,
    );
    const ours = (await call(stack, CASELOAD, {}, coachA.token)).caseload.edges[0].node;
    expect(ours.checkInDue).toEqual({
      reason: 'FOLLOW_UP',
      dueOn: daysFromToday(0),
      overdueDays: 0,
      followUp: 'Ask whether they met',
    });
  });

  it("should list the outstanding orientation of the coach's organisation until the attendance is recorded", async () => {
    const of = async (who: Person) =>
      (await call(stack, OUTSTANDING, {}, who.token)).orientationOutstanding.edges
        .map((e: { node: { role: string; user: { displayName: string }; programme: { id: string } } }) => e.node)
        .filter((n: { programme: { id: string } }) => n.programme.id === orientedId)
        .map((n: { role: string; user: { displayName: string } }) => `${n.role} ${n.user.displayName}`);
    expect(await of(coachA)).toEqual(['MENTEE Mentee Wren']);
    expect(await of(coachB)).toEqual(['MENTEE Mentee Xia']);
    expect((await of(admin)).sort()).toEqual(['MENTEE Mentee Wren', 'MENTEE Mentee Xia']);
    const refused = await stack.gql(OUTSTANDING, {}, { token: waiting.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const sessionId = (
      await call(
        stack,
        `mutation ($input: OrientationSessionInput!) { createOrientationSession(input: $input) { errors { field code message } session { id } } }`,
        {
          input: {
            programmeId: orientedId,
            startsAt: new Date(Date.now() - 3_600_000).toISOString(),
            link: 'https://meet.example.org/orientation',
          },
        },
        coachA.token,
      )
    ).createOrientationSession.session.id as string;
    await call(
      stack,
      `mutation ($s: ID!, $u: [ID!]!) { recordOrientationAttendance(sessionId: $s, userIds: $u) { errors { field code message } } }`,
      { s: sessionId, u: [waiting.userId] },
      coachA.token,
    );
    expect(await of(coachA)).toEqual([]);
  });
  it('should filter, in matching, the proposals a coach made and the requests about to expire', async () => {
    const [orgC] = [await createOrganization(stack, admin, 'Agency C')];
    const programmeId = await createProgramme(stack, admin, [orgC]);
    const [cleo, cyd] = [
      await registerStaff(stack, admin, 'Coach Cleo', ['COACH'], orgC),
      await registerStaff(stack, admin, 'Coach Cyd', ['COACH'], orgC),
    ];
    const mentor = await approvedMentor(stack, admin, 'Mentor Pia', orgC);
    const PROPOSE = `mutation ($me: ID!, $mo: ID!, $p: ID!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: "Same field.") { errors { code } proposal { id } } }`;
    const propose = async (coach: Person, name: string) => {
      const mentee = await enrolledMentee(stack, admin, programmeId, name, orgC);
      return eventually(async () => {
        const made = await call(stack, PROPOSE, { me: mentee.userId, mo: mentor.userId, p: programmeId }, coach.token);
        expect(made.proposeMatch.errors).toEqual([]);
        return made.proposeMatch.proposal.id as string;
      });
    };
    const byCleo = await propose(cleo, 'Mentee Pax');
    await propose(cyd, 'Mentee Quin');
    const PROPOSALS = `query ($c: ID) { matchProposals(status: PROPOSED, coachId: $c, first: 100) { totalCount edges { node { id } } } }`;
    const mine = (await call(stack, PROPOSALS, { c: cleo.userId }, cleo.token)).matchProposals;
    expect(mine).toMatchObject({ totalCount: 1, edges: [{ node: { id: byCleo } }] });
    expect((await call(stack, PROPOSALS, { c: null }, cleo.token)).matchProposals.totalCount).toBe(2);

    // two pending requests to the organisation's mentor: one expires in two days, the other in ten
    const request = async (name: string, days: number) => {
      const mentee = await enrolledMentee(stack, admin, programmeId, name, orgC);
      const id = await eventually(async () => {
        const sent = await call(
          stack,
          `mutation ($m: ID!, $p: ID!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: "Could we talk?") { request { id } } }`,
          { m: mentor.userId, p: programmeId },
          mentee.token,
        );
        return sent.sendMentoringRequest.request.id as string;
      });
      await stack.sql(
        `UPDATE matching.mentoring_request SET expires_at = now() + make_interval(days => $2) WHERE id = $1`,
        [id, days],
      );
      return id;
    };
    const soon = await request('Mentee Rae', 2);
    await request('Mentee Sol', 10);
    const EXPIRING = `query ($d: Int) { mentoringRequests(status: PENDING, expiringWithinDays: $d, first: 100) { totalCount edges { node { id } } } }`;
    const expiring = (await call(stack, EXPIRING, { d: 3 }, cleo.token)).mentoringRequests;
    expect(expiring).toMatchObject({ totalCount: 1, edges: [{ node: { id: soon } }] });
    expect((await call(stack, EXPIRING, { d: 14 }, cleo.token)).mentoringRequests.totalCount).toBe(2);
    const refused = await stack.gql(EXPIRING, { d: 0 }, { token: cleo.token });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(refused.errors?.[0]?.extensions)).toContain('expiringWithinDays');
  });
});
