/**
 * Nudge settings in Chromium at 390 × 844 (issue 19): a programme admin sets a programme's nudge cadence in the
 * admin programme form (14 days without a meeting, the confirmation reminder off, mentors reminded 5 days before a
 * request expires) and the platform keeps it; a
 * coach chooses on the admin Emails page to receive each nudge as it happens instead of the daily digest, and sees
 * the check-in-due switch. Each screen: no sideways scroll, no serious axe violation, a screenshot.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { createOrganization, createProgramme } from '../support/programme-setup';
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

const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@nudge-settings.test`;
const PHONE = { width: 390, height: 844 };

let stack: Stack;
let browser: Browser;
let server: AdminServer;
let dir: string | undefined;
let admin: Person;
let coach: Person;
let programmeId: string;
const programmeName = `Nudged ${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
  admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  const orgId = await createOrganization(stack, admin, 'Harbour Centre');
  programmeId = await createProgramme(stack, admin, [orgId], { name: programmeName });
  coach = await registerStaff(stack, admin, 'Coach Nadia', ['COACH'], orgId);
  if (!hasChromium) return;
  dir = buildAdminApp();
  server = await serveAdminApp(dir, stack.gateway.url);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  removeDir(dir);
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function fits(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await overflowPx(page), `${name}: wider than the phone`).toBe(0);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
}

describe.skipIf(!hasChromium)('nudge settings on a phone', { timeout: 120_000 }, () => {
  it("should let a programme admin set the programme's nudge cadence in the programme form", async () => {
    const page = await phone();
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`${server.url}/organisations`);
    await page.getByRole('button', { name: `Edit ${programmeName}` }).click();
    const form = page.getByRole('form', { name: `Edit ${programmeName}` });
    const nudges = form.getByRole('group', { name: 'Nudges' });
    const days = nudges.getByLabel('Days without a meeting');
    expect(await days.inputValue()).toBe('21');
    expect(await nudges.getByLabel('Days awaiting confirmation').inputValue()).toBe('3');
    await days.fill('14');
    await nudges.getByRole('checkbox', { name: /Remind a partner of a meeting awaiting their confirmation/ }).uncheck();
    expect(await nudges.getByLabel('Days awaiting confirmation').isDisabled()).toBe(true);
    expect(await nudges.getByLabel('Days between check-ins').inputValue()).toBe('30');
    await nudges.getByLabel('Days between check-ins').fill('21');
    const reminder = nudges.getByLabel('Days before a request expires to remind its mentor');
    expect(await reminder.inputValue()).toBe('2');
    await reminder.fill('5');
    await nudges.scrollIntoViewIfNeeded();
    await fits(page, 'nudges-01-programme-form');
    await form.getByRole('button', { name: 'Save programme' }).click();
    await page
      .getByText(
        'no meeting for 14 days · no confirmation reminder · a check-in every 21 days · check-ins due · hours reached · mentors reminded 5 days before a request expires',
      )
      .waitFor();
    const saved = await call(
      stack,
      `query ($id: ID!) { programme(id: $id) { nudges { noMeetingDays awaitingConfirmationDays checkInDue checkInEveryDays hoursReached requestExpiryReminderDays } } }`,
      { id: programmeId },
      admin.token,
    );
    expect(saved.programme.nudges).toEqual({
      noMeetingDays: 14,
      awaitingConfirmationDays: null,
      checkInDue: true,
      checkInEveryDays: 21,
      hoursReached: true,
      requestExpiryReminderDays: 5,
    });

    // a day count out of range is refused beside its field, and nothing changes
    await page.getByRole('button', { name: `Edit ${programmeName}` }).click();
    await nudges.getByLabel('Days without a meeting').fill('400');
    await reminder.fill('31');
    await form.getByRole('button', { name: 'Save programme' }).click();
    await nudges.getByText('Between 1 and 365 days, or none to turn it off.').waitFor();
    expect(await nudges.getByLabel('Days without a meeting').getAttribute('aria-invalid')).toBe('true');
    await nudges.getByText('Between 1 and 30 days.').waitFor();
    expect(await reminder.getAttribute('aria-invalid')).toBe('true');
    await fits(page, 'nudges-02-programme-form-refused');
    await page.context().close();
  });

  it('should let a coach choose each nudge as it happens instead of the daily digest on the Emails page', async () => {
    const page = await phone();
    await signIn(page, server.url, coach.email, PASSWORD);
    await page.goto(`${server.url}/account/emails`);
    await page.getByRole('heading', { name: 'Emails', level: 1 }).waitFor();
    const choice = page.getByRole('group', { name: 'Reminders by email' });
    const digest = choice.getByRole('radio', { name: 'One email a day with all my reminders' });
    const each = choice.getByRole('radio', { name: 'Each reminder as it happens' });
    await expect.poll(() => digest.isChecked()).toBe(true);
    await page.getByRole('switch', { name: 'A check-in I owe a pair is due' }).waitFor();
    await each.check();
    await expect
      .poll(async () => (await call(stack, `{ me { nudgeEmailDelivery } }`, {}, coach.token)).me.nudgeEmailDelivery)
      .toBe('EACH');
    await page.reload();
    await expect.poll(() => page.getByRole('radio', { name: 'Each reminder as it happens' }).isChecked()).toBe(true);
    await fits(page, 'nudges-03-staff-emails');
    await page.context().close();
  });
});

if (!hasChromium) describe.skip(SKIP_REASON, () => it('needs Chromium', () => undefined));
