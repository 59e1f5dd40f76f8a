/**
 * Time zones in real headless Chromium (issue 20): registration proposes the browser's zone and saves it; on the
 * Me page a person who never chose is offered their device's zone, saves it, and changes it; at 390 px and at
 * desktop (no sideways scroll, no serious axe violation) and in French.
 */
import { randomUUID } from 'node:crypto';
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
  person = await register(stack, 'Zoe Zones', ['MENTEE']);
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

async function open(viewport: { width: number; height: number }, timezoneId: string, locale = 'en-CA') {
  const context = await browser.newContext({ viewport, locale, timezoneId });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function signedIn(viewport: { width: number; height: number }, timezoneId: string, locale = 'en-CA') {
  const page = await open(viewport, timezoneId, locale);
  await page.goto(`${server.url}/sign-in`);
  await page.locator('input[type=email]').fill(person.email);
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.locator('nav').first().waitFor();
  await page.goto(`${server.url}/me#time-zone`);
  await page.locator('#me-time-zone').waitFor();
  return page;
}

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await webScreenshot(page, name);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
  expect(await overflowPx(page), `${name}: wider than the viewport`).toBe(0);
}

const savedZone = async (where: string, value: string) =>
  (await stack.sql<{ z: string | null }>(`SELECT time_zone AS z FROM identity."user" WHERE ${where} = $1`, [value]))[0]
    ?.z ?? null;

describe.skipIf(!hasChromium)('time zones in the participant app', { timeout: 120_000 }, () => {
  it('should propose the browser zone at registration, at 390 px, and save it', async () => {
    const page = await open(PHONE, 'America/Toronto');
    await page.goto(`${server.url}/register`);
    const zone = page.getByLabel('Time zone');
    await expect.poll(() => zone.inputValue()).toBe('America/Toronto');
    await check(page, '390-register-time-zone');
    const email = `reg.zone.${randomUUID().slice(0, 8)}@web.test`;
    await page.getByLabel('Mentee', { exact: false }).first().check();
    await page.locator('#displayName').fill('Rita Registers');
    await page.locator('#email').fill(email);
    await page.locator('input[type=password]').nth(0).fill(PASSWORD);
    await page.locator('input[type=password]').nth(1).fill(PASSWORD);
    await zone.selectOption('America/Halifax');
    await page.locator('button[type=submit]').click();
    await expect.poll(() => savedZone('email', email), { timeout: 10_000 }).toBe('America/Halifax');
  });

  it('should offer the device zone on the Me page, save it, then change it', async () => {
    const page = await signedIn(PHONE, 'America/Vancouver');
    const section = page.locator('#time-zone');
    await section.getByRole('heading', { name: 'Time zone' }).waitFor();
    await section.getByText('You have not chosen a time zone yet').waitFor();
    expect(await page.locator('#me-time-zone').inputValue()).toBe('America/Vancouver');
    await check(page, '390-me-time-zone');
    await section.getByRole('button', { name: 'Save time zone' }).click();
    await section.getByRole('status').getByText('Time zone saved.').waitFor();
    expect(await savedZone('id', person.userId)).toBe('America/Vancouver');

    await page.locator('#me-time-zone').selectOption('America/Toronto');
    await section.getByRole('button', { name: 'Save time zone' }).click();
    await expect.poll(() => savedZone('id', person.userId)).toBe('America/Toronto');
    // what the server keeps is what the page shows after a reload, even from a device in another zone
    const elsewhere = await signedIn(DESKTOP, 'Europe/Paris');
    expect(await elsewhere.locator('#me-time-zone').inputValue()).toBe('America/Toronto');
    await elsewhere.locator('#time-zone').getByText('Meeting times, reminders and calendar invitations').waitFor();
    await check(elsewhere, '1280-me-time-zone');
  });

  it('should speak French', async () => {
    await call(stack, `mutation { setLanguage(language: FR_CA) { errors { code } } }`, {}, person.token);
    const fr = await signedIn(PHONE, 'America/Montreal', 'fr-CA');
    await fr.locator('#time-zone').getByRole('heading', { name: 'Fuseau horaire' }).waitFor();
    await fr.locator('#time-zone').getByRole('button', { name: 'Enregistrer le fuseau horaire' }).waitFor();
    await check(fr, '390-me-time-zone-fr');
  });
});

if (!hasChromium) describe.skip(SKIP_REASON, () => it('needs Chromium', () => undefined));
