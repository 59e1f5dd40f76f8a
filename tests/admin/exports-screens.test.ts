/**
 * Exports of the admin lists in Chromium (issue 19): the files are downloaded and parsed back. An admin narrows the
 * relationships to one organisation (21 pairs, more than the page's 20): the CSV and the XLSX hold every one of
 * them and nothing else, the page's rows first in its order, the reader's zone named in the header. A coach of
 * another organisation exports the relationships and their caseload: only their organisation's pairs. The users
 * page exports the filtered people; the overview breaks its figures down per programme and per organisation, and a
 * coach sees and exports their organisation's figures only. 390 px and axe on the pages with the control.
 *
 * Bulk actions on the same lists: a coach selects applications (a checkbox named after each, "select all shown"),
 * approves them with one note after a confirmation naming each, and reads each one's outcome: one approved meanwhile
 * by someone else is refused with its reason and the others are approved. A coach messages their pairs' coach
 * threads and ends one relationship with a reason, from the keyboard at 390 px.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import {
  approvedMentor,
  createOrganization,
  createProgramme,
  enrolledMentee,
  startedPair,
} from '../support/programme-setup';
import {
  ADMIN_PASSWORD,
  MENTOR_PROFILE,
  PASSWORD,
  adminEnv,
  call,
  login,
  register,
  registerStaff,
  type Person,
} from '../support/world';
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

const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@exports-screens.test`;
const ZONE = 'America/Toronto';

let stack: Stack;
let browser: Browser;
let server: AdminServer;
let dir: string | undefined;
let admin: Person;
let coachB: Person;
let orgA: string;
let orgB: string;
let orgAName: string;
let orgBName: string;
const pairsA: string[] = [];
const pairsB: string[] = [];
const applicantsB: Person[] = [];

/** `n` pairs of the organisation in the programme (three mentees to a mentor, the profile's capacity). */
async function pairsOf(programmeId: string, org: string, tag: string, n: number, into: string[]) {
  let mentor: Person | null = null;
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) mentor = await approvedMentor(stack, admin, `Mentor ${tag}${i}`, org);
    const mentee = await enrolledMentee(stack, admin, programmeId, `Mentee ${tag}${String(i).padStart(2, '0')}`, org);
    into.push(await startedPair(stack, programmeId, mentee, mentor!));
  }
}

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    services: [identity, matching, relationships, reporting],
    env: adminEnv(ADMIN_EMAIL),
  });
  admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
  orgA = await createOrganization(stack, admin, 'Export Harbour');
  orgB = await createOrganization(stack, admin, 'Export Quay');
  const names = await call(
    stack,
    `{ organizationsConnection(first: 100) { edges { node { id name } } } }`,
    {},
    admin.token,
  );
  const nameOf = (id: string) =>
    (names.organizationsConnection.edges as Array<{ node: { id: string; name: string } }>).find(
      (e) => e.node.id === id,
    )!.node.name;
  orgAName = nameOf(orgA);
  orgBName = nameOf(orgB);
  const programmeId = await createProgramme(stack, admin, [orgA, orgB]);
  coachB = await registerStaff(stack, admin, 'Coach Bea', ['COACH'], orgB);
  await pairsOf(programmeId, orgA, 'A', 21, pairsA);
  await pairsOf(programmeId, orgB, 'B', 2, pairsB);
  for (const name of ['Applicant Uma', 'Applicant Vic', 'Applicant Wes']) {
    const p = await register(stack, name, ['MENTOR'], orgB);
    await call(
      stack,
      `mutation ($input: MentorProfileInput!) { updateMentorProfile(input: $input) { errors { field code message } } }`,
      { input: MENTOR_PROFILE },
      p.token,
    );
    applicantsB.push(p);
  }
  await stack.settle();
  if (!hasChromium) return;
  dir = buildAdminApp();
  server = await serveAdminApp(dir, stack.gateway.url);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  removeDir(dir);
});

async function open(person: Person, path: string, width = 1280) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    isMobile: width < 500,
    timezoneId: ZONE,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, server.url, person.email, person === admin ? ADMIN_PASSWORD : PASSWORD);
  await page.goto(`${server.url}${path}`);
  return { context, page };
}

/** Clicks Export → format and gives the downloaded file's name and bytes. */
async function exportAs(page: Page, what: string, format: 'CSV' | 'XLSX') {
  const menu = page.locator('.export-menu');
  if ((await menu.locator('details').getAttribute('open')) === null)
    await menu.getByText('Export', { exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Export ${what} as ${format}` }).click(),
  ]);
  await menu
    .getByRole('status')
    .filter({ hasText: `as ${format}` })
    .waitFor();
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** The CSV's rows as objects by header, after checking its byte order mark. */
function csvRows(bytes: Buffer): Array<Record<string, string>> {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\uFEFF'), 'UTF-8 byte order mark').toBe(true);
  return parse(text.slice(1), { columns: true }) as Array<Record<string, string>>;
}

async function xlsxRows(bytes: Buffer): Promise<Array<Record<string, unknown>>> {
  const [header, ...rows] = await readSheet(bytes);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

async function fits(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await overflowPx(page), `${name}: wider than the screen`).toBe(0);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
}

const shownNames = (page: Page) => page.locator('table tbody tr td:nth-child(2) a').allTextContents();

describe.skipIf(!hasChromium)('exports in Chromium', { timeout: 180_000 }, () => {
  it('should export every relationship of the filter, not only the page shown, as CSV and XLSX', async () => {
    const { context, page } = await open(admin, '/relationships');
    await page.getByLabel('Organisation').selectOption(orgA);
    await expect.poll(async () => (await shownNames(page)).filter((n) => n.includes('Mentee A')).length).toBe(20);
    const shown = await shownNames(page);
    expect(shown).toHaveLength(20);
    await page.getByRole('button', { name: 'Next →' }).waitFor();

    const csv = await exportAs(page, 'relationships', 'CSV');
    expect(csv.name).toMatch(/^tandem-relationships-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = csvRows(csv.bytes);
    expect(rows.map((r) => r['Relationship id']).sort()).toEqual([...pairsA].sort());
    // the page's rows come first, in its order
    expect(rows.slice(0, 20).map((r) => `${r.Mentee} with ${r.Mentor}`)).toEqual(shown);
    expect(rows.every((r) => r.Status === 'active' && r['Target hours'] === '6')).toBe(true); // the status in words

    const xlsx = await exportAs(page, 'relationships', 'XLSX');
    expect(xlsx.name).toMatch(/^tandem-relationships-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await xlsxRows(xlsx.bytes);
    expect(sheet.map((r) => r['Relationship id'])).toEqual(rows.map((r) => r['Relationship id']));
    expect(sheet[0]['Target hours']).toBe(6);
    expect(sheet[0]['Started on']).toBeInstanceOf(Date);
    await fits(page, 'desktop-admin-relationships-export');
    await context.close();
  });

  it('should give a coach the relationships and caseload of their organisation only', async () => {
    const { context, page } = await open(coachB, '/relationships', 390);
    await page.locator('table tbody tr').first().waitFor();
    const rows = csvRows((await exportAs(page, 'relationships', 'CSV')).bytes);
    expect(rows.map((r) => r['Relationship id']).sort()).toEqual([...pairsB].sort());
    await fits(page, '390-admin-relationships-export');

    await page.goto(`${server.url}/caseload`);
    await page.locator('.caseload-pair').first().waitFor();
    const caseload = await xlsxRows((await exportAs(page, 'caseload pairs', 'XLSX')).bytes);
    expect(caseload.map((r) => r['Relationship id']).sort()).toEqual([...pairsB].sort());
    expect(caseload.every((r) => String(r.Mentee).startsWith('Mentee B'))).toBe(true);
    await context.close();

    // each file is on the staff audit log: who, which list, format, rows. The caseload's line is the server's own,
    // recorded with the rows it returned (relationships' CaseloadExported, written to the log by reporting)
    await stack.settle();
    const log = await call(
      stack,
      `query ($actor: ID!) { securityAuditLog(first: 10, filter: { actorId: $actor, kind: LIST_EXPORTED }) { edges { node { details } } } }`,
      { actor: coachB.userId },
      admin.token,
    );
    const lines = log.securityAuditLog.edges.map((e: { node: { details: Record<string, unknown> } }) => e.node.details);
    expect(lines).toEqual([
      { list: 'CASELOAD', format: 'XLSX', rowCount: 2, filters: { organizationId: orgB } },
      {
        list: 'RELATIONSHIPS',
        format: 'CSV',
        rowCount: 2,
        filters: { status: null, atRisk: null, organizationId: null },
      },
    ]);
  });

  it('should export the people the users page lists with its filters, with the zone of their joining time', async () => {
    const { context, page } = await open(admin, '/users');
    await page.locator('#u-org').selectOption(orgA);
    await page.locator('#u-role').selectOption('MENTOR');
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(7);
    const rows = csvRows((await exportAs(page, 'people', 'CSV')).bytes);
    expect(rows).toHaveLength(7);
    expect(Object.keys(rows[0])).toContain(`Joined at (${ZONE})`);
    expect(rows.every((r) => r.Organisation === orgAName && r.Roles.includes('mentor') && r.Email.includes('@'))).toBe(
      true,
    );
    await context.close();
  });

  it("should break the overview down per programme and organisation, a coach's to their organisation", async () => {
    const { context, page } = await open(admin, '/overview');
    const perOrg = page.getByRole('table', { name: 'Per organisation' });
    await perOrg.getByRole('rowheader', { name: orgAName }).waitFor();
    await perOrg.getByRole('rowheader', { name: orgBName }).waitFor();
    await page.getByRole('table', { name: 'Per programme' }).waitFor();
    const all = csvRows((await exportAs(page, 'statistics', 'CSV')).bytes);
    const orgRow = (rows: Array<Record<string, string>>, name: string) =>
      rows.find((r) => r.Breakdown === 'Organisation' && r.Group === name);
    expect(orgRow(all, orgAName)?.['Relationships started']).toBe('21');
    expect(orgRow(all, orgBName)?.['Relationships started']).toBe('2');
    expect(all.find((r) => r.Breakdown === 'Total')).toBeDefined();
    await context.close();

    const coach = await open(coachB, '/overview', 390);
    const own = coach.page.getByRole('table', { name: 'Your organisation' });
    await own.getByRole('rowheader', { name: orgBName }).waitFor();
    expect(await own.getByRole('rowheader').allTextContents()).toEqual([orgBName]);
    const mine = csvRows((await exportAs(coach.page, 'statistics', 'CSV')).bytes);
    expect(mine.filter((r) => r.Breakdown === 'Organisation').map((r) => r.Group)).toEqual([orgBName]);
    expect(mine.find((r) => r.Breakdown === 'Total')?.['Relationships started']).toBe('2');
    await fits(coach.page, '390-admin-overview-breakdown');
    await coach.context.close();
  });
});

describe.skipIf(!hasChromium)('bulk actions in Chromium', { timeout: 180_000 }, () => {
  it('should approve the selected applications after naming them, and show the one refused with its reason', async () => {
    const { context, page } = await open(coachB, '/applications', 390);
    for (const name of ['Applicant Uma', 'Applicant Vic', 'Applicant Wes'])
      await page.getByRole('heading', { name, level: 2 }).waitFor();
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    expect(await page.getByText('3 selected').count()).toBe(1);
    // someone else approves Vic meanwhile: the page still shows Vic
    await call(
      stack,
      `mutation ($input: ReviewMentorApplicationInput!) { reviewMentorApplication(input: $input) { errors { field code } } }`,
      { input: { userId: applicantsB[1].userId, decision: 'APPROVED', comment: 'Approved by the admin.' } },
      admin.token,
    );
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await page.getByLabel('Note to the mentors (each sees it)').fill('Welcome to the Quay programme.');
    await page.getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Approve 3 mentor applications?' });
    await confirm.waitFor();
    expect(await confirm.getByRole('listitem').allTextContents()).toEqual([
      'Applicant Wes',
      'Applicant Vic',
      'Applicant Uma',
    ]);
    await fits(page, '390-admin-applications-bulk-confirm');
    await confirm.getByRole('button', { name: 'Confirm: approve 3' }).click();
    const outcome = page.getByRole('list', { name: 'Outcome of each' });
    await outcome.waitFor();
    expect(await outcome.getByRole('listitem').allTextContents()).toEqual([
      'Applicant Wes: approved',
      'Applicant Vic: This application was already approved.',
      'Applicant Uma: approved',
    ]);
    await page.getByText('2 of 3 approved; 1 refused (nothing of them changed):').waitFor();
    await fits(page, '390-admin-applications-bulk-outcome');
    const status = async (p: Person) =>
      (
        await call(
          stack,
          `query ($id: ID!) { user(id: $id) { mentorProfile { status reviewComment } } }`,
          { id: p.userId },
          admin.token,
        )
      ).user.mentorProfile;
    expect(await status(applicantsB[0])).toEqual({
      status: 'APPROVED',
      reviewComment: 'Welcome to the Quay programme.',
    });
    expect(await status(applicantsB[1])).toEqual({ status: 'APPROVED', reviewComment: 'Approved by the admin.' });
    await context.close();
  });

  it("should message a coach's pairs and end one with a reason, from the keyboard", async () => {
    const { context, page } = await open(coachB, '/relationships', 390);
    await page.locator('table tbody tr').nth(1).waitFor();
    await page.getByRole('checkbox', { name: 'Select all shown' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Message selected' }).focus();
    await page.keyboard.press('Enter');
    // a reminder the coach sends often starts from a template, still editable
    await page.getByLabel('Start from a template').selectOption({ label: 'Reminder: log and confirm meetings' });
    const text = page.getByLabel("Message to each pair's coach thread");
    expect(await text.inputValue()).toMatch(/^Hello both, a reminder to log each meeting in Tandem/);
    await text.fill(`${await text.inputValue()} Thank you!`);
    await page.getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Send this message to 2 relationships?' });
    await confirm.waitFor();
    await expect.poll(() => confirm.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await confirm.getByRole('button', { name: 'Confirm: message 2' }).click();
    await page.getByText('2 of 2 sent.').waitFor();

    const first = page.locator('table tbody tr').first();
    const name = (await first.locator('td:nth-child(2) a').textContent())!;
    await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    await page.getByRole('button', { name: 'End selected' }).click();
    await page.getByLabel('Reason for ending (the partners see it)').fill('The mentee found a job.');
    await page.getByRole('button', { name: 'Continue' }).click();
    const end = page.getByRole('alertdialog', { name: 'End 1 relationship now?' });
    expect(await end.getByRole('listitem').allTextContents()).toEqual([name]);
    await end.getByRole('button', { name: 'Confirm: end 1' }).click();
    await page.getByText('1 of 1 ended.').waitFor();
    await fits(page, '390-admin-relationships-bulk');

    for (const id of pairsB) {
      const d = await call(
        stack,
        `query ($id: ID!) { relationship(id: $id) { status withdrawalReason mentee { displayName } mentor { displayName } coachThread(first: 5) { edges { node { body } } } } }`,
        { id },
        admin.token,
      );
      const r = d.relationship;
      expect(r.coachThread.edges.map((e: { node: { body: string } }) => e.node.body)).toEqual([
        'Hello both, a reminder to log each meeting in Tandem once it has taken place, and to confirm the ones your partner logged: they count toward your programme’s hours. Thank you!',
      ]);
      const ended = `${r.mentee.displayName} with ${r.mentor.displayName}` === name;
      expect([r.status, r.withdrawalReason]).toEqual(
        ended ? ['WITHDRAWN', 'The mentee found a job.'] : ['ACTIVE', null],
      );
    }
    await context.close();
  });
});

if (!hasChromium) console.warn(SKIP_REASON);
