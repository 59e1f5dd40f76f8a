/**
 * Meetings planned ahead, through the gateway (issue 20): a mentor in Toronto proposes a meeting at 17:00 Toronto
 * time to a mentee in Vancouver, who is told 14:00 in her own zone; she proposes another time, he accepts, she
 * cancels. Only the partner awaited answers: the proposer, the coach and outsiders cannot accept. A start already
 * past in the proposer's zone is refused, and a refusal writes nothing.
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
  createProgramme,
  enrolledMentee,
  startedPair,
} from '../support/programme-setup';
import { ADMIN_PASSWORD, GOAL, adminEnv, call, login, registerStaff, type Person } from '../support/world';

let stack: Stack;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@planned-meetings.test`;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
});
afterAll(async () => {
  relationships.clock = () => new Date();
  await stack?.stop();
});

const PLAN_FIELDS = `id status startsAt endsAt durationMinutes timeZone mode videoUrl agenda sequence reason
  proposedBy { id } awaitingResponseFrom { id } closedBy { id } goals { id }`;
const PROPOSE = `mutation ($id: ID!, $input: MeetingPlanInput!) { proposeMeeting(relationshipId: $id, input: $input) { errors { field code } meetingPlan { ${PLAN_FIELDS} } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptMeetingPlan(planId: $id) { errors { field code } meetingPlan { ${PLAN_FIELDS} } } }`;
const COUNTER = `mutation ($id: ID!, $input: MeetingPlanTimeInput!) { proposeAnotherMeetingTime(planId: $id, input: $input) { errors { field code } meetingPlan { ${PLAN_FIELDS} } } }`;
const CANCEL = `mutation ($id: ID!, $reason: String!) { cancelMeetingPlan(planId: $id, reason: $reason) { errors { field code } meetingPlan { ${PLAN_FIELDS} } } }`;
const PLANS = `query ($id: ID!) { relationship(id: $id) { plannedMeetings { totalCount edges { node { id status } } } } }`;
const NOTIFICATIONS = `{ me { notifications(first: 30) { edges { node { kind title body link } } } } }`;

/** The local date and HH:MM of an instant in a zone. */
function wallClock(at: Date, timeZone: string): { startsOn: string; startTime: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { startsOn: `${get('year')}-${get('month')}-${get('day')}`, startTime: `${get('hour')}:${get('minute')}` };
}

describe('meetings planned ahead', () => {
  let admin: Person;
  let coachA: Person;
  let coachB: Person;
  let mentor: Person;
  let mentee: Person;
  let otherMentee: Person;
  let relationshipId: string;
  let goalId: string;

  beforeAll(async () => {
    admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    const [orgA, orgB] = [
      await createOrganization(stack, admin, 'Agency A'),
      await createOrganization(stack, admin, 'Agency B'),
    ];
    const programmeId = await createProgramme(stack, admin, [orgA, orgB], {
      name: `Planned ${randomUUID().slice(0, 6)}`,
    });
    coachA = await registerStaff(stack, admin, 'Coach Ada', ['COACH'], orgA);
    coachB = await registerStaff(stack, admin, 'Coach Bo', ['COACH'], orgB);
    mentor = await approvedMentor(stack, admin, 'Mentor Tom', orgA);
    mentee = await enrolledMentee(stack, admin, programmeId, 'Mentee Val', orgA);
    otherMentee = await enrolledMentee(stack, admin, programmeId, 'Mentee Oz', orgA);
    for (const [who, zone] of [
      [mentor, 'America/Toronto'],
      [mentee, 'America/Vancouver'],
    ] as const)
      await call(
        stack,
        `mutation ($z: String!) { setTimeZone(timeZone: $z) { errors { field code message } } }`,
        { z: zone },
        who.token,
      );
    relationshipId = await startedPair(stack, programmeId, mentee, mentor);
    goalId = (
      await call(
        stack,
        `mutation ($id: ID!, $input: SmartGoalInput!) { createGoal(relationshipId: $id, input: $input) { errors { field code message } goal { id } } }`,
        { id: relationshipId, input: GOAL(daysFromToday(90)) },
        mentee.token,
      )
    ).createGoal.goal.id as string;
    // relationships knows each partner's chosen zone (UserTimeZoneChanged) before they plan
    await eventually(
      async () => {
        const rows = await stack.sql<{ zone: string }>(
          `SELECT chosen_time_zone AS zone FROM relationships.person_profile WHERE user_id = ANY($1::uuid[])`,
          [[mentor.userId, mentee.userId]],
        );
        expect(rows.map((r) => r.zone).sort()).toEqual(['America/Toronto', 'America/Vancouver']);
      },
      15_000,
      200,
    );
  });

  const notified = async (who: Person, kind: string) =>
    (await call(stack, NOTIFICATIONS, {}, who.token)).me.notifications.edges
      .map((e: { node: { kind: string; title: string; body: string; link: string } }) => e.node)
      .filter((n: { kind: string }) => n.kind === kind);

  it('should carry a proposal through another time, an acceptance and a cancellation, each told to the other in their zone', async () => {
    const inAWeek = daysFromToday(7);
    const proposed = await call(
      stack,
      PROPOSE,
      {
        id: relationshipId,
        input: {
          startsOn: inAWeek,
          startTime: '17:00',
          durationMinutes: 60,
          mode: 'VIDEO',
          videoUrl: 'https://meet.example.org/tom-val',
          agenda: ['Exam timetable', '  '],
          goalIds: [goalId],
        },
      },
      mentor.token,
    );
    const plan = proposed.proposeMeeting.meetingPlan;
    expect(plan).toMatchObject({
      status: 'AWAITING_RESPONSE',
      timeZone: 'America/Toronto',
      durationMinutes: 60,
      agenda: ['Exam timetable'],
      sequence: 0,
      proposedBy: { id: mentor.userId },
      awaitingResponseFrom: { id: mentee.userId },
      goals: [{ id: goalId }],
    });
    expect(wallClock(new Date(plan.startsAt), 'America/Toronto')).toEqual({ startsOn: inAWeek, startTime: '17:00' });
    expect(new Date(plan.endsAt).getTime() - new Date(plan.startsAt).getTime()).toBe(60 * 60_000);

    // the mentee in Vancouver reads the time on her own clock (14:00 PST, or 15:00 where the tz database has
    // British Columbia on permanent daylight time), linked to the plan
    const at = (iso: string, zone: string) => `at ${wallClock(new Date(iso), zone).startTime} (${zone})`;
    expect(at(plan.startsAt, 'America/Vancouver')).not.toBe('at 17:00 (America/Vancouver)');
    await eventually(
      async () => {
        const [n] = await notified(mentee, 'MEETING_PROPOSED');
        expect(n.link).toBe(`/relationships/${relationshipId}#plan-${plan.id}`);
        expect(n.body).toContain(at(plan.startsAt, 'America/Vancouver'));
        expect(n.body).toContain('Mentor Tom proposes to meet on');
      },
      15_000,
      200,
    );

    // the proposer, the coach and outsiders cannot accept
    const byProposer = await stack.gql(ACCEPT, { id: plan.id }, { token: mentor.token });
    expect(byProposer.data?.acceptMeetingPlan).toMatchObject({
      meetingPlan: null,
      errors: [{ field: 'planId', code: 'NOT_AWAITING_YOU' }],
    });
    for (const outsider of [coachA, coachB, otherMentee, admin]) {
      const res = await stack.gql(ACCEPT, { id: plan.id }, { token: outsider.token });
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }

    // she proposes another time in her own zone: back to him
    const counter = (
      await call(
        stack,
        COUNTER,
        { id: plan.id, input: { startsOn: daysFromToday(8), startTime: '15:00', durationMinutes: 45 } },
        mentee.token,
      )
    ).proposeAnotherMeetingTime.meetingPlan;
    expect(counter).toMatchObject({
      id: plan.id,
      status: 'AWAITING_RESPONSE',
      timeZone: 'America/Vancouver',
      durationMinutes: 45,
      sequence: 1,
      proposedBy: { id: mentee.userId },
      awaitingResponseFrom: { id: mentor.userId },
    });
    await eventually(
      async () => {
        const [n] = await notified(mentor, 'MEETING_RESCHEDULED');
        expect(n.title).toContain('Mentee Val proposes another time');
        expect(n.body).toContain(at(counter.startsAt, 'America/Toronto'));
      },
      15_000,
      200,
    );
    expect(wallClock(new Date(counter.startsAt), 'America/Vancouver').startTime).toBe('15:00');
    const herOwnAccept = await stack.gql(ACCEPT, { id: plan.id }, { token: mentee.token });
    expect(herOwnAccept.data?.acceptMeetingPlan).toMatchObject({ errors: [{ code: 'NOT_AWAITING_YOU' }] });

    const accepted = (await call(stack, ACCEPT, { id: plan.id }, mentor.token)).acceptMeetingPlan.meetingPlan;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', sequence: 2, awaitingResponseFrom: null });
    await eventually(
      async () => {
        const [n] = await notified(mentee, 'MEETING_ACCEPTED');
        expect(n.body).toContain('at 15:00 (America/Vancouver)');
        expect(n.body).toContain('Mentor Tom accepted to meet on');
      },
      15_000,
      200,
    );

    // the coach of the organisation and admins see the plan; a coach of another organisation does not
    for (const reader of [mentor, mentee, coachA, admin]) {
      const d = await call(stack, PLANS, { id: relationshipId }, reader.token);
      expect(d.relationship.plannedMeetings.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
        id: plan.id,
        status: 'ACCEPTED',
      });
    }
    const hidden = await stack.gql(PLANS, { id: relationshipId }, { token: coachB.token });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const cancelled = (await call(stack, CANCEL, { id: plan.id, reason: '  My exam moved.  ' }, mentee.token))
      .cancelMeetingPlan.meetingPlan;
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      sequence: 3,
      reason: 'My exam moved.',
      closedBy: { id: mentee.userId },
    });
    await eventually(
      async () => {
        const [n] = await notified(mentor, 'MEETING_CANCELLED');
        expect(n.body).toContain(at(counter.startsAt, 'America/Toronto'));
        expect(n.link).toBe(`/relationships/${relationshipId}#plan-${plan.id}`);
      },
      15_000,
      200,
    );
    const late = await stack.gql(ACCEPT, { id: plan.id }, { token: mentor.token });
    expect(late.data?.acceptMeetingPlan).toMatchObject({ errors: [{ field: 'planId', code: 'INVALID_STATE' }] });
  });

  it('should refuse a start already past in the proposer’s zone, and write nothing on a refusal', async () => {
    const count = async () =>
      (await call(stack, PLANS, { id: relationshipId }, mentor.token)).relationship.plannedMeetings
        .totalCount as number;
    const before = await count();
    // an hour ago on a Toronto clock: past for the mentor in Toronto, still ahead read on a Vancouver clock (behind)
    const anHourAgo = wallClock(new Date(Date.now() - 60 * 60_000), 'America/Toronto');
    const input = { ...anHourAgo, durationMinutes: 30, mode: 'PHONE' };
    const refused = await stack.gql(PROPOSE, { id: relationshipId, input }, { token: mentor.token });
    expect(refused.data?.proposeMeeting).toEqual({
      meetingPlan: null,
      errors: [{ field: 'input.startsOn', code: 'NOT_IN_THE_FUTURE' }],
    });
    const tooLong = await stack.gql(
      PROPOSE,
      { id: relationshipId, input: { ...input, startsOn: daysFromToday(3), durationMinutes: 481 } },
      { token: mentor.token },
    );
    expect(tooLong.data?.proposeMeeting).toMatchObject({
      errors: [{ field: 'input.durationMinutes', code: 'OUT_OF_RANGE' }],
    });
    expect(await count()).toBe(before);

    const inVancouver = await call(
      stack,
      PROPOSE,
      { id: relationshipId, input: { ...input, timeZone: 'America/Vancouver' } },
      mentor.token,
    );
    expect(inVancouver.proposeMeeting.meetingPlan).toMatchObject({
      status: 'AWAITING_RESPONSE',
      timeZone: 'America/Vancouver',
    });
    expect(await count()).toBe(before + 1);
  });

  it('should record an accepted plan once it has ended, as a logged meeting with its goals, and show an unrecorded one as not held', async () => {
    const RECORD = `mutation ($id: ID!, $input: MeetingInput!) { recordPlannedMeeting(planId: $id, input: $input) { errors { field code } meetingPlan { id notHeld meeting { id status goals { id } } } } }`;
    const PAST = `query ($id: ID!) { relationship(id: $id) { plannedMeetings(past: true) { edges { node { id notHeld ended meeting { id } } } } } }`;
    const plan = async (hoursAhead: number) => {
      const start = wallClock(new Date(Date.now() + hoursAhead * 3_600_000), 'America/Toronto');
      const id = (
        await call(
          stack,
          PROPOSE,
          {
            id: relationshipId,
            input: { ...start, durationMinutes: 30, mode: 'PHONE', goalIds: [goalId] },
          },
          mentor.token,
        )
      ).proposeMeeting.meetingPlan.id as string;
      await call(stack, ACCEPT, { id }, mentee.token);
      return { id, start };
    };
    const held = await plan(2);
    const skipped = await plan(5);
    const input = { occurredOn: held.start.startsOn, startTime: held.start.startTime, durationMinutes: 30 };
    const meetingInput = { ...input, timeZone: 'America/Toronto', mode: 'PHONE', topics: ['Exam timetable'] };
    const early = await stack.gql(RECORD, { id: held.id, input: meetingInput }, { token: mentee.token });
    expect(early.data?.recordPlannedMeeting).toMatchObject({
      meetingPlan: null,
      errors: [{ field: 'planId', code: 'NOT_ENDED' }],
    });

    // the clock moves past the end of both plans
    relationships.clock = () => new Date(Date.now() + 6 * 3_600_000);
    const recorded = (await call(stack, RECORD, { id: held.id, input: meetingInput }, mentee.token))
      .recordPlannedMeeting.meetingPlan;
    expect(recorded).toMatchObject({
      id: held.id,
      notHeld: false,
      meeting: { status: 'AWAITING_CONFIRMATION', goals: [{ id: goalId }] },
    });
    const again = await stack.gql(RECORD, { id: held.id, input: meetingInput }, { token: mentor.token });
    expect(again.data?.recordPlannedMeeting).toMatchObject({ errors: [{ code: 'ALREADY_RECORDED' }] });

    const past = (await call(stack, PAST, { id: relationshipId }, mentor.token)).relationship.plannedMeetings.edges.map(
      (e: { node: unknown }) => e.node,
    );
    expect(past).toContainEqual({ id: held.id, notHeld: false, ended: true, meeting: { id: recorded.meeting.id } });
    expect(past).toContainEqual({ id: skipped.id, notHeld: true, ended: true, meeting: null });
    relationships.clock = () => new Date();
  });
});
