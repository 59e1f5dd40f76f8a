/**
 * Mentor training in real headless Chromium (issue 19): a mentor whose programme requires a module before mentors
 * are shown opens Me › Training at 390 px, reads why mentees cannot find them yet, opens the module, says they have
 * completed it, and the notice goes; they write their training needs. No sideways scroll, no serious axe violation;
 * in French too, where a module with a French version reads in French and one without says it is in English.
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
import { programmeWithMentor } from '../support/programme-setup';
import { ADMIN_PASSWORD, adminEnv, call, login, PASSWORD, type Person } from '../support/world';
import { axeViolations, buildWebApp, overflowPx, webScreenshot } from './harness';

const PHONE = { width: 390, height: 844 };
const SERVICES = [identity, matching, relationships, reporting];
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@me-training.test`;

let database: { url: string; drop(): Promise<void> };
let stack: Stack;
let server: AdminServer;
let browser: Browser;
let outDir: string | undefined;
let mentor: Person;
let admin: Person;
let programmeId: string;
let moduleId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), SERVICES);
  stack = await startStack({ databaseUrl: database.url, services: SERVICES, env: adminEnv(ADMIN_EMAIL) });
  admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  const setup = await programmeWithMentor(stack, admin, 'Mentor Mia');
  programmeId = setup.programmeId;
  mentor = setup.mentor;
  moduleId = (
    await call(
      stack,
      `mutation ($input: CreateTrainingModuleInput!) { createTrainingModule(input: $input) { errors { field code message } module { id } } }`,
      {
        input: {
          programmeId,
          title: 'Mentoring essentials',
          summary: 'What a mentor does and does not do.',
          content: 'Listen first.\n\nAgree on goals together.',
          link: 'https://learn.example.org/essentials',
          estimatedMinutes: 20,
          required: true,
          gate: 'BEFORE_VISIBLE',
        },
      },
      admin.token,
    )
  ).createTrainingModule.module.id as string;
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

async function signedIn(locale = 'en-CA') {
  const context = await browser.newContext({ viewport: PHONE, locale, timezoneId: 'America/Toronto' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/sign-in`);
  await page.locator('input[type=email]').fill(mentor.email);
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.locator('nav').first().waitFor();
  await page.goto(`${server.url}/me#training`);
  return page;
}

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await webScreenshot(page, name);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
  expect(await overflowPx(page), `${name}: wider than the viewport`).toBe(0);
}

const completions = async () =>
  stack.sql<{ confirmation: string | null }>(
    `SELECT confirmation FROM identity.training_completion WHERE module_id = $1 AND user_id = $2`,
    [moduleId, mentor.userId],
  );

describe.skipIf(!hasChromium)('training on the Me page', { timeout: 120_000 }, () => {
  it('should show a mentor why they are not visible, and let them complete the module at 390 px', async () => {
    const page = await signedIn();
    const section = page.locator('#training');
    await section.getByRole('heading', { name: 'Training' }).waitFor();
    await section.getByText('Mentees cannot find you in search yet: complete “Mentoring essentials” first.').waitFor();
    await section.getByText('To do').waitFor();
    await section.getByText('Required before mentees can find you').waitFor();
    await check(page, '390-me-training');

    await section.getByRole('button', { name: /^Open\W+Mentoring essentials$/ }).click();
    await section.getByText('Agree on goals together.').waitFor();
    expect(await section.getByRole('link', { name: 'Open the material (new tab)' }).getAttribute('href')).toBe(
      'https://learn.example.org/essentials',
    );
    await section.getByLabel('A note for the programme staff (optional)').fill('Watched the video.');
    await check(page, '390-me-training-open');
    await section.getByRole('button', { name: 'I have completed it' }).click();
    await section.getByText('Completed', { exact: true }).waitFor();
    await expect.poll(() => section.getByText('Mentees cannot find you in search yet').count()).toBe(0);
    expect(await completions()).toEqual([{ confirmation: 'Watched the video.' }]);

    await section.getByLabel('In your own words').fill('Working with newcomers');
    await section.getByLabel('Topics, separated by commas').fill('listening, feedback');
    await section.getByRole('button', { name: 'Save training needs' }).click();
    await section.getByRole('status').getByText('Your training needs are saved.').waitFor();
    const [needs] = await stack.sql<{ tags: string[] }>(
      `SELECT tags FROM identity.mentor_training_needs WHERE user_id = $1`,
      [mentor.userId],
    );
    expect(needs.tags).toEqual(['listening', 'feedback']);
    await check(page, '390-me-training-done');
  });

  it('should speak French, giving each module in French where the programme wrote a version', async () => {
    await call(
      stack,
      `mutation ($id: ID!, $input: TrainingModuleVersionInput!) { setTrainingModuleVersion(moduleId: $id, input: $input) { errors { field code message } } }`,
      {
        id: moduleId,
        input: {
          language: 'fr-CA',
          title: 'L’essentiel du mentorat',
          summary: 'Ce que fait un mentor, et ce qu’il ne fait pas.',
          content: 'Écoutez d’abord.\n\nConvenez ensemble des objectifs.',
          link: 'https://apprendre.example.org/essentiel',
        },
      },
      admin.token,
    );
    await call(
      stack,
      `mutation ($input: CreateTrainingModuleInput!) { createTrainingModule(input: $input) { errors { field code message } } }`,
      {
        input: {
          programmeId,
          title: 'Boundaries',
          summary: 'Keeping a mentoring relationship safe.',
          link: 'https://learn.example.org/boundaries',
        },
      },
      admin.token,
    );
    await call(stack, `mutation { setLanguage(language: FR_CA) { errors { code } } }`, {}, mentor.token);
    const fr = await signedIn('fr-CA');
    const section = fr.locator('#training');
    await section.getByRole('heading', { name: 'Formation', exact: true }).waitFor();
    const essentials = section.getByRole('heading', { name: 'L’essentiel du mentorat' });
    await essentials.waitFor();
    await section.getByText('Terminé', { exact: true }).waitFor();
    await section.getByRole('button', { name: /^Ouvrir\W+L’essentiel du mentorat$/ }).click();
    await section.getByText('Convenez ensemble des objectifs.').waitFor();
    expect(await section.getByRole('link', { name: 'Ouvrir le contenu (nouvel onglet)' }).getAttribute('href')).toBe(
      'https://apprendre.example.org/essentiel',
    );
    // the module with no French version: in English, marked so (read aloud in English) and said to be so
    expect(await section.getByRole('heading', { name: 'Boundaries' }).getAttribute('lang')).toBe('en');
    await section.getByText('Rédigé en anglais : il n’y en a pas encore de version dans votre langue.').waitFor();
    expect(await essentials.getAttribute('lang')).toBeNull();
    await check(fr, '390-me-training-fr');
  });
});

if (!hasChromium) describe.skip(SKIP_REASON, () => it('needs Chromium', () => undefined));
