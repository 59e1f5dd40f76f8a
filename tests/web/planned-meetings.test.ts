/**
 * Meetings planned ahead in the participant app on a phone (390 × 844) in real headless Chromium against the real
 * stack (issue 20): the mentor, whose browser is in Toronto, plans a meeting at 17:00 with an agenda and a goal; the
 * mentee, whose browser is in Vancouver, sees it in her own zone (named), accepts it and downloads it for her
 * calendar (one UID per plan, SEQUENCE of the change). Both pages are screenshotted, checked by axe-core and for
 * width.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { hasChromium, launchBrowser, removeDir, serveAdminApp, SKIP_REASON, type AdminServer } from '../admin/harness';
import { adminEnv, buildWorld, call, PASSWORD, type Person, type World } from '../support/world';
import { axeViolations, buildWebApp, overflowPx, webScreenshot } from './harness';

const ADMIN_EMAIL = `web-planned-admin-${process.pid}@tandem.test`;
const PHONE = { width: 390, height: 844 };

let stack: Stack;
let world: World;
let server: AdminServer;
let browser: Browser;
let outDir: string | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships, reporting],
    env: adminEnv(ADMIN_EMAIL),
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  world = await buildWorld(stack, ADMIN_EMAIL);
  if (!hasChromium) return;
  outDir = buildWebApp();
  server = await serveAdminApp(outDir, stack.gateway.url);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  relationships.clock = () => new Date();
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  removeDir(outDir);
});

/** The relationship page on a phone whose browser is in `timezoneId`, signed in as `who`. */
async function relationshipPage(
  who: Person,
  timezoneId: string,
  path = `/relationships/${world.relationshipId}`,
): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en-CA', timezoneId, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}${path}`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('region', { name: 'Planned meetings' }).waitFor();
  return page;
}

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await webScreenshot(page, name);
  expect(await axeViolations(page)).toEqual([]);
  expect(await overflowPx(page)).toBe(0);
}

describe.skipIf(!hasChromium)(`meetings planned ahead in the participant app (${SKIP_REASON})`, () => {
  it('should let the mentor propose a meeting and the mentee accept it in her zone and add it to her calendar', async () => {
    const mentor = await relationshipPage(world.mentor, 'America/Toronto');
    const planned = mentor.getByRole('region', { name: 'Planned meetings' });
    await planned.getByRole('button', { name: 'Plan a meeting' }).click();
    const form = mentor.getByRole('form', { name: 'Plan a meeting' });
    await form.getByText('Times are in your time zone, America/Toronto.').waitFor();
    await form.getByLabel('Start time (America/Toronto)').fill('17:00');
    await form.getByLabel('Minutes').fill('45');
    await form.getByLabel('Video call link (https://…)').fill('https://meet.example.org/pair');
    await form.getByLabel('Agenda').fill('Exam timetable\nStudy plan');
    await form.getByRole('checkbox').first().check();
    await check(mentor, 'planned-meetings-form-390');
    await form.getByRole('button', { name: 'Propose the meeting' }).click();
    await planned.getByText('Waiting for your partner’s answer.').waitFor();
    await expect(planned.getByRole('heading', { level: 3 }).first().textContent()).resolves.toContain(
      '(America/Toronto)',
    );

    const plan = (
      await call(
        stack,
        `query ($id: ID!) { relationship(id: $id) { plannedMeetings { edges { node { id startsAt status } } } } }`,
        { id: world.relationshipId },
        world.mentee.token,
      )
    ).relationship.plannedMeetings.edges[0].node as { id: string; startsAt: string; status: string };
    expect(plan.status).toBe('AWAITING_RESPONSE');
    const inVancouver = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Vancouver',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(plan.startsAt));

    const mentee = await relationshipPage(world.mentee, 'America/Vancouver');
    const item = mentee.locator(`#plan-${plan.id}`);
    await item.getByText('Awaiting an answer').waitFor();
    const heading = await item.getByRole('heading', { level: 3 }).textContent();
    expect(heading).toContain('(America/Vancouver)');
    // the app writes the locale's 12-hour clock (3:00 PM): the same hour and minutes as on a Vancouver clock
    const [hh, mm] = inVancouver.split(':').map(Number);
    expect(heading).toContain(`${hh % 12 || 12}:${String(mm).padStart(2, '0')}`);
    await item.getByText('Goal:', { exact: false }).waitFor();
    await item.getByRole('button', { name: /^Accept/ }).click();
    await item.getByText('Accepted').waitFor();
    await check(mentee, 'planned-meetings-accepted-390');

    const [download] = await Promise.all([
      mentee.waitForEvent('download'),
      item.getByRole('button', { name: /^Add to calendar/ }).click(),
    ]);
    const ics = readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain(`UID:meeting-plan-${plan.id}@tandem`);
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain(`DTSTART:${plan.startsAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`);
  }, 180_000);

  it('should let a partner reschedule an accepted meeting and change it to in person with a new agenda, at 390 px', async () => {
    const accepted = (
      await call(
        stack,
        `query ($id: ID!) { relationship(id: $id) { plannedMeetings { edges { node { id status sequence } } } } }`,
        { id: world.relationshipId },
        world.mentee.token,
      )
    ).relationship.plannedMeetings.edges
      .map((e: { node: { id: string; status: string; sequence: number } }) => e.node)
      .find((n: { status: string }) => n.status === 'ACCEPTED') as { id: string; sequence: number };
    const mentee = await relationshipPage(world.mentee, 'America/Vancouver');
    const item = mentee.locator(`#plan-${accepted.id}`);
    await item.getByRole('button', { name: /^Reschedule/ }).click();
    const form = item.getByRole('form', { name: 'Reschedule' });
    // pre-filled with what the plan holds
    await expect(form.getByLabel('Agenda').inputValue()).resolves.toBe('Exam timetable\nStudy plan');
    await form.getByLabel('Start time (America/Vancouver)').fill('10:30');
    await form.getByLabel('How').selectOption('IN_PERSON');
    await form.getByLabel('Place').fill('Central Library, room 2');
    await form.getByLabel('Agenda').fill('Mock interview');
    await check(mentee, 'planned-meetings-reschedule-390');
    await form.getByRole('button', { name: 'Send the new time' }).click();
    await item.getByText('Waiting for your partner’s answer.').waitFor();
    const moved = (
      await call(
        stack,
        `query ($id: ID!) { relationship(id: $id) { plannedMeetings { edges { node { id mode place videoUrl agenda sequence timeZone } } } } }`,
        { id: world.relationshipId },
        world.mentor.token,
      )
    ).relationship.plannedMeetings.edges.find((e: { node: { id: string } }) => e.node.id === accepted.id).node;
    expect(moved).toMatchObject({
      mode: 'IN_PERSON',
      place: 'Central Library, room 2',
      videoUrl: null,
      agenda: ['Mock interview'],
      sequence: accepted.sequence + 1,
      timeZone: 'America/Vancouver',
    });
  }, 180_000);

  it('should prompt the mentee to record an accepted meeting once it has ended, pre-filled from the plan', async () => {
    const start = new Date(Date.now() + 60 * 60_000);
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(start);
    const get = (type: string) => local.find((p) => p.type === type)!.value;
    const id = (
      await call(
        stack,
        `mutation ($id: ID!, $input: MeetingPlanInput!) { proposeMeeting(relationshipId: $id, input: $input) { errors { field code message } meetingPlan { id } } }`,
        {
          id: world.relationshipId,
          input: {
            startsOn: `${get('year')}-${get('month')}-${get('day')}`,
            startTime: `${get('hour')}:${get('minute')}`,
            timeZone: 'UTC',
            durationMinutes: 30,
            mode: 'PHONE',
            agenda: ['Mock exam review'],
          },
        },
        world.mentor.token,
      )
    ).proposeMeeting.meetingPlan.id as string;
    await call(
      stack,
      `mutation ($id: ID!) { acceptMeetingPlan(planId: $id) { errors { field code message } } }`,
      { id },
      world.mentee.token,
    );
    // the services' clock moves past the meeting's end
    relationships.clock = () => new Date(Date.now() + 3 * 60 * 60_000);

    // the record prompt's link (MEETING_RECORD_PROMPT) lands, through the sign-in, on the plan's form, open
    const link = `/relationships/${world.relationshipId}?record=${id}#plan-${id}`;
    const mentee = await relationshipPage(world.mentee, 'America/Vancouver', link);
    const item = mentee.locator(`#plan-${id}`);
    await item.getByText('Not held').waitFor();
    const form = item.getByRole('form', { name: 'Record this meeting' });
    await expect(form.getByLabel('Minutes you actually met').inputValue()).resolves.toBe('30');
    await expect(form.getByLabel('Topics discussed').inputValue()).resolves.toBe('Mock exam review');
    await check(mentee, 'planned-meetings-record-390');
    await form.getByRole('button', { name: 'Save the meeting' }).click();
    await item
      .getByText('Recorded', { exact: true })
      .waitFor()
      .catch(async (e: unknown) => {
        throw new Error(`not recorded: ${await item.textContent()}`, { cause: e });
      });

    const plan = (
      await call(
        stack,
        `query ($id: ID!) { relationship(id: $id) { plannedMeetings(past: true) { edges { node { id notHeld meeting { id durationMinutes topics } } } } } }`,
        { id: world.relationshipId },
        world.mentor.token,
      )
    ).relationship.plannedMeetings.edges.find((e: { node: { id: string } }) => e.node.id === id).node;
    expect(plan).toMatchObject({ notHeld: false, meeting: { durationMinutes: 30, topics: ['Mock exam review'] } });
  }, 180_000);
});
