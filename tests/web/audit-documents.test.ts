/**
 * The audited member's page in the participant app, in real headless Chromium at 390 px (and desktop, and in
 * French): the member opens their selection from the Evidence screen, sees what is asked and by when, uploads a
 * PDF (progress, then listed), is told clearly when a file renamed `.pdf` is not one, removes a document, downloads
 * one, and sends their answer, after which the documents are final. Pages are screenshotted
 * (.data/screenshots/web/) and checked by axe-core and for width.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import {
  buildAdminApp,
  hasChromium,
  launchBrowser,
  removeDir,
  screenshot,
  serveAdminApp,
  signIn as staffSignIn,
  type AdminServer,
} from '../admin/harness';
import {
  addDays,
  ADMIN_PASSWORD,
  creditMeetings,
  adminEnv,
  buildWorld,
  call,
  PASSWORD,
  type World,
} from '../support/world';
import { samplePdf, samplePng } from '../support/sample-files';
import { axeViolations, buildWebApp, checkPage, overflowPx } from './harness';

const ADMIN_EMAIL = `web-audit-docs-${process.pid}@tandem.test`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const E = 'errors { field code message }';
const files = mkdtempSync(join(os.tmpdir(), 'tandem-web-audit-files-'));
const storage = mkdtempSync(join(os.tmpdir(), 'tandem-web-audit-storage-'));

let database: { url: string; drop(): Promise<void> };
let stack: Stack;
let world: World;
let server: AdminServer;
let browser: Browser;
let outDir: string | undefined;
let adminDir: string | undefined;
let adminServer: AdminServer;
let selectionId = '';
let auditId = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships, reporting]);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, matching, relationships, reporting],
    env: { ...adminEnv(ADMIN_EMAIL), reporting: { AUDIT_DOCUMENTS_DIR: storage } },
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  world = await buildWorld(stack, ADMIN_EMAIL);
  await creditMeetings(stack, world, [world.meetingId]);
  const opened = await call(
    stack,
    `mutation ($input: OpenAuditCycleInput!) { openAuditCycle(input: $input) { ${E} audit { id selections { id person { id } } } } }`,
    {
      input: {
        from: addDays(world.today, -30),
        to: world.today,
        sampleRate: 1,
        seed: 'web-documents',
        strategy: 'UNIFORM',
        programmeId: world.programmeId,
      },
    },
    world.admin.token,
  );
  auditId = opened.openAuditCycle.audit.id as string;
  selectionId = (opened.openAuditCycle.audit.selections as Array<{ id: string; person: { id: string } }>).find(
    (s) => s.person.id === world.mentee.userId,
  )!.id;
  writeFileSync(join(files, 'meeting-log.pdf'), samplePdf());
  writeFileSync(join(files, 'photo.png'), samplePng());
  writeFileSync(join(files, 'evidence.pdf'), '<!doctype html><p>not a pdf</p>');
  if (!hasChromium) return;
  outDir = buildWebApp();
  server = await serveAdminApp(outDir, stack.gateway.url);
  adminDir = buildAdminApp();
  adminServer = await serveAdminApp(adminDir, stack.gateway.url);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await adminServer?.stop();
  await stack?.stop();
  await database?.drop();
  removeDir(outDir);
  removeDir(adminDir);
  removeDir(files);
  removeDir(storage);
});

async function signedIn(viewport: { width: number; height: number }, locale = 'en-CA'): Promise<Page> {
  const context = await browser.newContext({ viewport, locale, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/sign-in`);
  const french = locale === 'fr-CA';
  await page.getByLabel(french ? 'Courriel' : 'Email').fill(world.mentee.email);
  await page.getByLabel(french ? 'Mot de passe' : 'Password').fill(PASSWORD);
  await page.getByRole('button', { name: french ? 'Se connecter' : 'Sign in' }).click();
  await page.getByRole('button', { name: french ? 'Se déconnecter' : 'Sign out' }).waitFor();
  await page.goto(`${server.url}/evidence#selection-${selectionId}`);
  return page;
}

describe.skipIf(!hasChromium)("the audited member's page", { timeout: 120_000 }, () => {
  let page: Page;

  it('should upload a PDF at 390 px, refuse a file that is not what its name says, remove and download', async () => {
    page = await signedIn(PHONE);
    const card = page.locator(`#selection-${selectionId}`);
    await card.getByText(/What is asked: documents that support the hours you claimed/).waitFor();
    await card.getByText('No document yet.').waitFor();
    await checkPage(page, '390-audit-01-asked');

    await card.getByLabel('Add a document').setInputFiles(join(files, 'meeting-log.pdf'));
    await card.getByText('Added: meeting-log.pdf').waitFor();
    await card.getByRole('button', { name: 'Download meeting-log.pdf' }).waitFor();

    await card.getByLabel('Add a document').setInputFiles(join(files, 'evidence.pdf'));
    await expect
      .poll(() => card.getByRole('alert').textContent())
      .toContain('This file is not a PDF, PNG, JPEG or WebP image (its content is checked, not its name).');
    await checkPage(page, '390-audit-02-refused');

    await card.getByLabel('Add a document').setInputFiles(join(files, 'photo.png'));
    await card.getByText('Added: photo.png').waitFor();
    await card.getByRole('button', { name: 'Remove photo.png' }).click();
    await card.getByText('Removed: photo.png').waitFor();
    await expect.poll(() => card.getByRole('button', { name: 'Download photo.png' }).count()).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: 'Download meeting-log.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('meeting-log.pdf');
    expect(readFileSync((await download.path())!).equals(samplePdf())).toBe(true);
    await checkPage(page, '390-audit-03-documents');
  });

  it('should send the answer, after which the documents are final', async () => {
    const card = page.locator(`#selection-${selectionId}`);
    await card.getByRole('button', { name: 'Send my answer' }).click();
    await card.getByText('Write your answer.').waitFor();
    await card.getByLabel('Your answer').fill('The meeting log attached is signed by both of us.');
    await card.getByRole('button', { name: 'Send my answer' }).click();
    await card.getByText('The meeting log attached is signed by both of us.').waitFor();
    await expect.poll(() => card.getByLabel('Add a document').count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Remove meeting-log.pdf' }).count()).toBe(0);
    await checkPage(page, '390-audit-04-answered');

    const desktop = await signedIn(DESKTOP);
    await desktop
      .locator(`#selection-${selectionId}`)
      .getByText('The meeting log attached is signed by both of us.')
      .waitFor();
    await checkPage(desktop, '1280-audit-answered');
    const french = await signedIn(PHONE, 'fr-CA');
    await french.locator(`#selection-${selectionId}`).getByText('Vos pièces justificatives').waitFor();
    await checkPage(french, '390-audit-fr');
  });

  it("should list the member's answer and documents on the auditor's page and download them", async () => {
    for (const [viewport, name] of [
      [PHONE, '390'],
      [DESKTOP, '1280'],
    ] as const) {
      const context = await browser.newContext({ viewport, locale: 'en-CA', acceptDownloads: true });
      contexts.push(context);
      const staff = await context.newPage();
      staff.setDefaultTimeout(15_000);
      await staffSignIn(staff, adminServer.url, ADMIN_EMAIL, ADMIN_PASSWORD);
      await staff.goto(`${adminServer.url}/audits/${auditId}`);
      const evidence = staff.getByRole('region', { name: 'Evidence from Mentee One' });
      await evidence.getByText('The meeting log attached is signed by both of us.').waitFor();
      const [download] = await Promise.all([
        staff.waitForEvent('download'),
        evidence.getByRole('button', { name: 'Download meeting-log.pdf' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('meeting-log.pdf');
      expect(readFileSync((await download.path())!).equals(samplePdf())).toBe(true);
      await screenshot(staff, `${name}-audit-member-evidence`);
      expect(await axeViolations(staff), 'admin audit page: axe').toEqual([]);
      expect(await overflowPx(staff), 'admin audit page: wider than the viewport').toBe(0);
    }
  });
});
