/**
 * Nudges at a programme's cadence, through the gateway (issue 19), with the clock moved the way the daily jobs see
 * it (the relationship's dates moved back, the jobs run with the `now` they are given): a pair with no meeting for
 * 21 days is nudged once, and again once 21 more days pass; a meeting waiting 3 days reminds the partner who has to
 * confirm; the coach of the organisation hears that a check-in is overdue; the hours reached reach the pair and the
 * coach, each with a link into their app; nudges go out as one digest email per person per day (read from the
 * .eml) unless the person chose each one, leaving out nudges no longer true by then (a meeting logged since); a kind a person turned off is not emailed, and a nudge the programme
 * turned off is not sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  daysFromToday,
  eventually,
  isolatedDatabase,
  mailsTo,
  startStack,
  type Stack,
  testDatabaseUrl,
} from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { coachedPair, type CoachedPair } from '../support/programme-setup';
import { ADMIN_PASSWORD, adminEnv, call, login, MEETING, type Person } from '../support/world';

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@nudges.test`;
const WEB = 'https://app.nudges.test';
const ADMIN_APP = 'https://admin.nudges.test';
const mailDir = mkdtempSync(join(os.tmpdir(), 'tandem-nudges-mail-'));
const E = 'errors { field code message }';

beforeAll(async () => {
  // a database of its own: the daily jobs scan every relationship and every waiting digest
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships]);
  const env = adminEnv(ADMIN_EMAIL);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, matching, relationships],
    env: { ...env, identity: { ...env.identity, MAIL_DIR: mailDir, WEB_APP_URL: WEB, ADMIN_APP_URL: ADMIN_APP } },
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
}, 240_000);
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
  rmSync(mailDir, { recursive: true, force: true });
});

type Note = { id: string; kind: string; title: string; body: string; link: string | null };
const NOTIFICATIONS = `{ me { notifications(first: 100) { edges { node { id kind title body link } } } } }`;
async function notesOf(who: Person, kind: string): Promise<Note[]> {
  const data = await call(stack, NOTIFICATIONS, {}, who.token);
  return (data.me.notifications.edges as Array<{ node: Note }>).map((e) => e.node).filter((n) => n.kind === kind);
}

/** Runs a service's scheduled job as of `now`, on the running service's runtime. */
async function runJob(service: typeof identity | typeof relationships, name: string, now: Date): Promise<void> {
  const runtime = stack.services[service.name as 'identity' | 'relationships'].runtime;
  const parts = await (service.create as (r: unknown) => ReturnType<typeof service.create>)(runtime);
  await (parts.jobs!.find((j) => j.name === name)!.run as (now: Date) => Promise<void>)(now);
  await stack.settle();
}
const scan = (now = new Date()) => runJob(relationships, 'nudge-scan', now);
const digests = (now: Date) => runJob(identity, 'send-digests', now);

/** The next instant at noon in Toronto (the zone of people who chose none): the digest hour has come there. */
function torontoNoon(from = new Date()): Date {
  const hourIn = (d: Date) =>
    Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', hour: '2-digit', hourCycle: 'h23' }).format(d),
    );
  const d = new Date(Math.ceil(from.getTime() / 3_600_000) * 3_600_000);
  while (hourIn(d) !== 12) d.setTime(d.getTime() + 3_600_000);
  return d;
}

describe('nudges at the programme’s cadence', () => {
  let admin: Person;
  let pair: CoachedPair;
  let relationshipId: string;
  let meetingId: string;
  let digestAt: Date;

  beforeAll(async () => {
    admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    // one meeting of an hour meets the terms; no agreement needed for it to count
    pair = await coachedPair(stack, admin, {
      terms: { targetHours: 1, durationWeeks: 12, minMeetings: 1 },
      requireSignedAgreement: false,
    });
    relationshipId = pair.relationshipId;
    // the mentor wants each nudge as it happens; the others keep the daily digest
    const chose = await call(
      stack,
      `mutation { setNudgeEmailDelivery(delivery: EACH) { ${E} user { nudgeEmailDelivery } } }`,
      {},
      pair.mentor.token,
    );
    expect(chose.setNudgeEmailDelivery).toEqual({ errors: [], user: { nudgeEmailDelivery: 'EACH' } });
    // the choice is the person's own: their coach and an admin read null
    for (const other of [pair.coachA, admin]) {
      const seen = await call(
        stack,
        `query ($id: ID!) { user(id: $id) { nudgeEmailDelivery } }`,
        { id: pair.mentor.userId },
        other.token,
      );
      expect(seen.user).toEqual({ nudgeEmailDelivery: null });
    }
  });

  it('should give a programme the default cadence, and refuse a cadence out of range with its field', async () => {
    const read = await call(
      stack,
      `query ($id: ID!) { programme(id: $id) { nudges { noMeetingDays awaitingConfirmationDays checkInDue hoursReached } } }`,
      { id: pair.programmeId },
      pair.coachA.token,
    );
    expect(read.programme.nudges).toEqual({
      noMeetingDays: 21,
      awaitingConfirmationDays: 3,
      checkInDue: true,
      hoursReached: true,
    });
    const refused = await stack.gql(
      `mutation ($id: ID!, $i: ProgrammeInput!) { updateProgramme(id: $id, input: $i) { ${E} programme { id } } }`,
      {
        id: pair.programmeId,
        i: {
          name: 'Coached',
          terms: { targetHours: 1, durationWeeks: 12, minMeetings: 1 },
          cpdCategory: 'Peer interaction',
          nudges: { noMeetingDays: 0, awaitingConfirmationDays: 400 },
        },
      },
      { token: admin.token },
    );
    const result = (
      refused.data as { updateProgramme: { programme: unknown; errors: Array<{ field: string; code: string }> } }
    ).updateProgramme;
    expect(result.programme).toBeNull();
    expect(result.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['input.nudges.noMeetingDays', 'OUT_OF_RANGE'],
      ['input.nudges.awaitingConfirmationDays', 'OUT_OF_RANGE'],
    ]);
  });

  it('should nudge both partners once after 21 days without a meeting, and again after 21 more', async () => {
    await stack.sql(
      `UPDATE relationships.relationship SET started_on = $2::date, started_at = ($2::date)::timestamp AT TIME ZONE 'UTC' WHERE id = $1`,
      [relationshipId, daysFromToday(-22)],
    );
    await scan();
    await scan(); // the same day again: nothing new
    for (const [who, partner] of [
      [pair.mentee, 'Mentor Mia'],
      [pair.mentor, 'Mentee Mo'],
    ] as const) {
      const notes = await eventually(async () => {
        const found = await notesOf(who, 'NO_RECENT_MEETING');
        expect(found).toHaveLength(1);
        return found;
      }, 15_000);
      expect(notes[0]).toMatchObject({
        title: `No meeting with ${partner} logged for 22 days`,
        link: `/relationships/${relationshipId}#meetings`,
      });
    }
    // no check-in owed yet (30 days), so the coach hears nothing
    expect(await notesOf(pair.coachA, 'CHECK_IN_DUE')).toEqual([]);

    // 21 more days of silence: a new occurrence, once; the check-in is now overdue too
    await stack.sql(
      `UPDATE relationships.relationship SET started_on = $2::date, started_at = ($2::date)::timestamp AT TIME ZONE 'UTC' WHERE id = $1`,
      [relationshipId, daysFromToday(-43)],
    );
    await scan();
    await scan();
    await eventually(async () => {
      expect(await notesOf(pair.mentee, 'NO_RECENT_MEETING')).toHaveLength(2);
      expect(await notesOf(pair.mentor, 'NO_RECENT_MEETING')).toHaveLength(2);
    }, 15_000);
  });

  it("should tell the organisation's coach, and no other, that a check-in is overdue, linked in the admin app", async () => {
    const [note] = await eventually(async () => {
      const found = await notesOf(pair.coachA, 'CHECK_IN_DUE');
      expect(found).toHaveLength(1);
      return found;
    }, 15_000);
    expect(note).toMatchObject({
      title: 'A check-in with Mentee Mo and Mentor Mia is due',
      link: `admin:/relationships/${relationshipId}#check-ins`,
    });
    expect(note.body).toContain('(13 days ago)');
    expect(await notesOf(pair.coachB, 'CHECK_IN_DUE')).toEqual([]);
    expect(await notesOf(pair.mentee, 'CHECK_IN_DUE')).toEqual([]);
  });

  it('should remind the partner who has to confirm a meeting waiting 3 days, then tell the pair and the coach the hours are reached', async () => {
    const logged = await call(
      stack,
      `mutation ($id: ID!, $input: MeetingInput!) { logMeeting(relationshipId: $id, input: $input) { ${E} meeting { id } } }`,
      { id: relationshipId, input: MEETING(daysFromToday(-5)) },
      pair.mentee.token,
    );
    meetingId = logged.logMeeting.meeting.id;
    await stack.sql(`UPDATE relationships.meeting SET logged_at = now() - interval '4 days' WHERE id = $1`, [
      meetingId,
    ]);
    await scan();
    await scan();
    const [reminder] = await eventually(async () => {
      const found = await notesOf(pair.mentor, 'MEETING_CONFIRMATION_REMINDER');
      expect(found).toHaveLength(1);
      return found;
    }, 15_000);
    expect(reminder.link).toBe(`/relationships/${relationshipId}#meeting-${meetingId}`);
    expect(reminder.title).toMatch(/still awaits your confirmation/);
    expect(await notesOf(pair.mentee, 'MEETING_CONFIRMATION_REMINDER')).toEqual([]);

    await call(
      stack,
      `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { ${E} } }`,
      { id: meetingId },
      pair.mentor.token,
    );
    for (const who of [pair.mentee, pair.mentor]) {
      const [met] = await eventually(async () => {
        const found = await notesOf(who, 'RELATIONSHIP_TERMS_MET');
        expect(found).toHaveLength(1);
        return found;
      }, 15_000);
      expect(met.link).toBe(`/relationships/${relationshipId}#closing`);
    }
    const [coachMet] = await eventually(async () => {
      const found = await notesOf(pair.coachA, 'RELATIONSHIP_TERMS_MET');
      expect(found).toHaveLength(1);
      return found;
    }, 15_000);
    expect(coachMet.link).toBe(`admin:/relationships/${relationshipId}`);
  });

  it('should email the day’s nudges as one digest per person, without those no longer true, and each one to a person who chose so', async () => {
    const noMeeting = await notesOf(pair.mentee, 'NO_RECENT_MEETING');
    const termsMet = await notesOf(pair.mentee, 'RELATIONSHIP_TERMS_MET');
    expect([noMeeting.length, termsMet.length]).toEqual([2, 1]);
    // the mentee logged a meeting after both "no meeting logged" nudges came: they stay in the app, not in the digest
    await eventually(async () => {
      const statuses = await stack.sql<{ status: string }>(
        `SELECT email_status AS status FROM identity.notification n JOIN identity."user" u ON u.id = n.user_id
         WHERE lower(u.email) = lower($1) AND n.kind = 'NO_RECENT_MEETING'`,
        [pair.mentee.email],
      );
      expect(statuses.map((s) => s.status)).toEqual(['SKIPPED', 'SKIPPED']);
    }, 15_000);
    // no nudge emailed yet to the mentee: they wait for the digest
    const isDigest = (m: { headers: Record<string, string> }) => !!m.headers['x-tandem-digest'];
    const nudgeSubject = /No meeting with|still awaits|reached the hours/;
    const before = await mailsTo(mailDir, pair.mentee.email);
    expect(before.filter((m) => isDigest(m) || nudgeSubject.test(m.headers.subject ?? ''))).toEqual([]);

    digestAt = torontoNoon();
    await digests(digestAt);
    await digests(digestAt); // the same day again: nothing new
    const after = await mailsTo(mailDir, pair.mentee.email);
    expect(after.filter((m) => nudgeSubject.test(m.headers.subject ?? ''))).toEqual([]);
    const [digest, ...more] = after.filter(isDigest);
    expect(more).toEqual([]);
    expect(digest.headers.subject).toBe('Tandem: 1 thing to look at today');
    expect(digest.text).toContain(termsMet[0].title);
    for (const n of noMeeting) expect(digest.text).not.toContain(n.title);
    expect(digest.text).not.toContain(`${WEB}/relationships/${relationshipId}#meetings`);
    expect(digest.text).toContain(`${WEB}/relationships/${relationshipId}#closing`);
    expect(digest.text).toContain(`${WEB}/me#emails`);

    // the coach's digest: the overdue check-in and the hours reached, linked into the admin app
    const coachMails = await mailsTo(mailDir, pair.coachA.email);
    const coachDigest = coachMails.filter((m) => m.headers['x-tandem-digest']);
    expect(coachDigest).toHaveLength(1);
    expect(coachDigest[0].text).toContain('A check-in with Mentee Mo and Mentor Mia is due');
    expect(coachDigest[0].text).toContain('Mentee Mo and Mentor Mia reached their programme’s hours');
    expect(coachDigest[0].text).toContain(`${ADMIN_APP}/relationships/${relationshipId}`);
    expect(coachDigest[0].text).toContain(`${ADMIN_APP}/account/emails`);

    // the mentor chose each one: an email per nudge (two without a meeting, the reminder, the hours), no digest
    const mentorMails = await eventually(async () => {
      const mails = await mailsTo(mailDir, pair.mentor.email);
      const nudges = mails.filter((m) => nudgeSubject.test(m.headers.subject ?? ''));
      expect(nudges).toHaveLength(4);
      return mails;
    }, 15_000);
    expect(mentorMails.filter(isDigest)).toEqual([]);
  });

  it('should not email a kind the person turned off, nor send a nudge the programme turned off', async () => {
    const off = await call(
      stack,
      `mutation { setNotificationEmail(kind: NO_RECENT_MEETING, email: false) { ${E} } }`,
      {},
      pair.mentee.token,
    );
    expect(off.setNotificationEmail.errors).toEqual([]);
    // 64 days since the last meeting: a third occurrence
    await stack.sql(`UPDATE relationships.meeting SET occurred_on = $2::date WHERE id = $1`, [
      meetingId,
      daysFromToday(-64),
    ]);
    await scan();
    await eventually(async () => {
      expect(await notesOf(pair.mentee, 'NO_RECENT_MEETING')).toHaveLength(3);
      expect(await notesOf(pair.mentor, 'NO_RECENT_MEETING')).toHaveLength(3);
    }, 15_000);
    // in-app it is there; by email nothing comes the next day
    await digests(new Date(digestAt.getTime() + 86_400_000));
    expect((await mailsTo(mailDir, pair.mentee.email)).filter((m) => m.headers['x-tandem-digest'])).toHaveLength(1);

    // the programme turns the nudge off: 21 more days of silence tell nobody
    const updated = await call(
      stack,
      `mutation ($id: ID!, $i: ProgrammeInput!) { updateProgramme(id: $id, input: $i) { ${E} programme { nudges { noMeetingDays } } } }`,
      {
        id: pair.programmeId,
        i: {
          name: 'Coached',
          terms: { targetHours: 1, durationWeeks: 12, minMeetings: 1 },
          cpdCategory: 'Peer interaction',
          nudges: { noMeetingDays: null },
        },
      },
      admin.token,
    );
    expect(updated.updateProgramme).toEqual({ errors: [], programme: { nudges: { noMeetingDays: null } } });
    await stack.sql(`UPDATE relationships.meeting SET occurred_on = $2::date WHERE id = $1`, [
      meetingId,
      daysFromToday(-85),
    ]);
    await eventually(async () => {
      const [row] = await stack.sql<{ nudges: { noMeetingDays: number | null } }>(
        `SELECT nudges FROM relationships.programme WHERE id = $1`,
        [pair.programmeId],
      );
      expect(row.nudges.noMeetingDays).toBeNull();
    }, 15_000);
    await scan();
    expect(await notesOf(pair.mentor, 'NO_RECENT_MEETING')).toHaveLength(3);
  });
});

describe('a check-in recorded after it fell due', () => {
  it("should keep the coach's nudge in the app and take it out of their digest", async () => {
    const admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    const pair = await coachedPair(stack, admin, { terms: { targetHours: 1, durationWeeks: 12, minMeetings: 1 } });
    // 31 days without a check-in: one is owed since yesterday
    await stack.sql(
      `UPDATE relationships.relationship SET started_on = $2::date, started_at = ($2::date)::timestamp AT TIME ZONE 'UTC' WHERE id = $1`,
      [pair.relationshipId, daysFromToday(-31)],
    );
    await scan();
    const statusOfNudge = async () =>
      (
        await stack.sql<{ status: string }>(
          `SELECT email_status AS status FROM identity.notification WHERE user_id = $1 AND kind = 'CHECK_IN_DUE'`,
          [pair.coachA.userId],
        )
      ).map((r) => r.status);
    await eventually(async () => expect(await statusOfNudge()).toEqual(['DIGEST']), 15_000);

    const recorded = await call(
      stack,
      `mutation ($id: ID!, $input: CheckInInput!) { recordCheckIn(relationshipId: $id, input: $input) { ${E} checkIn { heldOn } } }`,
      { id: pair.relationshipId, input: { heldOn: daysFromToday(0), notes: 'Both well; meeting next week.' } },
      pair.coachA.token,
    );
    expect(recorded.recordCheckIn).toEqual({ errors: [], checkIn: { heldOn: daysFromToday(0) } });
    await eventually(async () => expect(await statusOfNudge()).toEqual(['SKIPPED']), 15_000);

    // the digest hour comes: nothing waits for this coach, so no digest goes; in the app the nudge is still there
    await digests(torontoNoon());
    expect((await mailsTo(mailDir, pair.coachA.email)).filter((m) => m.headers['x-tandem-digest'])).toEqual([]);
    expect(await notesOf(pair.coachA, 'CHECK_IN_DUE')).toHaveLength(1);
  });
});
