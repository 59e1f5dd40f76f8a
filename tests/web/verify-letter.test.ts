/**
 * The public verification page of an issued letter (/verify/<reference>) in headless Chromium, signed out: it shows
 * what the letter states and who signed it; the PDF as issued "matches", a copy with one byte changed "does not
 * match"; checked at 390 × 844 and 1280 × 800 (axe, no horizontal overflow).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';
import { relationships } from '@tandem/relationships';
import { reporting } from '@tandem/reporting';
import { hasChromium, launchBrowser, removeDir, serveAdminApp, SKIP_REASON, type AdminServer } from '../admin/harness';
import { addDays, adminEnv, buildWorld, call, type World } from '../support/world';
import { axeViolations, buildWebApp, overflowPx, webScreenshot } from './harness';

const ADMIN_EMAIL = `web-verify-admin-${process.pid}@tandem.test`;
const E = 'errors { field code message }';
const FILES = mkdtempSync(join(os.tmpdir(), 'tandem-letter-'));

let database: { url: string; drop(): Promise<void> };
let stack: Stack;
let world: World;
let server: AdminServer;
let browser: Browser;
let outDir: string | undefined;
let reference = '';

beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), [identity, matching, relationships, reporting]);
  stack = await startStack({
    databaseUrl: database.url,
    services: [identity, matching, relationships, reporting],
    env: adminEnv(ADMIN_EMAIL),
    gatewayEnv: { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
  });
  world = await buildWorld(stack, ADMIN_EMAIL);
  await call(
    stack,
    `mutation ($id: ID!) { confirmMeeting(meetingId: $id) { ${E} } }`,
    { id: world.meetingId },
    world.mentor.token,
  );
  await stack.settle();
  const { requestLetter } = await call(
    stack,
    `mutation ($input: RequestLetterInput!) { requestLetter(input: $input) { letter { id reference } ${E} } }`,
    { input: { programmeId: world.programmeId, from: addDays(world.today, -90), to: world.today } },
    world.mentee.token,
  );
  reference = requestLetter.letter.reference;
  await call(
    stack,
    `mutation ($input: ApproveLetterInput!) { approveLetter(input: $input) { ${E} } }`,
    {
      input: {
        letterId: requestLetter.letter.id,
        signatoryName: 'Ada Admin',
        signatoryRole: 'Programme director',
        typedSignature: 'Ada Admin',
      },
    },
    world.admin.token,
  );
  const { myLetters } = await call(stack, `{ myLetters { id pdfBase64 } }`, {}, world.mentee.token);
  const pdf = Buffer.from(myLetters.find((l: { id: string }) => l.id === requestLetter.letter.id).pdfBase64, 'base64');
  writeFileSync(join(FILES, 'letter.pdf'), pdf);
  const tampered = Buffer.from(pdf);
  tampered[tampered.length - 40] ^= 0x01;
  writeFileSync(join(FILES, 'tampered.pdf'), tampered);
  if (!hasChromium) return;
  outDir = buildWebApp();
  server = await serveAdminApp(outDir, stack.gateway.url);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  await database?.drop();
  removeDir(outDir);
  removeDir(FILES);
});

describe.skipIf(!hasChromium)(`letter verification page ${hasChromium ? '' : SKIP_REASON}`, () => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    it(`should show the letter and compare a dropped PDF at ${viewport.width} px`, async () => {
      const context = await browser.newContext({ viewport, locale: 'en-CA' });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${server.url}/verify/${reference}`);
      await page.getByText('This letter was issued by the organisation and has not been revoked.').waitFor();
      await page.getByText('Ada Admin, Programme director', { exact: false }).waitFor();
      const input = page.getByLabel('Check that your copy is unaltered: choose the letter’s PDF file');
      await input.setInputFiles(join(FILES, 'letter.pdf'));
      await page.getByText('The file matches the letter as issued: it has not been altered.').waitFor();
      await webScreenshot(page, `verify-letter-${viewport.width}`);
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflowPx(page)).toBe(0);
      await input.setInputFiles(join(FILES, 'tampered.pdf'));
      await page.getByText('The file does not match the letter as issued', { exact: false }).waitFor();
      await context.close();
    });
  }
});
