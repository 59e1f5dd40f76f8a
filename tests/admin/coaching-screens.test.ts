/**
 * The coach's screens and the pair's in Chromium at 390 × 844 (issue 19). Orientation: a coach schedules a
 * session that started an hour ago and one in two days on the admin app's Orientation page, in a time zone, and
 * records a mentee of their organisation as attending the started one (the upcoming one says attendance waits
 * for it to start); the mentee sees both sessions on the participant app's Programmes page, the started one
 * marked attended, and downloads one as an iCalendar file. The coach and the pair: the volunteer mentor's
 * confirmation of the coach's proposal is refused in the app until they attended (the sessions shown beside it);
 * once confirmed, the pair's workspace names their coach with contact details, and the coach's relationship page
 * shows both partners' contact details. Each screen: no sideways scroll, no serious axe violation, a screenshot.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import {
  approvedMentor,
  createOrganization,
  createOrientedProgramme,
  enrolledMentee,
} from '../support/programme-setup';
import { eventually } from '@tandem/testkit';
import { ADMIN_PASSWORD, PASSWORD, adminEnv, call, login, registerStaff, type Person } from '../support/world';
import { axeViolations, buildWebApp, overflowPx, webScreenshot } from '../web/harness';
import {
  buildAdminApp,
  hasChromium,
  launchBrowser,
  removeDir,
  screenshot,
  serveAdminApp,
  signIn,
  SKIP_REASON,
  type AdminServer,
} from './harness';

const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@orientation-screens.test`;
const PHONE = { width: 390, height: 844 };
const ZONE = 'America/Toronto';

let stack: Stack;
let browser: Browser;
let adminServer: AdminServer;
let webServer: AdminServer;
const dirs: Array<string | undefined> = [];
let admin: Person;
let coach: Person;
let mentee: Person;
let programme: { id: string; name: string };

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
  admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  const orgId = await createOrganization(stack, admin, 'Riverside Centre');
  programme = await createOrientedProgramme(stack, admin, [orgId]);
  coach = await registerStaff(stack, admin, 'Coach Rowan', ['COACH'], orgId);
  mentee = await enrolledMentee(stack, admin, programme.id, 'Mentee Selin', orgId);
  if (!hasChromium) return;
  dirs.push(buildAdminApp(), buildWebApp());
  adminServer = await serveAdminApp(dirs[0]!, stack.gateway.url);
  webServer = await serveAdminApp(dirs[1]!, stack.gateway.url);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await adminServer?.stop();
  await webServer?.stop();
  await stack?.stop();
  for (const d of dirs) removeDir(d);
});

async function fits(page: Page, name: string, shoot: (page: Page, name: string) => Promise<string>) {
  await page.waitForLoadState('networkidle');
  await shoot(page, name);
  expect(await overflowPx(page), `${name}: wider than the phone`).toBe(0);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
}

async function signInToWeb(page: Page, person: Person) {
  await page.goto(`${webServer.url}/sign-in`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

describe.skipIf(!hasChromium)('orientation screens on a phone', { timeout: 120_000 }, () => {
  it('should let a coach schedule sessions and record attendance of a started one on the admin app', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, adminServer.url, coach.email, PASSWORD);
    await page.goto(`${adminServer.url}/orientation`);
    await page.getByLabel('Programme').selectOption(programme.id);
    await page.getByText('Mentors and mentees must attend before a relationship starts.').waitFor();

    const schedule = async (at: DateTime, place: string) => {
      await page.getByLabel('Date and time').fill(at.setZone(ZONE).toFormat("yyyy-LL-dd'T'HH:mm"));
      await page.getByLabel('Time zone').fill(ZONE);
      await page.getByLabel('Place').fill(place);
      await page.getByRole('button', { name: 'Schedule session' }).click();
      await page.getByRole('status').filter({ hasText: 'Session scheduled.' }).waitFor();
    };
    await schedule(DateTime.now().minus({ hours: 1 }), 'Riverside community hall');
    await schedule(DateTime.now().plus({ days: 2 }), 'Library room B');

    const cards = page.getByRole('article');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(2);
    const upcoming = cards.filter({ hasText: 'Library room B' });
    await upcoming.getByText('Attendance can be recorded once the session has started.').waitFor();
    const started = cards.filter({ hasText: 'Riverside community hall' });
    await started.getByRole('checkbox', { name: /Mentee Selin/ }).check();
    await fits(page, '390-admin-orientation', screenshot);
    await started.getByRole('button', { name: 'Record attendance' }).click();
    await started.getByRole('status').filter({ hasText: 'Attendance recorded for 1 person.' }).waitFor();
    await expect.poll(() => started.locator('dd').nth(1).textContent(), { timeout: 10_000 }).toBe('1');
    await fits(page, '390-admin-orientation-recorded', screenshot);
    await context.close();
  });

  it('should show the mentee their sessions, the attended one marked, each downloadable for a calendar', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInToWeb(page, mentee);
    await page.goto(`${webServer.url}/programmes`);
    const section = page.getByRole('region', { name: `Orientation of ${programme.name}` });
    await section
      .getByText('Attend one of these sessions before your first mentoring relationship can start.')
      .waitFor();
    const items = section.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(2);
    await expect.poll(() => items.filter({ hasText: 'Attended' }).count()).toBe(1);
    await expect(items.first().textContent()).resolves.toContain(`announced for ${ZONE}`);
    await fits(page, '390-web-orientation', webScreenshot);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      items
        .filter({ hasText: 'Library room B' })
        .getByRole('button', { name: /Add to calendar/ })
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^orientation-\d{4}-\d{2}-\d{2}\.ics$/);
    const ics = readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`SUMMARY:Orientation: ${programme.name}`);
    expect(ics).toContain('LOCATION:Library room B');
    expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    await context.close();
  });

  it("should refuse the mentor's confirmation in the app before orientation, then show the pair their coach and the coach both partners", async () => {
    // through the API: a volunteer mentor, the coach's proposal, both recorded at orientation, the confirmation
    const mentor = await approvedMentor(stack, admin, 'Volunteer Tariq');
    await stack.settle();
    const proposalId = await eventually(
      async () =>
        (
          await call(
            stack,
            `mutation ($me: ID!, $mo: ID!, $p: ID!) { proposeMatch(menteeId: $me, mentorId: $mo, programmeId: $p, note: "Both in civil engineering.") { errors { field code message } proposal { id } } }`,
            { me: mentee.userId, mo: mentor.userId, p: programme.id },
            coach.token,
          )
        ).proposeMatch.proposal.id as string,
      10_000,
      200,
    );
    await stack.settle();
    const sessionId = (
      await call(
        stack,
        `mutation ($input: OrientationSessionInput!) { createOrientationSession(input: $input) { errors { field code message } session { id } } }`,
        {
          input: {
            programmeId: programme.id,
            startsAt: new Date(Date.now() - 600_000).toISOString(),
            location: 'Hall',
          },
        },
        coach.token,
      )
    ).createOrientationSession.session.id as string;
    // before attending, the mentor's confirmation in the app is refused with what to do, next to the sessions
    const asMentor = await phone();
    await signInToWeb(asMentor, mentor);
    await asMentor.goto(`${webServer.url}/requests`);
    const proposal = asMentor.getByRole('listitem').filter({ has: asMentor.locator(`#proposal-${proposalId}`) });
    await proposal.getByRole('button', { name: 'Confirm this match' }).click();
    // the mentee attended the first test's session: only the mentor is missing
    await proposal
      .getByText(/^Attend an orientation session of this programme before starting a relationship/)
      .waitFor();
    await proposal
      .getByRole('region', { name: `Orientation of ${programme.name}` })
      .getByText('Hall', { exact: true })
      .waitFor();
    await fits(asMentor, '390-web-proposal-orientation-required', webScreenshot);
    await asMentor.context().close();

    await call(
      stack,
      `mutation ($s: ID!, $u: [ID!]!) { recordOrientationAttendance(sessionId: $s, userIds: $u) { errors { field code message } } }`,
      { s: sessionId, u: [mentor.userId, mentee.userId] },
      coach.token,
    );
    await eventually(
      () =>
        call(
          stack,
          `mutation ($id: ID!) { confirmMatchProposal(proposalId: $id) { errors { field code message } } }`,
          { id: proposalId },
          mentor.token,
        ),
      10_000,
      200,
    );
    const relationshipId = await eventually(
      async () => {
        const d = await call(stack, `{ me { relationships { id } } }`, {}, mentee.token);
        expect(d.me.relationships).toHaveLength(1);
        return d.me.relationships[0].id as string;
      },
      15_000,
      200,
    );
    await stack.settle();

    const web = await phone();
    await signInToWeb(web, mentee);
    await web.goto(`${webServer.url}/relationships/${relationshipId}`);
    const contact = web.locator('#contact');
    await contact.getByText('Your coach').waitFor();
    await contact.getByText('Coach Rowan').waitFor();
    await contact.getByRole('link', { name: coach.email }).waitFor();
    await fits(web, '390-web-relationship-coach', webScreenshot);
    await web.context().close();

    const staff = await phone();
    await signIn(staff, adminServer.url, coach.email, PASSWORD);
    await staff.goto(`${adminServer.url}/relationships/${relationshipId}`);
    const partners = staff.getByRole('definition');
    await staff.getByRole('heading', { name: 'Partners' }).waitFor();
    await partners.getByRole('link', { name: mentee.email }).waitFor();
    await partners.getByRole('link', { name: mentor.email }).waitFor();
    await fits(staff, '390-admin-relationship-partners', screenshot);
    await staff.context().close();
  });
});

if (!hasChromium) console.warn(SKIP_REASON);
