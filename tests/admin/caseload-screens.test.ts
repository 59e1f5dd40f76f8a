/**
 * The coach's caseload in Chromium (issue 19): a coach signs in and lands on their caseload, which shows the pair
 * the daily scan flagged with each flag's reason, the check-in they owe it, counts at the top and the mentee of their
 * organisation whose orientation is outstanding (linking to the Orientation page, that programme chosen); on a
 * phone (390 px, no sideways scroll, no serious axe violation) and on a desktop. A coach of an organisation with no
 * pairs sees empty states that say all is fine. A coach whose programme asks the coach to sign the agreement signs it
 * from the relationship's page. Screenshots of each.
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
  createOrientedProgramme,
  createProgramme,
  enrolledMentee,
  startedDaysAgoAndScanned,
  startedPair,
} from '../support/programme-setup';
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

const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@caseload-screens.test`;
const VIEWPORTS = [
  { name: '390', viewport: { width: 390, height: 844 }, isMobile: true },
  { name: 'desktop', viewport: { width: 1280, height: 900 }, isMobile: false },
];

let stack: Stack;
let browser: Browser;
let server: AdminServer;
let dir: string | undefined;
let coach: Person;
let quietCoach: Person;
let orientedId: string;
let signingCoach: Person;
let signingPair: string;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships],
    env: adminEnv(ADMIN_EMAIL),
  });
  const admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  const org = await createOrganization(stack, admin, 'Harbour Centre');
  const quietOrg = await createOrganization(stack, admin, 'Quiet Centre');
  const programmeId = await createProgramme(stack, admin, [org]);
  coach = await registerStaff(stack, admin, 'Coach Harper', ['COACH'], org);
  quietCoach = await registerStaff(stack, admin, 'Coach Quinn', ['COACH'], quietOrg);
  const relationshipId = await startedPair(
    stack,
    programmeId,
    await enrolledMentee(stack, admin, programmeId, 'Mentee Idris', org),
    await approvedMentor(stack, admin, 'Mentor Juno', org),
  );
  await startedDaysAgoAndScanned(stack, relationshipId, 45);
  orientedId = (await createOrientedProgramme(stack, admin, [org])).id;
  await enrolledMentee(stack, admin, orientedId, 'Mentee Kofi', org);
  // a programme whose coach signs the agreement too: the pair drafted and signed it, the coach's signature waits
  const signingOrg = await createOrganization(stack, admin, 'Signing Centre');
  const signing = await createProgramme(stack, admin, [signingOrg], { requireCoachSignature: true });
  signingCoach = await registerStaff(stack, admin, 'Coach Sol', ['COACH'], signingOrg);
  const signingMentee = await enrolledMentee(stack, admin, signing, 'Mentee Lina', signingOrg);
  const signingMentor = await approvedMentor(stack, admin, 'Mentor Omar', signingOrg);
  signingPair = await startedPair(stack, signing, signingMentee, signingMentor);
  await call(
    stack,
    `mutation ($id: ID!, $input: AgreementInput!) { draftAgreement(relationshipId: $id, input: $input) { errors { field code } } }`,
    {
      id: signingPair,
      input: {
        topGoals: ['Find a first role in my field'],
        meetingPlace: 'Library',
        meetingTime: 'Tuesdays 6 pm',
        meetingLengthMinutes: 60,
        meetingFrequency: 'Every two weeks',
        initiator: 'MENTEE',
        confidentiality: 'STAYS_BETWEEN_US',
        durationWeeks: 12,
      },
    },
    signingMentee.token,
  );
  for (const partner of [signingMentee, signingMentor])
    await call(
      stack,
      `mutation ($id: ID!) { signAgreement(relationshipId: $id, version: 1) { errors { field code } } }`,
      { id: signingPair },
      partner.token,
    );
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

async function fits(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await overflowPx(page), `${name}: wider than the screen`).toBe(0);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
}

describe.skipIf(!hasChromium)('the caseload in Chromium', { timeout: 120_000 }, () => {
  for (const { name, viewport, isMobile } of VIEWPORTS) {
    it(`should land a coach on their caseload with the flagged pair and its reasons (${name})`, async () => {
      const context = await browser.newContext({ viewport, isMobile });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signIn(page, server.url, coach.email, PASSWORD);
      await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/caseload');

      const counts = page.getByRole('list', { name: 'Counts' });
      const count = (label: string) =>
        counts.getByRole('listitem').filter({ hasText: label }).locator('.value').textContent();
      await expect.poll(() => count('At risk')).toBe('1');
      expect(await count('Check-ins due')).toBe('1');
      expect(await count('Orientation outstanding')).toBe('1');

      const card = page.locator('.caseload-pair').filter({ hasText: 'Mentee Idris with Mentor Juno' });
      const flags = card.getByRole('list', { name: /At-risk flags/ });
      await flags
        .getByRole('listitem')
        .filter({ hasText: 'No confirmed meeting: No meeting confirmed by both in the 45 days since the start' })
        .waitFor();
      await flags.getByRole('listitem').filter({ hasText: 'Agreement unsigned: The partnership agreement' }).waitFor();
      await card.getByText('Check-in due 15 days overdue: no check-in since the start.').waitFor();
      await card.getByText('Last confirmed meeting: none yet').waitFor();
      await page.getByText('No proposal of yours is waiting for a mentor’s answer.').waitFor();
      await fits(page, `${name}-admin-caseload`);

      // outstanding orientation links to the Orientation page with that programme chosen
      await page.getByRole('link', { name: 'Mentee Kofi' }).click();
      await page.getByRole('heading', { name: 'Orientation', level: 1 }).waitFor();
      await expect.poll(() => page.getByLabel('Programme').inputValue()).toBe(orientedId);
      // and the pair's card to its relationship
      await page.goBack();
      await page.getByRole('link', { name: 'Mentee Idris with Mentor Juno' }).click();
      await page.getByRole('heading', { name: 'Mentee Idris with Mentor Juno' }).waitFor();
      await context.close();
    });
  }

  it("should let the coach sign the agreement when the programme asks for the coach's signature", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[0].viewport, isMobile: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, server.url, signingCoach.email, PASSWORD);
    await page.goto(`${server.url}/relationships/${signingPair}`);
    const card = page.locator('#agreement');
    await card.getByText('Awaiting a coach').waitFor();
    await card.getByText('Not yet (the programme asks its coach to sign too)').waitFor();
    await fits(page, '390-admin-agreement-coach-signature');
    await card.getByRole('button', { name: 'Sign version 1 as coach' }).click();
    await card.getByText('Signed by all three').waitFor();
    await card.getByText(/by Coach Sol$/).waitFor();
    expect(await card.getByRole('button', { name: 'Sign version 1 as coach' }).count()).toBe(0);
    await context.close();
  });

  it('should tell a coach with nothing to follow up that all is fine', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[0].viewport, isMobile: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, server.url, quietCoach.email, PASSWORD);
    await page.getByText('No running pairs in your organisation: nobody is waiting for a check-in.').waitFor();
    await page.getByText('Everyone in your programmes who must attend orientation has attended.').waitFor();
    await fits(page, '390-admin-caseload-empty');
    await context.close();
  });
});

if (!hasChromium) console.warn(SKIP_REASON);
