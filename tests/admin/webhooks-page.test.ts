/**
 * The admin app's Webhooks page in Chromium at 390 px (issue 23): an admin creates an endpoint on a local
 * receiver and sees its secret once, the secret verifies the delivery that follows, recent deliveries show
 * their status and can be replayed, the endpoint is disabled and enabled; nothing scrolls sideways. The link of a
 * disabled endpoint's notice opens the page on that endpoint, its organisation chosen.
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, type isolatedDatabase, type Stack } from '@tandem/testkit';
import { newOrganization, Receiver, startWebhookStack } from '../support/webhooks';
import { ADMIN_PASSWORD, call, register, type Person } from '../support/world';
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

const ADMIN_EMAIL = `root.${randomUUID().slice(0, 8)}@webhooks-page.test`;
const E = 'errors { field code message }';
const receiver = new Receiver();
let stack: Stack;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let admin: Person;
let orgName: string;
let orgId: string;
let programmeId: string;
let outDir: string | undefined;
let server: AdminServer;
let browser: Browser;

beforeAll(async () => {
  await receiver.start();
  ({ database, stack, admin } = await startWebhookStack(ADMIN_EMAIL));
  ({ id: orgId, name: orgName } = await newOrganization(stack, admin.token, 'Zeta Webhooks'));
  programmeId = (
    await call(
      stack,
      `mutation ($input: ProgrammeInput!) { createProgramme(input: $input) { ${E} programme { id } } }`,
      {
        input: {
          name: `Webhooks page ${randomUUID().slice(0, 6)}`,
          organizationIds: [orgId],
          terms: { targetHours: 3, durationWeeks: 26, minMeetings: 3 },
          cpdCategory: 'Peer interaction',
        },
      },
      admin.token,
    )
  ).createProgramme.programme.id;
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
  await receiver.stop();
  removeDir(outDir);
});

describe.skipIf(!hasChromium)('the Webhooks page', { timeout: 90_000 }, () => {
  it('should create an endpoint with its secret shown once, list deliveries, replay one and disable it, at 390 px', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByLabel('Organisation').selectOption({ label: orgName });
    await page.getByText('No endpoint yet.').waitFor();

    // no event chosen: the error sits by the events
    const form = page.getByRole('form', { name: 'New endpoint' });
    await form.getByLabel('URL (https)').fill(`${receiver.url}/crm`);
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    await form.getByText('Choose at least one event.').waitFor();
    await form.getByLabel('Person joined a programme').check();
    await form.getByLabel('What it is for').fill('Our CRM');
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'webhooks-secret-390');
    expect(await overflowPx(page)).toBe(0);
    await page.getByRole('button', { name: 'I have saved the secret' }).click();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);

    // the secret shown is the one that signs
    const mentee = await register(stack, 'Page Mentee', ['MENTEE'], orgId);
    await call(
      stack,
      `mutation ($input: EnrollInput!) { enrolInProgramme(input: $input) { ${E} } }`,
      { input: { programmeId, userId: mentee.userId, role: 'MENTEE' } },
      admin.token,
    );
    await eventually(() => expect(receiver.at('/crm')).toHaveLength(1), 15_000);
    const [delivered] = receiver.at('/crm');
    expect(new Webhook(secret).verify(delivered.body, delivered.headers)).toMatchObject({ type: 'programme.enrolled' });

    const card = page.getByRole('listitem', { name: `Endpoint ${receiver.url}/crm` });
    await card.getByRole('button', { name: 'Recent deliveries' }).click();
    const deliveries = card.getByRole('listitem');
    /** The newest delivery's text, after a refresh of the list. */
    const newest = async () => {
      await card.getByRole('button', { name: 'Refresh' }).click();
      return (await deliveries.first().textContent()) ?? '';
    };
    await expect.poll(newest, { timeout: 10_000 }).toContain('succeeded');
    expect(await deliveries.first().textContent()).toContain('HTTP 200');
    await deliveries.first().getByRole('button', { name: 'Replay' }).click();
    await eventually(() => expect(receiver.at('/crm')).toHaveLength(2), 10_000);
    expect(receiver.at('/crm')[1].headers['webhook-id']).toBe(delivered.headers['webhook-id']);
    await expect.poll(() => deliveries.count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(newest, { timeout: 10_000 }).toMatch(/succeeded.*replay/);
    await screenshot(page, 'webhooks-deliveries-390');
    expect(await overflowPx(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Disable' }).click();
    await card.getByText('Disabled', { exact: false }).first().waitFor();
    expect(await card.locator('.badge').first().textContent()).toBe('disabled');
    await card.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => card.locator('.badge').first().textContent(), { timeout: 10_000 }).toBe('enabled');
    await context.close();
  });

  it("should open a disabled endpoint's notice link on that endpoint, its organisation chosen", async () => {
    const [endpoint] = (
      await call(
        stack,
        `query ($o: ID!) { webhookEndpoints(organizationId: $o) { id url } }`,
        { o: orgId },
        admin.token,
      )
    ).webhookEndpoints as Array<{ id: string; url: string }>;
    // an organisation listed before it, which the page would choose without the link
    await newOrganization(stack, admin.token, 'Alpha Webhooks');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    // the path identity stores for WEBHOOK_ENDPOINT_DISABLED (adminLinks.webhookEndpoint)
    await page.goto(`${server.url}/webhooks?organisation=${orgId}#endpoint-${endpoint.id}`);
    await page.getByRole('listitem', { name: `Endpoint ${endpoint.url}` }).waitFor();
    expect(await page.getByLabel('Organisation').inputValue()).toBe(orgId);
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe(`endpoint-${endpoint.id}`);
    await context.close();
  });
});
