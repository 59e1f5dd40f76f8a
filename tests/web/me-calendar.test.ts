/**
 * Me › Calendar in real headless Chromium (issue 20): a person creates their private calendar link, sees it once
 * to copy (the feed answers through the gateway), turns on the hour-before reminder, and turns the link off (it then
 * answers 404); at 390 px and at desktop (no sideways scroll, no serious axe violation) and in French.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { hasChromium, launchBrowser, removeDir, serveAdminApp, SKIP_REASON, type AdminServer } from '../admin/harness';
import { call, PASSWORD, register, type Person } from '../support/world';
import { buildWebApp, checkPage } from './harness';

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
  person = await register(stack, 'Cal Endar', ['MENTEE']);
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

async function signedIn(viewport: { width: number; height: number }, locale = 'en-CA') {
  const context = await browser.newContext({ viewport, locale, timezoneId: 'America/Toronto' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/sign-in`);
  await page.locator('input[type=email]').fill(person.email);
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.locator('nav').first().waitFor();
  await page.goto(`${server.url}/me#calendar`);
  return page;
}

/** The feed at `url`, read through the test stack's gateway (the link names the gateway of `npm start`). */
const readFeed = (url: string) => fetch(`${new URL(stack.gateway.url).origin}${new URL(url).pathname}`);

const hourBefore = async () =>
  (
    await stack.sql<{ on: boolean }>(
      `SELECT hour_before AS on FROM identity.meeting_reminder_choice WHERE user_id = $1`,
      [person.userId],
    )
  )[0]?.on ?? false;

describe.skipIf(!hasChromium)('the calendar link on the Me page', { timeout: 120_000 }, () => {
  it('should create the link at 390 px, show it once to copy, and serve the feed', async () => {
    const page = await signedIn(PHONE);
    const section = page.locator('#calendar');
    await section.getByRole('heading', { name: 'Calendar', exact: true }).waitFor();
    await section.getByText('How to subscribe').waitFor();
    await checkPage(page, '390-me-calendar');

    await section.getByRole('button', { name: 'Create my calendar link' }).click();
    const field = section.getByLabel('Your private calendar link');
    await field.waitFor();
    const url = await field.inputValue();
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await section.getByText('it is shown only this once').waitFor();
    await section.getByRole('button', { name: 'Copy the link' }).click();
    await section.getByRole('status').getByText('Link copied').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(url);
    await checkPage(page, '390-me-calendar-link');
    const feed = await readFeed(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');

    // the hour-before reminder, the person's own choice
    expect(await hourBefore()).toBe(false);
    await section.getByRole('switch', { name: 'Also remind me an hour before each meeting' }).check();
    await expect.poll(hourBefore).toBe(true);

    // after a reload the link is not shown again; turning it off makes it 404
    const again = await signedIn(DESKTOP);
    const desk = again.locator('#calendar');
    await desk.getByText('Your calendar link has been on since').waitFor();
    expect(await desk.getByLabel('Your private calendar link').count()).toBe(0);
    expect(await desk.getByRole('switch', { name: 'Also remind me an hour before each meeting' }).isChecked()).toBe(
      true,
    );
    await checkPage(again, '1280-me-calendar');
    await desk.getByRole('button', { name: 'Turn off my calendar link' }).click();
    await desk.getByRole('status').getByText('Your calendar link no longer works.').waitFor();
    expect((await readFeed(url)).status).toBe(404);
    await desk.getByRole('button', { name: 'Create my calendar link' }).waitFor();
  });

  it('should speak French', async () => {
    await call(stack, `mutation { setLanguage(language: FR_CA) { errors { code } } }`, {}, person.token);
    const fr = await signedIn(PHONE, 'fr-CA');
    const section = fr.locator('#calendar');
    await section.getByRole('heading', { name: 'Calendrier', exact: true }).waitFor();
    await section.getByRole('button', { name: 'Créer mon lien de calendrier' }).click();
    await section.getByLabel('Votre lien de calendrier privé').waitFor();
    await checkPage(fr, '390-me-calendar-fr');
  });
});

if (!hasChromium) describe.skip(SKIP_REASON, () => it('needs Chromium', () => undefined));
