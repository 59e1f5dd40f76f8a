/**
 * The participant app's accessibility in both languages (issue 22), in real headless Chromium against the real
 * stack and the shared test world (tests/support/world.ts):
 * - every page, signed out and signed in (as a mentee with a relationship, a goal and meetings, and as their
 *   mentor), in Canadian French at 390 × 844 and at 1280 × 800: axe-core finds no serious or critical violation,
 *   nothing is wider than the viewport, and the document says it is in French;
 * - a keyboard-only pass of the main participant journey (sign in, find a mentor, open the mentor, send a request;
 *   then the relationship workspace: log a meeting) with Playwright's keyboard only: each element reached shows a
 *   focus ring (outline or box-shadow on :focus-visible), Tab always moves on (no trap) and Shift+Tab comes back.
 * Screenshots: .data/screenshots/web/fr-*.png and keyboard-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  eventually,
  isolatedDatabase,
  startStack,
  zoneWhereTodayIsPastTen,
  type Stack,
  testDatabaseUrl,
} from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { startedThisMorning } from '../support/programme-setup';
import { hasChromium, launchBrowser, removeDir, serveAdminApp, SKIP_REASON, type AdminServer } from '../admin/harness';
import {
  adminEnv,
  buildWorld,
  call,
  MENTEE_PROFILE,
  PASSWORD,
  register,
  type Person,
  type World,
} from '../support/world';
import { buildWebApp, checkPage as check, webScreenshot } from './harness';

const ADMIN_EMAIL = `web-a11y-admin-${process.pid}@tandem.test`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const MENTOR_NAME = 'Mentor Amara';

let database: { url: string; drop(): Promise<void> };
let stack: Stack;
let world: World;
let server: AdminServer;
let browser: Browser;
let outDir: string | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships, reporting]);
  stack = await startStack({
    databaseUrl: database.url,
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
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  await database?.drop();
  removeDir(outDir);
});

async function newPage(viewport: { width: number; height: number }, locale: string): Promise<Page> {
  // a zone where it is 10:00 or later today: the meeting form's default (an hour ago) is today
  const context = await browser.newContext({ viewport, locale, timezoneId: zoneWhereTodayIsPastTen() });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function signInFrench(page: Page, email: string) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Courriel').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

/** Opens each path, waits for its level-one heading, and checks it in French. */
async function checkPages(page: Page, prefix: string, paths: ReadonlyArray<readonly [string, string]>) {
  for (const [path, name] of paths) {
    await page.goto(`${server.url}${path}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.evaluate('document.documentElement.lang'), `${name}: lang`).toBe('fr-CA');
    await check(page, `${prefix}-${name}`);
  }
}

/** What keyboard focus is on: a name to find it by, and whether a focus ring shows. */
interface Focused {
  key: string;
  tag: string;
  name: string;
  type: string;
  ring: boolean;
}
// a string, not a function: this file is type-checked without the DOM's types
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = el.labels && el.labels[0] ? el.labels[0].textContent : '';
  const name = (el.getAttribute('aria-label') || label || el.textContent || el.getAttribute('placeholder') || '')
    .replace(/\\s+/g, ' ').trim();
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const ring = outline || s.boxShadow !== 'none';
  if (!el.dataset.kbd) el.dataset.kbd = String(Math.random()).slice(2);
  return { key: el.dataset.kbd, tag: el.tagName.toLowerCase(), type: el.type || '', name, ring };
})()`;
const SEGMENTED = new Set(['date', 'time', 'datetime-local', 'month', 'week']);
const focused = (page: Page) => page.evaluate(FOCUSED) as Promise<Focused | null>;

/**
 * Presses Tab until focus is on an element whose name matches `target` (`tag` when given), checking on the way
 * that every element reached shows a focus ring and that Tab always moves focus somewhere new (no trap); then
 * Shift+Tab and Tab again come back to it.
 */
async function tabTo(page: Page, target: RegExp, tag?: string, max = 80): Promise<void> {
  const seen: string[] = [];
  let stay = 0;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now) continue; // the browser's own UI, before wrapping to the document
    expect(now.ring, `no visible focus on <${now.tag}> "${now.name}"`).toBe(true);
    if (now.key === seen.at(-1)) {
      // a date or time field's own parts (day, month, year; hours, minutes, AM/PM) take a Tab each, then it moves on
      stay += 1;
      expect(SEGMENTED.has(now.type) && stay < 4, `Tab stayed on <${now.tag}> "${now.name}" (a trap)`).toBe(true);
      continue;
    }
    stay = 0;
    seen.push(now.key);
    if (target.test(now.name) && (!tag || now.tag === tag)) {
      if (seen.length > 1) {
        await page.keyboard.press('Shift+Tab');
        expect((await focused(page))?.key, 'Shift+Tab goes back').toBe(seen.at(-2));
        await page.keyboard.press('Tab');
        expect((await focused(page))?.key, 'and Tab forward again').toBe(now.key);
      }
      return;
    }
  }
  throw new Error(`${target} not reached with ${max} presses of Tab`);
}

describe.skipIf(!hasChromium)('the participant app in French, and by keyboard', { timeout: 180_000 }, () => {
  const signedOut = [
    ['/sign-in', 'sign-in'],
    ['/register', 'register'],
    ['/forgot-password', 'forgot-password'],
    ['/reset-password', 'reset-password-no-token'],
    ['/email-change', 'email-change-no-token'],
    ['/invitation', 'invitation-no-token'],
  ] as const;
  const signedIn = () =>
    [
      ['/', 'home'],
      ['/programmes', 'programmes'],
      ['/profile', 'profile'],
      ['/mentors', 'search'],
      [`/mentors/${world.mentor.userId}`, 'mentor'],
      ['/requests', 'requests'],
      [`/relationships/${world.relationshipId}`, 'relationship'],
      [`/relationships/${world.relationshipId}/goals/${world.goalId}`, 'goal'],
      ['/evidence', 'evidence'],
      ['/me', 'me'],
      ['/nowhere', 'not-found'],
    ] as const;

  for (const [size, view] of [
    ['390', PHONE],
    ['1280', DESKTOP],
  ] as const)
    it(`should pass axe with nothing wider than ${view.width} px on every page in French`, async () => {
      const page = await newPage(view, 'fr-CA');
      await checkPages(page, `fr-${size}-out`, signedOut);
      await signInFrench(page, world.mentee.email);
      await checkPages(page, `fr-${size}-mentee`, signedIn());
      // a date field says its day in French words too, whatever format the browser draws the field in
      await page.goto(`${server.url}/evidence`);
      expect(await page.locator('#from').getAttribute('lang')).toBe('fr-CA');
      await expect
        .poll(() => page.locator('#from-day').textContent())
        .toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) 1(er)? janvier \d{4}$/);
      expect(await page.locator('#from').getAttribute('aria-describedby')).toContain('from-day');
      // the mentor's side of the same pages: requests and questions to answer, the relationship
      const mentor = await newPage(view, 'fr-CA');
      await signInFrench(mentor, world.mentor.email);
      await checkPages(mentor, `fr-${size}-mentor`, [
        ['/', 'home'],
        ['/profile', 'profile'],
        ['/requests', 'requests'],
        [`/relationships/${world.relationshipId}`, 'relationship'],
        ['/evidence', 'evidence'],
      ]);
    });

  it('should take a mentee from signing in to logging a meeting with the keyboard alone', async () => {
    // a mentee of their own, with a profile and enrolled, who has not asked the mentor yet
    const person: Person = await register(stack, 'Keyboard Kim', ['MENTEE'], world.orgA);
    await call(
      stack,
      `mutation ($input: MenteeProfileInput!) { updateMenteeProfile(input: $input) { errors { code } } }`,
      { input: MENTEE_PROFILE },
      person.token,
    );
    await call(
      stack,
      `mutation ($input: EnrollInput!) { enrollInProgram(input: $input) { errors { code } } }`,
      { input: { programId: world.programmeId, userId: person.userId, role: 'MENTEE', cohortId: world.cohortId } },
      world.admin.token,
    );
    await stack.settle();

    const page = await newPage(PHONE, 'en-CA');
    await page.goto(`${server.url}/sign-in`);
    await tabTo(page, /^Email/, 'input');
    await page.keyboard.type(person.email);
    await tabTo(page, /^Password/, 'input');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await tabTo(page, /^Find a mentor$/, 'a');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: MENTOR_NAME }).waitFor();
    await tabTo(page, new RegExp(`^${MENTOR_NAME}$`), 'a');
    await webScreenshot(page, 'keyboard-01-search');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: MENTOR_NAME, level: 1 }).waitFor();
    await tabTo(page, /^Your message/);
    await page.keyboard.type('I would value your view of audit practice in Canada.');
    await tabTo(page, /^Send the request$/, 'button');
    await page.keyboard.press('Enter');
    await page.getByText('Your request was sent.', { exact: false }).waitFor();
    await webScreenshot(page, 'keyboard-02-requested');

    // the mentor accepts (their side is not this journey); the mentee goes on by keyboard
    const requestId = await eventually(async () => {
      const d = await call(
        stack,
        `query ($m: ID!) { mentoringRequests(menteeId: $m, status: PENDING) { edges { node { id } } } }`,
        { m: person.userId },
        world.mentor.token,
      );
      expect(d.mentoringRequests.edges).toHaveLength(1);
      return d.mentoringRequests.edges[0].node.id as string;
    }, 10_000);
    await call(
      stack,
      `mutation ($id: ID!) { acceptMentoringRequest(requestId: $id) { errors { code } } }`,
      { id: requestId },
      world.mentor.token,
    );
    const relationshipId = await eventually(async () => {
      const d = await call(stack, `{ me { relationships { id } } }`, {}, person.token);
      expect(d.me.relationships).toHaveLength(1);
      return d.me.relationships[0].id as string;
    }, 15_000);
    // the meeting the mentee logs is held "today" in the browser's zone, earlier than the match confirmed a moment ago
    await startedThisMorning(stack, relationshipId);

    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: `With your mentor ${MENTOR_NAME}` }).waitFor();
    await tabTo(page, new RegExp(`^With your mentor ${MENTOR_NAME}`), 'a');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Log a meeting' }).waitFor();
    await tabTo(page, /^Log a meeting$/, 'button');
    await page.keyboard.press('Enter');
    await tabTo(page, /^Topics discussed/);
    await page.keyboard.type('audit practice, first steps');
    await tabTo(page, /^Save the meeting$/, 'button');
    await page.keyboard.press('Enter');
    await page.getByText('Waiting for the other person to confirm.').waitFor();
    await webScreenshot(page, 'keyboard-03-meeting-logged');
  });
});

if (!hasChromium) describe.skip(SKIP_REASON, () => it('needs Chromium', () => undefined));
