/**
 * The admin app's API keys page in Chromium (issue 23), served against a gateway that requires trusted documents
 * (so every screen of the sign-in and of this page runs on the app's manifest alone): at 390 px in English an admin
 * creates a key (the name is required), sees it once, the key reads through the gateway and its last use shows;
 * at desktop width in French the key is revoked after a confirmation and is refused from then on. Nothing scrolls
 * sideways; no serious or critical axe violation.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningGateway } from '@tandem/gateway';
import type { isolatedDatabase, Stack } from '@tandem/testkit';
import { send, startReplica } from '../support/gateways';
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

const ADMIN_EMAIL = `root.${randomUUID().slice(0, 8)}@keys-page.test`;
let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let admin: Person;
let strict: RunningGateway;
let orgName: string;
let outDir: string | undefined;
let server: AdminServer;
let browser: Browser;
let key = '';

beforeAll(async () => {
  ({ database, stack, admin } = await startWebhookStack(ADMIN_EMAIL));
  ({ name: orgName } = await newOrganization(stack, admin.token, 'Zeta Keys'));
  strict = await startReplica(stack, { TRUSTED_DOCUMENTS: 'require' });
  if (!hasChromium) return;
  outDir = buildAdminApp();
  server = await serveAdminApp(outDir, strict.url);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await strict?.stop();
  await stack?.stop();
  await database?.drop();
  removeDir(outDir);
});

const readWith = (k: string) => send(strict.url, { query: '{ organizations { id } }' }, k);

describe.skipIf(!hasChromium)('the API keys page', { timeout: 120_000 }, () => {
  it('should create a key shown once whose use then shows, at 390 px in English', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByLabel('Organisation').selectOption({ label: orgName });
    await page.getByText('No key yet.').waitFor();

    const form = page.getByRole('form', { name: 'New key' });
    await form.getByRole('button', { name: 'Create key' }).click();
    await form.getByText('The name is required.').waitFor();
    await form.getByLabel('What it is for').fill('HR reporting');
    await form.getByLabel('Requests per minute (1 to 6000)').fill('30');
    await form.getByRole('button', { name: 'Create key' }).click();
    key = (await page.getByTestId('api-key').textContent())!.trim();
    expect(key).toMatch(/^tdk_[A-Za-z0-9_-]{43}$/);
    await screenshot(page, 'api-keys-created-390');
    expect(await overflowPx(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'I have saved the key' }).click();
    expect(await page.getByTestId('api-key').count()).toBe(0);

    const card = page.getByRole('listitem', { name: 'API key HR reporting' });
    await card.getByText('Never used').waitFor();
    expect(await card.textContent()).toContain(`${key.slice(0, 12)}…`);
    expect(await card.textContent()).toContain('30 requests per minute');
    expect(await card.textContent()).not.toContain(key);

    // the key reads through the gateway (an ad hoc query, which the page's own client could not send here)
    const read = await readWith(key);
    expect(read.status).toBe(200);
    await page.reload();
    await page.getByLabel('Organisation').selectOption({ label: orgName });
    await page
      .getByRole('listitem', { name: 'API key HR reporting' })
      .getByText('Last used', { exact: false })
      .waitFor();
    await screenshot(page, 'api-keys-list-390');
    expect(await overflowPx(page)).toBe(0);
    await context.close();
  });

  it('should revoke the key after a confirmation, at desktop width in French, and the key is refused', async () => {
    expect(key).not.toBe('');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('banner').getByLabel('Language').selectOption('fr-CA');
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Clés d’API' }).click();
    await page.getByRole('heading', { name: 'Clés d’API', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');
    await page.getByLabel('Organisme').selectOption({ label: orgName });
    const card = page.getByRole('listitem', { name: 'Clé d’API HR reporting' });
    await card.getByText('30 requêtes par minute').waitFor();
    await card.getByRole('button', { name: 'Révoquer' }).click();
    await card.getByText('Révoquer cette clé', { exact: false }).waitFor();
    await screenshot(page, 'api-keys-revoke-desktop-fr');
    expect(await axeViolations(page)).toEqual([]);
    await card.getByRole('button', { name: 'Révoquer la clé' }).click();
    await expect.poll(() => card.locator('.badge').first().textContent(), { timeout: 10_000 }).toBe('révoquée');
    await card.getByText('Révoquée le', { exact: false }).waitFor();
    expect(await overflowPx(page)).toBe(0);
    await screenshot(page, 'api-keys-revoked-desktop-fr');

    const refused = await readWith(key);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await context.close();
  });
});
