/**
 * The agreement's schedule proposes the next meeting, through the gateway (issue 20): a pair in Toronto and
 * Vancouver agree "every two weeks, Thursdays at 17:00 Toronto time"; once both sign, the platform proposes the next
 * Thursday in the name of the partner who initiates meetings (the mentor), for the mentee to accept, and she sees it
 * at the same instant in her zone. Declined, the following occurrence is proposed at once; accepted and over (the clock moved
 * past its end), the reminder job proposes the one after. A schedule that is not one is refused and writes nothing.
 * Both partners hear that their agreed schedule proposed it (MeetingPlanned `source: SCHEDULE`), each in their
 * language, not that the mentor did.
 */
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, eventually, parseMail, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { coachedPair, inTimeZones } from '../support/programme-setup';
import { ADMIN_PASSWORD, AGREEMENT, adminEnv, call, login, type Person } from '../support/world';

let stack: Stack;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@agreement-schedule.test`;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
}, 180_000);
afterAll(async () => {
  relationships.clock = () => new Date();
  await stack?.stop();
});

const E = `errors { field code }`;
const DRAFT = `mutation ($id: ID!, $input: AgreementInput!) { draftAgreement(relationshipId: $id, input: $input) { ${E} agreement { current { version schedule { weekday startTime everyWeeks timeZone } } } } }`;
const SIGN = `mutation ($id: ID!, $v: Int!) { signAgreement(relationshipId: $id, version: $v) { ${E} agreement { fullySigned } } }`;
const PLAN = `id status startsAt endsAt durationMinutes timeZone mode videoUrl fromSchedule proposedBy { id } awaitingResponseFrom { id }`;
const PLANS = `query ($id: ID!) { relationship(id: $id) { plannedMeetings(first: 20) { edges { node { ${PLAN} } } } } }`;
const DECLINE = `mutation ($id: ID!, $reason: String!) { declineMeetingPlan(planId: $id, reason: $reason) { ${E} meetingPlan { id status } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptMeetingPlan(planId: $id) { ${E} meetingPlan { id status } } }`;
const NOTIFICATIONS = `{ me { notifications(first: 20) { edges { node { id kind title body link } } } } }`;
type Note = { id: string; kind: string; title: string; body: string; link: string | null };
const proposals = async (who: Person): Promise<Note[]> =>
  (await call(stack, NOTIFICATIONS, {}, who.token)).me.notifications.edges
    .map((e: { node: Note }) => e.node)
    .filter((n: Note) => n.kind === 'MEETING_PROPOSED');

interface Plan {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  timeZone: string;
  mode: string;
  videoUrl: string | null;
  fromSchedule: boolean;
  proposedBy: { id: string };
  awaitingResponseFrom: { id: string } | null;
}

/** The weekday and HH:MM of an instant in a zone. */
const wallClock = (at: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(at))
    .replace(',', '');

const DAY = 86_400_000;

describe("the agreement's schedule proposes the next meeting", () => {
  let mentor: Person;
  let mentee: Person;
  let relationshipId: string;

  beforeAll(async () => {
    const admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    ({ mentor, mentee, relationshipId } = await coachedPair(stack, admin));
    await inTimeZones(stack, [
      [mentor, 'America/Toronto'],
      [mentee, 'America/Vancouver'],
    ]);
    // she reads Tandem in French; he saved no language (English)
    await call(stack, `mutation { setLanguage(language: FR_CA) { errors { code } } }`, {}, mentee.token);
  });

  const upcoming = async (who: Person): Promise<Plan[]> =>
    (await call(stack, PLANS, { id: relationshipId }, who.token)).relationship.plannedMeetings.edges.map(
      (e: { node: Plan }) => e.node,
    );

  it('should refuse a schedule that is not one, naming each field, and write no version', async () => {
    const refused = await stack.gql<{ draftAgreement: { errors: Array<{ field: string; code: string }> } }>(
      DRAFT,
      {
        id: relationshipId,
        input: { ...AGREEMENT, schedule: { weekday: 8, startTime: '5pm', everyWeeks: 0, timeZone: 'Mars/Olympus' } },
      },
      { token: mentee.token },
    );
    expect(refused.errors).toBeUndefined();
    expect(refused.data!.draftAgreement.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'input.schedule.everyWeeks:OUT_OF_RANGE',
      'input.schedule.startTime:INVALID_TIME',
      'input.schedule.timeZone:UNKNOWN_TIME_ZONE',
      'input.schedule.weekday:OUT_OF_RANGE',
    ]);
    const agreement = await call(
      stack,
      `query ($id: ID!) { relationship(id: $id) { agreement { id } } }`,
      { id: relationshipId },
      mentee.token,
    );
    expect(agreement.relationship.agreement).toBeNull();
  });

  it('should propose the next Thursday at 17:00 Toronto time once both sign, then the following ones', async () => {
    // drafted by the mentee in Vancouver without a zone: the schedule would be read in hers, so she names Toronto's
    const drafted = await call(
      stack,
      DRAFT,
      {
        id: relationshipId,
        input: {
          ...AGREEMENT,
          meetingPlace: 'https://meet.example.org/mia-mo',
          initiator: 'MENTOR',
          schedule: { weekday: 4, startTime: '17:00', everyWeeks: 2, timeZone: 'America/Toronto' },
        },
      },
      mentee.token,
    );
    expect(drafted.draftAgreement.errors).toEqual([]);
    expect(drafted.draftAgreement.agreement.current.schedule).toEqual({
      weekday: 4,
      startTime: '17:00',
      everyWeeks: 2,
      timeZone: 'America/Toronto',
    });
    const { version } = drafted.draftAgreement.agreement.current;
    await call(stack, SIGN, { id: relationshipId, v: version }, mentee.token);
    // nothing proposed before the agreement binds
    expect(await upcoming(mentee)).toEqual([]);
    const signedAt = Date.now();
    const signed = await call(stack, SIGN, { id: relationshipId, v: version }, mentor.token);
    expect(signed.signAgreement.agreement.fullySigned).toBe(true);

    const [first, ...others] = await upcoming(mentee);
    expect(others).toEqual([]);
    expect(first).toMatchObject({
      status: 'AWAITING_RESPONSE',
      fromSchedule: true,
      durationMinutes: 60,
      timeZone: 'America/Toronto',
      mode: 'VIDEO',
      videoUrl: 'https://meet.example.org/mia-mo',
      proposedBy: { id: mentor.userId },
      awaitingResponseFrom: { id: mentee.userId },
    });
    expect(wallClock(first.startsAt, 'America/Toronto')).toBe('Thu 17:00');
    // the same instant for both: she reads it in her zone (14:00, or 15:00 once British Columbia keeps daylight time)
    expect(wallClock(first.startsAt, 'America/Vancouver')).toMatch(/^Thu 1[45]:00$/);
    // at least a day ahead, and within the first two weeks after that
    const lead = Date.parse(first.startsAt) - signedAt;
    expect(lead).toBeGreaterThan(DAY - 60_000);
    expect(lead).toBeLessThan(15 * DAY);
    // the mentor sees the same plan, his own name on it, awaiting her
    expect((await upcoming(mentor)).map((p) => p.id)).toEqual([first.id]);

    // both hear it from their agreed schedule, not from the mentor: she (French) is asked to answer, he is told
    const link = `/relationships/${relationshipId}#plan-${first.id}`;
    const [hers] = await eventually(async () => {
      const notes = await proposals(mentee);
      expect(notes).toHaveLength(1);
      return notes;
    }, 15_000);
    expect(hers.title).toMatch(/^Votre horaire convenu propose votre prochaine rencontre avec Mentor Mia : le jeudi /);
    expect(hers.body).toMatch(
      /^Votre horaire convenu propose votre prochaine rencontre avec Mentor Mia le jeudi .* à 1[45] h 00 \(America\/Vancouver\), pendant 60 minutes\. Ouvrez la relation pour l’accepter, la refuser ou proposer un autre moment\.$/,
    );
    expect(hers.link).toBe(link);
    const [his] = await eventually(async () => {
      const notes = await proposals(mentor);
      expect(notes).toHaveLength(1);
      return notes;
    }, 15_000);
    expect(his.title).toMatch(/^Your agreed schedule proposes your next meeting with Mentee Mo: Thursday, /);
    expect(his.body).toContain('at 17:00 (America/Toronto), for 60 minutes.');
    expect(his.body).toContain('Mentee Mo is asked to accept it or suggest another time; you can move or cancel it');
    for (const note of [hers, his])
      expect(note.title + note.body).not.toMatch(/Mentor Mia propose|Mentor Mia proposes/);
    // her email says the same, in French
    const mail = await eventually(async () => {
      const [r] = await stack.sql<{ email_status: string; email_ref: string }>(
        `SELECT email_status, email_ref FROM identity.notification WHERE id = $1`,
        [hers.id],
      );
      expect(r.email_status).toBe('SENT');
      return parseMail(r.email_ref, await readFile(r.email_ref, 'utf8'));
    }, 15_000);
    expect(mail.text).toContain('Ouvrez la relation pour l’accepter, la refuser ou proposer un autre moment.');
    const [planned] = await stack.sql<{ source: string; by_id: string }>(
      `SELECT payload->>'source' AS source, payload->>'byId' AS by_id FROM relationships.event_log
        WHERE name = 'MeetingPlanned' AND payload->>'planId' = $1`,
      [first.id],
    );
    expect(planned).toEqual({ source: 'SCHEDULE', by_id: mentor.userId });

    // declined: the following occurrence, two weeks later, at once
    const declined = await call(stack, DECLINE, { id: first.id, reason: 'Exam week' }, mentee.token);
    expect(declined.declineMeetingPlan.meetingPlan.status).toBe('DECLINED');
    const [second, ...more] = (await upcoming(mentee)).filter((p) => p.status === 'AWAITING_RESPONSE');
    expect(more).toEqual([]);
    expect(second.fromSchedule).toBe(true);
    expect(wallClock(second.startsAt, 'America/Toronto')).toBe('Thu 17:00');
    expect(Math.round((Date.parse(second.startsAt) - Date.parse(first.startsAt)) / DAY)).toBe(14);

    // accepted: nothing more until it is over
    const accepted = await call(stack, ACCEPT, { id: second.id }, mentee.token);
    expect(accepted.acceptMeetingPlan.errors).toEqual([]);
    const parts = await relationships.create(
      stack.services.relationships.runtime as Parameters<typeof relationships.create>[0],
    );
    const job = parts.jobs!.find((j) => j.name === 'meeting-reminders')!.run as (now: Date) => Promise<void>;
    await job(new Date(Date.parse(second.startsAt) - 3_600_000));
    expect((await upcoming(mentee)).filter((p) => p.fromSchedule && p.status !== 'DECLINED').map((p) => p.id)).toEqual([
      second.id,
    ]);

    // over (the clock an hour past its end): the job proposes the one two weeks after it
    const later = Date.parse(second.endsAt) + 3_600_000;
    relationships.clock = () => new Date(later);
    try {
      await job(new Date(later));
      await job(new Date(later)); // a rerun proposes nothing twice
      const next = await eventually(async () => {
        const open = (await upcoming(mentee)).filter((p) => p.status === 'AWAITING_RESPONSE');
        expect(open).toHaveLength(1);
        return open[0];
      }, 5_000);
      expect(next.fromSchedule).toBe(true);
      expect(wallClock(next.startsAt, 'America/Toronto')).toBe('Thu 17:00');
      expect(Math.round((Date.parse(next.startsAt) - Date.parse(second.startsAt)) / DAY)).toBe(14);
    } finally {
      relationships.clock = () => new Date();
    }
  });
});

describe('the agreement’s "where" that is not a https link', () => {
  it('should refuse an http link, complete a bare address, and hold "Teams" as an online meeting without a link', async () => {
    const admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    const pair = await coachedPair(stack, admin);
    const schedule = { weekday: 2, startTime: '12:00', everyWeeks: 1, timeZone: 'America/Toronto' };
    const draft = (meetingPlace: string) =>
      stack.gql<{
        draftAgreement: {
          errors: Array<{ field: string; code: string; message: string }>;
          agreement: { current: { version: number; meetingPlace: string } } | null;
        };
      }>(
        `mutation ($id: ID!, $input: AgreementInput!) { draftAgreement(relationshipId: $id, input: $input) { errors { field code message } agreement { current { version meetingPlace } } } }`,
        { id: pair.relationshipId, input: { ...AGREEMENT, meetingPlace, schedule } },
        { token: pair.mentee.token },
      );

    // an unencrypted link is refused by name, and nothing is written
    const refused = await draft('Zoom: http://zoom.us/j/123');
    expect(refused.errors).toBeUndefined();
    expect(refused.data!.draftAgreement).toEqual({
      errors: [
        {
          field: 'input.meetingPlace',
          code: 'HTTPS_REQUIRED',
          message: 'An http:// link is not encrypted: give the link as https://…, or write where you meet in words.',
        },
      ],
      agreement: null,
    });
    const none = await call(
      stack,
      `query ($id: ID!) { relationship(id: $id) { agreement { id } } }`,
      { id: pair.relationshipId },
      pair.mentee.token,
    );
    expect(none.relationship.agreement).toBeNull();

    // a bare address is stored as the https link a browser would open
    const bare = (await draft('www.zoom.us/j/123')).data!.draftAgreement;
    expect(bare.errors).toEqual([]);
    expect(bare.agreement!.current.meetingPlace).toBe('https://www.zoom.us/j/123');

    // "Teams" without a link: the schedule's proposal is an online meeting with no link, not a place called Teams
    const teams = (await draft('Teams')).data!.draftAgreement;
    expect(teams.agreement!.current).toEqual({ version: 2, meetingPlace: 'Teams' });
    for (const who of [pair.mentee, pair.mentor]) await call(stack, SIGN, { id: pair.relationshipId, v: 2 }, who.token);
    const plans = (
      await call(
        stack,
        `query ($id: ID!) { relationship(id: $id) { plannedMeetings(first: 5) { edges { node { fromSchedule mode place videoUrl } } } } }`,
        { id: pair.relationshipId },
        pair.mentee.token,
      )
    ).relationship.plannedMeetings.edges.map((e: { node: unknown }) => e.node);
    expect(plans).toEqual([{ fromSchedule: true, mode: 'VIDEO', place: null, videoUrl: null }]);
  });
});

describe("the calendar feed in its owner's language", () => {
  it('should title the feed and its meetings in the language the person saved (French here)', async () => {
    const admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    const pair = await coachedPair(stack, admin);
    const planId = (
      await call(
        stack,
        `mutation ($id: ID!, $input: MeetingPlanInput!) { proposeMeeting(relationshipId: $id, input: $input) { errors { field code } meetingPlan { id } } }`,
        {
          id: pair.relationshipId,
          input: {
            startsOn: daysFromToday(5),
            startTime: '17:00',
            durationMinutes: 60,
            mode: 'IN_PERSON',
            place: 'Café',
          },
        },
        pair.mentor.token,
      )
    ).proposeMeeting.meetingPlan.id as string;
    await call(stack, ACCEPT, { id: planId }, pair.mentee.token);
    await call(stack, `mutation { setLanguage(language: FR_CA) { errors { code } } }`, {}, pair.mentee.token);
    // relationships learns the saved language from identity's UserLanguageChanged
    await eventually(async () => {
      const [row] = await stack.sql<{ language: string }>(
        `SELECT language FROM relationships.person_profile WHERE user_id = $1`,
        [pair.mentee.userId],
      );
      expect(row?.language).toBe('fr-CA');
    }, 15_000);
    const created = (
      await call(stack, `mutation { createCalendarFeed { errors { code } url } }`, {}, pair.mentee.token)
    ).createCalendarFeed;
    const res = await fetch(`${new URL(stack.gateway.url).origin}${new URL(created.url).pathname}`);
    expect(res.status).toBe(200);
    const text = (await res.text()).replace(/\r\n[ \t]/g, '');
    expect(text).toContain('X-WR-CALNAME:Rencontres de mentorat Tandem');
    expect(text).toContain('SUMMARY:Rencontre de mentorat');
    expect(text).toContain('Lieu\u00a0: Café');
    expect(text).not.toContain('SUMMARY:Mentoring meeting');
    // the mentor, who saved no language, reads his in English
    const his = (await call(stack, `mutation { createCalendarFeed { errors { code } url } }`, {}, pair.mentor.token))
      .createCalendarFeed;
    const english = await (await fetch(`${new URL(stack.gateway.url).origin}${new URL(his.url).pathname}`)).text();
    expect(english).toContain('SUMMARY:Mentoring meeting');
  }, 180_000);
});

describe('meetings held before the relationship started', () => {
  const LOG = `mutation ($id: ID!, $input: MeetingInput!) { logMeeting(relationshipId: $id, input: $input) { errors { field code message } meeting { id status } } }`;
  const meeting = (daysAgo: number) => ({
    occurredOn: daysFromToday(-daysAgo),
    startTime: '12:00',
    timeZone: 'UTC',
    durationMinutes: 60,
    mode: 'VIDEO',
    topics: ['Getting acquainted before the platform'],
  });
  const logAs = async (who: Person, relationshipId: string, daysAgo: number) =>
    (
      await stack.gql<{
        logMeeting: { errors: Array<{ field: string; code: string }>; meeting: { id: string } | null };
      }>(LOG, { id: relationshipId, input: meeting(daysAgo) }, { token: who.token })
    ).data!.logMeeting;

  it('should record them as far back as the programme allows, each confirmed by the counterpart, and none before', async () => {
    const admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    const allowed = await coachedPair(stack, admin, { priorMeetingDays: 30 });
    const earlier = await logAs(allowed.mentee, allowed.relationshipId, 10);
    expect(earlier.errors).toEqual([]);
    const confirmed = await call(
      stack,
      `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { errors { field code } meeting { status } } }`,
      { id: earlier.meeting!.id },
      allowed.mentor.token,
    );
    expect(confirmed.confirmMeeting.meeting.status).toBe('CONFIRMED');
    expect((await logAs(allowed.mentee, allowed.relationshipId, 31)).errors).toEqual([
      expect.objectContaining({ field: 'input.occurredOn', code: 'BEFORE_START' }),
    ]);
    // a programme that says nothing: nothing before the start
    const strict = await coachedPair(stack, admin);
    expect((await logAs(strict.mentee, strict.relationshipId, 10)).errors).toEqual([
      expect.objectContaining({ field: 'input.occurredOn', code: 'BEFORE_START' }),
    ]);
  });
});
