/**
 * Learning content in Chromium at 390 × 844 (issue 19). A coach of the programme's partner organisation adds a
 * checklist for the first meeting on the admin app's Learning page (a link that is not https is refused first);
 * the mentee of a new relationship sees "Help for this stage" on their relationship page with the programme's
 * resources for preparing the first meeting (the default and the coach's), opens one, and reaches the whole
 * library; in French, the French default shows instead. Each screen: no sideways scroll, no axe violation, a
 * screenshot.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import {
  approvedMentor,
  createOrganization,
  createProgramme,
  enrolledMentee,
  startedPair,
} from '../support/programme-setup';
import { ADMIN_PASSWORD, PASSWORD, adminEnv, login, registerStaff, type Person } from '../support/world';
import { axeViolations, buildWebApp, overflowPx, webScreenshot } from '../web/harness';
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

const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@learning-screens.test`;
const PHONE = { width: 390, height: 844 };
const CHECKLIST = 'Questions for your first meeting';

let stack: Stack;
let browser: Browser;
let adminServer: AdminServer;
let webServer: AdminServer;
const dirs: Array<string | undefined> = [];
let coach: Person;
let mentee: Person;
let programmeId: string;
let relationshipId: string;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
  const admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  const orgId = await createOrganization(stack, admin, 'Harbour Agency');
  programmeId = await createProgramme(stack, admin, [orgId], {
    name: `Harbour mentoring ${randomUUID().slice(0, 6)}`,
    terms: { targetHours: 10, durationWeeks: 16, minMeetings: 4 },
  });
  coach = await registerStaff(stack, admin, 'Coach Noor', ['COACH'], orgId);
  const mentor = await approvedMentor(stack, admin, 'Mentor Idris', orgId);
  mentee = await enrolledMentee(stack, admin, programmeId, 'Mentee Lou', orgId);
  relationshipId = await startedPair(stack, programmeId, mentee, mentor);
  if (!hasChromium) return;
  dirs.push(buildAdminApp(), buildWebApp());
  adminServer = await serveAdminApp(dirs[0]!, stack.gateway.url);
  webServer = await serveAdminApp(dirs[1]!, stack.gateway.url);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await adminServer?.stop();
  await webServer?.stop();
  await stack?.stop();
  for (const d of dirs) removeDir(d);
});

async function fits(page: Page, name: string, shoot: (page: Page, name: string) => Promise<string>) {
  await page.waitForLoadState('networkidle');
  await shoot(page, name);
  expect(await overflowPx(page), `${name}: wider than the phone`).toBe(0);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
}

async function phone(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, locale });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

describe.skipIf(!hasChromium)(`learning screens on a phone (${SKIP_REASON})`, { timeout: 120_000 }, () => {
  it("should let the programme's coach add a resource for a stage on the admin app", async () => {
    const page = await phone('en-CA');
    await signIn(page, adminServer.url, coach.email, PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learning' }).click();
    await page.getByRole('heading', { name: 'Learning', level: 1 }).waitFor();
    await page.getByLabel('Programme').selectOption(programmeId);
    const stage = page.getByRole('region', { name: 'Preparing the first meeting' });
    await stage.getByRole('article', { name: 'Preparing your first meeting' }).waitFor();

    const form = page.getByRole('form', { name: 'New learning resource' });
    await form.getByLabel('Title').fill(CHECKLIST);
    await form.getByLabel('Stage').selectOption('PREPARING_FIRST_MEETING');
    await form.getByLabel('Kind').selectOption('CHECKLIST');
    await form.getByLabel('Language').selectOption('en');
    await form
      .getByLabel('Text')
      .fill('- What made you join the programme?\n- What would make these months a success?');
    await form.getByLabel('Link').fill('http://example.org/questions');
    await form.getByRole('button', { name: 'Add resource' }).click();
    await form.getByText('Use a full https:// link.').waitFor();
    await form.getByLabel('Link').fill('');
    await form.getByRole('button', { name: 'Add resource' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `“${CHECKLIST}” added.` })
      .waitFor();
    await stage.getByRole('article', { name: CHECKLIST }).waitFor();
    await fits(page, '390-admin-learning', screenshot);
    await page.context().close();
  });

  it("should show the mentee their stage's resources on the relationship page and the whole library", async () => {
    const page = await phone('en-CA');
    await page.goto(`${webServer.url}/relationships/${relationshipId}`);
    await page.getByLabel('Email').fill(mentee.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const help = page.getByRole('region', { name: 'Help for this stage' });
    await help.getByText('Where you are: Preparing your first meeting.').waitFor();
    const titles = help.locator('summary');
    await expect.poll(() => titles.count(), { timeout: 10_000 }).toBe(2);
    expect(await titles.allTextContents()).toEqual([
      'Checklist Preparing your first meeting',
      `Checklist ${CHECKLIST}`,
    ]);
    await help.getByText(CHECKLIST).click();
    await help.getByText('What would make these months a success?').waitFor();
    await fits(page, 'learning-help-390', webScreenshot);

    await help.getByRole('link', { name: 'All the learning resources of your programme' }).click();
    await page.getByRole('heading', { name: 'Learning resources', level: 1 }).waitFor();
    for (const name of ['Writing your agreement', 'Your action plan', 'Mid-way', 'Completing'])
      await page.getByRole('heading', { name, level: 2 }).waitFor();
    await page.getByText('Completing your mentoring relationship').waitFor();
    await fits(page, 'learning-library-390', webScreenshot);
    await page.context().close();
  });

  it('should show the French resources to a mentee reading in French', async () => {
    const page = await phone('fr-CA');
    await page.goto(`${webServer.url}/relationships/${relationshipId}`);
    await page.getByLabel('Courriel').fill(mentee.email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const help = page.getByRole('region', { name: 'De l’aide pour cette étape' });
    await help.getByText('Préparer votre première rencontre', { exact: false }).first().waitFor();
    expect(await help.locator('summary').allTextContents()).toEqual([
      'Liste de contrôle Préparer votre première rencontre',
    ]);
    await fits(page, 'learning-help-390-fr', webScreenshot);
    await page.context().close();
  });
});
