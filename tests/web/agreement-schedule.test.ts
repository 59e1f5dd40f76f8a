/**
 * The agreement's schedule proposes the next meeting, in the participant app in real headless Chromium (issue 20):
 * the mentee, whose browser is in Vancouver, gives the agreement a schedule (every two weeks, Thursdays at 17:00 in
 * her profile's zone, Toronto) and signs; once the mentor has signed, he sees the next Thursday proposed by Tandem,
 * on her behalf (she initiates meetings), ready to accept, in his Toronto browser; she sees the same meeting in her
 * zone. Pages at 390 px and desktop width, screenshotted and checked by axe-core and for width.
 */
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

const ADMIN_EMAIL = `web-schedule-admin-${process.pid}@tandem.test`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

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
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  removeDir(outDir);
});

/** The relationship page in a browser in `timezoneId`, signed in as `who`. */
async function relationshipPage(who: Person, timezoneId: string, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-CA', timezoneId });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/relationships/${world.relationshipId}`);
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

const hourIn = (at: string, timeZone: string) => {
  const [hh, mm] = new Intl.DateTimeFormat('en-CA', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(at))
    .split(':')
    .map(Number);
  return `${hh % 12 || 12}:${String(mm).padStart(2, '0')}`;
};

describe.skipIf(!hasChromium)(`the agreement's schedule in the participant app (${SKIP_REASON})`, () => {
  it('should give the agreement a schedule, and show the next meeting proposed from it to both, ready to accept', async () => {
    const mentee = await relationshipPage(world.mentee, 'America/Vancouver', DESKTOP);
    const agreement = mentee.getByRole('region', { name: 'Agreement' });
    await agreement.getByRole('button', { name: 'Propose changes' }).click();
    const form = mentee.getByRole('form', { name: 'Draft the agreement' });
    await form.getByRole('checkbox', { name: 'Tandem proposes our meetings from this schedule' }).check();
    await form.getByLabel('Day', { exact: true }).selectOption({ label: 'Thursday' });
    await form.getByLabel('Start time', { exact: true }).fill('17:00');
    await form.getByLabel('Every how many weeks').fill('2');
    await check(mentee, 'agreement-schedule-form-desktop');
    await form.getByRole('button', { name: 'Save this version' }).click();
    await agreement
      .getByText('Every 2 weeks on Thursday at 17:00 (America/Toronto): Tandem proposes each next meeting')
      .waitFor();
    await agreement.getByRole('button', { name: /^Sign version/ }).click();
    await agreement.getByRole('button', { name: /^Sign version/ }).waitFor({ state: 'detached' });

    const version = (
      await call(
        stack,
        `query ($id: ID!) { relationship(id: $id) { agreement { current { version } } } }`,
        { id: world.relationshipId },
        world.mentor.token,
      )
    ).relationship.agreement.current.version as number;
    const signed = await call(
      stack,
      `mutation ($id: ID!, $v: Int!) { signAgreement(relationshipId: $id, version: $v) { errors { code } agreement { fullySigned } } }`,
      { id: world.relationshipId, v: version },
      world.mentor.token,
    );
    expect(signed.signAgreement.agreement.fullySigned).toBe(true);
    const plan = (
      await call(
        stack,
        `query ($id: ID!) { relationship(id: $id) { plannedMeetings { edges { node { id startsAt fromSchedule } } } } }`,
        { id: world.relationshipId },
        world.mentor.token,
      )
    ).relationship.plannedMeetings.edges
      .map((e: { node: { id: string; startsAt: string; fromSchedule: boolean } }) => e.node)
      .find((p: { fromSchedule: boolean }) => p.fromSchedule) as { id: string; startsAt: string };
    expect(plan).toBeDefined();

    // the mentor, in Toronto, answers the proposal made on the mentee's behalf
    const mentor = await relationshipPage(world.mentor, 'America/Toronto');
    const item = mentor.locator(`#plan-${plan.id}`);
    await item.getByText('Proposed by Tandem from your agreement’s schedule.').waitFor();
    const heading = await item.getByRole('heading', { level: 3 }).textContent();
    expect(heading).toContain('Thursday');
    expect(heading).toContain('5:00');
    expect(heading).toContain('(America/Toronto)');
    await check(mentor, 'agreement-schedule-proposal-390');
    await item.getByRole('button', { name: 'Accept' }).click();
    await item.getByText('Accepted').waitFor();

    // the mentee sees the same meeting on her own clock
    const menteePhone = await relationshipPage(world.mentee, 'America/Vancouver');
    const hers = menteePhone.locator(`#plan-${plan.id}`);
    await hers.getByText('Proposed by Tandem from your agreement’s schedule.').waitFor();
    const herHeading = await hers.getByRole('heading', { level: 3 }).textContent();
    expect(herHeading).toContain('(America/Vancouver)');
    expect(herHeading).toContain(hourIn(plan.startsAt, 'America/Vancouver'));
    await check(menteePhone, 'agreement-schedule-mentee-390');
  }, 180_000);

  it('should tell the mentee whose request was accepted to arrange the first meeting, with a button that opens the plan form', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-CA', timezoneId: 'America/Vancouver' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/requests`);
    await page.getByLabel('Email').fill(world.mentee.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByText(
        'Your mentor accepted: contact them to arrange your first conversation, or propose a time for it here.',
      )
      .waitFor();
    await check(page, 'request-accepted-propose-first-390');
    await page.getByRole('link', { name: 'Propose our first meeting' }).click();
    await page.waitForURL(new RegExp(`/relationships/${world.relationshipId}\\?plan=new`));
    await page.getByRole('form', { name: 'Plan a meeting' }).waitFor();
  }, 180_000);
});
