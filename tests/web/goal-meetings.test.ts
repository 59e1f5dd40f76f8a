/**
 * One line from goal to meeting, in the participant app on a phone (390 × 844) in real headless Chromium against
 * the real stack: the mentee opens a goal's page, links a meeting awaiting confirmation to it, and sees the
 * meeting listed under "Meetings that worked on it"; the page is screenshotted, checked by axe-core and for width.
 * On the same world, the pulse check-in (issue 19): the coach asks, the mentee answers on the relationship page's
 * card (1–5 radio buttons with labels and a note) and the card then says it is answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { hasChromium, launchBrowser, removeDir, serveAdminApp, SKIP_REASON, type AdminServer } from '../admin/harness';
import { adminEnv, buildWorld, call, PASSWORD, type World } from '../support/world';
import { axeViolations, buildWebApp, overflowPx, webScreenshot } from './harness';

const ADMIN_EMAIL = `web-goal-admin-${process.pid}@tandem.test`;
const PHONE = { width: 390, height: 844 };

let stack: Stack;
let world: World;
let server: AdminServer;
let browser: Browser;
let outDir: string | undefined;
let context: BrowserContext | undefined;

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
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  removeDir(outDir);
});

describe.skipIf(!hasChromium)(`goal and meetings in the participant app (${SKIP_REASON})`, () => {
  it('should let the mentee link a meeting to a goal on a phone and list it on the goal page', async () => {
    context = await browser.newContext({ viewport: PHONE, locale: 'en-CA' });
    const page: Page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/relationships/${world.relationshipId}/goals/${world.goalId}`);
    await page.getByLabel('Email').fill(world.mentee.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const section = page.getByRole('region', { name: 'Meetings that worked on it' });
    await section.getByText('No meeting has worked on this goal yet.').waitFor();
    const select = page.getByLabel('Meeting awaiting confirmation');
    const options = await select.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(1);
    await select.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Link a meeting to this goal' }).click();
    await section.getByRole('heading', { level: 3 }).first().waitFor();
    await expect(section.getByText('No meeting has worked on this goal yet.').count()).resolves.toBe(0);

    await page.waitForLoadState('networkidle').catch(() => undefined);
    await webScreenshot(page, 'goal-meetings-390');
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowPx(page)).toBe(0);

    // the link is the API's: the goal now shows the meeting through the gateway too
    const data = await call(
      stack,
      `query ($id: ID!) { relationship(id: $id) { goals { id meetings { id } } } }`,
      { id: world.relationshipId },
      world.mentor.token,
    );
    const goal = data.relationship.goals.find((g: { id: string }) => g.id === world.goalId);
    expect(goal.meetings).toHaveLength(1);
  });
});

describe.skipIf(!hasChromium)(`the pulse check-in in the participant app (${SKIP_REASON})`, () => {
  it('should let the mentee answer the coach’s pulse check-in on a phone, then show it answered', async () => {
    await call(
      stack,
      `mutation ($id: ID!) { askPulse(relationshipId: $id) { errors { field code } } }`,
      { id: world.relationshipId },
      world.coachA.token,
    );
    const ctx = await browser.newContext({ viewport: PHONE, locale: 'en-CA' });
    try {
      const page: Page = await ctx.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${server.url}/relationships/${world.relationshipId}#pulse`);
      await page.getByLabel('Email').fill(world.mentee.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();

      const card = page.getByRole('region', { name: 'How is it going?' });
      const scale = card.getByRole('group', { name: 'How is it going?' });
      await scale.waitFor();
      // sending without a score says what to do, and sends nothing
      await card.getByRole('button', { name: 'Send my answer' }).click();
      await card.getByText('Choose how it is going, from 1 to 5.').waitFor();
      await scale.getByRole('radio', { name: '2 · Not well' }).check();
      await card.getByLabel('Anything to add? (optional)').fill('We keep missing each other.');
      await page.waitForLoadState('networkidle').catch(() => undefined);
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflowPx(page)).toBe(0);
      await card.getByRole('button', { name: 'Send my answer' }).click();

      await card.getByText('Answered: 2 of 5 (Not well).').waitFor();
      await card.getByText('has not answered yet.').waitFor();
      await webScreenshot(page, 'pulse-answered-390');
      expect(await overflowPx(page)).toBe(0);
    } finally {
      await ctx.close().catch(() => undefined);
    }

    // the answer is the API's: the coach reads it, with the flag it raised
    const data = await call(
      stack,
      `query ($id: ID!) { relationship(id: $id) { atRiskFlags { code } pulses { answers { role score note } } } }`,
      { id: world.relationshipId },
      world.coachA.token,
    );
    expect(data.relationship.pulses[0].answers).toEqual([
      { role: 'MENTEE', score: 2, note: 'We keep missing each other.' },
    ]);
    expect(data.relationship.atRiskFlags.map((f: { code: string }) => f.code)).toContain('LOW_PULSE');
  });
});
