/**
 * Single sign-on in the admin app, in Chromium at 390 px (issue 23): an ADMIN sets an organisation's provider
 * on Organisations › Single sign-on (the secret is never shown back), then a new coach of that organisation
 * signs in with "Sign in with your organisation": email, the provider (oauth2-mock-server started here), back to
 * the app's callback page, signed in with the role their group (in the claim the ADMIN named) maps to. Nothing scrolls sideways; axe passes.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { OAuth2Server, type MutableToken } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { isolatedDatabase, Stack } from '@tandem/testkit';
import { newOrganization, startWebhookStack } from '../support/webhooks';
import { ADMIN_PASSWORD, type Person } from '../support/world';
import { axeViolations, overflowPx } from '../web/harness';
import {
  buildAdminApp,
  hasChromium,
  launchBrowser,
  removeDir,
  screenshot,
  serveAdminApp,
  signIn,
  type AdminServer,
} from './harness';

const ADMIN_EMAIL = `root.${randomUUID().slice(0, 8)}@sso-page.test`;
const DOMAIN = `sso-page-${randomUUID().slice(0, 6)}.test`;
const CLIENT_SECRET = `secret-${randomUUID()}`;
const provider = new OAuth2Server();
let claims: Record<string, unknown> = {};
let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let admin: Person;
let orgName: string;
let orgId: string;
let outDir: string | undefined;
let server: AdminServer;
let browser: Browser;

/** A free local port: the admin app is served there, and identity's redirect URI names it. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  provider.service.on('beforeTokenSigning', (token: MutableToken) => Object.assign(token.payload, claims));
  const port = await freePort();
  ({ database, stack, admin } = await startWebhookStack(ADMIN_EMAIL, {
    OIDC_ALLOW_HTTP_ISSUERS: 'true',
    ADMIN_APP_URL: `http://127.0.0.1:${port}`,
  }));
  ({ id: orgId, name: orgName } = await newOrganization(stack, admin.token, 'Sigma SSO'));
  if (!hasChromium) return;
  outDir = buildAdminApp();
  server = await serveAdminApp(outDir, stack.gateway.url, port);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await stack?.stop();
  await database?.drop();
  await provider.stop();
  removeDir(outDir);
});

describe.skipIf(!hasChromium)('single sign-on in the admin app', { timeout: 90_000 }, () => {
  it('should let an ADMIN set the provider and a new coach sign in with their organisation, at 390 px', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`${server.url}/organisations`);
    await page.getByRole('link', { name: `Single sign-on of ${orgName}` }).click();
    await page.getByRole('heading', { name: `Single sign-on: ${orgName}`, level: 1 }).waitFor();
    await page.getByLabel('Issuer URL').fill(provider.issuer.url!);
    // (oauth2-mock-server takes the client id of client_secret_basic without form-decoding it, as RFC 6749
    // 2.3.1 asks: an id with a character openid-client escapes, like '-', would come back as the wrong audience)
    await page.getByLabel('Client id').fill('tandemadmin');
    await page.getByLabel('Client secret').fill(CLIENT_SECRET);
    await page.getByLabel('Email domains').fill(DOMAIN);
    await page.getByLabel('Group', { exact: true }).fill('tandem-coaches');
    await page.getByRole('group', { name: 'Mapping 1' }).getByLabel('Coach').check();
    // the groups claim: `groups` unless named; a name with a space is refused next to its field, nothing saved
    const groupsClaim = page.getByLabel('Groups claim');
    expect(await groupsClaim.inputValue()).toBe('groups');
    await groupsClaim.fill('my groups');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Give the claim’s name as the provider sends it').waitFor();
    expect(await groupsClaim.getAttribute('aria-invalid')).toBe('true');
    expect(await stack.sql(`SELECT 1 FROM identity.organization_sso WHERE organization_id = $1`, [orgId])).toEqual([]);
    await groupsClaim.fill('tandem_groups');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. The client secret is stored sealed').waitFor();
    expect(await page.getByLabel('Groups claim').inputValue()).toBe('tandem_groups');
    await page.getByText('Redirect URI to register at the provider').waitFor();
    expect(await page.getByLabel('Client secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(CLIENT_SECRET);
    await page.getByText('A secret is stored.').waitFor();
    expect(await overflowPx(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-single-sign-on-settings-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await overflowPx(page)).toBe(0);
    await screenshot(page, 'admin-single-sign-on-settings-desktop');
    await context.close();

    // a person of the organisation's domain, new to Tandem, in the provider's coaches group (in the named claim)
    const email = `coach.${randomUUID().slice(0, 6)}@${DOMAIN}`;
    claims = { email, email_verified: true, name: 'Casey Provider', tandem_groups: ['tandem-coaches'] };
    const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const coachPage = await visitor.newPage();
    coachPage.setDefaultTimeout(15_000);
    await coachPage.goto(`${server.url}/sign-in`);
    await coachPage.getByRole('link', { name: 'Sign in with your organisation' }).click();
    await coachPage.getByRole('heading', { name: 'Sign in with your organisation', level: 1 }).waitFor();
    expect(await overflowPx(coachPage)).toBe(0);
    expect(await axeViolations(coachPage)).toEqual([]);
    await screenshot(coachPage, 'admin-sign-in-with-organisation-390');
    await coachPage.getByLabel('Work email').fill(email);
    await coachPage.getByRole('button', { name: 'Continue' }).click();
    // to the provider and back to the app's callback page, then signed in
    await coachPage.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(new URL(coachPage.url()).origin).toBe(server.url);
    await coachPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Caseload' }).waitFor();
    await screenshot(coachPage, 'admin-signed-in-with-organisation-390');
    const [account] = await stack.sql<{ roles: string[]; organizationId: string }>(
      `SELECT roles, organization_id AS "organizationId" FROM identity."user" WHERE email = $1`,
      [email],
    );
    expect(account).toEqual({ roles: ['COACH'], organizationId: orgId });

    // an unknown domain is told so next to the field
    await coachPage.getByRole('button', { name: 'Sign out' }).click();
    await coachPage.goto(`${server.url}/sign-in/with-organisation`);
    await coachPage.getByLabel('Work email').fill('someone@elsewhere.test');
    await coachPage.getByRole('button', { name: 'Continue' }).click();
    await coachPage.getByText('No organisation signs in people of this address’s domain').waitFor();
    await visitor.close();
  });
});
