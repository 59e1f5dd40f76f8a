/**
 * Me › Emails in real headless Chromium: a participant turns one kind of notification email off (and the
 * platform keeps it off), sees that the password-change notice cannot be turned off, chooses each reminder as it
 * happens instead of the daily digest (and back), at 390 px and at desktop
 * (no sideways scroll, no serious axe violation) and in French.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { hasChromium, launchBrowser, removeDir, serveAdminApp, SKIP_REASON, type AdminServer } from '../admin/harness';
import { call, PASSWORD, register, type Person } from '../support/world';
import { axeViolations, buildWebApp, overflowPx, webScreenshot } from './harness';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SERVICES = [identity, matching, relationships, reporting];

let database: { url: string; drop(): Promise<void> };
let stack: Stack;
let server: AdminServer;
let browser: Browser;
let outDir: string | undefined;
let person: Person;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), SERVICES);
  stack = await startStack({ databaseUrl: database.url, services: SERVICES });
  person = await register(stack, 'Emma Emails', ['MENTOR']);
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
  await database?.drop();
  removeDir(outDir);
});

async function signedIn(viewport: { width: number; height: number }, locale = 'en-CA'): Promise<Page> {
  const context = await browser.newContext({ viewport, locale });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/sign-in`);
  await page.locator('input[type=email]').fill(person.email);
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.locator('nav').first().waitFor();
  await page.goto(`${server.url}/me#emails`);
  await page.locator('#emails input[data-kind="MATCH_PROPOSED"]').waitFor();
  return page;
}

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await webScreenshot(page, name);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
  expect(await overflowPx(page), `${name}: wider than the viewport`).toBe(0);
}

const optOuts = async () =>
  (
    await stack.sql<{ kind: string }>(
      `SELECT kind FROM identity.notification_email_opt_out WHERE user_id = $1 ORDER BY kind`,
      [person.userId],
    )
  ).map((r) => r.kind);

describe.skipIf(!hasChromium)('Me › Emails in the participant app', { timeout: 120_000 }, () => {
  it('should turn one kind of email off and on at 390 px, and keep the security notice on', async () => {
    const page = await signedIn(PHONE);
    const section = page.locator('#emails');
    await section.getByRole('heading', { name: 'Emails' }).waitFor();
    const proposals = section.getByRole('switch', { name: 'A coach proposes a match' });
    await expect.poll(() => proposals.isChecked()).toBe(true);
    const password = section.getByRole('switch', { name: /My password is changed/ });
    expect(await password.isChecked()).toBe(true);
    expect(await password.isDisabled()).toBe(true);
    await section.getByText('always emailed, for your security').waitFor();
    await check(page, '390-me-emails');

    await proposals.click();
    await expect.poll(optOuts, { timeout: 10_000 }).toEqual(['MATCH_PROPOSED']);
    // what the server keeps is what the page shows after a reload
    await page.reload();
    await expect.poll(() => page.locator('#emails input[data-kind="MATCH_PROPOSED"]').isChecked()).toBe(false);
    await page.locator('#emails input[data-kind="MATCH_PROPOSED"]').click();
    await expect.poll(optOuts, { timeout: 10_000 }).toEqual([]);
  });

  it('should let the person choose one digest a day or each reminder as it happens, at 390 px', async () => {
    const page = await signedIn(PHONE);
    const choice = page.locator('#emails').getByRole('group', { name: 'Reminders by email' });
    const digest = choice.getByRole('radio', { name: 'One email a day with all my reminders' });
    await expect.poll(() => digest.isChecked()).toBe(true);
    await choice.getByRole('radio', { name: 'Each reminder as it happens' }).check();
    const kept = async () =>
      (await call(stack, `{ me { nudgeEmailDelivery } }`, {}, person.token)).me.nudgeEmailDelivery as string;
    await expect.poll(kept, { timeout: 10_000 }).toBe('EACH');
    await page.reload();
    await expect
      .poll(() => page.locator('#emails').getByRole('radio', { name: 'Each reminder as it happens' }).isChecked())
      .toBe(true);
    // a mentor's reminders have their own switches too
    await page.locator('#emails input[data-kind="NO_RECENT_MEETING"]').waitFor();
    await check(page, '390-me-emails-nudges');
    await page.locator('#emails').getByRole('radio', { name: 'One email a day with all my reminders' }).check();
    await expect.poll(kept, { timeout: 10_000 }).toBe('DAILY_DIGEST');
  });

  it('should fit a desktop window and speak French', async () => {
    const desk = await signedIn(DESKTOP);
    await check(desk, '1280-me-emails');
    await call(stack, `mutation { setLanguage(language: FR_CA) { errors { code } } }`, {}, person.token);
    const fr = await signedIn(PHONE, 'fr-CA');
    await fr.locator('#emails').getByRole('heading', { name: 'Courriels' }).waitFor();
    await fr.locator('#emails').getByRole('switch', { name: 'Un coach propose un jumelage' }).waitFor();
    await fr
      .locator('#emails')
      .getByRole('group', { name: 'Rappels par courriel' })
      .getByRole('radio', { name: 'Un courriel par jour avec tous mes rappels' })
      .waitFor();
    await check(fr, '390-me-emails-fr');
  });
});

if (!hasChromium) describe.skip(SKIP_REASON, () => it('needs Chromium', () => undefined));
