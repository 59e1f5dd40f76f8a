/**
 * The participant app's "Me" and "Evidence" in real headless Chromium against the real stack, with the web
 * app served at the address identity's emails link to (WEB_APP_URL). A mentor opens the link of a
 * notification email (.eml in MAIL_DIR) signed out, signs in and lands on the meeting it asks about; reads
 * and opens notifications, changes contact details and password, downloads their data; another person
 * changes their sign-in email through the emailed confirmation link, another deletes their account; the
 * mentor downloads the CPD statement's documents, and answers an audit verification from its notification.
 * Pages are screenshotted (.data/screenshots/web/) at 390 × 844 and 1280 × 800 and checked by axe-core (no
 * serious or critical violation) and for width (never wider than the viewport).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  eventually,
  isolatedDatabase,
  mailsTo,
  startStack,
  type ReceivedMail,
  type Stack,
  testDatabaseUrl,
} from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { hasChromium, launchBrowser, removeDir, serveAdminApp, SKIP_REASON, type AdminServer } from '../admin/harness';
import {
  addDays,
  ADMIN_PASSWORD,
  adminEnv,
  buildWorld,
  call,
  login,
  PASSWORD,
  register,
  type Person,
  type World,
} from '../support/world';
import { axeViolations, buildWebApp, overflowPx, webScreenshot } from './harness';

const ADMIN_EMAIL = `web-me-admin-${process.pid}@tandem.test`;
const NEW_PASSWORD = 'Web-me-new-password-2026';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const MAIL_DIR = mkdtempSync(join(os.tmpdir(), 'tandem-web-mail-'));

let database: { url: string; drop(): Promise<void> };
let stack: Stack;
let world: World;
let server: AdminServer;
let browser: Browser;
let outDir: string | undefined;
let webUrl = '';
const contexts: BrowserContext[] = [];

/** A free local port, so the stack's WEB_APP_URL names the server the test opens the app on. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

beforeAll(async () => {
  webUrl = `http://127.0.0.1:${await freePort()}`;
  // a database of its own: the audit below samples everyone with CPD hours
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships, reporting]);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, matching, relationships, reporting],
    env: { identity: { ...adminEnv(ADMIN_EMAIL).identity, MAIL_DIR } },
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
    webAppUrl: webUrl,
  });
  world = await buildWorld(stack, ADMIN_EMAIL);
  if (!hasChromium) return;
  outDir = buildWebApp();
  server = await serveAdminApp(outDir, stack.gateway.url, Number(new URL(webUrl).port));
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  await database?.drop();
  removeDir(outDir);
  removeDir(MAIL_DIR);
});

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-CA', acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** The checks of every page: screenshot, no serious/critical axe violation, nothing wider than the viewport. */
async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await webScreenshot(page, name);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
  expect(await overflowPx(page), `${name}: wider than the viewport`).toBe(0);
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The element keyboard and screen-reader focus is on. */
const focusedId = (page: Page) =>
  page.evaluate('document.activeElement && document.activeElement.id') as Promise<string>;

/** The first mail to `to` that `match` accepts, once identity has written it. */
function mailTo(to: string, match: (m: ReceivedMail) => boolean): Promise<ReceivedMail> {
  return eventually(async () => {
    const mail = (await mailsTo(MAIL_DIR, to)).find(match);
    expect(mail, `a mail to ${to}`).toBeDefined();
    return mail!;
  }, 20_000);
}

/** The one link of an email: in the text part, and the same link as the HTML part's button. */
function linkOf(mail: ReceivedMail): string {
  const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
  expect(links, mail.text).toHaveLength(1);
  const link = links[0]!;
  expect(mail.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
  return link;
}

/** Reloads until the locator shows up (effects that travel through events). */
async function eventuallyVisible(page: Page, find: () => ReturnType<Page['getByText']>, timeout = 30_000) {
  await expect
    .poll(
      async () => {
        if (await find().count()) return true;
        await page.reload();
        await page.waitForLoadState('networkidle').catch(() => undefined);
        return (await find().count()) > 0;
      },
      { timeout, interval: 500 },
    )
    .toBe(true);
}

describe.skipIf(!hasChromium)('Me and Evidence in the participant app', { timeout: 120_000 }, () => {
  let mentor: Page;

  it("should take a mentor from an email's link, through sign-in, to the meeting it asks them to confirm", async () => {
    const path = `/relationships/${world.relationshipId}#meeting-${world.meetingId}`;
    const mail = await mailTo(world.mentor.email, (m) => m.text.includes(`#meeting-${world.meetingId}`));
    expect(mail.headers.subject).toBe('Mentee One logged a meeting: please confirm it');
    expect(mail.headers['content-type']).toMatch(/^multipart\/alternative/);
    const link = linkOf(mail);
    expect(link).toBe(`${webUrl}${path}`);

    mentor = await newPage(PHONE);
    await mentor.goto(link);
    await mentor.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
    expect(new URL(mentor.url()).pathname).toBe('/sign-in');
    await check(mentor, '390-me-01-link-sign-in');
    await signIn(mentor, world.mentor.email);
    // back on the very screen the email named, with the meeting in focus
    await expect.poll(() => mentor.url(), { timeout: 20_000 }).toBe(link);
    await expect.poll(() => focusedId(mentor), { timeout: 20_000 }).toBe(`meeting-${world.meetingId}`);
    await check(mentor, '390-me-02-link-landed');
    const meeting = mentor.locator(`#meeting-${world.meetingId}`);
    await meeting.getByRole('button', { name: /Confirm this meeting/ }).click();
    await eventuallyVisible(mentor, () => meeting.getByText('Counts toward your hours.'));
  });

  it('should list the notifications, open the screen one is about, and mark them read', async () => {
    await mentor.getByRole('link', { name: /^Me\b/ }).click();
    await mentor.getByRole('heading', { name: 'Me', level: 1 }).waitFor();
    const proposal = mentor.locator('li', { hasText: 'Coach A proposes you as mentor of Mentee Three' });
    await proposal.waitFor();
    const unread = async () =>
      Number(/(\d+) unread/.exec((await mentor.locator('#notifications').innerText()) ?? '')?.[1] ?? 0);
    const before = await unread();
    expect(before).toBeGreaterThan(0);
    await check(mentor, '390-me-03-me');
    await proposal.getByRole('link', { name: 'Open' }).click();
    await expect
      .poll(() => new URL(mentor.url()).pathname + new URL(mentor.url()).hash, { timeout: 20_000 })
      .toBe(`/requests#proposal-${world.proposalId}`);
    await expect.poll(() => focusedId(mentor), { timeout: 20_000 }).toBe(`proposal-${world.proposalId}`);
    await mentor.getByRole('button', { name: 'Confirm this match' }).waitFor();
    await check(mentor, '390-me-04-proposal');

    await mentor.getByRole('link', { name: /^Me\b/ }).click();
    await expect.poll(unread, { timeout: 20_000 }).toBe(before - 1);
    await mentor.getByRole('button', { name: 'Mark all as read' }).click();
    await mentor.getByText('Nothing unread.').waitFor();
  });

  it('should save contact details, download the personal data as JSON, and change the password', async () => {
    await mentor.getByLabel('Phone').fill('+1 416 555 0199');
    await mentor.getByRole('button', { name: 'Save contact details' }).click();
    await mentor.getByText('Your contact details are saved.').waitFor();
    const me = await call(stack, `{ me { contact { phone } } }`, {}, world.mentor.token);
    expect(me.me.contact.phone).toBe('+1 416 555 0199');

    const [download] = await Promise.all([
      mentor.waitForEvent('download'),
      mentor.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tandem-personal-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      userId: string;
      identity: { account: { email: string } };
    };
    expect(data.userId).toBe(world.mentor.userId);
    expect(data.identity.account.email).toBe(world.mentor.email);
    await mentor.getByText('Your data was downloaded.').waitFor();

    await mentor.getByLabel('Current password', { exact: true }).first().fill('not my password');
    await mentor.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await mentor.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await mentor.getByRole('button', { name: 'Change password' }).click();
    await mentor.locator('#currentPassword-error').waitFor();
    await check(mentor, '390-me-05-password-error');
    await mentor.getByLabel('Current password', { exact: true }).first().fill(PASSWORD);
    await mentor.getByRole('button', { name: 'Change password' }).click();
    await mentor.getByText('Your password is changed.', { exact: false }).waitFor();
    expect((await login(stack, world.mentor.email, NEW_PASSWORD)).userId).toBe(world.mentor.userId);
    // this device stays signed in with the new session
    await mentor.reload();
    await mentor.getByRole('heading', { name: 'Me', level: 1 }).waitFor();
  });

  it('should change the sign-in email only once the link sent to the new address is followed', async () => {
    const person = await register(stack, 'Eli Moving', ['MENTEE']);
    const newEmail = `eli.moved.${process.pid}@world.test`;
    const page = await newPage(PHONE);
    await page.goto(`${webUrl}/me#security`);
    await signIn(page, person.email);
    await expect.poll(() => focusedId(page), { timeout: 20_000 }).toBe('security');
    await page.getByLabel('New sign-in email').fill(newEmail);
    await page.locator('#emailPassword').fill(PASSWORD);
    await page.getByRole('button', { name: 'Send the confirmation link' }).click();
    await page.getByText(`A confirmation link was sent to ${newEmail}.`, { exact: false }).waitFor();
    await check(page, '390-me-06-email-pending');

    const confirm = linkOf(
      await mailTo(newEmail, (m) => m.headers.subject === 'Confirm your new Tandem sign-in email'),
    );
    expect(confirm.startsWith(`${webUrl}/email-change?action=confirm&token=`)).toBe(true);
    const notice = linkOf(await mailTo(person.email, (m) => m.headers.subject.includes('about to change')));
    expect(notice.startsWith(`${webUrl}/email-change?action=cancel&token=`)).toBe(true);

    const elsewhere = await newPage(PHONE);
    await elsewhere.goto(confirm);
    await elsewhere.getByRole('heading', { name: 'Confirm your new sign-in email' }).waitFor();
    // the token leaves the address bar at once
    expect(elsewhere.url()).toBe(`${webUrl}/email-change?action=confirm`);
    await check(elsewhere, '390-me-07-email-confirm');
    await elsewhere.getByRole('button', { name: 'Confirm my new sign-in email' }).click();
    await elsewhere.getByText('Done: you now sign in with your new email address.').waitFor();
    expect((await login(stack, newEmail)).userId).toBe(person.userId);
  });

  it("should reset a participant's forgotten password from the link to the participant app", async () => {
    const person = await register(stack, 'Farah Forgetful', ['MENTEE']);
    const page = await newPage(PHONE);
    await page.goto(`${webUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText(`If an account uses ${person.email}`, { exact: false }).waitFor();
    await check(page, '390-me-11-forgot-sent');

    const link = linkOf(await mailTo(person.email, (m) => m.headers.subject === 'Reset your Tandem password'));
    expect(link.startsWith(`${webUrl}/reset-password?token=`)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(page.url()).toBe(`${webUrl}/reset-password`);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm new password').fill('something else entirely');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('The two passwords do not match.').waitFor();
    await check(page, '390-me-12-reset-mismatch');
    await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Your new password is set. Sign in with it.').waitFor();
    await signIn(page, person.email, NEW_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('should delete an account only after a clear confirmation', async () => {
    const person = await register(stack, 'Dana Leaving', ['MENTEE']);
    const page = await newPage(PHONE);
    await page.goto(`${webUrl}/me#data`);
    await signIn(page, person.email);
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.getByText('Tick the box to confirm that you understand.').first().waitFor();
    await check(page, '390-me-08-delete-confirm');
    const still = await stack.gql(`{ me { id } }`, {}, { token: person.token });
    expect(still.errors).toBeUndefined();
    await page.getByLabel('I understand that my account is deleted for good.').check();
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe('/sign-in');
    await page.getByText('Your account was deleted.', { exact: false }).waitFor();
    const res = await stack.gql<{ login: { ok: boolean } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ok } }`,
      { e: person.email, p: PASSWORD },
    );
    expect(res.data?.login.ok).toBe(false);
  });

  it("should show the mentor's CPD statement and download its tracking sheet and letter", async () => {
    await mentor.getByRole('link', { name: 'Evidence' }).click();
    await mentor.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();
    const verified = () => mentor.locator('dt:has-text("Verified hours") + dd', { hasText: '1 h' });
    await eventuallyVisible(mentor, verified);
    await check(mentor, '390-me-09-evidence');

    const save = async (button: string) => {
      const [download] = await Promise.all([
        mentor.waitForEvent('download'),
        mentor.getByRole('button', { name: button }).click(),
      ]);
      await mentor.getByText(`Downloaded: ${download.suggestedFilename()}`).waitFor();
      return { name: download.suggestedFilename(), body: readFileSync((await download.path())!) };
    };
    const csv = await save('Tracking sheet (CSV)');
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.body.toString('utf8')).toMatch(/Mentor Amara,Mentee One,.*Audit practice/);
    const pdf = await save('Tracking sheet (PDF)');
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const letter = await save('Confirmation letter (PDF)');
    expect(letter.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("should let a counterpart answer an audit's verification from the link of its notification", async () => {
    // an audit of everyone with hours now: the mentee and the mentor, each the other's verifier
    const admin = await login(stack, ADMIN_EMAIL, ADMIN_PASSWORD);
    await call(
      stack,
      `mutation ($input: OpenAuditCycleInput!) { openAuditCycle(input: $input) { errors { field code message } audit { id } } }`,
      {
        input: { from: addDays(world.today, -30), to: world.today, sampleRate: 1, seed: 'web-me', strategy: 'UNIFORM' },
      },
      admin.token,
    );
    const mentorNow: Person = await login(stack, world.mentor.email, NEW_PASSWORD);
    const link = await eventually(async () => {
      const d = await call(
        stack,
        `{ me { notifications(first: 50) { edges { node { kind link } } } } }`,
        {},
        mentorNow.token,
      );
      const n = (d.me.notifications.edges as Array<{ node: { kind: string; link: string } }>).find(
        (e) => e.node.kind === 'AUDIT_VERIFICATION_REQUESTED',
      );
      expect(n).toBeDefined();
      return n!.node.link;
    }, 20_000);
    expect(link).toMatch(/^\/evidence#verification-[0-9a-f-]{36}$/);
    const selectionId = link.split('#verification-')[1];
    // the email carries the same screen
    const mail = await mailTo(world.mentor.email, (m) => m.text.includes(link));
    expect(linkOf(mail)).toBe(`${webUrl}${link}`);

    // as from the email: the app opened afresh at the link
    await mentor.goto('about:blank');
    await mentor.goto(`${webUrl}${link}`);
    await expect.poll(() => focusedId(mentor), { timeout: 20_000 }).toBe(`verification-${selectionId}`);
    const task = mentor.locator('li', { has: mentor.locator(`#verification-${selectionId}`) });
    await task.getByRole('button', { name: 'Send my answers' }).click();
    await task.getByText('Answer for the meeting of', { exact: false }).first().waitFor();
    await check(mentor, '390-me-10-audit-verify');
    await task.getByRole('radio', { name: 'Yes, it took place' }).first().check();
    await task.getByRole('button', { name: 'Send my answers' }).click();
    await mentor.getByText('Thank you: your answers are recorded.').waitFor();
    const answered = await call(
      stack,
      `{ myAuditVerificationRequestsConnection(first: 10) { edges { node { selectionId meetings { answer } } } } }`,
      {},
      mentorNow.token,
    );
    const request = (
      answered.myAuditVerificationRequestsConnection.edges as Array<{
        node: { selectionId: string; meetings: Array<{ answer: string | null }> };
      }>
    ).find((e) => e.node.selectionId === selectionId)!.node;
    expect(request.meetings.map((m) => m.answer)).toEqual(['CONFIRMED']);
    // the mentor was selected too: the audit of their own hours is shown
    await mentor.reload();
    await mentor.getByRole('heading', { name: 'Audits of your hours' }).waitFor();
  });

  it("should do the same at a desk: the mentee follows their verification's email link through sign-in, answers, and downloads their tracking sheet", async () => {
    // the audit selected both partners, each the verifier of the other: the mentee's task, from their email
    const mail = await mailTo(world.mentee.email, (m) => /\/evidence#verification-/.test(m.text));
    const link = linkOf(mail);
    const selectionId = link.split('#verification-')[1]!;
    const desk = await newPage(DESKTOP);
    await desk.goto(link);
    await desk.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
    await check(desk, '1280-me-01-link-sign-in');
    await signIn(desk, world.mentee.email);
    await expect.poll(() => desk.url(), { timeout: 20_000 }).toBe(link);
    await expect.poll(() => focusedId(desk), { timeout: 20_000 }).toBe(`verification-${selectionId}`);
    const task = desk.locator('li', { has: desk.locator(`#verification-${selectionId}`) });
    await task.getByRole('radio', { name: 'Yes, it took place' }).first().check();
    await check(desk, '1280-me-02-audit-verify');
    await task.getByRole('button', { name: 'Send my answers' }).click();
    await desk.getByText('Thank you: your answers are recorded.').waitFor();

    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByRole('button', { name: 'Tracking sheet (CSV)' }).click(),
    ]);
    expect(readFileSync((await download.path())!).toString('utf8')).toMatch(/Mentor Amara,Mentee One,/);
    await check(desk, '1280-me-03-evidence-mentee');
  });

  it('should keep the new pages within a desktop window, with no serious accessibility violation', async () => {
    const desk = await newPage(DESKTOP);
    await desk.goto(`${webUrl}/forgot-password`);
    await desk.getByRole('heading', { name: 'Reset your password', level: 1 }).waitFor();
    await check(desk, '1280-me-forgot-password');
    await desk.goto(`${webUrl}/reset-password`);
    await desk.getByText('This reset link is incomplete.', { exact: false }).waitFor();
    await check(desk, '1280-me-reset-password-incomplete');
    await desk.goto(`${webUrl}/email-change?action=cancel&token=not-a-token`);
    await desk.getByRole('button', { name: 'Block this change' }).click();
    await desk.getByText('This link is not valid any more.', { exact: false }).waitFor();
    await check(desk, '1280-me-email-change-invalid');
    await desk.goto(`${webUrl}/sign-in`);
    await signIn(desk, world.mentor.email, NEW_PASSWORD);
    for (const [path, name, heading] of [
      ['/me', 'me', 'Me'],
      ['/evidence', 'evidence', 'Evidence'],
    ] as const) {
      await desk.goto(`${webUrl}${path}`);
      await desk.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await check(desk, `1280-me-${name}`);
    }
  });
});

if (!hasChromium) describe.skip(SKIP_REASON, () => it('needs Chromium', () => undefined));
