/**
 * Planned meetings reach calendars, through the gateway (issue 20): a mentor in Toronto and a mentee in Vancouver
 * plan a meeting at 17:00 Toronto time. Both acceptance emails carry a calendar invitation (parsed with mailparser
 * and ical.js, as a mail client would) for the same instant and UID; a reschedule sends the same UID with a higher
 * SEQUENCE, a cancellation METHOD:CANCEL. A private feed URL lists the meeting and answers 404 once revoked or
 * replaced. The reminder job, run as of moved clocks, sends the day-before reminder, the hour-before one (to whoever
 * asked for it) and the record prompt, each once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, eventually, isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { coachedPair, inTimeZones } from '../support/programme-setup';
import { ADMIN_PASSWORD, adminEnv, call, login, type Person } from '../support/world';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@meeting-calendars.test`;
const mailDir = mkdtempSync(join(os.tmpdir(), 'tandem-calendar-mail-'));
const WEB = 'http://web.calendar.test';

beforeAll(async () => {
  // a database of its own: emails are an outbox any identity process on the database may send (into its own mail
  // directory), so another test file's stack must not deliver these
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships]);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, matching, relationships],
    env: { ...adminEnv(ADMIN_EMAIL), identity: { ...adminEnv(ADMIN_EMAIL).identity, MAIL_DIR: mailDir } },
    webAppUrl: WEB,
    // feed reads per client address per minute: low enough to reach here
    gatewayEnv: { CALENDAR_FEED_PER_ADDRESS_PER_MINUTE: '8' },
  });
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
  rmSync(mailDir, { recursive: true, force: true });
});

const PLAN = `id status startsAt endsAt sequence`;
const PROPOSE = `mutation ($id: ID!, $input: MeetingPlanInput!) { proposeMeeting(relationshipId: $id, input: $input) { errors { field code } meetingPlan { ${PLAN} } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptMeetingPlan(planId: $id) { errors { field code } meetingPlan { ${PLAN} } } }`;
const RESCHEDULE = `mutation ($id: ID!, $input: MeetingPlanTimeInput!, $details: MeetingPlanChangeInput) { rescheduleMeetingPlan(planId: $id, input: $input, details: $details) { errors { field code } meetingPlan { ${PLAN} mode place videoUrl agenda } } }`;
const CANCEL = `mutation ($id: ID!, $reason: String!) { cancelMeetingPlan(planId: $id, reason: $reason) { errors { field code } meetingPlan { ${PLAN} } } }`;
const CREATE_FEED = `mutation { createCalendarFeed { url calendarFeed { createdAt } errors { field code } } }`;
const REVOKE_FEED = `mutation { revokeCalendarFeed { revoked errors { field code } } }`;

/** A calendar invitation as a mail client reads it: the email's text/calendar part, parsed. */
interface Invitation {
  method: string;
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  zone: string;
  status: string;
  description: string;
  subject: string;
}

/** The invitations in the emails to `email` so far (oldest first), each email parsed with mailparser. */
async function invitationsTo(email: string): Promise<Invitation[]> {
  const names = (await readdir(mailDir)).filter((n) => n.endsWith('.eml')).sort();
  const found: Invitation[] = [];
  for (const name of names) {
    const mail = await simpleParser(await readFile(join(mailDir, name)));
    const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
    if (!to.some((a) => a.value.some((v) => v.address?.toLowerCase() === email.toLowerCase()))) continue;
    const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    if (!ics) continue;
    const calendar = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    found.push({
      method: String(calendar.getFirstPropertyValue('method')),
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      zone: String(calendar.getFirstPropertyValue('x-wr-timezone')),
      status: String(event.component.getFirstPropertyValue('status')),
      description: event.description,
      subject: mail.subject ?? '',
    });
  }
  return found;
}

/** The events of an iCalendar feed, parsed with ical.js. */
function feedEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      sequence: e.sequence,
      start: e.startDate.toJSDate(),
      status: c.getFirstPropertyValue('status'),
    };
  });
}

describe('planned meetings in calendars', () => {
  let admin: Person;
  let mentor: Person;
  let mentee: Person;
  let relationshipId: string;

  beforeAll(async () => {
    admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    ({ mentor, mentee, relationshipId } = await coachedPair(stack, admin, { name: `Cal ${randomUUID().slice(0, 6)}` }));
    await inTimeZones(stack, [
      [mentor, 'America/Toronto'],
      [mentee, 'America/Vancouver'],
    ]);
  });

  const propose = async (startsOn: string, startTime: string) =>
    (
      await call(
        stack,
        PROPOSE,
        {
          id: relationshipId,
          input: {
            startsOn,
            startTime,
            durationMinutes: 60,
            mode: 'VIDEO',
            videoUrl: 'https://meet.example.org/mia-mo',
            agenda: ['Interview practice', 'CV review'],
          },
        },
        mentor.token,
      )
    ).proposeMeeting.meetingPlan as { id: string; startsAt: string; endsAt: string; sequence: number };

  const notificationsOf = async (who: Person, kind: string) =>
    (
      await call(stack, `{ me { notifications(first: 50) { edges { node { kind title link } } } } }`, {}, who.token)
    ).me.notifications.edges
      .map((e: { node: { kind: string; title: string; link: string } }) => e.node)
      .filter((n: { kind: string }) => n.kind === kind) as Array<{ kind: string; title: string; link: string }>;

  it('should send both partners the same instant and UID, then updates with a higher SEQUENCE, and a CANCEL', async () => {
    const plan = await propose(daysFromToday(7), '17:00');
    const accepted = (await call(stack, ACCEPT, { id: plan.id }, mentee.token)).acceptMeetingPlan.meetingPlan;
    const uid = `meeting-plan-${plan.id}@tandem`;

    // both partners' acceptance emails carry the invitation: the same instant (17:00 in Toronto), UID and sequence
    const [forMentor, forMentee] = await eventually(
      async () => {
        const pair = [
          (await invitationsTo(mentor.email)).filter((i) => i.uid === uid),
          (await invitationsTo(mentee.email)).filter((i) => i.uid === uid),
        ];
        expect(pair.map((p) => p.length)).toEqual([1, 1]);
        return pair.map((p) => p[0]!);
      },
      20_000,
      250,
    );
    for (const inv of [forMentor, forMentee]) {
      expect(inv).toMatchObject({ method: 'REQUEST', uid, sequence: accepted.sequence, zone: 'America/Toronto' });
      expect(inv.status).toBe('CONFIRMED');
      expect(inv.start.toISOString()).toBe(new Date(plan.startsAt).toISOString());
      expect(inv.end.getTime() - inv.start.getTime()).toBe(60 * 60_000);
      expect(inv.description).toContain('https://meet.example.org/mia-mo');
      expect(inv.description).toContain('- Interview practice');
      expect(inv.description).toContain(`${WEB}/relationships/${relationshipId}#plan-${plan.id}`);
    }
    expect(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'America/Toronto',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(forMentee.start),
    ).toBe('17:00');
    expect(forMentor.subject).toContain('Mentee Mo accepted your meeting');
    expect(forMentee.subject).toContain('Your meeting with Mentor Mia is confirmed');

    // a reschedule that changes the details is checked whole: a video call without a link writes nothing
    const input = { startsOn: daysFromToday(8), startTime: '15:00', durationMinutes: 45 };
    const refused = await stack.gql(
      RESCHEDULE,
      { id: plan.id, input, details: { mode: 'VIDEO', agenda: ['x'] } },
      { token: mentee.token },
    );
    expect(refused.data?.rescheduleMeetingPlan).toEqual({
      meetingPlan: null,
      errors: [{ field: 'details.videoUrl', code: 'REQUIRED' }],
    });

    // the mentee moves it, in person now, with a new agenda: the mentor's calendar (and her own) get the same UID
    // with a higher SEQUENCE
    const moved = (
      await call(
        stack,
        RESCHEDULE,
        {
          id: plan.id,
          input,
          details: { mode: 'IN_PERSON', place: 'Central Library, room 2', agenda: ['Mock interview'] },
        },
        mentee.token,
      )
    ).rescheduleMeetingPlan.meetingPlan;
    expect(moved.sequence).toBe(accepted.sequence + 1);
    expect(moved).toMatchObject({
      mode: 'IN_PERSON',
      place: 'Central Library, room 2',
      videoUrl: null,
      agenda: ['Mock interview'],
    });
    for (const who of [mentor, mentee]) {
      const update = await eventually(
        async () => {
          const found = (await invitationsTo(who.email)).filter((i) => i.uid === uid && i.sequence === moved.sequence);
          expect(found).toHaveLength(1);
          return found[0]!;
        },
        20_000,
        250,
      );
      expect(update).toMatchObject({ method: 'REQUEST', zone: 'America/Vancouver', status: 'TENTATIVE' });
      expect(update.description).toContain('Place: Central Library, room 2');
      expect(update.description).toContain('- Mock interview');
      expect(update.description).not.toContain('meet.example.org');
      expect(update.start.toISOString()).toBe(new Date(moved.startsAt).toISOString());
    }

    // cancelled: METHOD:CANCEL for the same UID, newer still
    const cancelled = (await call(stack, CANCEL, { id: plan.id, reason: 'Travelling.' }, mentor.token))
      .cancelMeetingPlan.meetingPlan;
    for (const who of [mentor, mentee]) {
      const cancel = await eventually(
        async () => {
          const found = (await invitationsTo(who.email)).filter((i) => i.method === 'CANCEL' && i.uid === uid);
          expect(found).toHaveLength(1);
          return found[0]!;
        },
        20_000,
        250,
      );
      expect(cancel.sequence).toBe(cancelled.sequence);
      expect(cancel.sequence).toBeGreaterThan(moved.sequence);
      expect(cancel.status).toBe('CANCELLED');
    }
    // a proposal nobody accepted never reached a calendar: no invitation for it
    const unanswered = await propose(daysFromToday(9), '10:00');
    await call(stack, CANCEL, { id: unanswered.id, reason: 'Changed my mind.' }, mentor.token);
    await stack.settle();
    await eventually(async () => expect(await notificationsOf(mentee, 'MEETING_CANCELLED')).toHaveLength(2), 15_000);
    expect((await invitationsTo(mentee.email)).filter((i) => i.uid === `meeting-plan-${unanswered.id}@tandem`)).toEqual(
      [],
    );
  });

  it('should list the meeting in a private feed read through the gateway, and answer 404 once revoked or replaced', async () => {
    const plan = await propose(daysFromToday(10), '17:00');
    const accepted = (await call(stack, ACCEPT, { id: plan.id }, mentee.token)).acceptMeetingPlan.meetingPlan;
    const created = (await call(stack, CREATE_FEED, {}, mentee.token)).createCalendarFeed;
    expect(created.errors).toEqual([]);
    const feedPath = new URL(created.url).pathname;
    expect(feedPath).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const origin = new URL(stack.gateway.url).origin;
    const read = (path: string) => fetch(`${origin}${path}`);

    const res = await read(feedPath);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const events = feedEvents(await res.text());
    expect(events).toContainEqual({
      uid: `meeting-plan-${plan.id}@tandem`,
      sequence: accepted.sequence,
      start: new Date(plan.startsAt),
      status: 'CONFIRMED',
    });
    // only the person sees that they have a feed, never its URL again
    const me = await call(stack, `{ me { calendarFeed { createdAt } } }`, {}, mentee.token);
    expect(me.me.calendarFeed.createdAt).toBe(created.calendarFeed.createdAt);
    const other = await call(
      stack,
      `query ($id: ID!) { user(id: $id) { calendarFeed { createdAt } } }`,
      { id: mentee.userId },
      admin.token,
    );
    expect(other.user.calendarFeed).toBeNull();

    // a new feed revokes the old; revoking makes the new one 404 too; a made-up token is 404
    const second = (await call(stack, CREATE_FEED, {}, mentee.token)).createCalendarFeed;
    expect((await read(feedPath)).status).toBe(404);
    const secondPath = new URL(second.url).pathname;
    expect((await read(secondPath)).status).toBe(200);
    expect((await call(stack, REVOKE_FEED, {}, mentee.token)).revokeCalendarFeed).toEqual({
      revoked: true,
      errors: [],
    });
    expect((await read(secondPath)).status).toBe(404);
    expect((await read(`/calendar/${'x'.repeat(43)}.ics`)).status).toBe(404);
    expect((await call(stack, `{ me { calendarFeed { createdAt } } }`, {}, mentee.token)).me.calendarFeed).toBeNull();
    // reads are rate-limited per client address (the tests are the gateway's trusted proxy): the 9th in a minute is 429
    const from = (n: number) =>
      fetch(`${origin}${secondPath}`, { headers: { 'x-forwarded-for': `203.0.113.${n}` } }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push(await from(7));
    expect(statuses).toEqual([...Array(8).fill(404), 429]);
    expect(await from(8)).toBe(404);
    // the subgraph's own route answers only the gateway
    const direct = await fetch(`${stack.services.relationships.url.replace(/\/graphql$/, '')}${secondPath}`);
    expect(direct.status).toBe(403);
  });

  it('should send the day-before reminder, the hour-before one to whoever asked, and the record prompt, each once', async () => {
    const plan = await propose(daysFromToday(12), '17:00');
    await call(stack, ACCEPT, { id: plan.id }, mentee.token);
    const set = await call(
      stack,
      `mutation { setMeetingReminderHourBefore(enabled: true) { user { id meetingReminderHourBefore } errors { code } } }`,
      {},
      mentor.token,
    );
    expect(set.setMeetingReminderHourBefore.user.meetingReminderHourBefore).toBe(true);
    const parts = await relationships.create(
      stack.services.relationships.runtime as Parameters<typeof relationships.create>[0],
    );
    const job = parts.jobs!.find((j) => j.name === 'meeting-reminders')!.run as (now: Date) => Promise<void>;
    const start = new Date(plan.startsAt).getTime();
    const end = new Date(plan.endsAt).getTime();
    const link = `/relationships/${relationshipId}#plan-${plan.id}`;
    const reminders = async (who: Person) =>
      (await notificationsOf(who, 'MEETING_REMINDER')).filter((n) => n.link === link);

    // two days before: nothing yet
    await job(new Date(start - 48 * 3_600_000));
    await stack.settle();
    expect(await reminders(mentee)).toHaveLength(0);

    // 23 hours before, twice: one reminder each
    await job(new Date(start - 23 * 3_600_000));
    await job(new Date(start - 22 * 3_600_000));
    await stack.settle();
    for (const who of [mentor, mentee]) {
      const found = await eventually(async () => {
        const r = await reminders(who);
        expect(r).toHaveLength(1);
        return r;
      }, 15_000);
      expect(found[0]!.title).toMatch(/^Reminder: your meeting with Ment(or Mia|ee Mo) on /);
    }

    // 30 minutes before: the hour-before reminder, to the mentor only (the mentee did not ask)
    await job(new Date(start - 30 * 60_000));
    await job(new Date(start - 20 * 60_000));
    await stack.settle();
    await eventually(async () => {
      const r = await reminders(mentor);
      expect(r.map((n) => n.title)).toContain('In an hour: your meeting with Mentee Mo');
      expect(r).toHaveLength(2);
    }, 15_000);
    expect(await reminders(mentee)).toHaveLength(1);

    // its end has passed: a prompt to record it, to both, opening the record form; once
    await job(new Date(end + 5 * 60_000));
    await job(new Date(end + 60 * 60_000));
    await stack.settle();
    for (const who of [mentor, mentee])
      await eventually(async () => {
        const prompts = (await notificationsOf(who, 'MEETING_RECORD_PROMPT')).filter((n) => n.link.includes(plan.id));
        expect(prompts).toEqual([
          expect.objectContaining({ link: `/relationships/${relationshipId}?record=${plan.id}#plan-${plan.id}` }),
        ]);
      }, 15_000);
    const sent = await stack.sql<{ kind: string }>(
      `SELECT kind FROM relationships.meeting_plan_reminder WHERE plan_id = $1 ORDER BY kind`,
      [plan.id],
    );
    expect(sent.map((r) => r.kind)).toEqual(['DAY_BEFORE', 'HOUR_BEFORE', 'RECORD_PROMPT']);

    // by email too, with the record form's link
    await eventually(async () => {
      const names = (await readdir(mailDir)).filter((n) => n.endsWith('.eml'));
      const texts = await Promise.all(
        names.map(async (n) => (await simpleParser(await readFile(join(mailDir, n)))).text ?? ''),
      );
      expect(texts.filter((t) => t.includes(`${WEB}/relationships/${relationshipId}?record=${plan.id}`))).toHaveLength(
        2,
      );
    }, 20_000);

    // nobody recorded it: once its end has passed it stays "not held" and counts for nothing
    relationships.clock = () => new Date(end + 2 * 3_600_000);
    try {
      const past = await call(
        stack,
        `query ($id: ID!) { relationship(id: $id) { progress { confirmedHours confirmedMeetings awaitingConfirmation } plannedMeetings(past: true) { edges { node { id notHeld meeting { id } } } } } }`,
        { id: relationshipId },
        mentor.token,
      );
      expect(past.relationship.plannedMeetings.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
        id: plan.id,
        notHeld: true,
        meeting: null,
      });
      expect(past.relationship.progress).toEqual({ confirmedHours: 0, confirmedMeetings: 0, awaitingConfirmation: 0 });
    } finally {
      relationships.clock = () => new Date();
    }
  });
});
