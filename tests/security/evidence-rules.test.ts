/**
 * Evidence that cannot be inflated (issue 17), through the gateway with identity's real tokens: a meeting is
 * logged only once it has ended (its local time in its own zone), at most as long as its programme allows (a
 * setting of identity's programme, carried to relationships by ProgrammeChanged), never overlapping another
 * meeting of either partner in any relationship, never crediting a person with more time on one date than the
 * date has — also when two logs race; a meeting an audit selected (reporting's openAuditCycle) is judged by the
 * audit only; and continueRelationship respects the mentor's capacity.
 *
 * The relationships service's clock is set to tomorrow noon (UTC) here, so meetings of today (the day the
 * relationships start) at any local time have ended, whatever the hour the test runs.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, eventually, isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import {
  adminEnv,
  buildWorld,
  call,
  GOAL,
  login,
  MENTEE_PROFILE,
  MENTOR_PROFILE,
  register,
  type Person,
  type World,
} from '../support/world';
import { startedThisMorning } from '../support/programme-setup';

let stack: Stack;
let world: World;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@evidence.test`;
const realClock = relationships.clock;
const today = daysFromToday(0);

type Errors = Array<{ field: string; code: string; message: string }>;
interface Pair {
  relationshipId: string;
  mentor: Person;
  mentee: Person;
}

beforeAll(async () => {
  // a database of its own: the audit below samples everyone with CPD hours
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships, reporting]);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, matching, relationships, reporting],
    env: adminEnv(ADMIN_EMAIL),
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  world = await buildWorld(stack, ADMIN_EMAIL);
  relationships.clock = () => new Date(`${daysFromToday(1)}T12:00:00Z`);
}, 240_000);
afterAll(async () => {
  relationships.clock = realClock;
  await stack?.stop();
  await database?.drop();
});

const E = 'errors { field code message }';
const LOG = `mutation ($id: ID!, $input: MeetingInput!) { logMeeting(relationshipId: $id, input: $input) { ${E} meeting { id timeZone auditLocked } } }`;
const AMEND = `mutation ($id: ID!, $input: MeetingInput!) { amendMeeting(meetingId: $id, input: $input) { ${E} meeting { id } } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { ${E} meeting { id status } } }`;
const DISPUTE = `mutation ($id: ID!) { disputeMeeting(meetingId: $id, reason: "Not like that") { ${E} meeting { id } } }`;

const meeting = (over: Record<string, unknown> = {}) => ({
  occurredOn: today,
  startTime: '09:00',
  durationMinutes: 60,
  timeZone: 'UTC',
  mode: 'VIDEO',
  topics: ['Audit practice'],
  ...over,
});

/** Runs a mutation and gives its result payload (no GraphQL error allowed). */
async function payload(query: string, variables: Record<string, unknown>, who: Person) {
  const res = await stack.gql<Record<string, { errors: Errors; meeting?: { id: string } }>>(query, variables, {
    token: who.token,
  });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return Object.values(res.data!)[0];
}
const codes = (p: { errors: Errors }) => p.errors.map((e) => `${e.field}:${e.code}`);

async function log(pair: Pair, over: Record<string, unknown> = {}, by: Person = pair.mentee) {
  return payload(LOG, { id: pair.relationshipId, input: meeting(over) }, by);
}
async function logged(pair: Pair, over: Record<string, unknown> = {}, by: Person = pair.mentee) {
  const p = await log(pair, over, by);
  expect(p.errors).toEqual([]);
  return p.meeting!.id;
}

/** A mentor of organisation A, approved and enrolled, with `capacity` places. */
async function newMentor(capacity: number): Promise<Person> {
  const account = await register(stack, `Mentor ${randomUUID().slice(0, 4)}`, ['MENTOR'], world.orgA);
  await call(
    stack,
    `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { ${E} } }`,
    { input: { ...MENTOR_PROFILE, capacity } },
    account.token,
  );
  await call(
    stack,
    `mutation ($input: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $input) { ${E} } }`,
    { input: { userId: account.userId, decision: 'APPROVED', comment: 'Good fit.' } },
    world.coachA.token,
  );
  await enrol(account.userId, 'MENTOR');
  return login(stack, account.email);
}

async function newMentee(): Promise<Person> {
  const p = await register(stack, `Mentee ${randomUUID().slice(0, 4)}`, ['MENTEE'], world.orgA);
  await call(
    stack,
    `mutation ($input: MenteeProfileInput!) { updateMenteeProfile(input: $input) { ${E} } }`,
    { input: MENTEE_PROFILE },
    p.token,
  );
  await enrol(p.userId, 'MENTEE');
  return login(stack, p.email);
}

function enrol(userId: string, role: string) {
  return call(
    stack,
    `mutation ($input: EnrollInput!) { enrollInProgram(input: $input) { ${E} } }`,
    { input: { programId: world.programmeId, userId, role, cohortId: world.cohortId } },
    world.admin.token,
  );
}

/** The mentee asks, the mentor accepts: the relationship that starts from the match. */
async function pair(mentor: Person, mentee?: Person): Promise<Pair> {
  const m = mentee ?? (await newMentee());
  const requestId = await eventually(
    () =>
      call(
        stack,
        `mutation ($m: ID!, $p: ID!) { sendMentoringRequest(mentorId: $m, programmeId: $p, message: "I would value your view of Canadian audit practice, please.") { ${E} request { id } } }`,
        { m: mentor.userId, p: world.programmeId },
        m.token,
      ).then((d) => d.sendMentoringRequest.request.id as string),
    15_000,
    200,
  );
  await call(
    stack,
    `mutation ($id: ID!) { acceptMentoringRequest(requestId: $id) { ${E} } }`,
    { id: requestId },
    mentor.token,
  );
  const relationshipId = await eventually(
    async () => {
      const d = await call(stack, `{ me { relationships { id status mentor { id } } } }`, {}, m.token);
      const r = d.me.relationships.find(
        (x: { status: string; mentor: { id: string } }) => x.mentor.id === mentor.userId && x.status === 'ACTIVE',
      );
      if (!r) throw new Error('no relationship yet');
      return r.id as string;
    },
    15_000,
    100,
  );
  // its meetings are held "today" from 09:00 UTC, possibly before the match's instant: it started this morning
  await startedThisMorning(stack, relationshipId);
  return { relationshipId, mentor, mentee: m };
}

const programmeInput = (maxMeetingMinutes: number) => ({
  name: `World programme ${randomUUID().slice(0, 6)}`,
  organizationIds: [world.orgA, world.orgB],
  terms: { targetHours: 12, durationWeeks: 16, minMeetings: 4, maxMeetingMinutes },
  cpdCategory: 'Peer interaction',
  requireSignedAgreement: false,
});

/** Sets the world programme's longest meeting (identity), and waits until relationships applies it. */
async function setMaxMeetingMinutes(minutes: number, probe: Pair) {
  await call(
    stack,
    `mutation ($id: ID!, $input: ProgrammeInput!) { updateProgramme(id: $id, input: $input) { ${E} } }`,
    { id: world.programmeId, input: programmeInput(minutes) },
    world.admin.token,
  );
  await eventually(
    async () => {
      const d = await call(
        stack,
        `query ($id: ID!) { relationship(id: $id) { terms { maxMeetingMinutes } } }`,
        { id: probe.relationshipId },
        probe.mentee.token,
      );
      if (d.relationship.terms.maxMeetingMinutes !== minutes) throw new Error('not applied yet');
    },
    15_000,
    100,
  );
}

describe('evidence rules', () => {
  it('should refuse a meeting logged before it ended, by its local time in its own zone, not the UTC date', async () => {
    const p = await pair(await newMentor(2));
    // relationships' "now" is tomorrow 12:00 UTC: tomorrow 11:30 UTC for an hour has not ended
    expect(codes(await log(p, { occurredOn: daysFromToday(1), startTime: '11:30' }))).toEqual([
      'input.startTime:NOT_ENDED',
    ]);
    // tomorrow 10:00 in Toronto is 14:00 or 15:00 UTC: not even started
    expect(
      codes(await log(p, { occurredOn: daysFromToday(1), startTime: '10:00', timeZone: 'America/Toronto' })),
    ).toEqual(['input.occurredOn:IN_THE_FUTURE']);
    // tomorrow 20:00 in Tokyo is 11:00 UTC: over by noon UTC, so it is logged although 20:00 is "later"
    const tokyo = await log(p, { occurredOn: daysFromToday(1), startTime: '20:00', timeZone: 'Asia/Tokyo' });
    expect(tokyo.errors).toEqual([]);
    expect(tokyo.meeting).toMatchObject({ timeZone: 'Asia/Tokyo', auditLocked: false });
    expect(codes(await log(p, { timeZone: 'Mars/Olympus' }))).toEqual(['input.timeZone:UNKNOWN_TIME_ZONE']);
  });

  it("should refuse a meeting longer than the programme's maximum, as identity sets it", async () => {
    const p = await pair(await newMentor(2));
    // the default: 240 minutes
    expect(codes(await log(p, { startTime: '00:00', durationMinutes: 241 }))).toEqual([
      'input.durationMinutes:TOO_LONG',
    ]);
    // identity keeps the setting sane
    const insane = await stack.gql<{ updateProgramme: { errors: Errors } }>(
      `mutation ($id: ID!, $input: ProgrammeInput!) { updateProgramme(id: $id, input: $input) { ${E} } }`,
      { id: world.programmeId, input: programmeInput(20) },
      { token: world.admin.token },
    );
    expect(codes(insane.data!.updateProgramme)).toEqual(['input.terms.maxMeetingMinutes:OUT_OF_RANGE']);
    await setMaxMeetingMinutes(90, p);
    const refused = await log(p, { startTime: '00:00', durationMinutes: 91 });
    expect(codes(refused)).toEqual(['input.durationMinutes:TOO_LONG']);
    expect(refused.errors[0].message).toMatch(/90 minutes/);
    await logged(p, { startTime: '00:00', durationMinutes: 90 });
    await setMaxMeetingMinutes(600, p);
    await logged(p, { startTime: '02:00', durationMinutes: 300 });
  });

  it('should refuse two meetings of one person at the same time, whatever the relationship and the zone', async () => {
    const mentor = await newMentor(3);
    const first = await pair(mentor);
    const second = await pair(mentor);
    const stranger = await pair(await newMentor(1));
    await logged(first, { startTime: '14:00', durationMinutes: 60 });
    // the same time written in another zone: 09:30 at UTC-5 is 14:30 UTC
    const clash = await log(second, { startTime: '09:30', timeZone: 'Etc/GMT+5', durationMinutes: 30 });
    expect(codes(clash)).toEqual(['input.startTime:OVERLAP']);
    // the mentee of the second relationship is not told about the mentor's other relationship
    expect(clash.errors[0].message).not.toMatch(/14:00/);
    // the mentor, who logs it, is told which of their meetings it overlaps
    const own = await log(second, { startTime: '14:30', durationMinutes: 30 }, mentor);
    expect(codes(own)).toEqual(['input.startTime:OVERLAP']);
    expect(own.errors[0].message).toMatch(/14:00/);
    // back to back is fine, and other people meet when they like
    await logged(second, { startTime: '15:00', durationMinutes: 30 });
    await logged(stranger, { startTime: '14:00', durationMinutes: 60 });
  });

  it('should not credit a person with more time on one date than the date has, across relationships and zones', async () => {
    const mentor = await newMentor(3);
    const [a, b, c] = [await pair(mentor), await pair(mentor), await pair(mentor)];
    await setMaxMeetingMinutes(600, a);
    // today 00:00-10:00 in UTC+14, in UTC and in UTC-12: thirty hours of one date that never overlap in time
    await logged(a, { startTime: '00:00', durationMinutes: 600, timeZone: 'Etc/GMT-14' });
    await logged(b, { startTime: '00:00', durationMinutes: 600, timeZone: 'UTC' });
    const third = await log(c, { startTime: '00:00', durationMinutes: 600, timeZone: 'Etc/GMT+12' });
    expect(codes(third)).toEqual(['input.durationMinutes:DAILY_HOURS_EXCEEDED']);
    expect(third.errors[0].message).toMatch(/your partner/);
    // up to the day's 24 hours is fine
    await logged(c, { startTime: '00:00', durationMinutes: 240, timeZone: 'Etc/GMT+12' });
    // the mentor's date is full: five more minutes are refused
    expect(codes(await log(c, { startTime: '05:00', durationMinutes: 5, timeZone: 'Etc/GMT+12' }))).toEqual([
      'input.durationMinutes:DAILY_HOURS_EXCEEDED',
    ]);
  });

  it('should let exactly one of two concurrent logs through when together they would exceed the day', async () => {
    const mentor = await newMentor(3);
    const [a, b, c] = [await pair(mentor), await pair(mentor), await pair(mentor)];
    await setMaxMeetingMinutes(600, a);
    await logged(a, { startTime: '00:00', durationMinutes: 600, timeZone: 'Etc/GMT-14' });
    // each alone fits (20 hours), both would make 30; they do not overlap each other (10:00 and 12:00 UTC)
    const results = await Promise.all([
      log(b, { startTime: '00:00', durationMinutes: 600, timeZone: 'UTC' }),
      log(c, { startTime: '00:00', durationMinutes: 600, timeZone: 'Etc/GMT+12' }),
    ]);
    expect(results.filter((r) => r.errors.length === 0)).toHaveLength(1);
    expect(results.flatMap(codes)).toEqual(['input.durationMinutes:DAILY_HOURS_EXCEEDED']);
    // and two concurrent logs of the same mentor at the same time in two relationships: one wins
    const clash = await Promise.all([
      log(b, { occurredOn: daysFromToday(1), startTime: '01:00', durationMinutes: 60 }),
      log(c, { occurredOn: daysFromToday(1), startTime: '01:30', durationMinutes: 60 }),
    ]);
    expect(clash.filter((r) => r.errors.length === 0)).toHaveLength(1);
    expect(clash.flatMap(codes)).toEqual(['input.startTime:OVERLAP']);
  });

  it('should respect the mentor capacity when a completed relationship continues', async () => {
    const mentor = await newMentor(1);
    const first = await pair(mentor);
    for (const who of [first.mentee, first.mentor])
      await call(
        stack,
        `mutation ($id: ID!) { completeRelationship(id: $id) { ${E} } }`,
        { id: first.relationshipId },
        who.token,
      );
    // the place is free again: the mentor takes another mentee
    const second = await eventually(() => pair(mentor), 15_000, 500);
    const goals = [GOAL(daysFromToday(90))];
    const CONTINUE = `mutation ($id: ID!, $goals: [SmartGoalInput!]!) { continueRelationship(id: $id, goals: $goals) { ${E} relationship { status } } }`;
    const refused = await payload(CONTINUE, { id: first.relationshipId, goals }, first.mentee);
    expect(codes(refused)).toEqual(['id:CAPACITY_REACHED']);
    await call(
      stack,
      `mutation ($id: ID!) { withdrawFromRelationship(id: $id, reason: "Moved abroad") { ${E} } }`,
      { id: second.relationshipId },
      second.mentee.token,
    );
    const continued = await call(stack, CONTINUE, { id: first.relationshipId, goals }, first.mentee.token);
    expect(continued.continueRelationship.relationship.status).toBe('ACTIVE');
  });

  it('should lock the meetings an audit selected: no amendment, confirmation or dispute but through the audit', async () => {
    const p = await pair(await newMentor(1));
    const audited = await logged(p, { startTime: '16:00' });
    await call(stack, CONFIRM, { id: audited }, p.mentor.token);
    const other = await logged(p, { startTime: '18:00' });
    await call(stack, CONFIRM, { id: other }, p.mentor.token);
    // an amendment of the second one awaits the mentor when the audit comes
    const amendment = (
      await payload(AMEND, { id: other, input: meeting({ startTime: '18:00', durationMinutes: 45 }) }, p.mentee)
    ).meeting!.id;
    await eventually(
      async () => {
        const d = await call(stack, `{ me { cpdHours } }`, {}, p.mentee.token);
        if (d.me.cpdHours < 2) throw new Error('no CPD entries yet');
      },
      15_000,
      100,
    );
    const cycle = await call(
      stack,
      `mutation ($input: OpenAuditCycleInput!) { openAuditCycle(input: $input) { ${E} audit { id selections { id person { id } } } } }`,
      {
        input: {
          from: daysFromToday(-30),
          to: daysFromToday(1),
          sampleRate: 1,
          seed: 'evidence',
          strategy: 'UNIFORM',
        },
      },
      world.admin.token,
    );
    const locked = async (id: string) =>
      (
        await call(
          stack,
          `query ($id: ID!) { relationship(id: $id) { meetingsConnection(first: 100, includeSuperseded: true) { edges { node { id auditLocked } } } } }`,
          { id: p.relationshipId },
          p.mentor.token,
        )
      ).relationship.meetingsConnection.edges.find((e: { node: { id: string } }) => e.node.id === id).node
        .auditLocked as boolean;
    await eventually(
      async () => {
        if (!(await locked(audited))) throw new Error('not locked yet');
      },
      15_000,
      100,
    );
    expect(await locked(other)).toBe(true);
    expect(await locked(amendment)).toBe(false);
    // the audited meeting cannot be amended, its pending amendment neither confirmed nor disputed
    expect(
      codes(
        await payload(AMEND, { id: audited, input: meeting({ startTime: '16:00', durationMinutes: 30 }) }, p.mentee),
      ),
    ).toEqual(['meetingId:AUDIT_LOCKED']);
    expect(codes(await payload(CONFIRM, { id: amendment }, p.mentor))).toEqual(['meetingId:AUDIT_LOCKED']);
    expect(codes(await payload(DISPUTE, { id: amendment }, p.mentor))).toEqual(['meetingId:AUDIT_LOCKED']);
    // the audit's outcome is final: the lock stays once it is recorded
    const selections = cycle.openAuditCycle.audit.selections as Array<{ id: string; person: { id: string } }>;
    expect(selections.map((x) => x.person.id)).toEqual(expect.arrayContaining([p.mentee.userId, p.mentor.userId]));
    for (const selection of selections)
      await call(
        stack,
        `mutation ($input: RecordAuditOutcomeInput!) { recordAuditOutcome(input: $input) { ${E} } }`,
        { input: { selectionId: selection.id, outcome: 'VERIFIED', notes: 'Evidence reviewed.' } },
        world.admin.token,
      );
    await stack.settle();
    expect(await locked(audited)).toBe(true);
    expect(codes(await payload(CONFIRM, { id: amendment }, p.mentor))).toEqual(['meetingId:AUDIT_LOCKED']);
    // a meeting logged after the audit is not locked
    const later = await log(p, { startTime: '20:00' });
    expect(later.meeting).toMatchObject({ auditLocked: false });
  });
});
