/**
 * The pair's planned meetings on the coach's relationship page (issue 20), in Chromium at 390 × 844 and at desktop
 * width, in English and in French: a meeting the mentor proposed and the mentee accepted for next week, and one
 * accepted for last week that nobody recorded (not held). Times in the coach's zone, named. Each screen: no sideways
 * scroll, no serious axe violation, a screenshot.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { daysFromToday, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { coachedPair, inTimeZones, type CoachedPair } from '../support/programme-setup';
import { ADMIN_PASSWORD, PASSWORD, adminEnv, call, login } from '../support/world';
import { axeViolations, overflowPx } from '../web/harness';
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

const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@planned-meetings-screens.test`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const DAY = 86_400_000;

let stack: Stack;
let browser: Browser;
let server: AdminServer;
let dir: string | undefined;
let pair: CoachedPair;

const PROPOSE = `mutation ($id: ID!, $input: MeetingPlanInput!) { proposeMeeting(relationshipId: $id, input: $input) { errors { field code message } meetingPlan { id } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptMeetingPlan(planId: $id) { errors { field code message } meetingPlan { id } } }`;

/** A meeting the mentor proposes on `startsOn` at 17:00 Toronto time and the mentee accepts. */
async function acceptedPlan(startsOn: string): Promise<string> {
  const id = (
    await call(
      stack,
      PROPOSE,
      {
        id: pair.relationshipId,
        input: { startsOn, startTime: '17:00', durationMinutes: 45, mode: 'IN_PERSON', place: 'Library, room 2' },
      },
      pair.mentor.token,
    )
  ).proposeMeeting.meetingPlan.id as string;
  await call(stack, ACCEPT, { id }, pair.mentee.token);
  return id;
}

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
  const admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  pair = await coachedPair(stack, admin);
  await inTimeZones(stack, [
    [pair.mentor, 'America/Toronto'],
    [pair.mentee, 'America/Vancouver'],
  ]);
  await acceptedPlan(daysFromToday(7));
  // last week's, planned ten days ago (the service's clock moved back), accepted and never recorded
  const now = Date.now();
  relationships.clock = () => new Date(now - 10 * DAY);
  try {
    await acceptedPlan(daysFromToday(-8));
  } finally {
    relationships.clock = () => new Date();
  }
  if (!hasChromium) return;
  dir = buildAdminApp();
  server = await serveAdminApp(dir, stack.gateway.url);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  relationships.clock = () => new Date();
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  removeDir(dir);
});

async function coachPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-CA', timezoneId: 'America/Toronto' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, server.url, pair.coachA.email, PASSWORD);
  await page.goto(`${server.url}/relationships/${pair.relationshipId}`);
  return page;
}

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await screenshot(page, name);
  expect(await axeViolations(page)).toEqual([]);
  expect(await overflowPx(page)).toBe(0);
}

describe.skipIf(!hasChromium)(`planned meetings on the coach's relationship page (${SKIP_REASON})`, () => {
  it('should show the upcoming and the past planned meetings in the coach’s zone, in English and French', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await coachPage(viewport);
      const section = page.locator('section[aria-labelledby="plans-title"]');
      await section.getByRole('heading', { name: 'Planned meetings' }).waitFor();
      await section.getByRole('heading', { name: 'Upcoming (1)' }).waitFor();
      await section.getByRole('heading', { name: 'Past (1)' }).waitFor();
      const [upcoming, past] = [section.locator('ul.plans').first(), section.locator('ul.plans').nth(1)];
      const next = await upcoming.locator('li').first().textContent();
      expect(next).toContain('5:00');
      expect(next).toContain('(America/Toronto)');
      expect(next).toContain('Proposed by Mentor Mia');
      expect(next).toContain('45 minutes, in person · Library, room 2');
      expect(await past.locator('li').first().textContent()).toContain('not held');
      await check(page, `admin-planned-meetings-${viewport.width}`);
      await page.context().close();
    }

    await call(stack, `mutation { setLanguage(language: FR_CA) { errors { code } } }`, {}, pair.coachA.token);
    const page = await coachPage(PHONE);
    const section = page.locator('section[aria-labelledby="plans-title"]');
    await section.getByRole('heading', { name: 'Rencontres planifiées' }).waitFor();
    await section.getByRole('heading', { name: 'À venir (1)' }).waitFor();
    const next = await section.locator('ul.plans').first().locator('li').first().textContent();
    expect(next).toContain('17 h 00');
    expect(next).toContain('Proposée par Mentor Mia');
    expect(await section.locator('ul.plans').nth(1).locator('li').first().textContent()).toContain('non tenue');
    await check(page, 'admin-planned-meetings-fr-390');
  }, 180_000);
});
