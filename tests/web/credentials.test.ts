/**
 * Open Badges credentials in real headless Chromium, both apps against the real stack: the admin issues both
 * partners' credentials from the relationship's page in the admin app; the mentee opens Evidence › Credentials on a
 * phone (390 × 844), downloads theirs as a JSON file (an EnvelopedVerifiableCredential whose VC-JWT verifies with
 * jose against the key the gateway publishes); the admin revokes it with a reason and the mentee sees it revoked;
 * the French pages of both apps. Every page: screenshot, no serious/critical axe violation, no sideways scroll.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createRemoteJWKSet, jwtVerify } from 'jose';
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
  serveAdminApp,
  signIn as staffSignIn,
  SKIP_REASON,
  type AdminServer,
} from '../admin/harness';
import { ADMIN_PASSWORD, adminEnv, buildWorld, call, PASSWORD, type World } from '../support/world';
import { buildWebApp, checkPage } from './harness';

const SERVICES = [identity, matching, relationships, reporting];
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@credentials-web.test`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const E = 'errors { field code message }';

let database: { url: string; drop(): Promise<void> };
let stack: Stack;
let world: World;
let web: AdminServer;
let admin: AdminServer;
let browser: Browser;
const dirs: Array<string | undefined> = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  database = await isolatedDatabase(testDatabaseUrl(), SERVICES);
  stack = await startStack({
    databaseUrl: database.url,
    services: SERVICES,
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
  if (!hasChromium) return;
  const webDir = buildWebApp();
  const adminDir = buildAdminApp();
  dirs.push(webDir, adminDir);
  web = await serveAdminApp(webDir, stack.gateway.url);
  admin = await serveAdminApp(adminDir, stack.gateway.url);
  browser = await launchBrowser();
}, 400_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await web?.stop();
  await admin?.stop();
  await stack?.stop();
  await database?.drop();
  for (const d of dirs) removeDir(d);
});

async function newPage(viewport: { width: number; height: number }, locale = 'en-CA'): Promise<Page> {
  const context = await browser.newContext({ viewport, locale, timezoneId: 'America/Toronto', acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function memberPage(locale = 'en-CA'): Promise<Page> {
  const page = await newPage(PHONE, locale);
  await page.goto(`${web.url}/sign-in`);
  await page.locator('input[type=email]').fill(world.mentee.email);
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.locator('nav').first().waitFor();
  await page.goto(`${web.url}/evidence#credentials`);
  return page;
}

describe.skipIf(!hasChromium)('credentials in the apps', { timeout: 180_000 }, () => {
  it('should let the member ask for a credential at 390 px, and staff see who asks and why', async () => {
    const phone = await memberPage();
    const ask = phone.getByRole('list', { name: 'Ask for a credential' }).getByRole('listitem');
    await expect.poll(() => ask.count()).toBe(1);
    await ask.getByText('1 h, 1 meeting').waitFor();
    await ask.getByRole('button', { name: 'Ask for a credential' }).click();
    await ask.getByLabel('Note for your programme (optional)').fill('For the Order’s CPD review in March.');
    await checkPage(phone, '390-credential-request-form');
    await ask.getByRole('button', { name: 'Send the request' }).click();
    await ask
      .getByRole('status')
      .getByText(/^Asked on .+: your programme has not answered yet\.$/)
      .waitFor();
    await checkPage(phone, '390-credential-requested');

    const desk = await newPage(DESKTOP);
    await staffSignIn(desk, admin.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await desk.goto(`${admin.url}/relationships/${world.relationshipId}`);
    const requests = desk.getByRole('region', { name: /1 request for a credential/ });
    await requests.getByText('For the Order’s CPD review in March.').waitFor();
    await requests.getByRole('form', { name: 'Decline the request of Mentee One' }).waitFor();
    await checkPage(desk, '1280-admin-credential-request');
    await desk.close();
  });

  it('should let staff issue, the member download at 390 px, and staff revoke with a reason', async () => {
    const desk = await newPage(DESKTOP);
    await staffSignIn(desk, admin.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await desk.goto(`${admin.url}/relationships/${world.relationshipId}`);
    await desk.getByRole('heading', { name: 'Open Badges credentials' }).waitFor();
    await desk.getByText('No credential issued for this relationship.').waitFor();
    await desk.getByRole('button', { name: 'Issue credentials to both partners' }).click();
    await desk.getByRole('status').getByText('2 credentials issued.').waitFor();
    // issuing answered the mentee's request
    await desk.getByRole('region', { name: /request for a credential/ }).waitFor({ state: 'detached' });
    await desk.getByRole('form', { name: 'Revoke the credential of Mentee One' }).waitFor();
    await checkPage(desk, '1280-admin-credentials-issued');

    const phone = await memberPage();
    const section = phone.locator('#credentials');
    await section.getByRole('heading', { name: 'Credentials' }).waitFor();
    const item = section.locator('li', { hasText: 'Mentee, ' });
    await item.getByText('Valid', { exact: true }).waitFor();
    await checkPage(phone, '390-evidence-credentials');
    const [download] = await Promise.all([
      phone.waitForEvent('download'),
      item.getByRole('button', { name: 'Download (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^open-badge-.+\.json$/);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { type: string; id: string };
    expect(file.type).toBe('EnvelopedVerifiableCredential');
    const jwt = file.id.replace(/^data:application\/vc\+jwt,/, '');
    const jwks = createRemoteJWKSet(new URL(`/issuers/${world.orgA}/jwks.json`, new URL(stack.gateway.url).origin));
    const { payload } = await jwtVerify(jwt, jwks, { typ: 'vc+jwt' });
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      credentialSubject: { role: 'Mentee', id: `urn:uuid:${world.mentee.userId}` },
    });
    await section
      .getByRole('status')
      .getByText(/^Downloaded: open-badge-/)
      .waitFor();

    // a revocation needs a reason; then the member sees it revoked, with the reason
    const form = desk.getByRole('form', { name: 'Revoke the credential of Mentee One' });
    await form.getByRole('button', { name: 'Revoke' }).click();
    await form.getByText('A reason is required.').waitFor();
    await form.getByLabel('Reason for revoking').fill('Issued before the audit outcome.');
    await form.getByRole('button', { name: 'Revoke' }).click();
    await desk.getByText(/^Revoked on .+: Issued before the audit outcome\.$/).waitFor();
    await checkPage(desk, '1280-admin-credentials-revoked');

    await phone.reload();
    const revoked = phone.locator('#credentials li', { hasText: 'Mentee, ' });
    await revoked.getByText('Revoked', { exact: true }).waitFor();
    await revoked.getByText(/Issued before the audit outcome\./).waitFor();
    await checkPage(phone, '390-evidence-credential-revoked');
  });

  it('should speak French in both apps', async () => {
    await call(stack, `mutation { setLanguage(language: FR_CA) { ${E} } }`, {}, world.mentee.token);
    const phone = await memberPage('fr-CA');
    await phone.locator('#credentials').getByRole('heading', { name: 'Attestations' }).waitFor();
    await phone.locator('#credentials').getByRole('button', { name: 'Télécharger (JSON)' }).waitFor();
    await checkPage(phone, '390-evidence-credentials-fr');

    await call(stack, `mutation { setLanguage(language: FR_CA) { ${E} } }`, {}, world.admin.token);
    const desk = await newPage(PHONE);
    await staffSignIn(desk, admin.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await desk.goto(`${admin.url}/relationships/${world.relationshipId}`);
    await desk.getByRole('button', { name: 'Délivrer les attestations aux deux partenaires' }).waitFor();
    await checkPage(desk, '390-admin-credentials-fr');
  });
});

if (!hasChromium) describe.skip(SKIP_REASON, () => it('needs Chromium', () => undefined));
