/**
 * The admin app in real headless Chromium against the real stack (four subgraphs + gateway on the test
 * database), loaded with the demo through the API. Screenshots of each page go to .data/screenshots/.
 * Identity writes its emails (password reset links, notices) as .eml files under a directory of this file's.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  eventually,
  heldSecondFactor,
  holdSecondFactor,
  nextSecondFactorCode,
  type HeldSecondFactor,
  isolatedDatabase,
  mailsTo,
  signIn as signInThroughGateway,
  startStack,
  type Stack,
  testDatabaseUrl,
} from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import {
  DEMO_MENTEES,
  DEMO_MENTORS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  seedDemo,
  type SeedResult,
} from '../../scripts/seed-demo';
import {
  buildAdminApp,
  hasChromium,
  launchBrowser,
  PARTICIPANT_APP_URL,
  removeDir,
  screenshot,
  serveAdminApp,
  signIn,
  SKIP_REASON,
  type AdminServer,
} from './harness';
import { axeViolations, overflowPx } from '../web/harness';

const ADMIN_EMAIL = 'admin@tandem.test';
const ADMIN_PASSWORD = 'Admin-password-for-tests-1';
/** Where identity writes its emails, and the reset page its links name (the test opens them on its own server). */
const MAIL_DIR = mkdtempSync(join(os.tmpdir(), 'tandem-admin-mail-'));
const RESET_URL = 'https://admin.tandem.test/reset-password';
const staff = (key: string) => DEMO_STAFF.find((s) => s.key === key)!;

let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let seed: SeedResult;
let outDir: string | undefined;
let server: AdminServer;
let browser: Browser;

const SERVICES = [identity, matching, relationships, reporting];

beforeAll(async () => {
  // a database of its own: the demo's audit cycle samples every participant of the period, and the overview
  // counts every relationship, so other files' people must not be in it
  database = await isolatedDatabase(testDatabaseUrl(), SERVICES);
  stack = await startStack({
    databaseUrl: database.url,
    services: SERVICES,
    env: {
      identity: { ADMIN_EMAIL, ADMIN_PASSWORD, BOOTSTRAP_ADMIN: 'true', MAIL_DIR, PASSWORD_RESET_URL: RESET_URL },
    },
  });
  seed = await seedDemo({
    gatewayUrl: stack.gateway.url,
    adminEmail: ADMIN_EMAIL,
    adminPassword: ADMIN_PASSWORD,
    log: () => {},
  });
  await stack.settle();
  if (!hasChromium) return;
  outDir = buildAdminApp();
  server = await serveAdminApp(outDir, stack.gateway.url);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  await database?.drop();
  removeDir(outDir);
  removeDir(MAIL_DIR);
});

/** expect.poll with a timeout fit for a loaded machine (the default is one second). */
function poll<T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) {
  return expect.poll(fn, { timeout: 10_000, ...options });
}

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

describe('seed:demo', () => {
  it('should load a demo with something in every state, through the API, and change nothing on a second run', async () => {
    // the first run happened in beforeAll; the browser tests below change the demo afterwards
    const gatewayUrl = stack.gateway.url;
    const first = seed;
    expect(first.alreadyLoaded).toBe(false);
    const admin = await token(ADMIN_EMAIL, ADMIN_PASSWORD);
    const before = await snapshot(admin);

    expect(before.organizations.map((o) => o.name)).toEqual(
      expect.arrayContaining(['Northbridge Newcomer Services', 'Lakeshore Professional Association']),
    );
    expect(before.programs.find((p) => p.name === 'Career Bridge Mentoring')?.cohorts.length).toBe(1);
    expect(before.users.edges.length).toBe(DEMO_STAFF.length + DEMO_MENTORS.length + DEMO_MENTEES.length);
    expect(new Set(before.mentoringRequests.edges.map((e) => e.node.status))).toEqual(
      new Set(['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN']),
    );
    expect(new Set(before.matchProposals.edges.map((e) => e.node.status))).toEqual(new Set(['PROPOSED', 'CONFIRMED']));
    const rels = before.organizationRelationships.nodes;
    expect(rels.filter((r) => r.status === 'ACTIVE').length).toBe(3);
    expect(rels.filter((r) => r.status === 'COMPLETED').length).toBe(1);
    expect(
      rels.every(
        (r) =>
          r.agreement && r.goals.length === 2 && r.progress.confirmedMeetings + r.progress.notCountingMeetings >= 1,
      ),
    ).toBe(true);
    // the last one's mentor has not signed: its confirmed meetings do not count yet
    expect(rels.filter((r) => r.agreement?.fullySigned).length).toBe(3);
    expect(rels.filter((r) => r.progress.notCountingMeetings > 0).length).toBe(1);
    expect(before.audits.length).toBe(1);
    expect(before.audits[0].selections.length).toBeGreaterThan(0);
    // every demo person signs in with the demo password
    for (const p of [...DEMO_STAFF, DEMO_MENTORS[0], DEMO_MENTEES[0]]) await token(p.email, DEMO_PASSWORD);
    // only the expiry job can make an EXPIRED request: that is the one note
    expect(first.notes).toEqual([expect.stringMatching(/EXPIRED/)]);

    const second = await seedDemo({
      gatewayUrl,
      adminEmail: ADMIN_EMAIL,
      adminPassword: ADMIN_PASSWORD,
      // the admin has its own second factor by now (set up at its sign-in above): the seed is given a code
      adminSecondFactorCode: () => nextSecondFactorCode(heldSecondFactor(ADMIN_EMAIL)!),
      log: () => {},
    });
    expect(second.alreadyLoaded).toBe(true);
    expect(second.userIds).toEqual(first.userIds);
    await stack.settle();
    expect(await snapshot(admin)).toEqual(before);
  }, 180_000);
});

describe.skipIf(!hasChromium)('admin app in Chromium', { timeout: 60_000 }, () => {
  it('should refuse a wrong password next to the form, then sign a coach in to the pages of their role only', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/relationships`);
    await page.getByRole('heading', { name: 'Tandem admin' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, '01-sign-in');

    await page.getByLabel('Email').fill(staff('coachNorth').email);
    await page.getByLabel('Password').fill('not-the-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await poll(() => page.getByRole('alert').first().textContent()).toMatch(/incorrect/i);
    await screenshot(page, '01-sign-in-error');

    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toEqual([
      'Caseload',
      'Analytics',
      'Notifications',
      'Mentor applications',
      'Matching',
      'Relationships',
      'Orientation',
      'Learning',
      'Invitations',
    ]);
    // the page asked for before signing in opens; the coach's home is their caseload
    expect(new URL(page.url()).pathname).toBe('/relationships');
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/caseload');
    expect(await page.getByText('Signed in as').textContent()).toContain('Priya Raman');

    // a page of another role is refused even by its address
    await page.goto(`${server.url}/users`);
    await poll(() => page.getByRole('alert').first().textContent()).toMatch(/not available to your role/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    await page.goto(`${server.url}/applications`);
    await page.getByLabel('Email').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('should refresh the session before the access token expires, and go back to sign-in when the refresh fails', async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, staff('analyst').email, DEMO_PASSWORD);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Notifications',
    ]);
    const before = JSON.parse((await page.evaluate(`sessionStorage.getItem('tandem.admin.session')`)) as string);

    // the token is about to expire: on reload the app refreshes it first
    await page.evaluate(
      `(() => { const s = JSON.parse(sessionStorage.getItem('tandem.admin.session')); s.accessTokenExpiresAt = new Date(Date.now() + 5000).toISOString(); sessionStorage.setItem('tandem.admin.session', JSON.stringify(s)); })()`,
    );
    await page.reload();
    await poll(
      async () =>
        JSON.parse((await page.evaluate(`sessionStorage.getItem('tandem.admin.session')`)) as string)?.refreshToken,
      { timeout: 10_000 },
    ).not.toBe(before.refreshToken);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const after = JSON.parse((await page.evaluate(`sessionStorage.getItem('tandem.admin.session')`)) as string);
    expect(Date.parse(after.accessTokenExpiresAt)).toBeGreaterThan(Date.now() + 60_000);

    // a refresh token that no longer works ends the session
    await page.evaluate(
      `(() => { const s = JSON.parse(sessionStorage.getItem('tandem.admin.session')); s.refreshToken = 'revoked'; s.accessTokenExpiresAt = new Date(Date.now() + 5000).toISOString(); sessionStorage.setItem('tandem.admin.session', JSON.stringify(s)); })()`,
    );
    await page.reload();
    await page.getByText('Your session ended. Please sign in again.').waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('should let a coach approve a pending mentor application from their organisation with a note', async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, staff('coachNorth').email, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Mentor applications' }).click();
    const pending = DEMO_MENTORS.find((m) => !m.approve && m.org === 'northbridge')!;
    await page.getByRole('heading', { name: pending.name }).waitFor();
    await screenshot(page, '02-applications');

    const card = page.getByRole('article', { name: pending.name });
    // a rejection needs a reason, shown next to the field
    await card.getByRole('button', { name: `Reject ${pending.name}` }).click();
    await poll(() => card.locator('.field-error').textContent()).toMatch(/reason/i);
    expect(await card.getByLabel(/Note/).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '02-applications-error');
    await card.getByLabel(/Note/).fill('Great experience with data teams; approved.');
    await card.getByRole('button', { name: `Approve ${pending.name}` }).click();
    await page.getByText(`${pending.name}: approved.`).waitFor();

    const res = await stack.gql<{ user: { mentorProfile: { status: string; reviewComment: string } } }>(
      `query ($id: ID!) { user(id: $id) { mentorProfile { status reviewComment } } }`,
      { id: seed.userIds[pending.key] },
      { token: await adminToken() },
    );
    expect(res.data?.user.mentorProfile).toEqual({
      status: 'APPROVED',
      reviewComment: 'Great experience with data teams; approved.',
    });
    await context.close();
  });

  it("should let an admin set a programme's language and time zone on its form", async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Organisations & programmes' }).click();
    const token = await adminToken();
    const created = await stack.gql<{ createProgramme: { programme: { id: string; name: string } } }>(
      `mutation ($i: ProgrammeInput!) { createProgramme(input: $i) { programme { id name } } }`,
      {
        i: {
          name: `Passerelle ${randomUUID().slice(0, 6)}`,
          terms: { targetHours: 6, durationWeeks: 17, minMeetings: 6 },
          cpdCategory: 'Mentoring',
        },
      },
      { token },
    );
    const programme = created.data!.createProgramme.programme;
    await page.reload();
    await page.getByRole('button', { name: `Edit ${programme.name}` }).click();
    const form = page.getByRole('form', { name: `Edit ${programme.name}` });
    expect(await form.getByLabel(/Time zone/).inputValue()).toBe('America/Toronto');
    await form.getByLabel(/Language of invitations/).selectOption('fr-CA');
    await form.getByLabel(/Time zone/).selectOption('America/Vancouver');
    await form.getByRole('button', { name: 'Save programme' }).click();
    await poll(async () => {
      const res = await stack.gql<{ programme: { defaultLanguage: string; timeZone: string } }>(
        `query ($id: ID!) { programme(id: $id) { defaultLanguage timeZone } }`,
        { id: programme.id },
        { token },
      );
      return res.data?.programme;
    }).toEqual({ defaultLanguage: 'fr-CA', timeZone: 'America/Vancouver' });
    await context.close();
  });

  it('should let a coach invite a mentee into a programme their organisation runs, offering no other', async () => {
    const { context, page } = await newPage();
    const coach = staff('coachNorth');
    await signIn(page, server.url, coach.email, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('heading', { name: 'Invitations', level: 1 }).waitFor();
    // the programmes offered are exactly those the coach's organisation runs
    const me = await stack.gql<{ me: { organization: { id: string } } }>(
      `{ me { organization { id } } }`,
      {},
      { token: (await signInThroughApi(coach.email, DEMO_PASSWORD)).accessToken },
    );
    const all = await stack.gql<{
      programmes: { edges: Array<{ node: { name: string; organizations: Array<{ id: string }> } }> };
    }>(`{ programmes(first: 50) { edges { node { name organizations { id } } } } }`, {}, { token: await adminToken() });
    const runs = all
      .data!.programmes.edges.filter((e) => e.node.organizations.some((o) => o.id === me.data!.me.organization.id))
      .map((e) => e.node.name);
    expect(runs.length).toBeGreaterThan(0);
    const select = page.locator('#invite-programme');
    expect((await select.locator('option').allTextContents()).slice(1).sort()).toEqual([...runs].sort());
    // only participant roles
    expect(await page.locator('#invite-role option').allTextContents()).toEqual(['Mentee', 'Mentor']);

    const email = `invited-by-coach-${randomUUID().slice(0, 8)}@cohort.test`;
    await page.locator('#invite-email').fill(email);
    await page.locator('#invite-name').fill('Lucía Fernández');
    await select.selectOption({ label: runs[0]! });
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText(`Invitation sent to ${email}.`).waitFor();
    await screenshot(page, '12-coach-invitations');
    await context.close();
  });

  it("should show a coach their organisation's relationships with progress against the terms, and a relationship's detail", async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, staff('coachNorth').email, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Relationships' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Ana Silva with Amara Okafor' });
    await row.waitFor();
    // three meetings of 60, 90 and 120 minutes confirmed by both under a signed agreement
    expect(await row.textContent()).toContain('4.5 of 24 h · 3 of 6 meetings');
    // Lakeshore's relationships are not this coach's
    expect(await page.getByRole('row').filter({ hasText: 'Fatima Zahra' }).count()).toBe(0);
    expect(await page.getByRole('row').filter({ hasText: 'Rahul Mehta with Luis Fernández' }).count()).toBe(1);
    await screenshot(page, '04-relationships');

    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'Ana Silva with Amara Okafor' }).waitFor();
    await page.getByRole('heading', { name: 'Meeting log' }).waitFor();
    await page.getByText('Signed by both').waitFor();
    expect(await page.getByText('Signed by both').count()).toBe(1);
    expect(await page.getByRole('row').filter({ hasText: 'Introductions and goals' }).count()).toBe(2);
    expect(await page.getByRole('row').filter({ hasText: 'Land a developer role' }).count()).toBe(1);
    // the seed's check-in, then a new one: notes are required next to their field
    await page.getByText('Both partners engaged; agreement signed and three meetings confirmed.').waitFor();
    await page.getByRole('button', { name: 'Record check-in' }).click();
    await poll(() => page.locator('#ci-notes-error').textContent()).toBeTruthy();
    await page.getByLabel('Notes').fill('Met both partners; the resume is nearly done.');
    await page.getByRole('button', { name: 'Record check-in' }).click();
    await page.getByText('Check-in recorded.').waitFor();
    await page.locator('.check-ins li').filter({ hasText: 'Met both partners; the resume is nearly done.' }).waitFor();
    // the coach writes to the pair in the coach thread (the partners are notified)
    await page.getByLabel('Write to the pair').fill('How did the mock interview go?');
    await page.getByRole('button', { name: 'Send to the pair' }).click();
    await page.getByText('Sent; both partners are notified.').waitFor();
    await page.locator('.check-ins li').filter({ hasText: 'How did the mock interview go?' }).waitFor();
    // the coach asks both partners how it is going: the pulse waits for their answers, and a second cannot be asked
    const pulses = page.getByRole('region', { name: 'Pulse check-ins' });
    await pulses.getByRole('button', { name: 'Ask how it is going' }).click();
    await pulses.getByText('Asked: both partners are notified.').waitFor();
    await pulses.locator('.pulses li').filter({ hasText: 'How is it going?' }).first().waitFor();
    expect(await pulses.getByText('not answered yet').count()).toBe(2);
    await poll(() => pulses.getByRole('button', { name: 'Ask how it is going' }).isDisabled()).toBe(true);
    // never messages or private notes
    expect(await page.locator('main').textContent()).not.toMatch(/private note|message/i);
    await screenshot(page, '04-relationship-detail');
    await context.close();
  });

  it('should let a coach rank mentors for a mentee with explanations, propose one, and see the proposal confirmed by the mentor', async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, staff('coachNorth').email, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Matching' }).click();
    await page
      .getByLabel('Mentee', { exact: true })
      .selectOption({ label: 'Kofi Boateng (Northbridge Newcomer Services)' });
    await page.getByRole('heading', { name: 'Ranked mentors' }).waitFor();
    await page.locator('ol.results > li').first().waitFor();
    // rank among the demo's mentors
    const names = await page.locator('ol.results > li h3').allTextContents();
    const mentorName = names.find((n) => DEMO_MENTORS.some((m) => m.name === n))!;
    expect(mentorName).toBeDefined();
    const first = page
      .locator('ol.results > li')
      .filter({ has: page.getByRole('heading', { name: mentorName, exact: true }) });
    // the explanation names what matched
    expect(await first.getByRole('table').textContent()).toMatch(/skills|occupation|industry/);
    await screenshot(page, '05-matching');

    await first.getByLabel(`Note to ${mentorName}`).fill('Kofi is moving into data science; your path fits.');
    await first.getByRole('button', { name: `Propose ${mentorName}` }).click();
    await first.getByText(`Proposed ${mentorName} to mentor Kofi Boateng`).waitFor();

    // the mentor confirms through the API
    const mentor = DEMO_MENTORS.find((m) => m.name === mentorName)!;
    const login = await signInThroughGateway<{ session: { accessToken: string } }>(
      stack,
      mentor.email,
      DEMO_PASSWORD,
      `session { accessToken }`,
    );
    const token = login.data!.login.session.accessToken;
    const mine = await stack.gql<{
      matchProposals: { edges: Array<{ node: { id: string; status: string; mentee: { id: string } } }> };
    }>(`{ matchProposals(status: PROPOSED) { edges { node { id status mentee { id } } } } }`, {}, { token });
    const proposal = mine.data!.matchProposals.edges.find((e) => e.node.mentee.id === seed.userIds.kofi)!.node;
    const confirmed = await stack.gql<{ confirmMatchProposal: { errors: unknown[] } }>(
      `mutation ($p: ID!) { confirmMatchProposal(proposalId: $p) { errors { field code message } } }`,
      { p: proposal.id },
      { token },
    );
    expect(confirmed.data?.confirmMatchProposal.errors).toEqual([]);

    await page.getByRole('button', { name: 'Refresh proposals' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Kofi Boateng' }).filter({ hasText: mentorName });
    await poll(() => row.textContent()).toMatch(/confirmed/i);
    await screenshot(page, '05-matching-confirmed');

    // the relationship it started appears in the coach's list once the event is applied
    await stack.settle();
    await page.getByRole('link', { name: 'Relationships' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: `Kofi Boateng with ${mentorName}` })
      .waitFor();
    await context.close();
  });

  it('should run cohort matching, lock a pair, rerun with the lock kept, and publish the draft as proposals', async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, staff('coachLake').email, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Matching' }).click();
    await page.getByRole('link', { name: 'Cohort matching' }).click();
    const cohort = page.getByLabel('Cohort');
    await cohort.locator('option').nth(1).waitFor({ state: 'attached' });
    await cohort.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Run cohort matching' }).click();
    await page.getByRole('heading', { name: /Latest run/ }).waitFor();
    const pairs = page.locator('.card table tbody tr');
    expect(await pairs.count()).toBeGreaterThan(0);
    // a coach's run covers their own organisation's mentees only (mentors are the cohort's shared pool)
    await page.getByText(/mentees of Lakeshore Professional Association/).waitFor();
    // the run says what data it used (the demo's events have all arrived: no warning)
    await page.getByText(/Data as of .*: \d+ mentees? and \d+ approved mentors? of the programme\./).waitFor();
    expect(await page.getByText(/had not reached matching when it ran/).count()).toBe(0);
    const menteeCells = await pairs.locator('td:first-child').allTextContents();
    expect(menteeCells.filter((name) => name.includes('Outside your organisation'))).toEqual([]);
    const firstPair = pairs.first();
    const menteeName = (await firstPair.locator('td').nth(0).textContent())!.trim();
    const mentorName = (await firstPair.locator('td').nth(1).textContent())!.trim();
    expect(await firstPair.locator('td').nth(3).textContent()).toMatch(/\+\d+/);
    await screenshot(page, '05-cohort-draft');

    await page.getByRole('button', { name: `Lock ${menteeName} with ${mentorName}` }).click();
    await page.getByText('Pair locked. Rerun to apply it.').waitFor();
    await page.getByRole('button', { name: 'Rerun cohort matching' }).click();
    const locked = page.locator('.card table tbody tr').filter({ hasText: menteeName }).filter({ hasText: mentorName });
    await poll(() => locked.textContent()).toMatch(/locked/);
    await screenshot(page, '05-cohort-rerun');

    await page.getByRole('button', { name: /^Publish \d+ proposals?$/ }).click();
    await page.getByText(/^Published: \d+ proposals? sent to mentors\./).waitFor();
    await poll(() =>
      page
        .getByRole('heading', { name: /Latest run/ })
        .locator('.badge')
        .textContent(),
    ).toBe('published');
    expect(await page.getByRole('button', { name: /^Publish/ }).count()).toBe(0);
    await screenshot(page, '05-cohort-published');
    const runs = await stack.gql<{
      matchProposals: {
        edges: Array<{
          node: { mentee: { displayName: string }; mentor: { displayName: string }; runId: string | null };
        }>;
      };
    }>(
      `{ matchProposals(first: 50) { edges { node { runId mentee { displayName } mentor { displayName } } } } }`,
      {},
      { token: await adminToken() },
    );
    expect(
      runs.data!.matchProposals.edges.some(
        (e) => e.node.runId && e.node.mentee.displayName === menteeName && e.node.mentor.displayName === mentorName,
      ),
    ).toBe(true);
    await context.close();
  });

  it('should show an analyst the overview with KPIs and charts from programStats, filtered by organisation', async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, staff('analyst').email, DEMO_PASSWORD);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const kpi = (label: string) =>
      page
        .locator('.kpi')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('.value');
    await kpi('Matches').waitFor();

    const analyst = await signInThroughGateway<{ session: { accessToken: string } }>(
      stack,
      staff('analyst').email,
      DEMO_PASSWORD,
      `session { accessToken }`,
    );
    const token = analyst.data!.login.session.accessToken;
    const today = new Date().toISOString().slice(0, 10);
    const from = (() => {
      const d = new Date();
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
    })();
    const stats = async (filter: Record<string, string>) =>
      (
        await stack.gql<{ programStats: Array<{ matches: number; activeRelationships: number }> }>(
          `query ($f: LocalDate!, $t: LocalDate!, $filter: ProgramStatsFilter) { programStats(from: $f, to: $t, filter: $filter) { matches activeRelationships } }`,
          { f: from, t: today, filter },
          { token },
        )
      ).data!.programStats[0];
    // all programmes first, then the demo programme
    await poll(async () => Number(await kpi('Matches').textContent())).toBeGreaterThanOrEqual(4);
    await page.getByLabel('Programme').selectOption({ label: 'Career Bridge Mentoring' });
    const all = await stats({ programId: seed.programId });
    expect(all.matches).toBeGreaterThanOrEqual(4);
    await poll(() => kpi('Matches').textContent()).toBe(String(all.matches));
    expect(await kpi('Active relationships').textContent()).toBe(String(all.activeRelationships));
    // four charts drawn with data
    await poll(() => page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await screenshot(page, '03-overview');

    await page.getByLabel('Organisation').selectOption({ label: 'Lakeshore Professional Association' });
    const lake = await stats({ programId: seed.programId, organizationId: seed.organizationIds.lakeshore });
    expect(lake.matches).toBeLessThan(all.matches);
    await poll(() => kpi('Matches').textContent()).toBe(String(lake.matches));
    await screenshot(page, '03-overview-lakeshore');
    await context.close();
  });

  it('should let a programme admin narrow the relationships to one organisation', async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, staff('programAdmin').email, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Relationships' }).click();
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    const all = await rows.count();
    await page.getByLabel('Organisation').selectOption({ label: 'Lakeshore Professional Association' });
    const admin = await signInThroughGateway<{ session: { accessToken: string } }>(
      stack,
      staff('programAdmin').email,
      DEMO_PASSWORD,
      `session { accessToken }`,
    );
    const lake = (
      await stack.gql<{ organizationRelationships: { nodes: Array<{ mentee: { displayName: string } }> } }>(
        `query ($o: ID) { organizationRelationships(organizationId: $o, first: 50) { nodes { mentee { displayName } } } }`,
        { o: seed.organizationIds.lakeshore },
        { token: admin.data!.login.session.accessToken },
      )
    ).data!.organizationRelationships.nodes;
    expect(lake.length).toBeGreaterThan(0);
    expect(lake.length).toBeLessThan(all);
    await poll(() => rows.count()).toBe(lake.length);
    for (const r of lake) expect(await rows.filter({ hasText: r.mentee.displayName }).count()).toBe(1);
    await context.close();
  });

  it('should show a coach the overview of their own organisation only', async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, staff('coachLake').email, DEMO_PASSWORD);
    // a coach reaches the overview, scoped to their organisation, as their analytics
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByText('Figures for Lakeshore Professional Association.').waitFor();
    expect(await page.getByLabel('Organisation').count()).toBe(0);
    const kpi = (label: string) =>
      page
        .locator('.kpi')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('.value');
    const analyst = await signInThroughGateway<{ session: { accessToken: string } }>(
      stack,
      staff('analyst').email,
      DEMO_PASSWORD,
      `session { accessToken }`,
    );
    const from = (() => {
      const d = new Date();
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
    })();
    const lake = (
      await stack.gql<{ programStats: Array<{ matches: number }> }>(
        `query ($f: LocalDate!, $t: LocalDate!, $filter: ProgramStatsFilter) { programStats(from: $f, to: $t, filter: $filter) { matches } }`,
        {
          f: from,
          t: new Date().toISOString().slice(0, 10),
          filter: { organizationId: seed.organizationIds.lakeshore },
        },
        { token: analyst.data!.login.session.accessToken },
      )
    ).data!.programStats[0];
    await poll(() => kpi('Matches').textContent()).toBe(String(lake.matches));
    await screenshot(page, '03-overview-coach');
    await context.close();
  });

  it('should let a programme admin follow an audit cycle, download a tracking sheet through a signed link, record an outcome, and open a cycle with field errors shown', async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, staff('programAdmin').email, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Audits' }).click();
    const cycle = page.getByRole('row').filter({ hasText: 'seed “demo-2026”' });
    await cycle.waitFor();
    await screenshot(page, '07-audits');
    await cycle.getByRole('link').click();
    const card = page.getByRole('article').first();
    await card.waitFor();
    const person = (await card.getByRole('heading').textContent())!;

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: 'Tracking sheet (CSV)' }).click(),
    ]);
    const csv = await (
      await download.createReadStream()
    )
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(csv.split('\n').length).toBeGreaterThan(1);
    expect(csv).toMatch(/Next steps/);

    await card.getByLabel('Reviewer notes').fill('Evidence matches the meeting log.');
    await card.getByLabel('Outcome', { exact: true }).selectOption('VERIFIED');
    await card.getByRole('button', { name: `Record outcome for ${person}` }).click();
    await poll(() => card.locator('.badge').first().textContent()).toBe('verified');
    expect(
      await card
        .locator('p')
        .filter({ hasText: `by Helen Osei` })
        .filter({ hasText: 'Evidence matches the meeting log.' })
        .count(),
    ).toBe(1);
    await screenshot(page, '07-audit-detail');

    // a new cycle: an impossible sample is refused next to its field
    await page.getByRole('link', { name: '← All audits' }).click();
    await page.getByLabel('Sample (%)').fill('0');
    await page.getByRole('button', { name: 'Open audit cycle' }).click();
    await poll(() => page.locator('#a-rate-error').textContent()).toBeTruthy();
    await screenshot(page, '07-audit-open-error');
    await page.getByLabel('Sample (%)').fill('100');
    await page.getByLabel('Seed (empty: drawn at random)').fill('browser-test');
    // scoped to the demo's programme, whose name the list of scopes gives
    await page.getByLabel('Scope').selectOption(`programme:${seed.programId}`);
    await page.getByRole('button', { name: 'Open audit cycle' }).click();
    await page.getByRole('heading', { name: /^Audit / }).waitFor();
    await screenshot(page, '07-audit-opened');
    await poll(() => page.locator('section > p.muted').first().textContent()).toContain('seed “browser-test”');
    const commitment = createHash('sha256').update('browser-test').digest('hex');
    const published = page.locator('dl.audit-commitment');
    await poll(() => published.textContent()).toMatch(new RegExp(`Programme: (?!one programme).+${commitment}`));
    // the proof anyone can check: the population the draw read, and everyone selected is in it
    const [proofFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Selection proof (JSON)' }).click(),
    ]);
    const proof = JSON.parse(Buffer.concat(await (await proofFile.createReadStream()).toArray()).toString('utf8')) as {
      seed: string;
      seedCommitment: string;
      programmeId: string;
      selected: string[];
      populationMembers: Array<{ personId: string }>;
    };
    expect(proof).toMatchObject({ seed: 'browser-test', seedCommitment: commitment, programmeId: seed.programId });
    const population = new Set(proof.populationMembers.map((m) => m.personId));
    expect(proof.selected.length).toBe(population.size); // 100 %
    expect(proof.selected.every((id) => population.has(id))).toBe(true);
    await context.close();
  });

  it('should let an admin add a cohort (errors next to the fields) and grant a staff role to a person', async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Notifications',
      'Mentor applications',
      'Matching',
      'Relationships',
      'Orientation',
      'Learning',
      'Audits',
      'Organisations & programmes',
      'Users',
      'Invitations',
      'Webhooks',
      'API keys',
      'Audit log',
    ]);
    await page.getByRole('link', { name: 'Organisations & programmes' }).click();
    const programme = page.getByRole('article', { name: 'Career Bridge Mentoring' });
    await programme.waitFor();
    expect(await programme.textContent()).toContain('24 hours and 6 meetings over 17 weeks');
    // the link staff send to invite participants opens the programme in the participant app
    const invitation = await programme.getByLabel('Invitation link for participants').inputValue();
    expect(invitation).toMatch(new RegExp(`^${PARTICIPANT_APP_URL}/programmes#programme-[0-9a-f-]{36}$`));
    await programme.getByLabel('Cohort name').fill('Spring 2027');
    await programme.getByRole('button', { name: 'Add cohort' }).click();
    await poll(() => programme.locator('.field-error').allTextContents()).toEqual([
      'Choose a start date.',
      'Choose an end date.',
    ]);
    await programme.getByLabel('Starts on').fill('2027-03-01');
    await programme.getByLabel('Ends on').fill('2027-07-30');
    await programme.getByRole('button', { name: 'Add cohort' }).click();
    await programme.getByText('Spring 2027: Mar 1, 2027 – Jul 30, 2027').waitFor();
    await screenshot(page, '08-organisations');

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Search').fill('Elena');
    const row = page.getByRole('row').filter({ hasText: 'Elena Petrova' });
    await row.waitFor();
    await row.getByLabel('Role to grant').selectOption('ANALYST');
    await row.getByRole('button', { name: 'Grant to Elena Petrova' }).click();
    await row.getByText('analyst granted to Elena Petrova.').waitFor();
    await screenshot(page, '08-users');
    const res = await stack.gql<{ user: { roles: string[] } }>(
      `query ($id: ID!) { user(id: $id) { roles } }`,
      { id: seed.userIds.elena },
      { token: await adminToken() },
    );
    expect(res.data?.user.roles).toEqual(expect.arrayContaining(['MENTEE', 'ANALYST']));
    await context.close();
  });

  it('should fit every page of every staff role on a phone (390 px) with no serious accessibility violation', async () => {
    // coaches work between meetings, on their phones: nothing may scroll sideways (tables scroll inside themselves)
    const roles = [
      { who: 'coach', email: staff('coachNorth').email, password: DEMO_PASSWORD },
      { who: 'programme-admin', email: staff('programAdmin').email, password: DEMO_PASSWORD },
      { who: 'analyst', email: staff('analyst').email, password: DEMO_PASSWORD },
      { who: 'admin', email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    ];
    const problems: string[] = [];
    const check = async (page: Page, name: string) => {
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, name);
      const over = await overflowPx(page);
      if (over > 0) problems.push(`${name}: ${over} px wider than the phone`);
      for (const v of await axeViolations(page)) problems.push(`${name}: ${v}`);
    };
    for (const role of roles) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signIn(page, server.url, role.email, role.password);
      const nav = page.getByRole('navigation', { name: 'Main' });
      const paths = await nav.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(paths.length, role.who).toBeGreaterThan(0);
      for (const path of [...paths, '/account/password', '/account/emails']) {
        await page.goto(`${server.url}${path}`);
        const name = `390-admin-${role.who}${path.replace(/\//g, '-')}`;
        await check(page, name);
        // and the first detail the list links to (a relationship, an audit)
        const detail = page.locator(`main a[href^="${path}/"]`).first();
        const href = path.length > 1 && (await detail.count()) ? await detail.getAttribute('href') : null;
        if (href) {
          await page.goto(`${server.url}${href}`);
          await check(page, `${name}-detail`);
        }
      }
      await context.close();
    }
    expect(problems).toEqual([]);
    // some forty pages (the coach's caseload, learning and training among them) on a machine shared with other runs
  }, 600_000);

  it("should show an admin the audit log as a list that fits a 390 px phone, filtered by a person's name", async () => {
    // the grant of the test before is in the log (through UserRolesChanged): make one of our own if run alone
    const elena = seed.userIds.elena;
    await stack.gql(
      `mutation ($input: ChangeRolesInput!) { grantRoles(input: $input) { errors { code } } }`,
      { input: { userId: elena, roles: ['ANALYST'] } },
      { token: await adminToken() },
    );
    await stack.settle();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`${server.url}/audit-log`);
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByLabel('What').selectOption('ROLES_CHANGED');
    const line = page.locator('.audit-log li').filter({ hasText: 'Elena Petrova' }).first();
    await line.waitFor();
    expect(await line.textContent()).toMatch(/Roles are now: .*analyst/);
    // a list, never wider than the phone
    expect(await page.locator('.audit-log table').count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await line.getByRole('button', { name: 'Elena Petrova' }).click();
    await page.getByRole('button', { name: 'About Elena Petrova ✕' }).waitFor();
    await poll(async () =>
      (await page.locator('.audit-log li').allTextContents()).every((t) => t.includes('Elena Petrova')),
    ).toBe(true);
    await screenshot(page, '09-audit-log-390');
    // anyone but an ADMIN is refused by the API (the page is not in their navigation)
    const analyst = await stack.gql(
      `{ securityAuditLog(first: 1) { edges { cursor } } }`,
      {},
      {
        as: { userId: elena, roles: ['ANALYST'], organizationId: null },
      },
    );
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await context.close();
  });
});

describe.skipIf(!hasChromium)('passwords in the admin app', { timeout: 90_000 }, () => {
  it("should confirm a staff member's new sign-in email from the emailed link, then sign in with it", async () => {
    const person = await newAnalyst('Omar Moving');
    const session = await signInThroughApi(person.email, person.password);
    const newEmail = `omar.moved.${randomUUID().slice(0, 8)}@staff.tandem.test`;
    const asked = await stack.gql<{ requestEmailChange: { errors: unknown[] } }>(
      `mutation ($i: RequestEmailChangeInput!) { requestEmailChange(input: $i) { errors { field code } } }`,
      { i: { newEmail, currentPassword: person.password } },
      { token: session.accessToken },
    );
    expect(asked.data?.requestEmailChange.errors).toEqual([]);
    const [mail] = await eventually(async () => {
      const mails = (await mailsTo(MAIL_DIR, newEmail)).filter(
        (m) => m.headers.subject === 'Confirm your new Tandem sign-in email',
      );
      expect(mails).toHaveLength(1);
      return mails;
    }, 15_000);
    // a staff member's link opens the admin app's page (EMAIL_CHANGE_URL), here on this test's server
    const link = new URL(mail.text.match(/https?:\/\/\S+/)![0]);
    expect(link.pathname).toBe('/email-change');
    const { context, page } = await newPage();
    await page.goto(`${server.url}${link.pathname}${link.search}`);
    await page.getByRole('heading', { name: 'Confirm your new sign-in email' }).waitFor();
    // the token leaves the address bar once read; nothing changes until the button is pressed
    await poll(() => new URL(page.url()).searchParams.has('token')).toBe(false);
    await screenshot(page, '11-email-change');
    await page.getByRole('button', { name: 'Confirm my new sign-in email' }).click();
    await poll(() => page.getByRole('status').textContent()).toContain('you now sign in with your new email');
    await screenshot(page, '11-email-change-done');
    await signIn(page, server.url, newEmail, person.password);
    await context.close();
  });

  it('should let an admin check a file of invitations, see the bad row, send the rest, and the invited analyst accept from the link', async () => {
    const run = randomUUID().slice(0, 8);
    const analyst = `invited.analyst.${run}@staff.tandem.test`;
    const csv = [
      'email,name,role',
      analyst + ',Noor Haddad,analyst',
      `invited.mentee.${run}@people.tandem.test,Lina Costa,mentee`,
      `invited.mentor.${run}@people.tandem.test,Tomás Ruiz,mentor`,
      'not an address,Someone,mentee',
    ].join('\n');
    const { context, page } = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('heading', { name: 'Invitations', level: 1 }).waitFor();
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'spring.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('#file-programme').selectOption({ label: 'Career Bridge Mentoring' });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('Line 5', { exact: false }).waitFor();
    expect(await page.getByText('ready to send', { exact: false }).textContent()).toMatch(
      /3 ready to send, 1 with a problem/,
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowPx(page)).toBe(0);
    await screenshot(page, '12-invitations-preview');
    await page.getByRole('button', { name: 'Send 3 invitations' }).click();
    await page.getByText('3 invitations sent; 1 row left out.').waitFor();
    await page.locator('li', { hasText: analyst }).getByText('pending').waitFor();

    // the analyst's email links to the admin app's invitation page
    const mail = await eventually(async () => {
      const mails = await mailsTo(MAIL_DIR, analyst);
      expect(mails).toHaveLength(1);
      return mails[0]!;
    }, 15_000);
    const link = new URL(mail.text.match(/https?:\/\/\S+/)![0]);
    expect(link.pathname).toBe('/invitation');
    const invited = await newPage();
    await invited.page.goto(`${server.url}${link.pathname}${link.search}`);
    await invited.page
      .getByText(`You are invited to the staff workspace as an analyst, signing in as ${analyst}`)
      .waitFor();
    await poll(() => new URL(invited.page.url()).searchParams.has('token')).toBe(false);
    await invited.page.getByLabel('Password', { exact: true }).fill('Invited-analyst-2026');
    await invited.page.getByLabel('Confirm password').fill('Invited-analyst-2026');
    await invited.page.getByRole('button', { name: 'Create my account' }).click();
    await invited.page.getByText(`Your account is ready: sign in as ${analyst}`).waitFor();
    await screenshot(invited.page, '12-invitation-accepted');
    await signIn(invited.page, server.url, analyst, 'Invited-analyst-2026');
    await invited.page.getByRole('link', { name: 'Overview' }).waitFor();
    await invited.context.close();
    await context.close();
  });

  it('should send a reset link from “Forgot your password?”, set a new password with it, and sign in with that', async () => {
    const person = await newAnalyst('Nadia Forgetful');
    const { context, page } = await newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    // a malformed address is named next to its field
    await page.getByLabel('Email').fill('not-an-address');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await poll(() => page.locator('#email-error').textContent()).toMatch(/valid email/);
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '09-forgot-password');

    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    const confirmation = page.getByRole('status');
    await poll(() => confirmation.textContent()).toContain(`If an account uses ${person.email}`);
    await screenshot(page, '09-forgot-password-sent');
    // an address without an account gets the very same confirmation
    const stranger = `nobody.${randomUUID().slice(0, 8)}@demo.tandem.local`;
    const other = await newPage();
    await other.page.goto(`${server.url}/forgot-password`);
    await other.page.getByLabel('Email').fill(stranger);
    await other.page.getByRole('button', { name: 'Send reset link' }).click();
    await poll(() => other.page.getByRole('status').textContent()).toContain(stranger);
    expect((await other.page.getByRole('status').textContent())!.replace(stranger, '…')).toBe(
      (await confirmation.textContent())!.replace(person.email, '…'),
    );
    await other.context.close();

    // the email's link, opened on this test's server (the link names the configured reset page)
    const [mail] = await eventually(async () => {
      const mails = (await mailsTo(MAIL_DIR, person.email)).filter(
        (m) => m.headers.subject === 'Reset your Tandem password',
      );
      expect(mails).toHaveLength(1);
      return mails;
    }, 15_000);
    const link = new URL(mail.text.match(/https?:\/\/\S+/)![0]);
    expect(`${link.origin}${link.pathname}`).toBe(RESET_URL);
    expect(await mailsTo(MAIL_DIR, stranger)).toEqual([]);
    const resetPage = `${server.url}${link.pathname}${link.search}`;
    await page.goto(resetPage);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    // the token leaves the address bar (and the history) once read
    await poll(() => new URL(page.url()).search).toBe('');
    await screenshot(page, '09-reset-password');

    // the policy's refusal next to the field, and a confirmation that does not match
    await page.getByLabel('New password', { exact: true }).fill('password123');
    await page.getByLabel('Confirm new password').fill('password123');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await poll(() => page.locator('#newPassword-error').textContent()).toMatch(/too common/);
    expect(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '09-reset-password-error');
    await page.getByLabel('New password', { exact: true }).fill('Fresh-analyst-pass-2026');
    await page.getByLabel('Confirm new password').fill('Fresh-analyst-pass-2027');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await poll(() => page.locator('#confirmPassword-error').textContent()).toBe('The two passwords do not match.');
    expect(await page.locator('#newPassword-error').count()).toBe(0); // the refusal of the earlier password is gone
    await screenshot(page, '09-reset-password-mismatch');
    await page.getByLabel('Confirm new password').fill('Fresh-analyst-pass-2026');
    await page.getByRole('button', { name: 'Set new password' }).click();

    // done: off to sign-in, where the new password works and the old one does not
    await page.getByText('Your password was changed. Sign in with your new password.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, '09-reset-password-done');
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await poll(() => page.getByRole('alert').first().textContent()).toMatch(/incorrect/i);
    await page.getByLabel('Password').fill('Fresh-analyst-pass-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    // the link works once
    const again = await newPage();
    await again.page.goto(resetPage);
    await again.page.getByLabel('New password', { exact: true }).fill('Another-analyst-pass-1');
    await again.page.getByLabel('Confirm new password').fill('Another-analyst-pass-1');
    await again.page.getByRole('button', { name: 'Set new password' }).click();
    await poll(() => again.page.getByRole('alert').first().textContent()).toMatch(/not valid any more/);
    await again.page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await screenshot(again.page, '09-reset-password-used');
    await again.context.close();
    await context.close();
  });

  it('should let staff set up two-step sign-in from Security on a 390 px screen, renew the recovery codes and remove it', async () => {
    const person = await newAnalyst('Tess Twostep');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const fits = () => page.evaluate(`document.documentElement.scrollWidth <= window.innerWidth`);
    await signIn(page, server.url, person.email, person.password); // an analyst: no second step yet
    await page.getByRole('banner').getByRole('link', { name: 'Security' }).click();
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    expect(await fits()).toBe(true);
    await screenshot(page, '11-two-step-setup-390');
    const factor: HeldSecondFactor = { secret, lastStep: 0, recoveryCodes: [] };
    await page.getByLabel('Code from your app').fill('000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await poll(() => page.locator('#enrol-code-error').textContent()).toMatch(/not right/);
    await page.getByLabel('Code from your app').fill(await nextSecondFactorCode(factor));
    await page.getByRole('button', { name: 'Confirm' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).locator('code');
    await codes.first().waitFor();
    factor.recoveryCodes = (await codes.allTextContents()).map((c) => c.trim());
    expect(factor.recoveryCodes).toHaveLength(10);
    expect(await page.getByRole('link', { name: 'Download' }).getAttribute('download')).toBe(
      'tandem-recovery-codes.txt',
    );
    expect(await fits()).toBe(true);
    await screenshot(page, '11-two-step-recovery-codes-390');
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.getByRole('heading', { name: 'Two-step sign-in is on' }).waitFor();
    await page.getByText('Recovery codes left: 10').waitFor();

    // new recovery codes with a code of the app: the old ones stop working
    await page.getByLabel('Code from your app', { exact: true }).fill(await nextSecondFactorCode(factor));
    await page.getByRole('button', { name: 'Renew recovery codes' }).click();
    await codes.first().waitFor();
    const renewed = (await codes.allTextContents()).map((c) => c.trim());
    expect(renewed.some((c) => factor.recoveryCodes.includes(c))).toBe(false);
    factor.recoveryCodes = renewed;
    holdSecondFactor(person.email, factor);
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();

    // the next sign-in asks for a code (the harness answers it as the app would)
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, server.url, person.email, person.password);
    await page.getByRole('banner').getByRole('link', { name: 'Security' }).click();
    await page.getByLabel('Current password').fill(person.password);
    await page.getByLabel('Code from your app or a recovery code').fill(factor.recoveryCodes.pop()!);
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).waitFor();
    holdSecondFactor(person.email, undefined);
    await context.close();
  });

  it('should let a signed-in person change their password from the header, with errors next to the fields, and stay signed in', async () => {
    const person = await newAnalyst('Oscar Careful');
    const otherDevice = await signInThroughApi(person.email, person.password);
    const { context, page } = await newPage();
    await signIn(page, server.url, person.email, person.password);
    const before = JSON.parse((await page.evaluate(`sessionStorage.getItem('tandem.admin.session')`)) as string);
    await page.getByRole('banner').getByRole('link', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Change password' }).waitFor();
    await screenshot(page, '10-change-password');

    // nothing typed in the current password: said here, without asking the server
    await page.getByRole('button', { name: 'Change password' }).click();
    await poll(() => page.locator('#currentPassword-error').textContent()).toBe('Enter your current password.');
    // a wrong current password and a short new one: each named next to its field
    await page.getByLabel('Current password').fill('not-my-password-1');
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Confirm new password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await poll(() => page.locator('#currentPassword-error').textContent()).toBe(
      'Your current password is not correct.',
    );
    await poll(() => page.locator('#newPassword-error').textContent()).toMatch(/at least 10 characters/);
    await screenshot(page, '10-change-password-errors');

    await page.getByLabel('Current password').fill(person.password);
    await page.getByLabel('New password', { exact: true }).fill('Changed-analyst-pass-2026');
    await page.getByLabel('Confirm new password').fill('Changed-analyst-pass-2026');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password was changed. Other devices were signed out.').waitFor();
    await screenshot(page, '10-change-password-done');

    // this tab holds the new session and keeps working; the other device is signed out
    const after = JSON.parse((await page.evaluate(`sessionStorage.getItem('tandem.admin.session')`)) as string);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const refresh = `mutation ($t: String!) { refreshSession(refreshToken: $t) { ok } }`;
    expect(
      (await stack.gql<{ refreshSession: { ok: boolean } }>(refresh, { t: otherDevice.refreshToken })).data
        ?.refreshSession.ok,
    ).toBe(false);
    expect(
      (await stack.gql<{ refreshSession: { ok: boolean } }>(refresh, { t: before.refreshToken })).data?.refreshSession
        .ok,
    ).toBe(false);
    // told by email
    await eventually(
      async () =>
        expect((await mailsTo(MAIL_DIR, person.email)).map((m) => m.headers.subject)).toContain(
          'Your Tandem password was changed',
        ),
      15_000,
    );

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, server.url, person.email, 'Changed-analyst-pass-2026');
    await context.close();
  });

  it('should let staff choose which notifications also come by email, offering only the kinds their roles receive', async () => {
    const { context, page } = await newPage();
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('banner').getByRole('link', { name: 'Emails' }).click();
    await page.getByRole('heading', { name: 'Emails', level: 1 }).waitFor();
    const switches = page.getByRole('list', { name: 'Notifications by email' }).getByRole('switch');
    await switches.first().waitFor();
    const kinds = await switches.evaluateAll((inputs) => inputs.map((i) => i.getAttribute('data-kind')));
    // an administrator is told of a disabled webhook, a password change and a member asking for a credential (when
    // the organisation has no programme admin), not of a mentee's request
    expect(kinds).toEqual(['PASSWORD_CHANGED', 'WEBHOOK_ENDPOINT_DISABLED', 'CREDENTIAL_REQUESTED']);
    const always = page.getByRole('switch', { name: /My password is changed/ });
    expect(await always.isChecked()).toBe(true);
    expect(await always.isDisabled()).toBe(true);
    const webhook = page.getByRole('switch', { name: 'A webhook endpoint is disabled after failing' });
    await webhook.click();
    await poll(() => webhook.isChecked()).toBe(false);
    await screenshot(page, '11-emails');
    const saved = await stack.gql<{ me: { notificationEmails: Array<{ kind: string; email: boolean }> } }>(
      `{ me { notificationEmails { kind email } } }`,
      {},
      { token: await adminToken() },
    );
    expect(saved.data?.me.notificationEmails).toContainEqual({ kind: 'WEBHOOK_ENDPOINT_DISABLED', email: false });
    await webhook.click();
    await poll(() => webhook.isChecked()).toBe(true);
    await context.close();
  });
});

/** A new analyst (registered, then granted ANALYST by the admin), so password changes touch no one else's sign-in. */
async function newAnalyst(displayName: string): Promise<{ email: string; password: string }> {
  const email = `${displayName.split(' ')[0].toLowerCase()}.${randomUUID().slice(0, 8)}@staff.tandem.test`;
  const password = 'Analyst-first-pass-1';
  const reg = await stack.gql<{ register: { ok: boolean } }>(
    `mutation ($input: RegisterInput!) { register(input: $input) { ok } }`,
    { input: { email, password, displayName, roles: ['MENTEE'] } },
  );
  expect(reg.data?.register.ok).toBe(true);
  // register answers without a session: the new account signs in
  const registered = await signInThroughGateway<{ session: { user: { id: string } } }>(
    stack,
    email,
    password,
    `session { user { id } }`,
  );
  const granted = await stack.gql<{ grantRoles: { errors: unknown[] } }>(
    `mutation ($input: ChangeRolesInput!) { grantRoles(input: $input) { errors { field code message } } }`,
    { input: { userId: registered.data!.login.session.user.id, roles: ['ANALYST'] } },
    { token: await adminToken() },
  );
  expect(granted.data?.grantRoles.errors).toEqual([]);
  return { email, password };
}

async function signInThroughApi(
  email: string,
  password: string,
): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await signInThroughGateway<{ session: { accessToken: string; refreshToken: string } }>(
    stack,
    email,
    password,
    `session { accessToken refreshToken }`,
  );
  return res.data!.login.session;
}

if (!hasChromium) {
  describe('admin app in Chromium', () => {
    it.skip(SKIP_REASON, () => {});
  });
}

async function token(email: string, password: string): Promise<string> {
  const res = await signInThroughGateway<{ ok: boolean; session: { accessToken: string } | null }>(
    stack,
    email,
    password,
    `ok session { accessToken }`,
  );
  expect(res.data?.login.ok).toBe(true);
  return res.data!.login.session!.accessToken;
}

/** What the demo looks like through the API, as the admin sees it (only the demo's data). */
async function snapshot(admin: string) {
  const q = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await stack.gql<T>(query, variables, { token: admin });
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const demo = new Set(Object.values(seed.userIds));
  const users = await q<{ users: { edges: Array<{ node: { id: string } }> } }>(
    `{ users(search: "demo.tandem.local", first: 50) { edges { node { id } } } }`,
  );
  const orgs = await q<{
    organizations: Array<{ name: string }>;
    programs: Array<{ name: string; cohorts: unknown[] }>;
  }>(`{ organizations { name } programs { name cohorts { id } } }`);
  const requests = await q<{
    mentoringRequests: { edges: Array<{ node: { status: string; mentee: { id: string } } }> };
  }>(`{ mentoringRequests(first: 50) { edges { node { status mentee { id } } } } }`);
  const proposals = await q<{ matchProposals: { edges: Array<{ node: { status: string; mentee: { id: string } } }> } }>(
    `{ matchProposals(first: 50) { edges { node { status mentee { id } } } } }`,
  );
  const rels: Relationship[] = [];
  for (const org of [seed.organizationIds.northbridge, seed.organizationIds.lakeshore]) {
    const r = await q<{ organizationRelationships: { nodes: Relationship[] } }>(
      `query ($o: ID!) { organizationRelationships(first: 20, organizationId: $o) { nodes { id status agreement { fullySigned } goals { id } progress { confirmedMeetings notCountingMeetings } } } }`,
      { o: org },
    );
    rels.push(...r.organizationRelationships.nodes);
  }
  const audits = await q<{ audits: Array<{ seed: string; selections: Array<{ id: string }> }> }>(
    `{ audits(first: 50) { seed selections { id } } }`,
  );
  return {
    users: users.users,
    organizations: orgs.organizations.filter(
      (o) => o.name === 'Northbridge Newcomer Services' || o.name === 'Lakeshore Professional Association',
    ),
    programs: orgs.programs.filter((p) => p.name === 'Career Bridge Mentoring'),
    mentoringRequests: { edges: requests.mentoringRequests.edges.filter((e) => demo.has(e.node.mentee.id)) },
    matchProposals: { edges: proposals.matchProposals.edges.filter((e) => demo.has(e.node.mentee.id)) },
    organizationRelationships: { nodes: rels },
    audits: audits.audits.filter((a) => a.seed === 'demo-2026'),
  };
}
type Relationship = {
  id: string;
  status: string;
  agreement: { fullySigned: boolean } | null;
  goals: unknown[];
  progress: { confirmedMeetings: number; notCountingMeetings: number };
};

async function adminToken(): Promise<string> {
  const res = await signInThroughGateway<{ session: { accessToken: string } }>(
    stack,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    `session { accessToken }`,
  );
  return res.data!.login.session.accessToken;
}
