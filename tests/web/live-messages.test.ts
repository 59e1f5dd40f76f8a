/**
 * Live updates in the apps (issue 23), in real headless Chromium against the real stack with the live stream
 * proxied: the partner's open relationship page in the participant app shows a new message without a reload, on a
 * phone (390 px, English) and on a desktop (French), and so does the coach's relationship page (coach thread) in the
 * admin app on a phone; the status says it is live, in words a screen reader reads. Without the stream the pages
 * would only poll every 30 s, longer than the tests wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
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
} from '../admin/harness';
import { coachedPair } from '../support/programme-setup';
import { ADMIN_PASSWORD, adminEnv, call, login, PASSWORD, type Person } from '../support/world';
import { axeViolations, buildWebApp, overflowPx, webScreenshot } from './harness';

const ADMIN_EMAIL = `web-live-admin-${process.pid}@tandem.test`;
const SEND = `mutation ($id: ID!, $body: String!) { sendMessage(relationshipId: $id, body: $body) { errors { code } } }`;

let stack: Stack;
let server: AdminServer;
let browser: Browser;
let outDir: string | undefined;
let adminDir: string | undefined;
let adminServer: AdminServer;
let coach: Person;
let mentor: Person;
let mentee: Person;
let relationshipId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  const admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  ({ mentor, mentee, relationshipId, coachA: coach } = await coachedPair(stack, admin));
  await eventually(() => expect(stack.gateway.live.available).toBe(true));
  if (!hasChromium) return;
  outDir = buildWebApp();
  server = await serveAdminApp(outDir, stack.gateway.url, 0, { live: true });
  adminDir = buildAdminApp();
  adminServer = await serveAdminApp(adminDir, stack.gateway.url, 0, { live: true });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await adminServer?.stop();
  await stack?.stop();
  removeDir(outDir);
  removeDir(adminDir);
});

async function relationshipPage(
  who: Person,
  viewport: { width: number; height: number },
  locale: string,
  labels: { email: string; password: string; signIn: string; live: string },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/relationships/${relationshipId}`);
  await page.getByLabel(labels.email).fill(who.email);
  await page.getByLabel(labels.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: labels.signIn }).click();
  await page.getByRole('status').filter({ hasText: labels.live }).waitFor();
  return page;
}

/** A screenshot, axe and the width (not `networkidle`: the open stream never lets the network go idle). */
async function check(page: Page, name: string) {
  await webScreenshot(page, name);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
  expect(await overflowPx(page), `${name}: wider than the viewport`).toBe(0);
}

describe.skipIf(!hasChromium)(`live messages in the participant app${hasChromium ? '' : ` (${SKIP_REASON})`}`, () => {
  it("should show the partner's new message on the open page without a reload, on a phone", async () => {
    const page = await relationshipPage(mentor, { width: 390, height: 844 }, 'en-CA', {
      email: 'Email',
      password: 'Password',
      signIn: 'Sign in',
      live: 'Live: new messages appear as they arrive',
    });
    const messages = page.getByRole('region', { name: 'Messages' });
    expect(await messages.getByText('See you on Thursday at the library').count()).toBe(0);
    await call(stack, SEND, { id: relationshipId, body: 'See you on Thursday at the library' }, mentee.token);
    await messages.getByText('See you on Thursday at the library').waitFor();
    await check(page, 'live-messages-phone');
  });

  it('should do the same on a desktop in French', async () => {
    const page = await relationshipPage(mentee, { width: 1280, height: 900 }, 'fr-CA', {
      email: 'Courriel',
      password: 'Mot de passe',
      signIn: 'Se connecter',
      live: 'En direct\u00a0: les nouveaux messages s’affichent dès leur arrivée',
    });
    await call(stack, SEND, { id: relationshipId, body: 'Parfait, à jeudi!' }, mentor.token);
    await page.getByText('Parfait, à jeudi!').waitFor();
    await check(page, 'live-messages-desktop-fr');
  });

  it("should show a partner's message in the coach thread of the coach's open page, on a phone", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, adminServer.url, coach.email, PASSWORD);
    await page.goto(`${adminServer.url}/relationships/${relationshipId}`);
    await page.getByRole('status').filter({ hasText: 'Live: changes appear as they happen' }).waitFor();
    await call(
      stack,
      `mutation ($id: ID!, $body: String!) { sendCoachThreadMessage(relationshipId: $id, body: $body) { errors { code } } }`,
      { id: relationshipId, body: 'Could we talk about our goals next week?' },
      mentee.token,
    );
    await page.getByText('Could we talk about our goals next week?').waitFor();
    await screenshot(page, 'live-coach-thread-phone');
    expect(await axeViolations(page), 'coach thread: axe').toEqual([]);
    expect(await overflowPx(page), 'coach thread: wider than the phone').toBe(0);
  });
});
