/**
 * A staff member's notifications in the admin app (issues 19 and 23), in Chromium against the real stack with the
 * live stream proxied: the daily scan flags two of a coach's pairs at risk, and the coach sees "Notifications" in
 * the navigation with the unread count, the notices newest first with their time, on a phone (390 px, no sideways
 * scroll, no serious axe violation) and on a desktop. Following one opens the pair's at-risk flags in the admin app
 * (and reads it: the count drops by one); "Mark all as read" takes the count to 0; a partner's message in the coach
 * thread then appears on the open page, and in the count, without a reload. A link opened signed out comes back to
 * its place (fragment included) after sign-in. Screenshots of each.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import {
  approvedMentor,
  createOrganization,
  createProgramme,
  enrolledMentee,
  startedDaysAgoAndScanned,
  startedPair,
} from '../support/programme-setup';
import { ADMIN_PASSWORD, PASSWORD, adminEnv, call, login, registerStaff, type Person } from '../support/world';
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

const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@notifications-screens.test`;
const AT_RISK_IDRIS = 'The mentorship of Mentee Idris with Mentor Juno is at risk';
const AT_RISK_KOFI = 'The mentorship of Mentee Kofi with Mentor Lee is at risk';
const NOTES = `{ me { notifications(first: 50) { unreadCount edges { node { kind title link read } } } } }`;

let stack: Stack;
let browser: Browser;
let server: AdminServer;
let dir: string | undefined;
let coach: Person;
let idris: Person;
let idrisPair: string;
const contexts: BrowserContext[] = [];

interface Notes {
  unreadCount: number;
  edges: Array<{ node: { kind: string; title: string; link: string | null; read: boolean } }>;
}
const notesOf = async (who: Person): Promise<Notes> => (await call(stack, NOTES, {}, who.token)).me.notifications;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  const admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  const org = await createOrganization(stack, admin, 'Harbour Centre');
  const programmeId = await createProgramme(stack, admin, [org]);
  coach = await registerStaff(stack, admin, 'Coach Harper', ['COACH'], org);
  idris = await enrolledMentee(stack, admin, programmeId, 'Mentee Idris', org);
  idrisPair = await startedPair(stack, programmeId, idris, await approvedMentor(stack, admin, 'Mentor Juno', org));
  const kofiPair = await startedPair(
    stack,
    programmeId,
    await enrolledMentee(stack, admin, programmeId, 'Mentee Kofi', org),
    await approvedMentor(stack, admin, 'Mentor Lee', org),
  );
  // the scan flags the older pair first, then the other: two RELATIONSHIP_AT_RISK notices, Kofi's the newest
  await startedDaysAgoAndScanned(stack, idrisPair, 45);
  await eventually(async () => {
    expect((await notesOf(coach)).edges.map((e) => e.node.title)).toContain(AT_RISK_IDRIS);
  }, 15_000);
  await startedDaysAgoAndScanned(stack, kofiPair, 40);
  await eventually(async () => {
    expect((await notesOf(coach)).edges.map((e) => e.node.title)).toContain(AT_RISK_KOFI);
  }, 15_000);
  await eventually(() => expect(stack.gateway.live.available).toBe(true));
  if (!hasChromium) return;
  dir = buildAdminApp();
  server = await serveAdminApp(dir, stack.gateway.url, 0, { live: true });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  removeDir(dir);
});

async function newPage(viewport: { width: number; height: number }, isMobile: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport, isMobile });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** A screenshot, axe and the width (not `networkidle`: the open live stream never lets the network go idle). */
async function fits(page: Page, name: string) {
  await screenshot(page, name);
  expect(await overflowPx(page), `${name}: wider than the screen`).toBe(0);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
}

/** The unread count next to "Notifications" in the navigation, as a screen reader hears it ('' when none). */
const badge = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Notifications/ })
    .locator('.nav-count')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label')}|${e.getAttribute('data-count')}`).join());

describe.skipIf(!hasChromium)(`staff notifications in Chromium${hasChromium ? '' : ` (${SKIP_REASON})`}`, () => {
  it('should list a coach’s notifications newest first with the unread count in the navigation, on a phone', async () => {
    const unread = (await notesOf(coach)).unreadCount;
    expect(unread).toBeGreaterThanOrEqual(2);
    const page = await newPage({ width: 390, height: 844 }, true);
    await signIn(page, server.url, coach.email, PASSWORD);
    await expect.poll(() => badge(page)).toBe(`${unread} unread|${unread}`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Notifications/ })
      .click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live: changes appear as they happen' }).waitFor();
    const list = page.getByRole('list', { name: 'Notifications' });
    const titles = list.getByRole('listitem').getByRole('heading', { level: 2 });
    await titles.first().waitFor();
    const shown = await titles.allTextContents();
    // newest first: Kofi's pair was flagged after Idris's
    expect(shown.indexOf(AT_RISK_KOFI)).toBeGreaterThanOrEqual(0);
    expect(shown.indexOf(AT_RISK_KOFI)).toBeLessThan(shown.indexOf(AT_RISK_IDRIS));
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: `${unread} unread notifications` })
        .count(),
    ).toBe(1);
    const card = list.getByRole('listitem', { name: AT_RISK_IDRIS });
    expect(await card.getByText('New', { exact: true }).count()).toBe(1);
    expect(await card.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await card.getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(
      `/relationships/${idrisPair}#flags`,
    );
    await fits(page, '390-admin-notifications');
  });

  it('should open a notification where the coach acts, mark all read (count 0), then show a new one live (1280 px)', async () => {
    const unread = (await notesOf(coach)).unreadCount;
    const page = await newPage({ width: 1280, height: 900 }, false);
    await signIn(page, server.url, coach.email, PASSWORD);
    await page.goto(`${server.url}/notifications`);
    const list = page.getByRole('list', { name: 'Notifications' });
    const card = list.getByRole('listitem', { name: AT_RISK_IDRIS });
    await card.waitFor();
    await fits(page, 'desktop-admin-notifications');

    // following it lands on the pair's at-risk flags in the admin app (focused), and reads it
    await card.getByRole('link', { name: 'Open' }).click();
    await page.getByRole('heading', { name: 'Mentee Idris with Mentor Juno', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/relationships/${idrisPair}`);
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('flags');
    await expect.poll(() => badge(page)).toBe(`${unread - 1} unread|${unread - 1}`);
    await eventually(async () => {
      const read = (await notesOf(coach)).edges.find((e) => e.node.title === AT_RISK_IDRIS);
      expect(read?.node.read).toBe(true);
    }, 10_000);

    await page.goBack();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByRole('status').filter({ hasText: 'Nothing unread.' }).waitFor();
    await expect.poll(() => badge(page)).toBe('');
    expect(await list.getByText('New', { exact: true }).count()).toBe(0);
    expect((await notesOf(coach)).unreadCount).toBe(0);
    await screenshot(page, 'desktop-admin-notifications-all-read');

    // a partner writes in the coach thread: the notice and the count appear on the open page without a reload
    await page.getByRole('status').filter({ hasText: 'Live: changes appear as they happen' }).waitFor();
    await call(
      stack,
      `mutation ($id: ID!, $body: String!) { sendCoachThreadMessage(relationshipId: $id, body: $body) { errors { code } } }`,
      { id: idrisPair, body: 'Could we talk about our goals next week?' },
      idris.token,
    );
    const thread = list.getByRole('listitem', {
      name: 'Mentee Idris wrote in the coach thread of Mentee Idris and Mentor Juno',
    });
    await thread.waitFor();
    await expect.poll(() => badge(page)).toBe('1 unread|1');
    expect(await thread.getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(
      `/relationships/${idrisPair}#coach-thread`,
    );
    expect(await thread.getByRole('button', { name: 'Mark as read' }).count()).toBe(1);
    await fits(page, 'desktop-admin-notifications-live');
    await thread.getByRole('button', { name: 'Mark as read' }).click();
    await expect.poll(() => badge(page)).toBe('');
  });

  it("should bring a signed-out coach from an email's link back to its place after sign-in", async () => {
    const page = await newPage({ width: 390, height: 844 }, true);
    await page.goto(`${server.url}/relationships/${idrisPair}#flags`);
    await page.getByLabel('Email').fill(coach.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Mentee Idris with Mentor Juno', level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toBe('#flags');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('flags');
  });
});

if (!hasChromium) console.warn(SKIP_REASON);
